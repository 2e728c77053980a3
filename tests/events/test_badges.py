"""Badges: a long run laid out in parallel parts and joined in order, every QR code decoding to
its participant's check-in URL, Arabic in logical order, and only the confirmed participants of
the workshop. How long 300 take is bench/pdfs.py's figure, not a test's.

The request records a job that the task worker lays out (tests/events/test_badge_jobs.py); the
test suite's immediate backend has laid it out before the request answers, so these tests follow
the redirect to the job's page and download its file from there."""

import io
import re
import resource
import shutil
import subprocess

import pytest
import zxingcpp
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from PIL import Image
from pypdf import PdfReader

from documents import pdf
from events import participant_documents
from events.models import Registration
from tests.events.test_participant_documents import A6, staff_factory
from tests.events.test_pdf import pdftotext

pytestmark = pytest.mark.django_db

LANGUAGES = ("fr", "ar", "en")
CONSTITUENCIES = ("government", "employers", "workers", "civil_society", "international", "other")
# 100 dpi puts ~3 pixels on a QR module (a 34 mm code of 45 modules): every code decodes, and
# 300 A6 pages rasterise in a few seconds. Grey levels only: a QR code needs no colour.
DPI = 100


def participants(event, count, organisation=None, status=Registration.Status.CONFIRMED, start=0):
    """`count` registrations straight into the table: the seat rules are not under test here."""
    return Registration.objects.bulk_create(
        Registration(
            event=event,
            status=status,
            first_name=f"Prénom{n:03d}",
            last_name=f"Nom{n:03d}",
            first_name_ar="سامي",
            last_name_ar="منصور",
            email=f"badge{n}@example.org",
            organisation=organisation,
            proposed_organisation="" if organisation else "Union des travailleurs",
            constituency=CONSTITUENCIES[n % len(CONSTITUENCIES)],
            position="Chargé d'études",
            gender="man",
            country="TN",
            nationality="TN",
            preferred_language=LANGUAGES[n % len(LANGUAGES)],
        )
        for n in range(start, start + count)
    )


@pytest.fixture
def workshop_staff(make_user):
    return staff_factory(make_user)


def printed(client, response):
    """The PDF of the job that a badges request sent the staff to, from its page's link."""
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    download = client.get(page.context["status"]["url"])
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    return b"".join(download.streaming_content)


def expected_check_in_url(registration):
    with translation.override(registration.preferred_language):
        path = reverse("events:check_in", kwargs={"code": registration.check_in_code})
    # The public site's address, whatever host the staff printed the badges from.
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def qr_codes(pdf, pages, folder):
    """The QR codes' texts on each page, the pages rasterised by pdftoppm (two at a time)."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is missing: apt-get install -y poppler-utils")
    source = folder / "badges.pdf"
    source.write_bytes(pdf)
    half = (pages + 1) // 2
    runs = [
        subprocess.Popen(  # noqa: S603 - a fixed command on our own file
            [  # noqa: S607 - pdftoppm, found on PATH above
                "pdftoppm",
                "-r",
                str(DPI),
                "-gray",
                "-f",
                str(first),
                "-l",
                str(last),
                str(source),
                str(folder / "page"),
            ]
        )
        for first, last in ((1, half), (half + 1, pages))
    ]
    for run in runs:
        assert run.wait() == 0
    images = sorted(folder.glob("page-*.pgm"))
    assert len(images) == pages
    return [
        [
            code.text
            for code in zxingcpp.read_barcodes(
                Image.open(image), formats=zxingcpp.BarcodeFormat.QRCode
            )
        ]
        for image in images
    ]


def test_badges_are_laid_out_in_parallel_parts_joined_in_order_and_every_qr_code_decodes(
    client, open_workshop, workshop_staff, make_organisation, tmp_path, monkeypatch
):
    # Two parts: the fewest badges that documents/pdf.py lays out in parallel, on two cores
    # whatever this machine has.
    monkeypatch.setattr(pdf.os, "cpu_count", lambda: 2)
    count = 2 * pdf.SMALLEST_PART
    event = open_workshop(capacity=None)
    participants(event, count, organisation=make_organisation())
    client.force_login(workshop_staff(event))

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    response = client.get(reverse("events_badges", args=[event.pk]))
    parts_cpu = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - children.ru_utime

    content = printed(client, response)
    # The layout happened in the part processes, not in the worker's process.
    assert parts_cpu > 0
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == count
    assert {
        (round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2))
        for p in reader.pages
    } == {A6}
    # Badges come in the sign-in sheet's order, by last name, across the join of the parts.
    ordered = participant_documents.sign_in_order(Registration.objects.filter(event=event))
    decoded = qr_codes(content, count, tmp_path)
    assert decoded == [[expected_check_in_url(r)] for r in ordered]


def test_badges_of_a_workshop_are_its_confirmed_participants_each_in_its_language(
    client, open_workshop, workshop_staff
):
    event = open_workshop(capacity=None, title_ar="ورشة وطنية حول إحصاءات هجرة العمل")
    french, arabic, english = participants(event, 3)
    participants(event, 1, status=Registration.Status.WAITLISTED, start=3)
    participants(event, 1, status=Registration.Status.PENDING, start=4)
    participants(open_workshop(), 1, start=5)
    client.force_login(workshop_staff(event))

    content = printed(client, client.get(reverse("events_badges", args=[event.pk])))

    reader = PdfReader(io.BytesIO(content))
    pages = [pdftotext_page(content, n) for n in (1, 2, 3)]
    assert len(reader.pages) == 3
    assert "NOM003" not in "".join(pages).upper() and "Nom004" not in "".join(pages)
    with translation.override("ar"):
        constituency_ar = arabic.get_constituency_display()
    # The Arabic badge: its name first, as typed (logical order), then the Latin one.
    assert pages[1].index("سامي منصور") < pages[1].index("Prénom001 Nom001")
    assert "ورشة وطنية حول إحصاءات هجرة العمل" in pages[1]
    assert constituency_ar in pages[1]
    with translation.override("fr"):
        assert french.get_constituency_display() in pages[0]
        assert event.title_fr in pages[0]
    with translation.override("en"):
        assert english.get_constituency_display() in pages[2]
        assert event.title_en in pages[2]
    assert pages[0].index("Prénom000 Nom000") < pages[0].index("سامي منصور")


def pdftotext_page(content, number):
    """One page's text by Poppler, in logical order."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is missing: apt-get install -y poppler-utils")
    result = subprocess.run(  # noqa: S603 - a fixed command on our own bytes
        ["pdftotext", "-enc", "UTF-8", "-f", str(number), "-l", str(number), "-", "-"],  # noqa: S607
        input=content,
        capture_output=True,
        check=True,
    )
    return re.sub("[\u202a-\u202e\u2066-\u2069]", "", result.stdout.decode())


