"""The content generation: a number in the shared cache that any write to the site's content
changes (amem/page_cache.py bumps it on every save or delete of a content model). What is derived
from the content and kept for later, cached pages and PDFs, carries it in its key: a change makes
every older entry unreachable at once, on every app server."""

import time

from django.core.cache import cache

GENERATION_KEY = "page-cache:generation"


def fresh_generation():
    """A first generation above any before it, should the counter be evicted or Redis restart."""
    return time.time_ns() // 1000


def current_generation():
    """The generation now; None when the cache cannot be reached."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, fresh_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation
