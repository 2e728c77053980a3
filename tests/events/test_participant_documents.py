"""A participant's documents: the visa invitation letter, the attendance certificate, the badge
opened by its token, and the staff's sign-in sheet. Real PDFs, parsed back."""

import datetime
import io
import itertools

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group, Permission
from django.http import HttpResponse
from django.urls import reverse
from django.utils import dateformat, translation
from pypdf import PdfReader
from wagtail.models import GroupPagePermission

from events.models import Attendance, EventPage, Registration
from home.vocabulary import country_name
from tests.events.test_pdf import pdftotext

pytestmark = pytest.mark.django_db

A4 = (595.28, 841.89)
A6 = (297.64, 419.53)
_numbers = itertools.count(1)


def translated(msgid, language):
    with translation.override(language):
        return translation.gettext(msgid)


def pdf_text(response):
    """pypdf's and Poppler's text of a PDF response, one string (both in logical order)."""
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages), pdftotext(response.content)


def page_sizes(response):
    reader = PdfReader(io.BytesIO(response.content))
    return [
        (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2))
        for page in reader.pages
    ]


def url(name, registration):
    """The document's link in the participant's language, as their emails give it (a document is
    in the language of its URL: tests/events/test_certificates.py)."""
    with translation.override(registration.preferred_language):
        return reverse(f"events:{name}", kwargs={"token": registration.token})


def staff_factory(make_user):
    """A factory of admin users with TOTP who may edit the given pages (so run them)."""

    def make(*pages):
        number = next(_numbers)
        user = make_user(email=f"documents-staff{number}@example.org")
        group = Group.objects.create(name=f"Documents staff {number}")
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
        change_page = Permission.objects.get(
            content_type__app_label="wagtailcore", codename="change_page"
        )
        for page in pages:
            GroupPagePermission.objects.create(group=group, page=page, permission=change_page)
        user.groups.add(group)
        TOTP.activate(user, generate_totp_secret())
        return user

    return make


@pytest.fixture
def workshop_staff(make_user):
    """workshop_staff(*pages) -> staff who run these workshops."""
    return staff_factory(make_user)


@pytest.fixture
def workshop(open_workshop):
    return open_workshop(
        capacity=100,
        invitation_letters_enabled=True,
        days=3,
        title_ar="ورشة وطنية حول إحصاءات هجرة العمل",
    )


@pytest.fixture
def amina(workshop, make_registration):
    return make_registration(
        workshop,
        first_name="Amina",
        last_name="Trabelsi",
        first_name_ar="أمينة",
        last_name_ar="الطرابلسي",
        nationality="MA",
        passport_number="TN1234567",
        wants_invitation_letter=True,
    )


@pytest.fixture
def rim(workshop, make_registration):
    return make_registration(
        workshop,
        first_name="Rim",
        last_name="Haddad",
        first_name_ar="ريم",
        last_name_ar="حداد",
        preferred_language="ar",
        nationality="TN",
        passport_number="Z9876543",
        wants_invitation_letter=True,
    )


# The visa invitation letter


def test_invitation_letter_in_french_names_the_participant_passport_and_workshop(client, amina):
    response = client.get(url("invitation_letter", amina))

    text, poppler = pdf_text(response)
    workshop = amina.event
    with translation.override("fr"):
        nationality = country_name("MA")
        dates = workshop.when.dates
    for expected in (
        "Amina Trabelsi",
        "TN1234567",
        nationality,
        workshop.title_fr,
        dates,
        translated("Invitation letter for a visa application", "fr"),
        # No signatory filled on the workshop: the project's name, no empty box to sign.
        translated("For the AMEM project team", "fr"),
    ):
        assert expected in poppler, expected
    assert workshop.title_fr in text
    assert page_sizes(response) == [A4]
    assert response["Cache-Control"] == "private, no-store"


def test_invitation_letter_in_arabic_keeps_arabic_in_logical_order(client, rim):
    response = client.get(url("invitation_letter", rim))

    text, poppler = pdf_text(response)
    with translation.override("ar"):
        nationality = country_name("TN")
        dates = rim.event.when.dates
    # As typed, first word first: the PDF holds Arabic in logical order. (Poppler turns a
    # lam-alef ligature around, "لا" into "ال", so the names checked here have none.)
    for expected in ("ريم حداد", "ورشة وطنية حول إحصاءات هجرة العمل", nationality, "Rim Haddad"):
        assert expected in poppler, expected
        assert expected in text, expected
    assert "Z9876543" in poppler
    # Digits inside Arabic come out of a PDF in visual order: the month's name says enough.
    with translation.override("ar"):
        assert dateformat.format(rim.event.start_date, "F") in dates
        assert dateformat.format(rim.event.start_date, "F") in poppler
    assert translated("Invitation letter for a visa application", "ar") in poppler


