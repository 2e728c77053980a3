"""A country's report is laid out once a day per language, and again after any content write."""

# ruff: noqa: F811 - the fixtures of test_tracker.py are imported, then used as arguments

import io
from unittest import mock

import pytest
from pypdf import PdfReader
from weasyprint import HTML

from stakeholders.models import ProgressReview

from .test_tracker import add_update, make_recommendation, tracker, url  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture
def layouts():
    """Counts WeasyPrint documents laid out (documents/pdf.py builds one HTML per PDF)."""
    with mock.patch("documents.pdf.HTML", wraps=HTML) as counter:
        yield counter


def pdf_text(response):
    assert response.status_code == 200, response.status_code
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_a_country_report_is_laid_out_once(client, tracker, make_organisation, layouts):
    make_organisation("Institut national de la statistique", acronym="INS")
    first = client.get(url("fr", "report/tn.pdf"))
    second = client.get(url("fr", "report/tn.pdf") + "?utm_source=lettre")
    assert second.content == first.content
    assert layouts.call_count == 1
    client.get(url("ar", "report/tn.pdf"))
    assert layouts.call_count == 2


def test_a_validated_update_shows_in_the_next_report(
    client, tracker, make_organisation, make_recommendation, layouts
):
    ins = make_organisation("Institut national de la statistique", acronym="INS")
    recommendation = make_recommendation(ins, reference="TN-SIM-2024-R01")
    update = add_update(recommendation, narrative="Module testé auprès de trois cents ménages.")
    assert "trois cents" not in pdf_text(client.get(url("fr", "report/tn.pdf")))

    ProgressReview.objects.create(update=update, decision=ProgressReview.Decision.VALIDATED)

    assert "trois cents" in pdf_text(client.get(url("fr", "report/tn.pdf")))
    assert layouts.call_count == 2
