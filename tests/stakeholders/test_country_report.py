"""A country's implementation report, as PDF: every public recommendation of that country, with
its validated progress, in French and in Arabic (in logical order), none of another country's
and no private one; read back with pypdf and poppler's pdftotext."""

# ruff: noqa: F811 - the fixtures of test_tracker.py are imported, then used as arguments

import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from stakeholders.models import ProgressReview

from .test_tracker import add_update, make_recommendation, tracker, url  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

# Without the lam-alef ligature (لا, لإ, لأ): pdftotext gives its two letters back in visual
# order, which would fail the check of poppler's text for a reason that is not ours.
ARABIC_TITLES = [
    "إدراج وحدة حول هجرة اليد العاملة في المسح الوطني",
    "توحيد مفاهيم هجرة اليد العاملة بين منتجي البيانات",
    "إحداث آلية لتبادل البيانات بين الوزارات",
    "تكوين المختصين في إحصاءات الهجرة",
    "تعزيز استخدام منظمات أصحاب العمل والعمال لبيانات الهجرة",
    "إرساء هيئة تنسيق دائمة لنظام المعلومات",
]


def pdf_text(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages), reader


def pdftotext(content):
    """Poppler's text, in logical order; without the embedding marks it wraps RTL runs in."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is missing: apt-get install -y poppler-utils")
    result = subprocess.run(  # noqa: S603 - a fixed command on our own bytes
        ["pdftotext", "-enc", "UTF-8", "-", "-"],  # noqa: S607 - found on PATH
        input=content,
        capture_output=True,
        check=True,
    )
    return re.sub("[\u202a-\u202e\u2066-\u2069]", "", result.stdout.decode())


def one_line(text):
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def tunisia(tracker, make_organisation, make_recommendation):
    """Six public Tunisian recommendations (Arabic titles in words), a private one, a Moroccan."""
    ins = make_organisation(
        "Institut national de la statistique", acronym="INS", ar="المعهد الوطني للإحصاء"
    )
    axes = ["data", "data", "governance", "capacity", "capacity", "governance"]
    public = [
        make_recommendation(
            ins,
            reference=f"TN-SIM-2024-R{number:02}",
            title=f"Recommandation tunisienne numéro {number}",
            title_ar=title,
            axis=axes[number - 1],
        )
        for number, title in enumerate(ARABIC_TITLES, 1)
    ]
    add_update(
        public[0],
        decision=ProgressReview.Decision.VALIDATED,
        narrative="Module testé auprès de trois cents ménages.",
        status="in_progress",
        progress=40,
    )
    add_update(public[0], narrative="Mise à jour en attente de validation.")
    return {
        "public": public,
        "private": make_recommendation(ins, reference="TN-SIM-2024-R99", public=False),
        "morocco": make_recommendation(reference="MA-DON-2025-R01", country="MA"),
    }


def test_country_report_in_french_lists_every_public_recommendation(client, tunisia):
    response = client.get(url("fr", "report/tn.pdf"))

    text, reader = pdf_text(response)
    flat = one_line(text)
    for recommendation in tunisia["public"]:
        assert recommendation.reference in flat
        assert recommendation.title_fr in flat
    assert "TN-SIM-2024-R99" not in flat
    assert "MA-DON-2025-R01" not in flat
    assert "Module testé auprès de trois cents ménages." in flat
    assert "en attente de validation" not in flat
    assert "Institut national de la statistique" in flat
    assert "Tunisie" in reader.metadata.title
    assert response["Content-Disposition"] == 'inline; filename="amem-recommendations-tn-fr.pdf"'


def test_country_report_in_arabic_keeps_arabic_in_logical_order(client, tunisia):
    response = client.get(url("ar", "report/tn.pdf"))

    text, reader = pdf_text(response)
    poppler = one_line(pdftotext(response.content))
    flat = one_line(text)
    for recommendation, title in zip(tunisia["public"], ARABIC_TITLES, strict=True):
        # As typed, first word first: the PDF holds the text in logical order, not visual.
        assert title in flat, title
        assert title in poppler, title
        assert recommendation.reference in flat
    assert "TN-SIM-2024-R99" not in flat
    assert "تونس" in reader.metadata.title


def test_country_report_of_an_unknown_country_is_a_404(client, tracker):
    assert client.get(url("fr", "report/zz.pdf")).status_code == 404


def test_country_report_without_recommendations_says_so(client, tracker):
    text, _reader = pdf_text(client.get(url("fr", "report/ly.pdf")))

    assert "Libye" in text
