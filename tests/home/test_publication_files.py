"""A publication's files, one per language, as its page offers them; the files are the ones the
demo makes (amem.demo.publications), rendered by documents/pdf.py from the study's summary."""

import io
import re

import pytest
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from pypdf import PdfReader

from amem.demo.publications import attach_files
from home.models import PublicationIndexPage, PublicationPage

from .conftest import translated

pytestmark = pytest.mark.django_db

SUMMARY_AR = "إحصاءات هجرة اليد العاملة في تونس"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def make_study(home_page):
    index = PublicationIndexPage(
        **translated("title", "Publications", "المنشورات", "Publications"),
        **translated("slug", "publications", "المنشورات", "publications"),
    )
    home_page.add_child(instance=index)

    def make():
        page = PublicationPage(
            kind=PublicationPage.Kind.STUDY,
            year=2024,
            **translated("title", "Étude", "دراسة", "Study"),
            **translated("slug", "etude", "دراسة", "study"),
            **translated("authors", "OIT", "منظمة العمل الدولية", "ILO"),
            **translated(
                "summary",
                "Statistiques de la migration de travail en Tunisie",
                SUMMARY_AR,
                "Labour migration statistics in Tunisia",
            ),
        )
        index.add_child(instance=page)
        return page

    return make


@pytest.fixture
def french_and_arabic_study(make_study):
    """A study with its French and Arabic files; an editor took the English one away."""
    page = make_study()
    with translation.override("fr"):
        attach_files(page)
        page.refresh_from_db()
        page.document_en = None
        page.save_revision().publish()
    return page


def files_section(response):
    return re.search(r'<section class="publication-files".*?</section>', response.text, re.S)[0]


def listed_files(response):
    """(href, hreflang, language name, format, size) of each download the page lists."""
    return re.findall(
        r'<a class="publication-files__link" href="([^"]+)" hreflang="(\w+)" download>\s*'
        r'<span class="publication-files__language" lang="\2" dir="(?:ltr|rtl)">([^<]+)</span>'
        r".*?<bdi>([^<]+)</bdi> · <bdi>([^<]+)</bdi>",
        files_section(response),
        re.S,
    )


def downloaded_pdf(client, url):
    response = client.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(body))


def test_study_lists_its_french_and_arabic_files_with_language_format_and_size(
    client, french_and_arabic_study
):
    page = french_and_arabic_study
    with translation.override("fr"):
        sizes = {
            code: filesizeformat(getattr(page, f"document_{code}").file_size)
            for code in ("fr", "ar")
        }
    response = client.get("/fr/publications/etude/")
    assert [
        (hreflang, name, kind, size) for _url, hreflang, name, kind, size in listed_files(response)
    ] == [
        ("fr", "français", "PDF", sizes["fr"]),
        ("ar", "العربيّة", "PDF", sizes["ar"]),
    ]
    assert 'lang="ar" dir="rtl">العربيّة</span>' in files_section(response)


def test_study_page_in_arabic_lists_the_arabic_file_first(client, french_and_arabic_study):
    response = client.get("/ar/المنشورات/دراسة/")
    assert [hreflang for _url, hreflang, *_rest in listed_files(response)] == ["ar", "fr"]


def test_study_files_download_as_pdfs_of_their_own_summary(client, french_and_arabic_study):
    links = {
        hreflang: url
        for url, hreflang, *_rest in listed_files(client.get("/fr/publications/etude/"))
    }
    french = downloaded_pdf(client, links["fr"])
    assert "Statistiques de la migration de travail en Tunisie" in french.pages[0].extract_text()
    arabic = downloaded_pdf(client, links["ar"])
    assert arabic.trailer["/Root"]["/Lang"] == "ar"
    # Shaped glyphs map back to the summary's letters, in reading order: not reversed, not lost.
    assert SUMMARY_AR in arabic.pages[0].extract_text()


def test_study_without_file_says_so_in_one_plain_line(client, make_study):
    make_study()
    response = client.get("/fr/publications/etude/")
    body = response.text[response.text.index('<div class="container content-page__body') :]
    assert body.count("Aucun fichier n’est encore disponible pour cette publication.") == 1
    line = re.search(r'<p class="([^"]+)">Aucun fichier', body)[1]
    assert line == "publication-files-none"
    assert '<section class="publication-files"' not in body
    assert 'class="notice' not in body