def test_a_selection_prints_only_the_selected_confirmed_participants_of_the_workshop(
    client, open_workshop, workshop_staff
):
    event = open_workshop(capacity=None)
    first, second, third = participants(event, 3)
    (waiting,) = participants(event, 1, status=Registration.Status.WAITLISTED, start=3)
    (elsewhere,) = participants(open_workshop(), 1, start=4)
    client.force_login(workshop_staff(event))
    url = reverse("events_badges", args=[event.pk])

    by_get = client.get(url, {"ids": f"{third.pk},{first.pk},{waiting.pk},{elsewhere.pk},x"})
    by_get = printed(client, by_get)
    by_post = client.post(url, {"ids": [str(third.pk), str(first.pk), str(elsewhere.pk)]})
    by_post = printed(client, by_post)

    for content in (by_get, by_post):
        text = pdftotext(content)
        assert len(PdfReader(io.BytesIO(content)).pages) == 2
        assert "Nom000" in text and "Nom002" in text
        assert "Nom001" not in text and "Nom003" not in text and "Nom004" not in text


def test_an_empty_selection_says_so_instead_of_a_pdf(client, open_workshop, workshop_staff):
    event = open_workshop(capacity=None)
    (waiting,) = participants(event, 1, status=Registration.Status.WAITLISTED)
    client.force_login(workshop_staff(event))

    response = client.get(
        reverse("events_badges", args=[event.pk]), {"ids": waiting.pk}, follow=True
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    with translation.override("fr"):
        message = translation.gettext("No confirmed participant to print a badge for.")
    assert message in response.content.decode()


def test_badges_cost_the_same_queries_for_1_or_20_participants(
    client, open_workshop, workshop_staff, make_organisation
):
    # The request and, with the immediate backend, the task that lays the badges out.
    event = open_workshop(capacity=None)
    organisation = make_organisation()
    participants(event, 1, organisation=organisation)
    client.force_login(workshop_staff(event))
    url = reverse("events_badges", args=[event.pk])
    # The session, the permission caches and the admin's profile: then the steady state.
    printed(client, client.get(url))

    counts = []
    for more in (0, 19):
        participants(event, more, organisation=organisation, start=1)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        counts.append(len(queries))
        assert len(PdfReader(io.BytesIO(printed(client, response))).pages) == 1 + more

    assert counts[0] == counts[1], counts


@pytest.mark.parametrize("token", ["²", "١٢", "1²", "9" * 30, "1,²"])
def test_a_selection_that_is_no_id_prints_nothing_rather_than_failing(
    client, open_workshop, workshop_staff, token
):
    # "²" and Arabic-Indic digits pass str.isdigit() but not int(); 30 digits overflow a bigint.
    event = open_workshop(capacity=None)
    client.force_login(workshop_staff(event))

    response = client.get(reverse("events_badges", args=[event.pk]), {"ids": token}, follow=True)

    assert response.status_code == 200
    with translation.override("fr"):
        message = translation.gettext("No confirmed participant to print a badge for.")
    assert message in response.content.decode()
