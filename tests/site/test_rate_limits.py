"""The search, the PDFs and the tracker's open data: a limited number of renders per address."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from events.models import EventIndexPage, EventPage
from stakeholders.models import RecommendationTrackerPage

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.66"
VISITOR = "198.51.100.7"
LIMITS = {"search": (3, 60), "pdf": (2, 60), "open_data": (3, 60)}


@pytest.fixture(autouse=True)
def low_limits(settings):
    settings.AMEM_RATE_LIMITS = LIMITS


def text(name, fr, ar, en):
    return {name: fr, f"{name}_fr": fr, f"{name}_ar": ar, f"{name}_en": en}


@pytest.fixture
def workshop(home_page):
    index = EventIndexPage(
        **text("title", "Ateliers", "ورش العمل", "Workshops"),
        **text("slug", "ateliers", "ورش-العمل", "workshops"),
    )
    home_page.add_child(instance=index)
    index.save_revision().publish()
    start = timezone.localdate() + datetime.timedelta(days=30)
    session = {
        "start": "09:00",
        "end": "10:00",
        "kind": "plenary",
        **text("title", "Ouverture", "الافتتاح", "Opening"),
    }
    page = EventPage(
        **text("title", "Atelier de Tunis", "ورشة تونس", "Tunis workshop"),
        **text("slug", "atelier-tunis", "ورشة-تونس", "tunis-workshop"),
        kind=EventPage.Kind.WORKSHOP,
        start_date=start,
        end_date=start,
        time_zone="Africa/Tunis",
        country="TN",
        agenda=[
            {
                "type": "day",
                "value": {
                    "date": start.isoformat(),
                    **text("title", "Jour 1", "اليوم 1", "Day 1"),
                    "sessions": [session],
                },
            }
        ],
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def tracker(home_page):
    page = RecommendationTrackerPage(
        **text("title", "Suivi des recommandations", "متابعة التوصيات", "Recommendations tracker"),
        **text("slug", "suivi", "متابعة", "tracker"),
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def get(url, address, client=None):
    return (client or Client()).get(url, REMOTE_ADDR=address)


def search_url():
    with translation.override("fr"):
        return reverse("search")


def assert_limited(url, kind):
    """`renders` requests for distinct renders pass; the next is refused; another address passes."""
    renders, seconds = LIMITS[kind]
    for number in range(renders):
        assert get(f"{url}?v={number}", ATTACKER).status_code == 200
    refused = get(f"{url}?v={renders}", ATTACKER)
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= seconds
    assert refused["Cache-Control"] == "no-store"
    assert get(f"{url}?v={renders}", VISITOR).status_code == 200
    return refused


def test_searches_from_one_address_are_limited(home_page):
    refused = assert_limited(f"{search_url()}?q=migration", "search")
    page = refused.content.decode()
    assert "Trop de demandes" in page
    assert '<html lang="fr" dir="ltr">' in page


def test_the_refusal_is_in_the_language_of_the_url(home_page):
    for _ in range(LIMITS["search"][0]):
        get("/ar/بحث/?q=هجرة", ATTACKER)
    refused = get("/ar/بحث/?q=عمل", ATTACKER)
    assert refused.status_code == 429
    assert "طلبات كثيرة جدًا" in refused.content.decode()
    assert 'dir="rtl"' in refused.content.decode()


def test_agenda_pdfs_from_one_address_are_limited(workshop):
    assert_limited("/fr/ateliers/atelier-tunis/agenda.pdf", "pdf")


def test_open_data_from_one_address_is_limited(tracker):
    assert_limited("/fr/suivi/recommendations.csv", "open_data")


def test_a_page_served_from_the_cache_is_not_counted(settings, tracker):
    settings.AMEM_PAGE_CACHE = True
    settings.AMEM_RATE_LIMITS = {**LIMITS, "open_data": (2, 60)}
    french = "/fr/suivi/recommendations.csv"
    assert get(french, ATTACKER)["X-Cache"] == "miss"
    for _ in range(5):
        response = get(french, ATTACKER)
        assert (response.status_code, response["X-Cache"]) == (200, "hit")
    # One render counted so far: the limit allows one more.
    assert get("/ar/متابعة/recommendations.csv", ATTACKER).status_code == 200
    assert get("/en/tracker/recommendations.csv", ATTACKER).status_code == 429


def test_other_routes_are_not_counted(home_page):
    for _ in range(LIMITS["search"][0] + 1):
        assert get("/fr/", ATTACKER).status_code == 200


def test_allauths_own_limit_answers_with_the_translated_page(settings, db):
    settings.ACCOUNT_RATE_LIMITS = {"login": "2/m/ip"}
    client = Client(REMOTE_ADDR="198.51.100.9")
    with translation.override("ar"):
        url = reverse("account_login")
    data = {"login": "nobody@example.org", "password": "wrong"}

    answers = [client.post(url, data) for _ in range(3)]

    assert [answer.status_code for answer in answers] == [200, 200, 429]
    page = answers[-1].content.decode()
    assert 'lang="ar" dir="rtl"' in page
    assert "طلبات كثيرة جدًا" in page
    assert answers[-1]["Retry-After"] == "60"
