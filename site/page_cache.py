"""Anonymous page views served from the shared cache, invalidated by any change they may show.

Only a visitor without a session (nobody logged in, no message waiting, no form draft) gets or
fills the cache, and only with a Wagtail page (or one of its routes: agenda PDF, feeds, .ics)
that set no cookie: a page with a form sets the CSRF cookie and is never stored, so no one
receives another visitor's token, and a logged-in user's page is never stored at all.

Invalidation is by generation: every entry carries the generation number it was rendered
under, kept in the cache itself, and any write to the content models (pages, workshops, the
registry, protocols, recommendations, documents, images) bumps it. All app servers share it
through Redis, so a publish through one is seen through all at once; an entry of an older
generation is never served again. A workshop's page also carries the version of that workshop's
registrations (`documents.generation.depends_on`): a registration bumps that version only, so
that the seats left are never stale while a registration rush leaves every other page cached.
Without a reachable cache, every request is served fresh.

A hit costs one round trip to Redis, made before anything else of the request (no session, no
URL resolution): the generation and the entry together, or, for a page this process served
already and keeps a copy of (the last AMEM_PAGE_CACHE_LOCAL_ENTRIES), the versions alone. Every
entry expires after AMEM_PAGE_CACHE_SECONDS, the process's copy with it: what a page shows also
changes with time.

A write made while this server cannot reach the cache (Redis down, or only this server cut off
from it) cannot bump the generation, and the pages cached before it would be served again, by
other servers or once Redis is back. The bump is then queued as a task (`invalidate_later`),
which the worker tries every 15 seconds until the cache answers (for a day at most); one such
task waits at a time.

The key is the host, the path and the query string the page reads, never the one it was sent:
otherwise `?utm=<anything>` adds an entry (and a render) per request. Each page class declares
the query parameters its view reads in `cache_parameters` (a routable page, a dict from route name
to those of each route; Wagtail names the page's own view "index_route"). Before a page view, the
query string is normalised: parameters no page reads are removed, each remaining one keeps its
last value (the one `request.GET.get()` returns) and is dropped when empty (every reader treats
it as absent), and they are sorted. The view then runs on that normalised request (its
`request.GET` and `QUERY_STRING` are replaced), so what it renders depends on nothing the key
leaves out, links built from `get_full_path()` included; `?b=2&a=1`, `?a=1&b=2&utm=x` and
`?a=&a=1&b=2` share one entry. A response is stored only when every parameter left is one its own
route reads: `/le-projet/?page=7` is served fresh each time rather than kept beside
`/le-projet/` for nothing. The normalisation applies only to page views seen anonymously (the
ones the cache may serve); other routes (allauth's `next`, search) get their query untouched.
"""

import datetime
import functools
import hashlib
import logging
import threading
import time
from collections import OrderedDict
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.encoding import escape_uri_path, iri_to_uri
from django.utils.http import urlencode
from django_tasks import TaskResultStatus, task

from documents.generation import (
    GENERATION_KEY,
    bump_dependency,
    current_generation,
    fresh_generation,
    seen,
)
from documents.tasks_recovery import GIVE_UP_AFTER, can_wait, enqueue_later

logger = logging.getLogger(__name__)

# Where the site's content lives; a write elsewhere (sessions, task results, login times,
# allauth's addresses and authenticators) changes no page.
CONTENT_APPS = {
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
    "taggit",
    "home",
    "events",
    "stakeholders",
    "documents",
}
NOT_CONTENT = {
    ("stakeholders", "user"),
    ("wagtailcore", "pagesubscription"),
    # No page shows them: staff's print jobs, which emails went out, imports awaiting a check.
    ("events", "documentjob"),
    ("documents", "emaildelivery"),
    ("stakeholders", "importpreview"),
}
# What only its workshop's page shows (the seats left, the list of participants): a change makes
# that page fresh (documents.generation.depends_on), not every page of the site, so that a
# registration rush leaves the other pages cached.
WORKSHOP_SCOPED = {("events", "registration"), ("events", "attendance"), ("events", "invitation")}
SERVE_VIEWS = {"wagtail_serve", "wagtail_serve_file"}
# The name Wagtail's RoutablePageMixin gives a page's own view.
PAGE_VIEW = "index_route"
LANGUAGE_PREFIXES = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
# The headers of the first response that a hit repeats; the middlewares above this one (security
# headers) add theirs to hits and misses alike.
KEPT_HEADERS = (
    "Content-Type",
    "Content-Disposition",
    "Content-Language",
    "Link",
    "Vary",
    "X-Frame-Options",
    "Content-Security-Policy",
    "Permissions-Policy",
)


