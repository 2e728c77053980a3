"""The seats left on a cached workshop page are never stale."""

import pytest
from django.utils import translation
from django.utils.translation import ngettext
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend
from wagtail.models import Site

from home.models.site_settings import SiteFooter

pytestmark = pytest.mark.django_db


def seats_left(count):
    with translation.override("fr"):
        return ngettext("%(seats)s seat left.", "%(seats)s seats left.", count) % {"seats": count}


def test_a_registration_refreshes_its_workshop_page_and_leaves_the_others_cached(
    client, settings, open_workshop, make_registration, django_capture_on_commit_callbacks
):
    settings.AMEM_PAGE_CACHE = True
    workshop = open_workshop(capacity=3)
    other = open_workshop(capacity=3)
    SiteFooter.for_site(Site.objects.get(is_default_site=True))
    url, other_url = workshop.get_url(), other.get_url()
    for page in (url, other_url, "/fr/"):
        client.get(page)
    cached = client.get(url)
    assert cached["X-Cache"] == "hit"
    assert seats_left(3) in cached.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        make_registration(workshop)
    fresh = client.get(url)
    assert fresh["X-Cache"] == "miss"
    assert seats_left(2) in fresh.content.decode()
    assert client.get(url)["X-Cache"] == "hit"
    # A rush of registrations does not empty the cache of the rest of the site.
    assert client.get(other_url)["X-Cache"] == "hit"
    assert client.get("/fr/")["X-Cache"] == "hit"


def test_a_registration_purges_the_workshop_page_from_a_proxy(
    settings, monkeypatch, open_workshop, make_registration, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:9",
        }
    }
    purged = []
    monkeypatch.setattr(HTTPBackend, "purge", lambda backend, url: purged.append(url))
    workshop = open_workshop(capacity=3)
    purged.clear()  # publishing the workshop purged it too

    with django_capture_on_commit_callbacks(execute=True):
        make_registration(workshop)

    for language in ("fr", "ar", "en"):
        with translation.override(language):
            assert workshop.get_full_url() in purged


def test_a_page_stored_while_a_registration_commits_is_not_served_after_it(
    client, settings, open_workshop, make_registration, django_capture_on_commit_callbacks
):
    settings.AMEM_PAGE_CACHE = True
    workshop = open_workshop(capacity=3)
    SiteFooter.for_site(Site.objects.get(is_default_site=True))
    url = workshop.get_url()
    with django_capture_on_commit_callbacks() as at_commit:
        make_registration(workshop)
        # Another visitor's page, rendered after the registration's first bump and before its
        # commit: on PostgreSQL it reads the seats as they were, and is stored.
        assert client.get(url)["X-Cache"] == "miss"
        assert client.get(url)["X-Cache"] == "hit"
    for callback in at_commit:  # the commit
        callback()
    assert client.get(url)["X-Cache"] == "miss"
