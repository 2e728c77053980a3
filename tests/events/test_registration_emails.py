"""The emails of a registration, as they leave: language, links, the .ics invitation, headers,
nothing on rollback, and the reminders, once."""

import datetime
import email
from email import policy
from email.utils import parseaddr
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone, translation
from django.utils.html import escape
from icalendar import Calendar

from events import registration
from events.models import EventPage, Registration
from events.tasks import send_registration_email
from tests.routes import route

from .conftest import participant_fields

pytestmark = pytest.mark.django_db

BASE_URL = "https://amem.example.org"
Status = Registration.Status


@pytest.fixture(autouse=True)
def _base_url(settings):
    settings.WAGTAILADMIN_BASE_URL = BASE_URL
    settings.DEFAULT_FROM_EMAIL = "AMEM <no-reply@amem.example.org>"


@pytest.fixture
def register(make_user, django_capture_on_commit_callbacks):
    def make(event, **overrides):
        fields = participant_fields(**overrides)
        user = make_user(email=fields["email"])
        with django_capture_on_commit_callbacks(execute=True):
            return registration.register(event, user, **fields)

    return make


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def call(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return call


def translated(msgid, language, **values):
    with translation.override(language):
        return translation.gettext(msgid) % values if values else translation.gettext(msgid)


def html_of(message):
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def invitation_of(message):
    [(name, content, mimetype)] = message.attachments
    assert name.endswith(".ics")
    assert mimetype.startswith("text/calendar; method=REQUEST")
    return content if isinstance(content, bytes) else content.encode()


def recipient(message):
    [to] = message.to
    return parseaddr(to)[1]


def parsed(message):
    """The message as the recipient's mail server reads it."""
    return email.message_from_bytes(message.message().as_bytes(), policy=policy.default)


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_confirmation_is_in_the_participants_language(open_workshop, register, language):
    event = open_workshop(capacity=10)

    made = register(event, preferred_language=language, first_name="Amina")

    [message] = mail.outbox
    title = getattr(event, f"title_{language}")
    assert message.subject == translated(
        "Registration confirmed: %(workshop)s", language, workshop=title
    )
    intro = translated("Your registration is confirmed: a seat is reserved for you.", language)
    manage_url = f"{BASE_URL}{route('events:manage', made.token, language=language)}"
    with translation.override(language):
        when = str(event.when)
    assert intro in message.body
    assert title in message.body
    assert when in message.body
    assert manage_url in message.body
    html = html_of(message)
    assert escape(intro) in html
    assert f'href="{manage_url}"' in html
    assert f'lang="{language}"' in html
    assert ('dir="rtl"' in html) == (language == "ar")
    assert parsed(message)["Content-Language"] == language
    # The link carries the secret token, never the registration's number.
    assert route("events:manage", made.pk, language=language) not in message.body


def test_arabic_email_greets_in_arabic_script(open_workshop, register):
    event = open_workshop()

    register(event, preferred_language="ar", first_name_ar="أمينة", last_name_ar="بن صالح")

    [message] = mail.outbox
    assert translated("Dear %(name)s,", "ar", name="أمينة بن صالح") in message.body
    assert parsed(message)["To"].addresses[0].display_name == "أمينة بن صالح"


def test_confirmation_carries_the_invitation_with_the_venue_zone(open_workshop, register):
    event = open_workshop(start=datetime.date(2031, 3, 12), days=2, time_zone="Africa/Tunis")

    made = register(event, preferred_language="en")
    second = register(event, preferred_language="ar")

    first_ics, second_ics = (invitation_of(message) for message in mail.outbox)
    calendar = Calendar.from_ical(first_ics)
    [vevent] = calendar.events
    assert calendar["METHOD"] == "REQUEST"
    assert b"DTSTART;TZID=Africa/Tunis:20310312T090000" in first_ics
    assert vevent.start == datetime.datetime(2031, 3, 12, 9, tzinfo=ZoneInfo("Africa/Tunis"))
    assert [zone.tz_name for zone in calendar.timezones] == ["Africa/Tunis"]
    assert vevent["SUMMARY"] == event.title_en
    assert [str(a) for a in vevent.attendees] == [f"mailto:{made.email}"]
    assert str(vevent.organizer) == "mailto:no-reply@amem.example.org"
    # One workshop, one UID, whoever receives it and in whichever language.
    [other] = Calendar.from_ical(second_ics).events
    assert vevent["UID"] == other["UID"] == f"event-{event.pk}@amem"
    assert [str(a) for a in other.attendees] == [f"mailto:{second.email}"]


def test_waiting_list_email_has_no_invitation(open_workshop, register):
    event = open_workshop(capacity=1)
    register(event)

    waiting = register(event, preferred_language="en")

    message = mail.outbox[-1]
    assert waiting.status == Status.WAITLISTED
    assert message.subject == translated(
        "Waiting list: %(workshop)s", "en", workshop=event.title_en
    )
    assert message.attachments == []


def test_nothing_is_sent_when_the_registration_rolls_back(
    open_workshop, make_user, django_capture_on_commit_callbacks
):
    event = open_workshop()
    fields = participant_fields()
    user = make_user(email=fields["email"])

    with (
        pytest.raises(RuntimeError),
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
    ):
        registration.register(event, user, **fields)
        raise RuntimeError("the view failed after registering")

    assert not Registration.objects.filter(event=event).exists()
    assert mail.outbox == []


def test_a_line_break_in_a_name_adds_no_header(open_workshop, register):
    event = open_workshop()

    made = register(event, first_name="Amina\r\nBcc: x@evil.example", last_name="B\n\tS")

    [message] = mail.outbox
    assert [recipient(message)] == [made.email]
    assert message.bcc == []
    received = parsed(message)
    assert received["Bcc"] is None
    assert b"\nBcc:" not in message.message().as_bytes()
    [address] = received["To"].addresses
    assert address.addr_spec == made.email
    assert "\r" not in address.display_name
    assert "\n" not in address.display_name


def test_an_address_with_a_line_break_is_never_used(open_workshop, register):
    event = open_workshop()
    made = register(event)
    Registration.objects.filter(pk=made.pk).update(email="a@example.org\r\nBcc: x@evil.example")
    mail.outbox.clear()

    result = send_registration_email.enqueue(made.pk, "confirmed")

    assert result.return_value == "undeliverable"
    assert mail.outbox == []


def test_cancelling_promotes_and_both_are_told(open_workshop, register, run):
    event = open_workshop(capacity=1)
    seated = register(event, preferred_language="en")
    waiting = register(event, preferred_language="ar")
    mail.outbox.clear()

    run(registration.cancel, seated)

    by_recipient = {recipient(message): message for message in mail.outbox}
    assert by_recipient[seated.email].subject == translated(
        "Registration cancelled: %(workshop)s", "en", workshop=event.title_en
    )
    assert by_recipient[seated.email].attachments == []
    promoted = by_recipient[waiting.email]
    assert promoted.subject == translated(
        "A seat is yours: %(workshop)s", "ar", workshop=event.title_ar
    )
    assert Calendar.from_ical(invitation_of(promoted))["METHOD"] == "REQUEST"


def test_rejection_email(open_workshop, register, run):
    event = open_workshop(mode=EventPage.RegistrationMode.APPROVAL)
    pending = register(event, preferred_language="en")

    run(registration.reject, pending)

    received, rejected = mail.outbox
    assert received.subject == translated(
        "Registration received: %(workshop)s", "en", workshop=event.title_en
    )
    assert rejected.subject == translated(
        "Registration not accepted: %(workshop)s", "en", workshop=event.title_en
    )
    assert rejected.attachments == []


def test_a_task_run_twice_sends_once(open_workshop, register):
    event = open_workshop()
    made = register(event)

    again = send_registration_email.enqueue(made.pk, "confirmed")

    assert again.return_value == "already sent"
    assert len(mail.outbox) == 1


def test_an_outdated_email_is_not_sent(open_workshop, register):
    """A worker running late must not confirm a seat that was cancelled meanwhile."""
    event = open_workshop()
    made = register(event)
    registration.cancel(made)
    mail.outbox.clear()

    late = send_registration_email.enqueue(made.pk, "promoted")

    assert late.return_value == "outdated"
    assert mail.outbox == []


# Reminders.


def soon(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def reminders():
    call_command("send_workshop_reminders", stdout=StringIO())


def test_reminder_goes_once_to_confirmed_participants_in_their_language(
    open_workshop, register, run
):
    event = open_workshop(capacity=2, start=soon(2), reminder_days_before=3)
    arabic = register(event, preferred_language="ar")
    english = register(event, preferred_language="en")
    waiting = register(event)
    mail.outbox.clear()

    run(reminders)
    run(reminders)

    subjects = {recipient(message): message.subject for message in mail.outbox}
    assert subjects == {
        arabic.email: translated("Reminder: %(workshop)s", "ar", workshop=event.title_ar),
        english.email: translated("Reminder: %(workshop)s", "en", workshop=event.title_en),
    }
    assert waiting.email not in subjects
    assert all(invitation_of(message) for message in mail.outbox)
    assert Registration.objects.filter(reminder_sent_at__isnull=False).count() == 2


def test_a_participant_confirmed_after_the_reminders_gets_one_on_the_next_run(
    open_workshop, register, run
):
    event = open_workshop(capacity=1, start=soon(1), reminder_days_before=3)
    first = register(event)
    waiting = register(event)
    run(reminders)
    run(registration.cancel, first)
    mail.outbox.clear()

    run(reminders)

    assert [recipient(message) for message in mail.outbox] == [waiting.email]


@pytest.mark.parametrize(
    ("start_in", "days_before"),
    [(10, 3), (2, 0), (-1, 3)],
    ids=["too early", "no reminder", "already started"],
)
def test_no_reminder_outside_its_days(open_workshop, register, run, start_in, days_before):
    event = open_workshop(start=soon(20))
    made = register(event)
    EventPage.objects.filter(pk=event.pk).update(
        start_date=soon(start_in), end_date=soon(start_in + 1), reminder_days_before=days_before
    )
    mail.outbox.clear()

    run(reminders)

    made.refresh_from_db()
    assert made.status == Status.CONFIRMED
    assert made.reminder_sent_at is None
    assert mail.outbox == []
