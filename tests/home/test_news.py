import datetime
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail_factories import ImageFactory

from home.models import ContentPage, HomePage, NewsIndexPage, NewsPage
from tests.markup import form_labels

pytestmark = pytest.mark.django_db


def translated(name, fr, ar, en):
    return {name: fr, f"{name}_fr": fr, f"{name}_ar": ar, f"{name}_en": en}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def news_index(home_page):
    index = NewsIndexPage(
        **translated("title", "Actualités", "الأخبار", "News"),
        **translated("slug", "actualites", "الأخبار", "news"),
    )
    home_page.add_child(instance=index)
    return index


@pytest.fixture
def make_news(news_index):
    """A published news item (or press release), its texts in the three languages."""
    count = iter(range(1, 1000))

    def make(kind=NewsPage.Kind.NEWS, date=datetime.date(2025, 3, 14), live=True, **fields):
        n = next(count)
        page = NewsPage(
            kind=kind,
            date=date,
            **translated("title", f"Nouvelle {n}", f"خبر {n}", f"News item {n}"),
            **translated("slug", f"nouvelle-{n}", f"خبر-{n}", f"news-{n}"),
            **translated(
                "introduction", "Réunion tripartite", "اجتماع ثلاثي", "Tripartite meeting"
            ),
            **fields,
        )
        news_index.add_child(instance=page)
        if not live:
            page.unpublish()
        return page

    return make