def bump_generation(**kwargs):
    """A signal receiver: the content changed, so no page cached before is served again."""
    sender = kwargs.get("sender")
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label not in CONTENT_APPS:
        return
    label = (meta.app_label, meta.model_name)
    if label in NOT_CONTENT:
        return
    event_id = getattr(kwargs.get("instance"), "event_id", None)
    if label in WORKSHOP_SCOPED and event_id is not None:
        bump = partial(bump_dependency, "workshop", event_id)
    else:
        bump = invalidate
    if not bump():
        transaction.on_commit(_queue_invalidation, robust=True)
    elif connection.in_atomic_block:
        # Again once the write is visible: a page rendered between the first bump and the
        # commit read the content as it was, and was stored under the new version.
        transaction.on_commit(bump, robust=True)


def invalidate():
    """No page cached before now is served again (on every app server).

    Returns False when the cache could not be reached.
    """
    try:
        # amem.cache.ResilientRedisCache answers 0 when Redis is unreachable.
        generation = cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet, or evicted
        cache.set(GENERATION_KEY, fresh_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    if not generation:
        return False
    seen(generation)  # what this request shows after its write is of the new generation
    return True


# Between two tries of a bump that could not reach the cache.
RETRY_DELAY = datetime.timedelta(seconds=15)


@task()
def invalidate_later(attempt=0):
    """The bump of a write made while the cache was unreachable, tried until it answers."""
    if invalidate():
        return "invalidated"
    if RETRY_DELAY * attempt > GIVE_UP_AFTER:
        logger.error(
            "page cache unreachable since %s: invalidation given up", RETRY_DELAY * attempt
        )
        return "given up"
    enqueue_later(invalidate_later, RETRY_DELAY, (), {"attempt": attempt + 1})
    return f"retrying in {RETRY_DELAY}"


def _queue_invalidation():
    if not can_wait(invalidate_later):
        logger.warning("page cache unreachable: pages cached before this change may be served")
        return
    if _invalidation_waiting():
        return  # it runs after this write, so it covers it
    invalidate_later.enqueue()


def _invalidation_waiting():
    from django_tasks_db.models import DBTaskResult  # the model, once the apps are loaded

    return DBTaskResult.objects.filter(
        task_path=invalidate_later.module_path, status=TaskResultStatus.READY
    ).exists()


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(bump_generation, dispatch_uid=f"page-cache-{signal!r}")


def declared_parameters(page, route_name=None):
    """The query parameters that `page`'s view, or its route `route_name`, reads."""
    declared = getattr(page, "cache_parameters", ())
    if isinstance(declared, dict):
        return frozenset(declared.get(route_name or PAGE_VIEW, ()))
    return frozenset(declared) if route_name in (None, PAGE_VIEW) else frozenset()


@functools.cache
def known_parameters():
    """Every query parameter that some page or route reads; no page view sees any other."""
    from wagtail.models import get_page_models  # the models, once the apps are loaded

    names = set()
    for model in get_page_models():
        declared = getattr(model, "cache_parameters", ())
        for group in declared.values() if isinstance(declared, dict) else [declared]:
            names.update(group)
    return frozenset(names)


def normalised_query(query_string, names):
    """`query_string` with only `names`, each once with its last value, none empty, sorted."""
    params = QueryDict(query_string)
    # QueryDict's [] gives the last value, as .get() does: the one a view would read.
    kept = {name: params[name] for name in sorted(params.keys() & names)}
    return urlencode({name: value for name, value in kept.items() if value})


def _serves_a_page(request):
    """Whether the URL leads to Wagtail's page view (a page or one of its routes)."""
    code = request.path_info.split("/")[1]
    # The language prefix of i18n_patterns matches only in its own language, not active yet.
    with translation.override(code):
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return False
    return match.url_name in SERVE_VIEWS


def _fresh(entry, versions):
    """Whether a stored entry (generation, {dependency: version}, expiry, response…) is current.

    The expiry is the shared entry's, which this process's copy keeps too: what a page shows
    also changes with time (a workshop becomes past, signed image URLs expire).
    """
    generation, dependencies, expires = entry[0], entry[1], entry[2]
    return (
        versions.get(GENERATION_KEY) == generation
        and time.time() < expires
        and all(versions.get(name) == version for name, version in dependencies.items())
    )


class _LocalCopies:
    """The entries this process served last, in the order they were used (at most `size`)."""

    def __init__(self, size):
        self.size = size
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)


