"""Purging a CDN or caching proxy in front of the site, through Wagtail's frontend cache backends.

Configured by `WAGTAILFRONTENDCACHE` (the settings read `FRONTEND_CACHE_PURGE_URL` for an HTTP
purge backend such as Varnish or nginx's cache purge; Cloudflare or CloudFront take their own
backend there). Wagtail's own app would purge a page in the active language only; a page here
has one URL per language, so every language's URL is purged. Nothing happens when no backend
is configured. The site's own page cache needs none of this (site/page_cache.py).
"""

from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import translation
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache


def configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def page_urls(page):
    """The page's full URL in each language."""
    urls = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            url = page.get_full_url()
        if url and url not in urls:
            urls.append(url)
    return urls


def purge_page(page):
    if configured():
        purge_urls_from_cache(page_urls(page))


def purge_page_after_commit(page):
    """Purge once the change is committed: a proxy refilled before would keep the old page."""
    if configured():
        transaction.on_commit(partial(purge_page, page))


def purge_published_page(sender, instance, **kwargs):
    """A `page_published` / `page_unpublished` receiver."""
    purge_page_after_commit(instance)
