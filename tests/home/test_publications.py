import re

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail_factories import ImageFactory

from documents.models import Document
from home.models import (
    ContentPage,
    HomePage,
    NewsIndexPage,
    PublicationIndexPage,
    PublicationPage,
)
from tests.documents.conftest import affiliate
from tests.markup import form_labels

pytestmark = pytest.mark.django_db


def translated(name, fr, ar, en):
    return {name: fr, f"{name}_fr": fr, f"{name}_ar": ar, f"{name}_en": en}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def make_document():
    def make(language="fr", visibility=Document.Visibility.PUBLIC):
        document = Document(title=f"Étude ({language})", language=language, visibility=visibility)
        document.file.save(f"etude-{language}.pdf", ContentFile(b"%PDF-1.4 etude"), save=True)
        return document

    return make


@pytest.fixture
def publication_index(home_page):
    index = PublicationIndexPage(
        **translated("title", "Publications", "المنشورات", "Publications"),
        **translated("slug", "publications", "المنشورات", "publications"),
    )
    home_page.add_child(instance=index)
    return index


@pytest.fixture
def make_publication(publication_index):
    count = iter(range(1, 1000))

    def make(kind=PublicationPage.Kind.STUDY, year=2024, country="TN", axis="data", **fields):
        n = next(count)
        page = PublicationPage(
            kind=kind,
            year=year,
            country=country,
            axis=axis,
            **translated("title", f"Étude {n}", f"دراسة {n}", f"Study {n}"),
            **translated("slug", f"etude-{n}", f"دراسة-{n}", f"study-{n}"),
            **translated("summary", "Statistiques", "إحصاءات", "Statistics"),
            **fields,
        )
        publication_index.add_child(instance=page)
        return page

    return make


def titles(response):
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', response.text)


def queries(client, url):
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def files_section(response):
    return re.search(r'<section class="publication-files".*?</section>', response.text, re.S)[0]


class PublicationTreeTests(WagtailPageTestCase):
    def test_publication_index_lives_under_the_home_page_only(self):
        self.assertCanCreateAt(HomePage, PublicationIndexPage)
        self.assertCanNotCreateAt(Page, PublicationIndexPage)
        self.assertCanNotCreateAt(ContentPage, PublicationIndexPage)
        self.assertCanNotCreateAt(PublicationIndexPage, PublicationIndexPage)

    def test_publications_live_under_the_publication_index_only(self):
        self.assertCanCreateAt(PublicationIndexPage, PublicationPage)
        self.assertCanNotCreateAt(HomePage, PublicationPage)
        self.assertCanNotCreateAt(NewsIndexPage, PublicationPage)
        self.assertCanNotCreateAt(PublicationPage, PublicationPage)


def test_publication_index_lists_the_most_recent_year_first(client, make_publication):
    make_publication(year=2023)
    make_publication(year=2025)
    make_publication(year=2024).unpublish()
    assert titles(client.get("/fr/publications/")) == ["Étude 2", "Étude 1"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=report", ["Étude 2"]),
        ("country=MA", ["Étude 2"]),
        ("axis=governance", ["Étude 3"]),
        ("year=2023", ["Étude 3"]),
        ("kind=study&country=TN&axis=data&year=2024", ["Étude 1"]),
    ],
)
def test_publication_index_filters(client, make_publication, query, expected):
    make_publication(year=2024)
    make_publication(kind=PublicationPage.Kind.REPORT, country="MA", year=2025)
    make_publication(axis="governance", year=2023, country="XM")
    response = client.get(f"/fr/publications/?{query}")
    assert titles(response) == expected


def test_publication_index_keeps_the_filters_in_its_form(client, make_publication):
    make_publication(year=2024)
    response = client.get("/fr/publications/?kind=study&year=2024")
    assert '<option value="study" selected>' in response.text
    assert '<option value="2024" selected>' in response.text


def test_publication_index_filter_labels_point_at_their_controls(client, publication_index):
    labels, controls = form_labels(client.get("/fr/publications/").text, "listing-filters")

    assert labels == [f"publication-filter-{name}" for name in ("kind", "country", "axis", "year")]
    assert set(labels) <= controls


@pytest.mark.parametrize(
    "query", ["kind=novel", "country=FR", "axis=%00", "year=1850", "year=abc", "page=-3", "page=x"]
)
def test_publication_index_ignores_invalid_values(client, make_publication, query):
    make_publication()
    response = client.get(f"/fr/publications/?{query}")
    assert response.status_code == 200
    assert titles(response) == ["Étude 1"]


def test_publication_index_pages_keep_the_filters(client, make_publication):
    for _ in range(13):
        make_publication(year=2024)
    make_publication(year=2020)
    first = client.get("/fr/publications/?year=2024")
    assert len(titles(first)) == 12
    assert 'href="?year=2024&amp;page=2"' in first.text
    assert len(titles(client.get("/fr/publications/?year=2024&page=2"))) == 1
    # Past the end: the last page, not an error.
    assert len(titles(client.get("/fr/publications/?year=2024&page=50"))) == 1


