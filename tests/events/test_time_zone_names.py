"""Times read with the venue's city in the reader's language ("heure de Tunis", «بتوقيت تونس»),
never with an IANA identifier ("Africa/Tunis"): on every page of the demo, in its documents, its
.ics files (where only DTSTART's TZID names the zone) and every email of a registration.

Demo tests only: the module shares one loaded demo (tests/conftest.py, `demo_loaded`).
"""

import io
import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar
from pypdf import PdfReader
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from events import registration as seats
from events.emails import KINDS
from events.models import EventPage, Registration
from events.tasks import send_registration_email
from stakeholders.models import Protocol
from stakeholders.protocols import CERTIFIED_STATUSES

from .conftest import participant_fields

LANGUAGES = ("fr", "ar", "en")
IANA = re.compile(r"\b(?:Africa|Europe|Asia|America|Atlantic|Indian|Pacific|Etc)/[A-Z][A-Za-z_]+")
# What an .ics says to people; DTSTART, DTEND and VTIMEZONE rightly carry the TZID.
ICS_TEXT = ("SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "CATEGORIES")
ICS_CALENDAR_TEXT = ("NAME", "X-WR-CALNAME", "DESCRIPTION", "X-WR-CALDESC")
SUBREGIONAL = EventPage.Kind.SUBREGIONAL_WORKSHOP


@pytest.fixture
def demo(demo_loaded, db):
    """The demo, loaded once for the module."""


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def ics_text(content):
    """The human text of a calendar: its name and each event's summary, description, place…"""
    calendar = Calendar.from_ical(content)
    texts = [str(calendar[name]) for name in ICS_CALENDAR_TEXT if name in calendar]
    for event in calendar.events:
        texts += [str(event[name].to_ical(), "utf-8") for name in ICS_TEXT if name in event]
    assert calendar.events, "a calendar without events proves nothing"
    return "\n".join(texts)


def readable(response):
    """What a reader gets from a response: a page's HTML, a PDF's text, an .ics file's text."""
    content_type = response["Content-Type"]
    if content_type == "application/pdf":
        # A job's file is streamed from the storage.
        content = b"".join(response.streaming_content) if response.streaming else response.content
        return pdf_text(content)
    if content_type.startswith("text/calendar"):
        return ics_text(response.content)
    return response.content.decode()


def iana_names(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return IANA.findall(readable(response))


def routes(page):
    """{name: URL} of the page's routes that take no argument (agenda.pdf, calendar.ics…)."""
    if not isinstance(page, RoutablePageMixin):
        return {}
    url = page.get_url()
    return {
        pattern.name: url + page.reverse_subpage(pattern.name)
        for pattern in page.get_subpage_urls()
        if pattern.name and not pattern.pattern.regex.groups and page.reverse_subpage(pattern.name)
    }


@pytest.fixture
def participant(make_user):
    return make_user(email="zones@example.org")


@pytest.fixture
def staff(make_user):
    """A superuser who passed the admin's second factor (TOTP is required of staff)."""
    user = make_user(email="staff@example.org", is_staff=True, is_superuser=True)
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def subregional(demo):
    return EventPage.objects.get(kind=SUBREGIONAL)


@pytest.fixture
def approved(subregional, participant, django_capture_on_commit_callbacks):
    """A participant of the Tunis workshop who asked for a visa letter, accepted by staff."""
    fields = participant_fields(
        email=participant.email,
        wants_invitation_letter=True,
        passport_number="X1234567",
    )
    with django_capture_on_commit_callbacks(execute=True):
        registration = seats.register(subregional, participant, **fields)
        seats.approve(registration)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    return registration


@pytest.fixture
def attended(demo):
    """A demo participant who came to the past workshop: their certificate exists."""
    return Registration.objects.filter(attendances__isnull=False).order_by("pk").first()


def test_no_live_page_or_route_names_a_zone_by_its_identifier(client, participant, demo):
    # Logged in: the registration form is one of the routes, and only a member sees it.
    client.force_login(participant)
    found, served, pdfs_read = {}, set(), set()
    for page in Page.objects.live().filter(depth__gt=1).specific():
        for language in LANGUAGES:
            with translation.override(language):
                url, page_routes = page.get_url(), routes(page)
            if names := iana_names(client, url):
                found[url] = names
            for name, route in page_routes.items():
                # A PDF (agenda, concept note…) lays out what the page's HTML routes show, read
                # for every page: one a language and time zone will do (each takes ~0.3 s).
                pdf = (type(page), name, language, getattr(page, "time_zone", None))
                if pdf in pdfs_read:
                    continue
                response = client.get(route)
                # A route a page does not offer (no concept note, no public list) is a 404.
                if response.status_code == 404:
                    continue
                assert response.status_code == 200, (route, response.status_code)
                served.add((type(page).__name__, name))
                if response["Content-Type"] == "application/pdf":
                    pdfs_read.add(pdf)
                if names := IANA.findall(readable(response)):
                    found[route] = names
    assert found == {}
    workshop_routes = {"agenda", "agenda_pdf", "concept_note", "concept_note_pdf", "calendar"}
    assert {
        ("EventPage", name) for name in workshop_routes | {"register", "participants"}
    } <= served
    assert ("EventIndexPage", "calendar") in served
    # The zone stays where calendars read it: the TZID of DTSTART and the VTIMEZONE.
    tunis = EventPage.objects.get(kind=SUBREGIONAL)
    calendar = client.get(tunis.url + tunis.reverse_subpage("calendar")).content.decode()
    assert "DTSTART;TZID=Africa/Tunis:" in calendar


def test_the_sites_own_routes_never_name_a_zone_by_its_identifier(
    client, participant, approved, attended
):
    client.force_login(participant)
    found = {}
    for language in LANGUAGES:
        with translation.override(language):
            urls = [
                reverse("search") + "?q=atelier",
                reverse("events:my_registrations"),
                reverse("events:manage", args=[approved.token]),
                reverse("events:edit", args=[approved.token]),
                reverse("events:cancel", args=[approved.token]),
                reverse("events:badge", args=[approved.token]),
                reverse("events:invitation_letter", args=[approved.token]),
                reverse("events:certificate", args=[attended.token]),
            ]
        for url in urls:
            if names := iana_names(client, url):
                found[url] = names
    assert found == {}


def test_staff_views_never_name_a_zone_by_its_identifier(client, staff, approved, attended):
    client.force_login(staff)
    event = attended.event
    # Badges and the sign-in sheet are laid out by jobs (run at once by the suite's task
    # backend): their pages and files.
    job_page = client.get(reverse("events_badges", args=[approved.event_id]))["Location"]
    sheet = reverse("events_sign_in_sheet", args=[event.pk, event.start_date.isoformat()])
    sheet_page = client.get(sheet)["Location"]
    urls = [
        reverse("participants:index"),
        reverse("participants:inspect", args=[approved.pk]),
        job_page,
        client.get(job_page).context["status"]["url"],
        sheet_page,
        client.get(sheet_page).context["status"]["url"],
    ]
    for protocol in Protocol.objects.filter(status__in=CERTIFIED_STATUSES):
        urls += [reverse("protocols:certificate", args=[protocol.pk, lang]) for lang in LANGUAGES]
    found = {url: names for url in urls if (names := iana_names(client, url))}
    assert found == {}


def email_texts(message):
    texts = [message.subject, message.body]
    texts += [html for html, _mimetype in message.alternatives]
    texts += [ics_text(content) for _name, content, _mimetype in message.attachments]
    return texts


def test_no_registration_email_names_a_zone_by_its_identifier(approved, subregional):
    """Every email the site sends about a registration, in each language."""
    mail.outbox.clear()
    registration = approved
    for kind, spec in KINDS.items():
        for language in LANGUAGES:
            Registration.objects.filter(pk=registration.pk).update(
                status=spec.status,
                preferred_language=language,
                status_changed_at=timezone.now(),
                reminder_sent_at=timezone.now(),
            )
            send_registration_email.enqueue(registration.pk, kind)
    assert len(mail.outbox) == len(KINDS) * len(LANGUAGES)
    found = {
        message.subject: names
        for message in mail.outbox
        for text in email_texts(message)
        if (names := IANA.findall(text))
    }
    assert found == {}
    # The times are there, with the city's name in the email's language.
    languages = [message.extra_headers["Content-Language"] for message in mail.outbox[:3]]
    assert languages == ["fr", "ar", "en"]
    fr, ar, en = mail.outbox[:3]
    assert "(heure de Tunis)" in fr.body
    assert "(بتوقيت تونس)" in ar.body
    assert "(Tunis time)" in en.body


@pytest.mark.parametrize(
    ("language", "zone"), [("fr", "heure de Tunis"), ("ar", "بتوقيت تونس"), ("en", "Tunis time")]
)
def test_tunis_workshop_page_names_tunis_beside_its_times(client, subregional, language, zone):
    with translation.override(language):
        response = client.get(subregional.get_url())

    assert response.status_code == 200
    # The zone follows the times, in the page's language.
    times_then_zone = re.compile(
        r'<span class="event-when__times"><time datetime="[^"]+\+01:00">09:00</time>'
        r".*?</span> <span class=\"event-when__zone\">\(" + re.escape(zone) + r"\)</span>"
    )
    assert times_then_zone.search(response.content.decode())