_copies = _LocalCopies(settings.AMEM_PAGE_CACHE_LOCAL_ENTRIES)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.AMEM_PAGE_CACHE:
            return self.get_response(request)
        if not self._anonymous_read(request):
            return self._uncached(request)
        query = request.META.get("QUERY_STRING", "")
        normalised = normalised_query(query, known_parameters()) if query else ""
        key = self._key(request, normalised)
        entry, generation = self._lookup(key)
        if entry is not None:
            return self._hit(*entry[3:])
        # A miss: only now find out whether the URL is a page's (the costly part of the check).
        if not _serves_a_page(request):
            return self._uncached(request)
        if normalised != query:
            request.META["QUERY_STRING"] = normalised
            request.GET = QueryDict(normalised)
        if generation is None:
            generation = current_generation()
        # Filled by the page as it renders (documents.generation.depends_on).
        request.page_cache_dependencies = {}
        response = self.get_response(request)
        dependencies = request.page_cache_dependencies
        if (
            generation is not None
            and None not in dependencies.values()
            and self._storable(request, response)
        ):
            headers = {name: response[name] for name in KEPT_HEADERS if name in response}
            cache.set(
                key,
                (
                    generation,
                    dependencies,
                    time.time() + settings.AMEM_PAGE_CACHE_SECONDS,
                    response.status_code,
                    headers,
                    response.content,
                ),
                settings.AMEM_PAGE_CACHE_SECONDS,
            )
            response["X-Cache"] = "miss"
            # Browsers and proxies revalidate every time: seats left must never be stale.
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        elif "Cache-Control" not in response:
            patch_cache_control(response, private=True, no_cache=True)
        return response

    @staticmethod
    def _lookup(key):
        """The entry to serve for `key`, if one is fresh, and the generation now.

        One round trip for a hit of a page this process served already: the versions it must
        carry, a few bytes, rather than the page itself, tens of kilobytes unpickled each time.
        """
        local = _copies.get(key)
        if local is not None:
            versions = cache.get_many([GENERATION_KEY, *local[1]])
            if _fresh(local, versions):
                seen(versions[GENERATION_KEY])
                return local, versions[GENERATION_KEY]
            stored = cache.get(key)
        else:
            versions = cache.get_many([GENERATION_KEY, key])
            stored = versions.pop(key, None)
        generation = versions.get(GENERATION_KEY)
        if generation is None:
            return None, None
        seen(generation)
        if stored is None or stored[0] != generation:
            return None, generation
        missing = [name for name in stored[1] if name not in versions]
        if missing:
            versions.update(cache.get_many(missing))
        if not _fresh(stored, versions):
            return None, generation
        _copies.put(key, stored)
        return stored, generation

    def _uncached(self, request):
        response = self.get_response(request)
        if request.path.startswith(LANGUAGE_PREFIXES) and "Cache-Control" not in response:
            # A page seen with a session may hold that person's data.
            patch_cache_control(response, private=True, no_cache=True)
        return response

    @staticmethod
    def _anonymous_read(request):
        return (
            request.method in ("GET", "HEAD")
            and request.path.startswith(LANGUAGE_PREFIXES)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
        )

    @staticmethod
    def _key(request, query):
        # The normalised query string, which is all the view will see. The generation is not
        # in the key but in the entry: a hit needs one round trip, and a page stored again
        # replaces its older copy instead of leaving it to expire.
        path = escape_uri_path(request.path) + (f"?{iri_to_uri(query)}" if query else "")
        url = f"{request.scheme}://{request.get_host()}{path}"
        return f"page-cache:{hashlib.sha256(url.encode()).hexdigest()}"

    @staticmethod
    def _storable(request, response):
        match = getattr(request, "resolver_match", None)
        return (
            match is not None
            and match.url_name in SERVE_VIEWS
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
            and request.GET.keys() <= PageCacheMiddleware._read_by_route(request, match)
        )

    @staticmethod
    def _read_by_route(request, match):
        """The query parameters that the page route which answered reads."""
        if not request.GET:
            return frozenset()
        from wagtail.contrib.routable_page.models import RoutablePageMixin
        from wagtail.models import Page

        # Wagtail's view found the route already: this reads it back from the request.
        route = Page.route_for_request(request, match.args[0] if match.args else "")
        if route is None:
            return frozenset()
        page = route[0]
        routed = getattr(request, "routable_resolver_match", None)
        name = routed.url_name if isinstance(page, RoutablePageMixin) and routed else None
        return declared_parameters(page, name)

    @staticmethod
    def _hit(status, headers, content):
        response = HttpResponse(content, status=status)
        for name, value in headers.items():
            response[name] = value
        response["X-Cache"] = "hit"
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        return response
