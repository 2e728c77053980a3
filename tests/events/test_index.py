import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from tests.markup import form_labels

pytestmark = pytest.mark.django_db

INDEX = "/fr/ateliers/"


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def card_titles(response):
    return re.findall(r'<h3 class="card__title"><a href="[^"]*">([^<]+)</a>', response.text)


def page_links(response):
    nav = re.search(r'<nav class="pagination".*?</nav>', response.text, re.S)
    return re.findall(r'href="([^"]+)"', nav.group(0)) if nav else []


def test_index_lists_upcoming_workshops_soonest_first(client, make_event):
    later = make_event(start=days(40))
    sooner = make_event(start=days(10))
    ongoing = make_event(start=days(-1), days=3)  # ends tomorrow: still upcoming
    make_event(start=days(-30))  # past

    response = client.get(INDEX)

    assert response.status_code == 200
    assert card_titles(response) == [ongoing.title_fr, sooner.title_fr, later.title_fr]


def test_index_lists_past_workshops_most_recent_first(client, make_event):
    make_event(start=days(10))
    older = make_event(start=days(-60))
    recent = make_event(start=days(-5), days=1)

    response = client.get(INDEX, {"when": "past"})

    assert card_titles(response) == [recent.title_fr, older.title_fr]
    assert '<a href="/fr/ateliers/?when=past" aria-current="page">' in response.text


def test_index_never_lists_unpublished_workshops(client, make_event):
    make_event(start=days(10), publish=False, title_fr="Brouillon secret")

    response = client.get(INDEX)

    assert "Brouillon secret" not in response.text
    assert card_titles(response) == []


def test_index_card_shows_kind_dates_place_and_summary_in_the_language(client, make_event):
    make_event(
        start=datetime.date(2031, 3, 12),
        kind="tripartite_seminar",
        time_zone="Africa/Nouakchott",
        country="MR",
        city_en="Nouakchott",
        summary_en="Two days of tripartite dialogue.",
        title_en="Seminar on governance",
    )

    response = client.get("/en/workshops/")

    assert "Tripartite seminar" in response.text
    assert card_titles(response) == ["Seminar on governance"]
    assert (
        '<time datetime="2031-03-12">12</time>–<time datetime="2031-03-13">13 March 2031</time>'
        in (response.text)
    )
    assert "(Nouakchott time)" in response.text
    assert "Nouakchott, Mauritania" in response.text
    assert "Two days of tripartite dialogue." in response.text


def test_index_filters_by_country_kind_year_and_axis(client, make_event):
    make_event(start=datetime.date(2031, 5, 1), country="TN", title_fr="Tunis 2031")
    make_event(start=datetime.date(2032, 5, 1), country="TN", title_fr="Tunis 2032")
    make_event(start=datetime.date(2031, 6, 1), country="MA", title_fr="Rabat 2031")
    make_event(
        start=datetime.date(2031, 7, 1),
        country="MA",
        kind="webinar",
        axis="governance",
        title_fr="Webinaire 2031",
    )

    def titles(**params):
        return card_titles(client.get(INDEX, params))

    assert titles(country="TN") == ["Tunis 2031", "Tunis 2032"]
    assert titles(country="TN", year="2032") == ["Tunis 2032"]
    assert titles(kind="webinar") == ["Webinaire 2031"]
    assert titles(axis="governance") == ["Webinaire 2031"]
    assert titles(year="2031", country="MA") == ["Rabat 2031", "Webinaire 2031"]


def test_index_form_keeps_the_chosen_values(client, make_event):
    make_event(start=datetime.date(2031, 5, 1), country="TN")

    response = client.get(INDEX, {"country": "TN", "year": "2031", "kind": "workshop"})

    assert '<option value="TN" selected>' in response.text
    assert '<option value="2031" selected>' in response.text
    assert '<option value="workshop" selected>' in response.text


def test_index_filter_labels_point_at_their_controls(client, event_index):
    labels, controls = form_labels(client.get(INDEX).text, "event-filters")

    assert labels == [f"event-filter-{name}" for name in ("country", "kind", "year", "axis")]
    assert set(labels) <= controls