@pytest.mark.parametrize(
    ("change", "value"),
    [
        ("wants_invitation_letter", False),
        ("status", Registration.Status.WAITLISTED),
        ("status", Registration.Status.CANCELLED),
    ],
)
def test_no_invitation_letter_unless_asked_and_confirmed(client, amina, change, value):
    Registration.objects.filter(pk=amina.pk).update(**{change: value})

    assert client.get(url("invitation_letter", amina)).status_code == 404


def test_no_invitation_letter_when_the_workshop_gives_none(client, amina):
    EventPage.objects.filter(pk=amina.event.pk).update(invitation_letters_enabled=False)

    assert client.get(url("invitation_letter", amina)).status_code == 404


# The attendance certificate


def attend(registration, *days):
    for day in days:
        Attendance.objects.create(registration=registration, day=day)


def test_no_certificate_before_attendance(client, amina):
    assert client.get(url("certificate", amina)).status_code == 404


@pytest.mark.parametrize(("who", "language"), [("amina", "fr"), ("rim", "ar")])
def test_certificate_lists_the_days_attended_in_the_participant_language(
    client, request, who, language
):
    registration = request.getfixturevalue(who)
    first, second, third = registration.event.days
    attend(registration, third, first)

    response = client.get(url("certificate", registration))

    text, poppler = pdf_text(response)
    # Digits inside Arabic come out of a PDF in visual order: there the weekday names say it.
    day_format = "l" if language == "ar" else "l j F Y"
    with translation.override(language):
        attended = [dateformat.format(day, day_format) for day in (first, third)]
        missed = dateformat.format(second, day_format)
        title = registration.event.title
    name = registration.full_name_ar if language == "ar" else registration.full_name
    for expected in (name, title, *attended, translated("Certificate of attendance", language)):
        assert expected in text, expected
    # Poppler too (it turns lam-alef ligatures around: "الثلاثاء" is checked with pypdf only).
    for expected in (name, title):
        assert expected in poppler, expected
    assert missed not in text
    # The days in order, first day first.
    assert text.index(attended[0]) < text.index(attended[1])
    assert page_sizes(response) == [A4]


# Tokens: each one opens its own registration's documents and nothing else


def test_a_token_opens_only_its_own_registration_documents(client, amina, rim):
    for registration in (amina, rim):
        attend(registration, registration.event.start_date)
    others = {amina.pk: rim, rim.pk: amina}

    for registration in (amina, rim):
        other = others[registration.pk]
        for name in ("badge", "invitation_letter", "certificate"):
            _text, poppler = pdf_text(client.get(url(name, registration)))
            assert registration.full_name in poppler, name
            assert other.full_name not in poppler and other.full_name_ar not in poppler, name
    for name in ("badge", "invitation_letter", "certificate"):
        response = client.get(reverse(f"events:{name}", kwargs={"token": "not-a-token"}))
        assert response.status_code == 404
        # The check-in code is printed on the badge: it must not open the documents.
        response = client.get(reverse(f"events:{name}", kwargs={"token": amina.check_in_code}))
        assert response.status_code == 404


def test_badge_by_token_only_for_a_confirmed_registration(client, open_workshop, make_registration):
    full = open_workshop(capacity=1)
    confirmed = make_registration(full)
    waitlisted = make_registration(full)
    assert waitlisted.status == Registration.Status.WAITLISTED
    approval = open_workshop(mode=EventPage.RegistrationMode.APPROVAL)
    pending = make_registration(approval)
    assert pending.status == Registration.Status.PENDING

    assert client.get(url("badge", confirmed)).status_code == 200
    assert client.get(url("badge", waitlisted)).status_code == 404
    assert client.get(url("badge", pending)).status_code == 404
    Registration.objects.filter(pk=confirmed.pk).update(status=Registration.Status.CANCELLED)
    assert client.get(url("badge", confirmed)).status_code == 404


def test_arabic_badge_is_a6_with_arabic_text_in_logical_order(client, rim):
    response = client.get(url("badge", rim))

    text, poppler = pdf_text(response)
    assert page_sizes(response) == [A6]
    with translation.override("ar"):
        constituency = rim.get_constituency_display()
    for expected in ("ريم حداد", "ورشة وطنية حول إحصاءات هجرة العمل", "Rim Haddad", constituency):
        assert expected in poppler, expected
    assert "ريم حداد" in text
    assert response["Content-Disposition"].startswith("inline;")


def test_an_erased_registration_has_no_documents(client, amina):
    attend(amina, amina.event.start_date)
    Registration.objects.filter(pk=amina.pk).update(
        anonymised_at=datetime.datetime.now(datetime.UTC)
    )

    for name in ("badge", "invitation_letter", "certificate"):
        assert client.get(url(name, amina)).status_code == 404, name


# The sign-in sheet


