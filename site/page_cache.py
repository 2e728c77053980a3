"""Anonymous page views served from the shared cache, invalidated by any change they may show.

Only a visitor without a session (nobody logged in, no message waiting, no form draft) gets or
fills the cache, and only with a Wagtail page (or one of its routes: agenda PDF, feeds, .ics)
that set no cookie: a page with a form sets the CSRF cookie and is never stored, so no one
receives another visitor's token, and a logged-in user's page is never stored at all.

Invalidation is by generation: every key carries the current generation number, kept in the
cache itself, and any write to the content models (pages, workshops and their registrations —
the seats left —, the registry, protocols, recommendations, documents, images) bumps it. All
app servers share it through Redis, so a publish through one is seen through all at once; an
entry of an older generation is never read again and expires. Without a reachable cache, every
request is served fresh.

A write made while this server cannot reach the cache (Redis down, or only this server cut off
from it) cannot bump the generation, and the pages cached before it would be served again, by
other servers or once Redis is back. The bump is then queued as a task (`invalidate_later`),
which the worker tries every 15 seconds until the cache answers (for a day at most); one such
task waits at a time.
"""

import datetime
import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django_tasks import TaskResultStatus, task

from documents.tasks_recovery import GIVE_UP_AFTER, can_wait, enqueue_later

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
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
NOT_CONTENT = {("stakeholders", "user"), ("wagtailcore", "pagesubscription")}
SERVE_VIEWS = {"wagtail_serve", "wagtail_serve_file"}
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
)


def bump_generation(**kwargs):
    """A signal receiver: the content changed, so no page cached before is served again."""
    sender = kwargs.get("sender")
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label not in CONTENT_APPS:
        return
    if (meta.app_label, meta.model_name) in NOT_CONTENT:
        return
    if not invalidate():
        transaction.on_commit(_queue_invalidation, robust=True)


def invalidate():
    """No page cached before now is served again (on every app server).

    Returns False when the cache could not be reached.
    """
    try:
        # amem.cache.ResilientRedisCache answers 0 when Redis is unreachable.
        return bool(cache.incr(GENERATION_KEY))
    except ValueError:  # no generation yet, or evicted
        cache.set(GENERATION_KEY, _fresh_generation(), timeout=None)
        return cache.get(GENERATION_KEY) is not None


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


def _fresh_generation():
    """A first generation above any before it, should the counter be evicted or Redis restart."""
    return time.time_ns() // 1000


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(bump_generation, dispatch_uid=f"page-cache-{signal!r}")


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.AMEM_PAGE_CACHE:
            return self.get_response(request)
        if not self._anonymous_read(request):
            response = self.get_response(request)
            if request.path.startswith(LANGUAGE_PREFIXES) and "Cache-Control" not in response:
                # A page seen with a session may hold that person's data.
                patch_cache_control(response, private=True, no_cache=True)
            return response
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
            generation = cache.get(GENERATION_KEY)
        key = self._key(request, generation) if generation is not None else None
        if key is not None:
            stored = cache.get(key)
            if stored is not None:
                return self._hit(*stored)
        response = self.get_response(request)
        if key is not None and self._storable(request, response):
            headers = {name: response[name] for name in KEPT_HEADERS if name in response}
            cache.set(
                key,
                (response.status_code, headers, response.content),
                settings.AMEM_PAGE_CACHE_SECONDS,
            )
            response["X-Cache"] = "miss"
            # Browsers and proxies revalidate every time: seats left must never be stale.
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        elif "Cache-Control" not in response:
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
    def _key(request, generation):
        url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        return f"page-cache:{generation}:{hashlib.sha256(url.encode()).hexdigest()}"

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
        )

    @staticmethod
    def _hit(status, headers, content):
        response = HttpResponse(content, status=status)
        for name, value in headers.items():
            response[name] = value
        response["X-Cache"] = "hit"
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        return response
