import json
import re
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import ContentPage
from tests.routes import route

pytestmark = pytest.mark.django_db


def translated(name, fr, ar, en):
    return {name: fr, f"{name}_fr": fr, f"{name}_ar": ar, f"{name}_en": en}


def body(text):
    return json.dumps([{"type": "paragraph", "value": f"<p>{text}</p>"}])


@pytest.fixture
def make_page(home_page):
    """A published content page; Wagtail indexes it when it is saved (no update_index)."""
    count = iter(range(1, 1000))

    def make(**fields):
        n = next(count)
        page = ContentPage(
            **translated("title", f"Page {n}", f"صفحة {n}", f"Page {n} (en)"),
            **translated("slug", f"page-{n}", f"صفحة-{n}", f"page-{n}"),
            **fields,
        )
        home_page.add_child(instance=page)
        return page

    return make


@pytest.fixture
def migration_page(make_page):
    return make_page(
        **translated(
            "introduction",
            "Les travailleurs migrants et leurs familles.",
            "العمال المهاجرون وأسرهم.",
            "Migrant workers and their families.",
        ),
        body_fr=body("Une étude sur la protection sociale."),
        body_ar=body("دراسة حول الحماية الاجتماعية."),
        body_en=body("A study on social protection."),
    )


def result_titles(response):
    return re.findall(r'class="search-results__title" href="[^"]+">([^<]+)</a>', response.text)


def search(client, language, query, **params):
    params = "".join(f"&{key}={value}" for key, value in params.items())
    response = client.get(f"{route('search', language=language)}?q={quote(query)}{params}")
    assert response.status_code == 200
    return response


def test_search_finds_an_arabic_word_in_the_arabic_text(client, migration_page, make_page):
    make_page()
    assert result_titles(search(client, "ar", "المهاجرون")) == ["صفحة 1"]
    assert result_titles(search(client, "ar", "الاجتماعية")) == ["صفحة 1"]


def test_search_finds_a_french_word_in_the_french_text(client, migration_page, make_page):
    make_page()
    assert result_titles(search(client, "fr", "migrants")) == ["Page 1"]
    assert result_titles(search(client, "fr", "protection sociale")) == ["Page 1"]


def test_search_ignores_case(client, migration_page):
    assert result_titles(search(client, "fr", "PROTECTION")) == ["Page 1"]


@pytest.mark.skipif(
    connection.vendor == "postgresql",
    reason="Wagtail's PostgreSQL search index keeps accents (no unaccent dictionary): known gap",
)
def test_search_ignores_accents_on_sqlite(client, migration_page):
    assert result_titles(search(client, "fr", "ETUDE")) == ["Page 1"]


def test_search_looks_only_at_the_current_language(client, migration_page):
    assert result_titles(search(client, "ar", "migrants")) == []
    assert result_titles(search(client, "fr", "المهاجرون")) == []
    assert result_titles(search(client, "en", "travailleurs")) == []


def test_search_finds_french_text_shown_where_arabic_is_missing(client, make_page):
    make_page(**translated("introduction", "Inspection du travail", "", ""))
    assert result_titles(search(client, "ar", "inspection")) == ["صفحة 1"]


def test_search_skips_unpublished_pages(client, migration_page):
    migration_page.unpublish()
    assert result_titles(search(client, "fr", "migrants")) == []


def test_search_sees_a_page_republished_with_new_words(client, migration_page):
    migration_page.title_ar = "النقابات"
    migration_page.save_revision().publish()
    assert result_titles(search(client, "ar", "النقابات")) == ["النقابات"]


def test_search_titles_and_summaries_are_in_the_current_language(client, migration_page):
    response = search(client, "en", "families")
    assert result_titles(response) == ["Page 1 (en)"]
    assert "<p>Migrant workers and their families.</p>" in response.text
    assert 'href="/en/page-1/"' in response.text


def test_search_without_a_query_shows_the_form_only(client, migration_page):
    for query in ("", "?q=", "?q=%20%20"):
        url = f"{route('search')}{query}"
        response = client.get(url)
        assert response.status_code == 200
        assert 'class="search-page__hint"' in response.text
        assert "search-results" not in response.text


def test_search_too_long_a_query_answers_with_a_message(client, migration_page):
    response = search(client, "fr", "migrants " * 20)
    assert 'class="errorlist"' in response.text
    assert "100" in re.search(r'class="errorlist".*?</ul>', response.text, re.S)[0]
    assert "search-results" not in response.text


@pytest.mark.parametrize("query", ['"', "*", "migrants*", "NEAR(", "AND", "-", "(a OR b", "'; --"])
def test_search_full_text_syntax_is_no_error(client, migration_page, query):
    search(client, "fr", query)


def test_search_pages_ten_by_ten_and_keeps_the_query(client, make_page):
    for _ in range(12):
        make_page(**translated("introduction", "Gouvernance", "حوكمة", "Governance"))
    first = search(client, "fr", "gouvernance")
    assert len(result_titles(first)) == 10
    assert re.search(r'<h2 id="search-results-title"[^>]*>12 ', first.text)
    assert 'href="?q=gouvernance&amp;page=2"' in first.text
    assert len(result_titles(search(client, "fr", "gouvernance", page=2))) == 2
    assert len(result_titles(search(client, "fr", "gouvernance", page=99))) == 2


def test_search_costs_the_same_queries_for_1_and_12_results(
    client, make_page, django_assert_max_num_queries
):
    make_page(**translated("introduction", "Gouvernance", "حوكمة", "Governance"))
    url = f"{route('search')}?q=gouvernance"
    client.get(url)
    with CaptureQueriesContext(connection) as at_one:
        client.get(url)
    with_one = len(at_one)  # read now: the next request empties the connection's query log
    for _ in range(11):
        make_page(**translated("introduction", "Gouvernance", "حوكمة", "Governance"))
    client.get(url)  # a write: the site-wide parts are computed again
    with django_assert_max_num_queries(with_one):
        assert len(result_titles(client.get(url))) == 10


def test_header_search_box_sends_to_the_search_page(client, home_page):
    response = client.get("/ar/")
    action = re.escape(route("search", language="ar"))
    assert re.search(rf'<form class="site-search" method="get" action="{action}"', response.text)
