"""What every page shows of the whole site — the main menu's pages, the country links, the
footer's words — and which sections of the page tree are private, computed once per site,
language and content generation and kept in the cache.

Any write to the content bumps the generation (amem/page_cache.py), so a title published, a page
moved into the menu or a section made private is seen on the next request, on every app server.
What depends on the request stays per request: which menu item is current, the items other apps
add for the user (home/menu.py), the language switcher's links to the page shown. Without a
reachable cache, each request computes them afresh.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site

from documents.generation import current_generation

from .models import ContentPage, SiteFooter
from .vocabulary import Country

# An entry of an older generation is never read again; this only frees its memory.
TIMEOUT = 24 * 60 * 60
# In the keys: to change when what is kept changes shape, so that a deploy reads no entry that
# the code before it left (the generation does not change with the code).
VERSION = 1


@dataclass(frozen=True)
class MenuPage:
    """A page of the main menu, in one language."""

    pk: int
    path: str
    title: str
    url: str


@dataclass(frozen=True)
class CountryLink:
    code: str
    name: str
    url: str | None  # None: the country has no page yet


@dataclass(frozen=True)
class SiteParts:
    menu: tuple[MenuPage, ...]  # the home page, then its live children shown in menus
    countries: tuple[CountryLink, ...]
    partners_title: str
    partners_text: str


def site_parts(request):
    """The site-wide parts for the request's site, in the active language."""
    site = Site.find_for_request(request)  # kept on the request by Wagtail's page view
    language = translation.get_language() or settings.LANGUAGE_CODE
    # The header and the footer each ask: one cache read a request.
    kept = request.__dict__.setdefault("_amem_site_parts", {})
    if language not in kept:
        key = f"site-parts:{site.pk if site else 0}:{language}"
        kept[language] = _per_generation(key, lambda: _site_parts(request, site))
    return kept[language]


def private_q():
    """Pages in a private section (under a view restriction): Wagtail's `PageQuerySet.private_q`
    without its query of the restrictions on each call."""
    paths = private_sections()["paths"]
    if not paths:
        return Q(pk__in=[])  # no page matches
    q = Q()
    for path in paths:
        q |= Q(path__startswith=path)
    return q


def private_sections():
    """{"paths": the paths of the pages under a view restriction, "aliases": whether any page is
    an alias (whose restrictions are its original's, wherever that is)}."""
    return _per_generation("private-sections", _private_sections)


def _per_generation(key, compute):
    generation = current_generation()
    if generation is None:
        return compute()
    key = f"{key}:v{VERSION}:{generation}"
    value = cache.get(key)
    if value is None:
        # Computed under the generation read before: a write meanwhile leaves it unread.
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


def _site_parts(request, site):
    footer = SiteFooter.objects.filter(site=site).first() if site else None
    return SiteParts(
        menu=_menu(request, site),
        countries=_countries(request),
        partners_title=footer.partners_title if footer else "",
        partners_text=footer.partners_text if footer else "",
    )


def _menu(request, site):
    if site is None:
        return ()
    home = site.root_page
    # Titles and URLs are the base page's (translated) fields: no query for each page type.
    pages = [home, *home.get_children().live().in_menu()]
    return tuple(
        MenuPage(page.pk, page.path, page.title, page.get_url(request=request)) for page in pages
    )


def _countries(request):
    """The four countries, each with its page where one exists."""
    pages = {
        page.country: page
        for page in ContentPage.objects.live().exclude(country="").order_by("path")
    }
    return tuple(
        CountryLink(
            country.value,
            str(country.label),
            pages[country.value].get_url(request=request) if country.value in pages else None,
        )
        for country in Country
    )


def _private_sections():
    return {
        "paths": sorted(PageViewRestriction.objects.values_list("page__path", flat=True)),
        "aliases": Page.objects.filter(alias_of__isnull=False).exists(),
    }
