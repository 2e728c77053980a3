"""How a URL finds its page: modeltranslation's routing, without loading every child on the way.

wagtail-modeltranslation replaces `route` on every page model, so that each language follows its
own slugs, with a version that loads all the children of each page on the path and compares
their slugs in Python: a workshop's URL loaded every workshop of the index, and cost more as the
index grew. `route` below finds the child with one query on the slug of the active language (or
of the languages modeltranslation falls back to, where that one is empty), in the same order
(the tree's). The site's root page also keeps, per content generation, which page a path leads
to (`route_from_root`): any write to the content may move a page or change a slug, and starts a
new generation. A known path then costs one query for its page, whatever its depth; the page's
own routes (a workshop's `register/`) and the live checks are resolved as before.
"""

import hashlib
import re

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Q
from django.http import Http404
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname, resolution_order
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.url_routing import RouteResult

from documents.generation import current_generation

# What Wagtail accepts as a slug (letters of any script, digits, "-" and "_"), within its column.
SLUG = re.compile(r"[-\w]{1,255}")
# An entry of an older generation is never read again; this only frees its memory.
TIMEOUT = 24 * 60 * 60


def route(self, request, path_components):
    """The page (and its route's view) at `path_components` below `self`; raises Http404."""
    if isinstance(self, RoutablePageMixin) and self.live:
        path = "/" + "".join(f"{component}/" for component in path_components)
        try:
            view, args, kwargs = self.resolve_subpage(path)
        except Http404:
            pass
        else:
            return RouteResult(self, args=(view, args, kwargs))
    if path_components:
        child = child_by_slug(self, path_components[0])
        if child is None:
            raise Http404
        return child.specific.route(request, path_components[1:])
    if self.live:
        return RouteResult(self)
    raise Http404


def child_by_slug(page, slug):
    """The first child (in the tree's order) whose slug, as the active language reads it, is
    `slug`: its own language's, or the first fallback's where those before are empty."""
    if not SLUG.fullmatch(slug):
        return None  # no page has it; and PostgreSQL refuses a NUL byte in a query
    language = translation.get_language()
    matches, empty_so_far = Q(pk__in=[]), Q()
    for code in resolution_order(language):
        field = build_localized_fieldname("slug", code)
        matches |= empty_so_far & Q(**{field: slug})
        empty_so_far &= Q(**{field: ""}) | Q(**{f"{field}__isnull": True})
    return page.get_children().filter(matches).order_by("path").first()


def route_from_root(self, request, path_components):
    """`route` from the site's root page, starting from the deepest page of the path known.

    The keys are the pages' own paths (a route's arguments are not part of them), so that their
    number is that of the pages, whatever URLs are asked for; one cache round trip reads them all.
    """
    generation = current_generation()
    if not path_components or generation is None:
        return route(self, request, path_components)
    language = translation.get_language()
    keys = [
        _key(generation, self.pk, language, path_components[:depth])
        for depth in range(len(path_components), 0, -1)
    ]
    found = cache.get_many(keys)
    for key in keys:
        if key in found:
            content_type_id, pk, depth = found[key]
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            page = model.objects.filter(pk=pk).first()
            if page is not None:  # unless deleted since, within this generation
                return page.route(request, path_components[depth:])
            break
    result = route(self, request, path_components)
    page = result[0]
    depth = page.depth - self.depth
    if depth:
        cache.set(
            _key(generation, self.pk, language, path_components[:depth]),
            (page.content_type_id, page.pk, depth),
            TIMEOUT,
        )
    return result


def _key(generation, root_pk, language, components):
    path = hashlib.sha256("/".join(components).encode()).hexdigest()
    return f"route:v1:{generation}:{root_pk}:{language}:{path}"


def use_for(page_models, root_models):
    """Set these routes on the page models, in place of modeltranslation's."""
    for model in page_models:
        model.route = route_from_root if model in root_models else route