@pytest.mark.parametrize(
    "params",
    [
        {"country": "ZZ"},
        {"year": "abc"},
        {"year": "1999"},
        {"kind": "<script>"},
        {"axis": "nope", "when": "someday"},
        {"page": "abc"},
        {"page": "-3"},
    ],
)
def test_index_ignores_invalid_filter_values(client, make_event, params):
    make_event(start=days(10), country="TN")
    make_event(start=days(20), country="MA")

    response = client.get(INDEX, params)

    assert response.status_code == 200
    assert len(card_titles(response)) == 2
    assert "errorlist" not in response.text
    assert "<script>" not in response.text


def test_index_ignores_only_the_invalid_filter(client, make_event):
    make_event(start=days(10), country="TN", title_fr="Tunis")
    make_event(start=days(20), country="MA", title_fr="Rabat")

    response = client.get(INDEX, {"country": "MA", "year": "not-a-year"})

    assert card_titles(response) == ["Rabat"]


def test_index_paginates_twelve_a_page_and_keeps_filters_in_links(client, make_event):
    for offset in range(1, 16):
        make_event(start=days(offset), country="TN", title_fr=f"Atelier {offset:02d}")
    make_event(start=days(3), country="MA", title_fr="Ailleurs")

    first = client.get(INDEX, {"country": "TN"})
    second = client.get(INDEX, {"country": "TN", "page": "2"})

    assert card_titles(first) == [f"Atelier {n:02d}" for n in range(1, 13)]
    assert card_titles(second) == [f"Atelier {n:02d}" for n in range(13, 16)]
    links = page_links(first)
    assert links and all("country=TN" in link for link in links)
    assert "?country=TN&amp;when=upcoming&amp;page=2" in first.text


def test_index_page_past_the_end_shows_the_last_page(client, make_event):
    for offset in range(1, 15):
        make_event(start=days(offset), title_fr=f"Atelier {offset:02d}")

    response = client.get(INDEX, {"page": "99"})

    assert response.status_code == 200
    assert card_titles(response) == ["Atelier 13", "Atelier 14"]


def test_index_says_when_nothing_matches(client, make_event):
    make_event(start=days(10), country="TN")

    response = client.get("/en/workshops/", {"country": "LY"})

    assert "No workshop matches these filters." in response.text


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.fixture
def make_listed_event(make_event, make_organisation):
    """A workshop with two organisers and a listing image: what a card costs the most."""
    ministry = make_organisation(acronym="MAS")
    ilo = make_organisation(fr="Organisation internationale du Travail", acronym="OIT")
    Image = get_image_model()

    def make(offset):
        image = Image.objects.create(title=f"Image {offset}", file=get_test_image_file())
        return make_event(start=days(offset), organisers=[ministry, ilo], listing_image=image)

    return make


def warm(client, urls):
    """Each URL's response once the cards' renditions exist. Making them is a write, which starts
    a new content generation (site/page_cache.py): a second round reads the site-wide parts of
    that one, so that counting starts from the same state whatever the first round made."""
    for _ in range(2):
        responses = {url: client.get(url) for url in urls}
    return responses


def test_index_costs_the_same_queries_for_one_or_many_workshops(client, make_listed_event):
    # Upcoming, past, and a second page with filters: built once for the three listings.
    urls = [INDEX, f"{INDEX}?when=past", f"{INDEX}?country=TN&page=2"]
    make_listed_event(5)
    make_listed_event(-5)
    warm(client, urls)
    with_one = {url: count_queries(client, url) for url in urls}

    # Fourteen upcoming workshops fill the first page of twelve cards and two on the second.
    for offset in range(6, 19):
        make_listed_event(offset)
    for offset in range(6, 12):
        make_listed_event(-offset)
    shown = warm(client, urls)
    assert [len(card_titles(shown[url])) for url in urls] == [12, 7, 2]
    assert {url: count_queries(client, url) for url in urls} == with_one
