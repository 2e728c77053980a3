"""A workshop's agenda and concept note are laid out once per published revision and language."""

import io
from unittest import mock

import pytest
from pypdf import PdfReader
from weasyprint import HTML

pytestmark = pytest.mark.django_db


@pytest.fixture
def layouts():
    """Counts WeasyPrint documents laid out (documents/pdf.py builds one HTML per PDF)."""
    with mock.patch("documents.pdf.HTML", wraps=HTML) as counter:
        yield counter


def pdf_text(response):
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def url(page, name, language="fr"):
    index = {"fr": "ateliers", "ar": "ورش-العمل"}[language]
    return f"/{language}/{index}/{getattr(page, f'slug_{language}')}/{name}.pdf"


@pytest.mark.parametrize("name", ["agenda", "concept-note"])
def test_the_second_request_lays_out_nothing(client, make_event, layouts, name):
    page = make_event()
    first = client.get(url(page, name))
    # Another visitor, or the same past the page cache with a query string of its own.
    second = client.get(url(page, name) + "?utm_source=lettre")
    assert (first.status_code, second.status_code) == (200, 200)
    assert second.content == first.content
    assert second["Content-Disposition"] == first["Content-Disposition"]
    assert layouts.call_count == 1


@pytest.mark.parametrize("name", ["agenda", "concept-note"])
def test_each_language_has_its_own(client, make_event, layouts, name):
    page = make_event()
    french = client.get(url(page, name, "fr"))
    arabic = client.get(url(page, name, "ar"))
    assert french.content != arabic.content
    assert layouts.call_count == 2
    client.get(url(page, name, "ar"))
    assert layouts.call_count == 2


@pytest.mark.parametrize("name", ["agenda", "concept-note"])
def test_a_new_revision_is_laid_out_again(client, make_event, layouts, name):
    page = make_event()
    before = client.get(url(page, name))
    page.title_fr = page.title = "Atelier régional sur les statistiques de migration"
    page.save_revision().publish()

    after = client.get(url(page, name))
    assert layouts.call_count == 2
    assert after.content != before.content
    assert "Atelier régional" in pdf_text(after)
    client.get(url(page, name))
    assert layouts.call_count == 2
