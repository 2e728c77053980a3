"""The page cache keys a page on the query parameters it reads, never on whatever it is sent."""

import datetime
import re

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.test import Client
from django.utils import timezone
from wagtail.models import Site

from documents.generation import GENERATION_KEY
from events.models import EventIndexPage, EventPage
from home.models import ContentPage
from home.models.site_settings import SiteFooter

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]

PER_PAGE = 12  # events.listing.PER_PAGE


@pytest.fixture
def page_cache_on(settings):
    settings.AMEM_PAGE_CACHE = True


@pytest.fixture
def workshops(home_page):
    """/fr/ateliers/: thirteen upcoming workshops in Tunisia, the last alone on page 2."""
    index = EventIndexPage(
        title="Ateliers", title_fr="Ateliers", slug="ateliers", slug_fr="ateliers"
    )
    home_page.add_child(instance=index)
    index.save_revision().publish()
    start = timezone.localdate() + datetime.timedelta(days=10)
    for number in range(1, PER_PAGE + 2):
        day = start + datetime.timedelta(days=number)
        title = f"Atelier numéro {number:02}"
        event = EventPage(
            title=title,
            title_fr=title,
            slug=f"atelier-{number}",
            slug_fr=f"atelier-{number}",
            start_date=day,
            end_date=day,
            country="TN",
        )
        index.add_child(instance=event)
        event.save_revision().publish()
    # Wagtail creates the footer setting on its first read: a write that would bump the cache.
    SiteFooter.for_site(Site.objects.get(is_default_site=True))
    return index


def stored_pages():
    """The keys of the pages in the cache (not the generation)."""
    backend = caches["default"]
    if isinstance(backend, LocMemCache):
        keys = list(backend._cache)
    else:  # Redis: the suite's own database
        keys = [key.decode() for key in backend._cache.get_client().keys("*page-cache:*")]
    return {key for key in keys if "page-cache:" in key and not key.endswith(GENERATION_KEY)}


def workshops_shown(response):
    return re.findall(r"Atelier numéro (\d\d)", response.content.decode())


def test_unknown_parameters_add_no_entry(workshops):
    before = stored_pages()
    responses = [Client().get(f"/fr/ateliers/?utm_source=n{n}&fbclid={n}") for n in range(200)]
    assert {response.status_code for response in responses} == {200}
    # One page, rendered once: the others are served what was stored for /fr/ateliers/.
    assert len(stored_pages() - before) == 1
    assert [response["X-Cache"] for response in responses].count("miss") == 1
    assert responses[-1].content == Client().get("/fr/ateliers/").content
    # The view never saw them, so no link of the page (languages, pages) carries them.
    assert "utm_source" not in responses[0].content.decode()
    assert "fbclid" not in responses[0].content.decode()


def test_a_parameter_the_page_reads_gets_its_own_entry(workshops):
    first = Client().get("/fr/ateliers/")
    second = Client().get("/fr/ateliers/?page=2")
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "miss")
    assert workshops_shown(first)[:PER_PAGE] == [f"{n:02}" for n in range(1, PER_PAGE + 1)]
    assert workshops_shown(second)[:1] == [f"{PER_PAGE + 1:02}"]
    assert len(stored_pages()) == 2

    again = Client().get("/fr/ateliers/?page=2&utm_campaign=lettre")
    assert again["X-Cache"] == "hit"
    assert again.content == second.content


@pytest.mark.parametrize(
    "query",
    [
        "country=TN&page=2",
        "page=2&country=TN",
        "page=2&country=TN&utm_medium=email",
        "country=&country=TN&page=1&page=2",  # the last value is the one a view reads
        "country=TN&page=2&kind=",  # an empty filter is no filter
    ],
)
def test_order_repeats_and_empty_values_share_one_entry(workshops, query):
    reference = Client().get("/fr/ateliers/?page=2&country=TN")
    assert reference["X-Cache"] == "miss"
    response = Client().get(f"/fr/ateliers/?{query}")
    assert response["X-Cache"] == "hit"
    assert workshops_shown(response)[:1] == [f"{PER_PAGE + 1:02}"]
    assert len(stored_pages()) == 1


def test_a_parameter_the_page_does_not_read_is_not_stored(home_page):
    page = ContentPage(
        title="Le projet", slug="le-projet", title_fr="Le projet", slug_fr="le-projet"
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    SiteFooter.for_site(Site.objects.get(is_default_site=True))

    assert Client().get("/fr/le-projet/")["X-Cache"] == "miss"
    for number in range(20):
        # The workshops index reads `page`; this page does not, so it has no entry per page.
        response = Client().get(f"/fr/le-projet/?page={number}")
        assert response.status_code == 200
        assert "X-Cache" not in response
    assert len(stored_pages()) == 1


def test_other_routes_keep_their_query_string(home_page):
    # allauth's login reads `next`, which no page declares: only page views are normalised.
    response = Client().get("/fr/accounts/login/?next=/fr/ateliers/")
    assert 'value="/fr/ateliers/"' in response.content.decode()


def test_a_hit_with_unknown_parameters_costs_no_query(workshops, django_assert_num_queries):
    Client().get("/fr/ateliers/?page=2")
    with django_assert_num_queries(0):
        assert Client().get("/fr/ateliers/?gclid=x&page=2")["X-Cache"] == "hit"