def queries(client, url):
    """How many queries `url` costs once the caches are warm (renditions made, sites known)."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def titles(response):
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', response.text)


class NewsTreeTests(WagtailPageTestCase):
    def test_news_index_lives_under_the_home_page_only(self):
        self.assertCanCreateAt(HomePage, NewsIndexPage)
        self.assertCanNotCreateAt(Page, NewsIndexPage)
        self.assertCanNotCreateAt(ContentPage, NewsIndexPage)
        self.assertCanNotCreateAt(NewsIndexPage, NewsIndexPage)

    def test_news_pages_live_under_the_news_index_only(self):
        self.assertCanCreateAt(NewsIndexPage, NewsPage)
        self.assertCanNotCreateAt(HomePage, NewsPage)
        self.assertCanNotCreateAt(ContentPage, NewsPage)
        self.assertCanNotCreateAt(NewsPage, NewsPage)


def test_news_index_lists_newest_first_without_unpublished(client, make_news):
    make_news(date=datetime.date(2025, 1, 1))
    make_news(date=datetime.date(2025, 5, 1))
    make_news(date=datetime.date(2025, 9, 1), live=False)
    response = client.get("/fr/actualites/")
    assert titles(response) == ["Nouvelle 2", "Nouvelle 1"]


def test_news_index_filters_by_kind_and_keeps_the_choice(client, make_news):
    make_news()
    make_news(kind=NewsPage.Kind.PRESS_RELEASE)
    response = client.get("/fr/actualites/?kind=press_release")
    assert titles(response) == ["Nouvelle 2"]
    assert '<option value="press_release" selected>' in response.text


def test_news_index_filter_labels_point_at_their_controls(client, news_index):
    labels, controls = form_labels(client.get("/fr/actualites/").text, "listing-filters")

    assert labels == ["news-filter-kind"]
    assert set(labels) <= controls


def test_news_index_ignores_an_invalid_kind(client, make_news):
    make_news()
    make_news(kind=NewsPage.Kind.PRESS_RELEASE)
    response = client.get("/fr/actualites/?kind=%3Cscript%3E&page=abc")
    assert response.status_code == 200
    assert len(titles(response)) == 2
    assert "&lt;script&gt;" not in response.text
    assert "<script>" not in response.text


def test_news_index_pages_by_twelve_and_links_keep_the_filter(client, make_news):
    for day in range(1, 15):
        make_news(kind=NewsPage.Kind.PRESS_RELEASE, date=datetime.date(2025, 1, day))
    make_news()
    first = client.get("/fr/actualites/?kind=press_release")
    assert len(titles(first)) == 12
    assert 'href="?kind=press_release&amp;page=2"' in first.text
    second = client.get("/fr/actualites/?kind=press_release&page=2")
    assert titles(second) == ["Nouvelle 2", "Nouvelle 1"]


@pytest.mark.parametrize("number", ["99", "-1", "0", "1e9", "ab"])
def test_news_index_page_out_of_range_is_no_error(client, make_news, number):
    make_news()
    response = client.get(f"/fr/actualites/?page={number}")
    assert response.status_code == 200
    assert titles(response) == ["Nouvelle 1"]


def test_news_index_costs_the_same_queries_for_1_and_30_items(
    client, make_news, django_assert_max_num_queries
):
    make_news(listing_image=ImageFactory())
    at_one = queries(client, "/fr/actualites/")
    for _ in range(29):
        make_news(listing_image=ImageFactory(), kind=NewsPage.Kind.PRESS_RELEASE)
    for url in ("/fr/actualites/", "/fr/actualites/?page=2"):
        client.get(url)  # the new images' renditions are made once, on the first view
    with django_assert_max_num_queries(at_one):
        response = client.get("/fr/actualites/")
    assert len(titles(response)) == 12
    with django_assert_max_num_queries(at_one):
        assert len(titles(client.get("/fr/actualites/?page=2"))) == 12


def test_press_release_page_shows_kind_date_breadcrumb_and_pdf_link(client, make_news):
    make_news(kind=NewsPage.Kind.PRESS_RELEASE, date=datetime.date(2025, 3, 14))
    response = client.get("/fr/actualites/nouvelle-1/")
    assert "Communiqué de presse" in response.text
    assert '<time datetime="2025-03-14">14 mars 2025</time>' in response.text
    assert '<li><a href="/fr/actualites/">Actualités</a></li>' in response.text
    assert 'href="/fr/actualites/nouvelle-1/pdf/"' in response.text


def test_news_page_in_arabic_has_arabic_month_and_no_pdf_link(client, make_news):
    make_news(date=datetime.date(2025, 3, 14))
    response = client.get("/ar/الأخبار/خبر-1/")
    assert response.status_code == 200
    assert "<h1>خبر 1</h1>" in response.text
    assert "مارس" in response.text
    assert "/pdf/" not in response.text


def test_news_page_links_the_related_workshop_while_it_is_live(client, make_news, project_page):
    make_news(related_event=project_page)
    aside = related(client.get("/fr/actualites/nouvelle-1/"))
    assert '<a href="/fr/projet/">Le projet</a>' in aside
    project_page.unpublish()
    assert related(client.get("/fr/actualites/nouvelle-1/")) == ""


def related(response):
    found = re.search(r'<aside class="publishing-related".*?</aside>', response.text, re.S)
    return found.group(0) if found else ""


@pytest.mark.parametrize(
    ("url", "title", "word"),
    [
        ("/fr/actualites/nouvelle-1/pdf/", "Nouvelle 1", "Réunion tripartite"),
        ("/ar/الأخبار/خبر-1/pdf/", "خبر 1", "ثلاثي"),
    ],
)
def test_press_release_pdf_holds_its_title_in_the_language(client, make_news, url, title, word):
    make_news(kind=NewsPage.Kind.PRESS_RELEASE)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.metadata.title == title
    text = reader.pages[0].extract_text()
    assert word in text


def test_plain_news_has_no_pdf(client, make_news):
    make_news(kind=NewsPage.Kind.NEWS)
    assert client.get("/fr/actualites/nouvelle-1/pdf/").status_code == 404


def open_graph(response):
    return re.findall(r'<meta property="(og:[\w:]+)" content="([^"]*)">', response.text)


def test_news_page_open_graph_is_an_article_with_absolute_urls(client, make_news):
    make_news(
        listing_image=ImageFactory(),
        **translated("listing_summary", "Résumé", "ملخص", "Summary"),
        **translated("search_description", "", "", ""),
    )
    tags = open_graph(client.get("/fr/actualites/nouvelle-1/"))
    values = dict(tags)
    assert values["og:title"] == "Nouvelle 1"
    assert values["og:description"] == "Résumé"
    assert values["og:type"] == "article"
    assert values["og:url"] == "http://testserver/fr/actualites/nouvelle-1/"
    assert re.fullmatch(
        r"http://testserver/media/images/.+\.fill-1200x630\.\w+", values["og:image"]
    )
    assert values["og:locale"] == "fr_FR"
    assert [v for k, v in tags if k == "og:locale:alternate"] == ["ar_AR", "en_GB"]
    assert '<meta name="twitter:card" content="summary">' in client.get("/fr/").text


def test_arabic_page_open_graph_speaks_arabic_and_skips_a_missing_image(client, make_news):
    make_news(**translated("social_text", "Partagez", "شارك", "Share"))
    tags = open_graph(client.get("/ar/الأخبار/خبر-1/"))
    values = dict(tags)
    assert values["og:title"] == "خبر 1"
    assert values["og:description"] == "شارك"
    assert values["og:locale"] == "ar_AR"
    assert [v for k, v in tags if k == "og:locale:alternate"] == ["fr_FR", "en_GB"]
    assert "og:image" not in values
    assert values["og:url"].startswith("http://testserver/ar/%D8%A7%D9%84")


def test_home_page_shows_the_three_latest_news_and_links_the_index(client, make_news):
    for day in range(1, 5):
        make_news(date=datetime.date(2025, 1, day))
    response = client.get("/fr/")
    section = re.search(r"<section[^>]*latest-news-title.*?</section>", response.text, re.S)
    assert titles_in(section.group(0)) == ["Nouvelle 4", "Nouvelle 3", "Nouvelle 2"]
    assert 'href="/fr/actualites/"' in section.group(0)


def titles_in(html):
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', html)


def test_home_page_has_no_news_section_without_news(client, news_index):
    assert "latest-news-title" not in client.get("/fr/").text


def test_home_page_costs_the_same_queries_for_1_and_30_news(
    client, make_news, django_assert_max_num_queries
):
    make_news(listing_image=ImageFactory())
    at_one = queries(client, "/fr/")
    for _ in range(29):
        make_news(listing_image=ImageFactory())
    client.get("/fr/")
    with django_assert_max_num_queries(at_one):
        client.get("/fr/")
