"""The content generation: a number in the shared cache that any write to the site's content
changes (amem/page_cache.py bumps it on every save or delete of a content model). What is derived
from the content and kept for later, cached pages and PDFs, carries it in its key: a change makes
every older entry unreachable at once, on every app server.

A web request reads it once: what a page shows (the site-wide parts, the private sections, the
cached page itself) is then of one generation, and a cache that does not answer costs its
timeout once a request, not once a lookup. A write during the request moves the request's copy
on with it (`seen()`).
"""

import time
from contextvars import ContextVar

from django.core.cache import cache
from django.core.signals import request_finished, request_started

GENERATION_KEY = "page-cache:generation"

_OUTSIDE = object()  # not in a request: every call reads the cache
_UNREAD = object()
_request_generation = ContextVar("amem_request_generation", default=_OUTSIDE)


def fresh_generation():
    """A first generation above any before it, should the counter be evicted or Redis restart."""
    return time.time_ns() // 1000


def _read_or_start(key):
    """The number at `key`, set to a fresh one if there is none; None if the cache is down."""
    value = cache.get(key)
    if value is None:
        cache.add(key, fresh_generation(), timeout=None)
        value = cache.get(key)
    return value


def current_generation():
    """The generation now (read once a request); None when the cache cannot be reached."""
    kept = _request_generation.get()
    if kept is not _OUTSIDE and kept is not _UNREAD:
        return kept
    generation = _read_or_start(GENERATION_KEY)
    if kept is _UNREAD:
        _request_generation.set(generation)
    return generation


def seen(generation):
    """The request read (or made) `generation` itself: its later lookups use it."""
    if _request_generation.get() is not _OUTSIDE:
        _request_generation.set(generation)


def _request_starts(**kwargs):
    _request_generation.set(_UNREAD)


def _request_ends(**kwargs):
    _request_generation.set(_OUTSIDE)


def connect_signals():
    request_started.connect(_request_starts, dispatch_uid="amem-generation-request-started")
    request_finished.connect(_request_ends, dispatch_uid="amem-generation-request-finished")


# A page that shows what changes more often than the rest of the content (a workshop's seats
# left, with every registration) depends on a version of its own, so that a registration makes
# that workshop's page fresh without making every other page of the site so (amem/page_cache.py).


def dependency_key(kind, pk):
    return f"page-cache:{kind}:{pk}"


def depends_on(request, kind, pk):
    """The page being rendered for the page cache shows `kind` `pk`: its version, read now,
    before what it shows is read, is stored with the page and checked on every hit."""
    dependencies = getattr(request, "page_cache_dependencies", None)
    if dependencies is None:  # not a render the page cache may store
        return
    key = dependency_key(kind, pk)
    dependencies[key] = _read_or_start(key)


def bump_dependency(kind, pk):
    """`kind` `pk` changed: the pages that show it are rendered afresh. False when the cache
    could not be reached."""
    key = dependency_key(kind, pk)
    try:
        return bool(cache.incr(key))
    except ValueError:  # never read by a page yet, or evicted: no page holds its version
        return True
