import datetime
import io
import re
import shutil
import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

pytestmark = pytest.mark.django_db

MARCH_12 = datetime.date(2025, 3, 12)
A4 = (595.28, 841.89)  # points
ARABIC_SESSIONS = [
    "الجلسة الأولى",
    "الجلسة الثانية",
    "الجلسة الثالثة",
    "الجلسة الرابعة",
    "الجلسة الخامسة",
    "الجلسة السادسة",
    "الجلسة السابعة",
    "الجلسة الثامنة",
]
ARABIC_DAYS = ["في اليوم الأول", "في اليوم الثاني", "في اليوم الثالث"]


def pdf_of(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def pages_text(reader):
    return [page.extract_text() for page in reader.pages]


def pdftotext(content):
    """Poppler's text, in logical order; without the embedding marks it wraps RTL runs in."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is missing: apt-get install -y poppler-utils")
    result = subprocess.run(  # noqa: S603 - a fixed command on our own bytes
        ["pdftotext", "-enc", "UTF-8", "-", "-"],  # noqa: S607 - found on PATH above
        input=content,
        capture_output=True,
        check=True,
    )
    return re.sub("[\u202a-\u202e\u2066-\u2069]", "", result.stdout.decode())


def positions(text, needles):
    found = [text.find(needle) for needle in needles]
    assert -1 not in found, [n for n, i in zip(needles, found, strict=True) if i == -1]
    return found


def agenda_url(page, language):
    slug = getattr(page, f"slug_{language}")
    index = {"fr": "ateliers", "ar": "ورش-العمل", "en": "workshops"}[language]
    return f"/{language}/{index}/{slug}/agenda.pdf"


def test_agenda_pdf_in_french_lists_sessions_in_order_on_numbered_a4_pages(client, make_event):
    page = make_event(start=MARCH_12, days=3, sessions=8)

    reader = pdf_of(client.get(agenda_url(page, "fr")))

    texts = pages_text(reader)
    text = "\n".join(texts)
    titles = [f"Session {d}.{n} (fr)" for d in (1, 2, 3) for n in range(1, 9)]
    found = positions(text, titles)
    assert found == sorted(found)
    assert page.title_fr in text
    assert "12–14 mars 2025" in text
    assert "mercredi 12 mars 2025" in text
    assert len(reader.pages) >= 2
    for number, (pdf_page, page_text) in enumerate(zip(reader.pages, texts, strict=True), 1):
        width, height = float(pdf_page.mediabox.width), float(pdf_page.mediabox.height)
        assert (round(width, 2), round(height, 2)) == A4
        assert f"{number} / {len(reader.pages)}" in page_text
    assert reader.metadata.title == f"Agenda · {page.title_fr}"


def test_agenda_pdf_in_arabic_keeps_arabic_in_logical_order(client, make_event):
    title = "ورشة وطنية حول إحصاءات هجرة العمل"
    page = make_event(start=MARCH_12, days=3, sessions=8, title_ar=title)

    response = client.get(agenda_url(page, "ar"))
    reader = pdf_of(response)

    text = "\n".join(pages_text(reader))
    # As typed, first word first: the PDF holds the text in logical order, not visual.
    assert title in text
    assert title in pdftotext(response.content)
    titles = [f"{ARABIC_SESSIONS[n]} {ARABIC_DAYS[d]}" for d in range(3) for n in range(8)]
    found = positions(text, titles)
    assert found == sorted(found)
    assert "مارس" in text
    assert f"1 / {len(reader.pages)}" in pages_text(reader)[0]
    assert "filename*=UTF-8''" not in response["Content-Disposition"]
    assert response["Content-Disposition"] == (f'inline; filename="{page.slug_fr}-agenda-ar.pdf"')


def test_agenda_pdf_rows_never_split_across_pages(client, make_event):
    """Every session's title and its speakers land on the same page."""
    page = make_event(start=MARCH_12, days=3, sessions=8)

    texts = pages_text(pdf_of(client.get(agenda_url(page, "fr"))))

    for day in (1, 2, 3):
        for number in range(1, 9):
            title = f"Session {day}.{number} (fr)"
            speaker = f"Intervenant {day}.{number},"
            [where] = [i for i, text in enumerate(texts) if title in text]
            assert speaker in texts[where], title


def test_agenda_pdf_costs_the_same_queries_for_one_day_or_three(
    client, make_event, django_assert_max_num_queries
):
    """How long the 3-day agenda takes to render is bench/pdfs.py's figure; here, its work."""
    short = make_event(start=MARCH_12, days=1, sessions=2)
    long = make_event(start=MARCH_12, days=3, sessions=8)
    client.get(agenda_url(short, "ar"))  # the first PDF of the process loads WeasyPrint
    # Both workshops' pages known to the routing (home/routing.py), as any page once visited.
    client.get(agenda_url(long, "ar").replace("agenda.pdf", ""))

    with CaptureQueriesContext(connection) as one_day:
        assert client.get(agenda_url(short, "ar")).status_code == 200
    with django_assert_max_num_queries(len(one_day)):
        response = client.get(agenda_url(long, "ar"))

    assert response["Content-Type"] == "application/pdf"
    assert len(PdfReader(io.BytesIO(response.content)).pages) > 1


@pytest.mark.parametrize(
    ("language", "sentence"),
    [("fr", "Note conceptuelle de l'atelier."), ("ar", "المذكرة المفاهيمية للورشة")],
)
def test_concept_note_pdf_holds_the_note_in_the_language(client, make_event, language, sentence):
    page = make_event(start=MARCH_12)
    url = agenda_url(page, language).replace("agenda.pdf", "concept-note.pdf")

    reader = pdf_of(client.get(url))

    text = "\n".join(pages_text(reader))
    assert sentence in text
    assert re.search(r"1 / 1", text)