def test_publication_index_costs_the_same_queries_for_1_and_30_items(
    client, make_publication, make_document, django_assert_max_num_queries
):
    def publication():
        make_publication(
            listing_image=ImageFactory(),
            document_fr=make_document("fr"),
            document_ar=make_document("ar"),
        )

    publication()
    at_one = {url: queries(client, url) for url in ("/fr/publications/", "/ar/المنشورات/")}
    for _ in range(29):
        publication()
    for url, count in at_one.items():
        client.get(url)  # the new images' renditions are made once, on the first view
        with django_assert_max_num_queries(count):
            assert len(titles(client.get(url))) == 12


def file_links(section):
    """(href, hreflang, language name) of each download, in the order the page lists them."""
    return re.findall(
        r'<a class="publication-files__link" href="([^"]+)" hreflang="(\w+)" download>\s*'
        r'<span class="publication-files__language" lang="\2" dir="(?:ltr|rtl)">([^<]+)</span>',
        section,
    )


def test_publication_page_lists_the_file_in_the_current_language_first(
    client, make_publication, make_document
):
    french, arabic, english = make_document("fr"), make_document("ar"), make_document("en")
    make_publication(document_fr=french, document_ar=arabic, document_en=english)
    response = client.get("/ar/المنشورات/دراسة-1/")
    assert file_links(files_section(response)) == [
        (arabic.url, "ar", "العربيّة"),
        (french.url, "fr", "français"),
        (english.url, "en", "English"),
    ]
    assert "notice--fallback" not in response.text


def test_publication_page_without_its_language_offers_the_french_file_with_the_notice(
    client, make_publication, make_document
):
    french = make_document("fr")
    make_publication(document_fr=french)
    response = client.get("/en/publications/study-1/")
    assert file_links(files_section(response)) == [(french.url, "fr", "français")]
    # The site's own notice, at the top of the page, says that French stands in.
    assert '<p class="notice notice--fallback" role="note"' in response.text


def test_publishing_from_another_language_keeps_the_french_file_a_fallback(
    make_publication, make_document
):
    french = make_document("fr")
    page = make_publication(document_fr=french)
    with translation.override("ar"):
        PublicationPage.objects.get(pk=page.pk).save_revision().publish()
    page.refresh_from_db()
    assert page.document_fr_id == french.pk
    assert page.document_ar_id is None
    assert page.document_en_id is None


def test_publication_page_hides_files_a_visitor_may_not_download(
    client, make_publication, make_document, make_user
):
    staff_only = make_document("ar", visibility=Document.Visibility.STAFF)
    partners = make_document("en", visibility=Document.Visibility.PARTNERS)
    make_publication(document_fr=make_document("fr"), document_ar=staff_only, document_en=partners)
    response = client.get("/fr/publications/etude-1/")
    assert staff_only.url not in response.text
    assert partners.url not in response.text
    # Logged in is not enough: partners are people affiliated with a registry organisation.
    user = make_user()
    client.force_login(user)
    assert partners.url not in client.get("/fr/publications/etude-1/").text
    affiliate(user)
    response = client.get("/fr/publications/etude-1/")
    assert partners.url in response.text
    assert staff_only.url not in response.text


def test_publication_file_downloads_as_an_attachment(client, make_publication, make_document):
    french = make_document("fr")
    make_publication(document_fr=french)
    response = client.get("/fr/publications/etude-1/")
    [(url, _language, _name)] = file_links(files_section(response))
    download = client.get(url)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert b"".join(download.streaming_content) == b"%PDF-1.4 etude"


def test_home_page_shows_the_three_latest_publications(client, make_publication, make_document):
    for year in (2021, 2022, 2023, 2024):
        make_publication(year=year, document_fr=make_document("fr"))
    response = client.get("/ar/")
    section = re.search(r"<section[^>]*latest-publications-title.*?</section>", response.text, re.S)
    assert re.findall(r'<a href="[^"]+">([^<]+)</a></h3>', section[0]) == [
        "دراسة 4",
        "دراسة 3",
        "دراسة 2",
    ]
    assert 'href="/ar/%D8%A7%D9%84%D9%85%D9%86%D8%B4%D9%88%D8%B1%D8%A7%D8%AA/"' in section[0]


def test_home_page_costs_the_same_queries_for_1_and_30_publications(
    client, make_publication, make_document, django_assert_max_num_queries
):
    make_publication(listing_image=ImageFactory(), document_fr=make_document("fr"))
    at_one = queries(client, "/ar/")
    for _ in range(29):
        make_publication(listing_image=ImageFactory(), document_fr=make_document("fr"))
    client.get("/ar/")
    with django_assert_max_num_queries(at_one):
        client.get("/ar/")