def sign_in_url(event, day):
    return reverse("events_sign_in_sheet", args=[event.pk, day.isoformat()])


def sign_in_sheet(client, event, day):
    """The sheet's PDF, downloaded from the page of the job the request sent the staff to (the
    suite's immediate task backend has laid it out: tests/events/test_document_jobs.py)."""
    job_page = client.get(sign_in_url(event, day))
    assert job_page.status_code == 302
    download = client.get(client.get(job_page["Location"]).context["status"]["url"])
    return HttpResponse(b"".join(download.streaming_content), download["Content-Type"])


def test_sign_in_sheet_lists_only_confirmed_participants_by_last_name(
    client, open_workshop, make_registration, workshop_staff
):
    event = open_workshop(capacity=4, days=2)
    for last_name in ("Zerrouki", "Élouali", "ben Ali", "Mansour"):
        make_registration(event, first_name="Sami", last_name=last_name)
    waiting = make_registration(event, first_name="Nadia", last_name="Aaron")
    assert waiting.status == Registration.Status.WAITLISTED
    cancelled = Registration.objects.get(event=event, last_name="Mansour")
    Registration.objects.filter(pk=cancelled.pk).update(status=Registration.Status.CANCELLED)
    client.force_login(workshop_staff(event))

    response = sign_in_sheet(client, event, event.end_date)

    _text, poppler = pdf_text(response)
    names = ["BEN ALI", "ÉLOUALI", "ZERROUKI"]
    found = [poppler.find(name) for name in names]
    assert -1 not in found and found == sorted(found), found
    assert "AARON" not in poppler and "MANSOUR" not in poppler
    with translation.override("fr"):
        assert dateformat.format(event.end_date, "l j F Y") in poppler
    assert translated("Signature", "fr") in poppler
    assert page_sizes(response) == [A4]


def test_sign_in_sheet_rows_never_split_and_pages_are_numbered(
    client, workshop, workshop_staff, make_organisation
):
    organisation = make_organisation()
    Registration.objects.bulk_create(
        Registration(
            event=workshop,
            status=Registration.Status.CONFIRMED,
            first_name=f"Prénom{n:02d}",
            last_name=f"Nom{n:02d}",
            first_name_ar="سامي",
            last_name_ar="منصور",
            email=f"sheet{n}@example.org",
            organisation=organisation if n % 2 else None,
            proposed_organisation=f"Organisation {n:02d}",
            constituency="workers",
            position="Chargé d'études",
            gender="man",
            country="TN",
            nationality="TN",
            preferred_language="fr",
        )
        for n in range(60)
    )
    client.force_login(workshop_staff(workshop))

    response = sign_in_sheet(client, workshop, workshop.start_date)

    reader = PdfReader(io.BytesIO(response.content))
    # White space collapsed: a cell's text may wrap.
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert len(texts) >= 2
    for number, text in enumerate(texts, 1):
        assert f"{number} / {len(texts)}" in text
    for n in range(60):
        # A row's name and its organisation land on the same page.
        [where] = [i for i, text in enumerate(texts) if f"NOM{n:02d}" in text]
        organisation_name = organisation.name_fr if n % 2 else f"Organisation {n:02d}"
        assert organisation_name in texts[where], n


def test_sign_in_sheet_only_for_a_day_of_the_workshop(client, workshop, workshop_staff):
    client.force_login(workshop_staff(workshop))

    assert client.get(sign_in_url(workshop, workshop.end_date)).status_code == 302  # to its job
    after = workshop.end_date + datetime.timedelta(days=1)
    assert client.get(sign_in_url(workshop, after), follow=True).status_code == 404
    bad = reverse("events_sign_in_sheet", args=[workshop.pk, "2025-02-30"])
    assert client.get(bad, follow=True).status_code == 404


def test_staff_of_another_workshop_get_404_on_the_staff_pdfs(
    client, workshop, amina, open_workshop, workshop_staff
):
    client.force_login(workshop_staff(open_workshop()))
    badges = reverse("events_badges", args=[workshop.pk])

    # Django's LocaleMiddleware sends an admin 404 on to /fr/admin/…, which is a 404 too.
    assert client.get(sign_in_url(workshop, workshop.start_date), follow=True).status_code == 404
    assert client.get(badges, follow=True).status_code == 404
    assert client.post(badges, {"ids": [amina.pk]}, follow=True).status_code == 404
    missing = reverse("events_badges", args=[workshop.pk + 1000])
    assert client.get(missing, follow=True).status_code == 404


def test_staff_pdfs_need_an_admin_account(client, workshop, make_user):
    badges = reverse("events_badges", args=[workshop.pk])

    assert client.get(badges).status_code == 302  # to the login
    client.force_login(make_user(email="participant-only@example.org"))
    response = client.get(badges)
    assert response.status_code in (302, 403)
    assert response.get("Content-Type") != "application/pdf"
