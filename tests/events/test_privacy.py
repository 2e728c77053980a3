"""Privacy: the public list of participants, a participant's data (seen, exported, erased) and
the anonymisation of old workshops' registrations."""

import datetime
import html
import io
import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from events import balance, privacy
from events.models import Attendance, Registration
from home.vocabulary import country_name
from stakeholders.models import Person

from .conftest import participant_fields

Status = Registration.Status
SECRET_VALUES = {
    "email": "amina.secret@example.org",
    "phone": "+216 99 123 456",
    "passport_number": "X9876543",
    "nationality": "DZ",
    "gender": "woman",
}


def participants_url(event):
    return event.url + "participants/"


def add(event, status=Status.CONFIRMED, days=0, **fields):
    registration = Registration.objects.create(
        event=event, status=status, **participant_fields(**fields)
    )
    for day in event.days[:days]:
        Attendance.objects.create(registration=registration, day=day)
    return registration


# The public list of participants ------------------------------------------------------------


def test_public_list_shows_only_confirmed_participants_who_consented(client, make_event):
    event = make_event(lists_participants=True)
    listed = add(
        event,
        first_name="Amina",
        last_name="Listée",
        position="Directrice de l'emploi",
        proposed_organisation="Union des travailleuses",
        consents_to_listing=True,
        **SECRET_VALUES,
    )
    add(event, last_name="Sansconsentement", consents_to_listing=False)
    add(event, last_name="Enattente", status=Status.WAITLISTED, consents_to_listing=True)
    add(event, last_name="Annulée", status=Status.CANCELLED, consents_to_listing=True)

    response = client.get(participants_url(event))
    assert response.status_code == 200
    html = response.content.decode()
    assert listed.full_name in html
    assert "Directrice de l&#x27;emploi" in html
    assert "Union des travailleuses" in html
    with translation.override("fr"):
        assert country_name("TN") in html
        # The gender's label and the nationality's name, as a French page would print them.
        never = [gettext("Woman"), country_name("DZ")]
    for name in ("Sansconsentement", "Enattente", "Annulée"):
        assert name not in html
    for value in [*SECRET_VALUES.values(), *never]:
        assert value not in html, value


def test_public_list_is_a_404_when_the_workshop_does_not_list_participants(client, make_event):
    event = make_event(lists_participants=False)
    add(event, consents_to_listing=True)
    assert client.get(participants_url(event)).status_code == 404


def listing_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_public_list_costs_the_same_for_1_and_25_participants(client, make_event):
    event = make_event(lists_participants=True)
    add(event, consents_to_listing=True)
    client.get(participants_url(event))
    one = listing_queries(client, participants_url(event))
    for _ in range(24):
        add(event, consents_to_listing=True)
    client.get(participants_url(event))  # a write: the site-wide parts are computed again
    assert listing_queries(client, participants_url(event)) == one
    # The list is paginated: the second page exists and is the same price.
    response = client.get(participants_url(event))
    assert response.context["participants"].paginator.count == 25


# My data and its export ---------------------------------------------------------------------


@pytest.fixture
def two_participants(make_event, make_registration, make_user):
    event = make_event(registration_mode="open", capacity=10, lists_participants=True)
    mine = make_registration(event, passport_number="P111", accessibility_needs="Rampe")
    theirs = make_registration(event, passport_number="P222")
    Attendance.objects.create(registration=mine, day=event.start_date)
    return mine, theirs


def test_my_data_needs_an_account(client):
    response = client.get(reverse("events:my_data"))
    assert response.status_code == 302
    assert reverse("account_login") in response.url


def test_my_data_shows_the_account_and_its_registrations_only(client, two_participants):
    mine, theirs = two_participants
    client.force_login(mine.user)
    response = client.get(reverse("events:my_data"))
    html = response.content.decode()
    assert mine.user.email in html
    assert mine.event.title in html
    assert "P111" in html
    assert theirs.email not in html
    assert "P222" not in html


def test_export_holds_the_users_data_and_nobody_elses(client, two_participants):
    mine, theirs = two_participants
    person = Person.objects.create(first_name="Amina", last_name="Registre", user=mine.user)
    client.force_login(mine.user)
    response = client.get(reverse("events:export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]
    raw = response.content.decode()
    data = json.loads(raw)

    assert data["account"]["email"] == mine.user.email
    assert [r["id"] for r in data["registrations"]] == [mine.pk]
    exported = data["registrations"][0]
    assert exported["email"] == mine.email
    assert exported["passport_number"] == "P111"
    assert exported["accessibility_needs"] == "Rampe"
    assert exported["status"]["value"] == "confirmed"
    assert exported["workshop"]["title"] == mine.event.title
    assert [a["day"] for a in exported["attendances"]] == [mine.event.start_date.isoformat()]
    assert data["registry_person"]["last_name"] == person.last_name
    # Nothing of the other participant, and no secret link.
    for value in (theirs.email, "P222", theirs.last_name, mine.token, mine.check_in_code):
        assert value not in raw


# Erasure ------------------------------------------------------------------------------------


def log_in_afresh(client, user, password):
    """Logged in, then confirmed the password on allauth's reauthentication form just now."""
    client.force_login(user)
    response = client.post(reverse("account_reauthenticate"), {"password": password})
    assert response.status_code == 302


@pytest.fixture
def full_workshop(open_workshop, make_registration):
    """A one-seat workshop: the first participant holds the seat, the second waits."""
    event = open_workshop(capacity=1)
    first = make_registration(event, first_name="Premiere", passport_number="P333")
    second = make_registration(event)
    assert (first.status, second.status) == (Status.CONFIRMED, Status.WAITLISTED)
    return event, first, second


def test_erase_asks_for_confirmation_first(client, full_workshop):
    _event, first, _second = full_workshop
    client.force_login(first.user)
    response = client.get(reverse("events:erase"))
    assert response.status_code == 200
    assert b'method="post"' in response.content
    first.refresh_from_db()
    assert first.anonymised_at is None


def test_erase_needs_a_fresh_authentication(client, full_workshop):
    _event, first, _second = full_workshop
    client.force_login(first.user)
    response = client.post(reverse("events:erase"))
    assert response.status_code == 302
    assert "reauthenticate" in response.url
    assert get_user_model().objects.filter(pk=first.user_id).exists()


def test_erase_anonymises_frees_the_seat_and_deletes_the_account(
    client, password, full_workshop, make_event, django_capture_on_commit_callbacks
):
    event, first, second = full_workshop
    user = first.user
    past = make_event(start=timezone.localdate() - datetime.timedelta(days=40), with_agenda=False)
    attended = add(past, user=user, gender="woman", constituency="employers", days=1)
    before = balance.Balance(Registration.objects.filter(event=past)).cells
    log_in_afresh(client, user, password)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:erase"))
    assert response.status_code == 302

    first.refresh_from_db()
    assert first.status == Status.CANCELLED
    assert first.anonymised_at is not None
    assert (first.first_name, first.last_name, first.email) == ("", "", "")
    assert (first.phone, first.passport_number, first.user_id) == ("", "", None)
    second.refresh_from_db()
    assert second.status == Status.CONFIRMED
    # Only the promoted participant hears of it: the erased one has no address left.
    assert [len(message.to) for message in mail.outbox] == [1]
    assert second.email in mail.outbox[0].to[0]

    attended.refresh_from_db()
    assert attended.status == Status.CONFIRMED
    assert attended.anonymised_at is not None
    assert attended.attendances.count() == 1
    assert balance.Balance(Registration.objects.filter(event=past)).cells == before

    assert not get_user_model().objects.filter(pk=user.pk).exists()
    assert not EmailAddress.objects.filter(email=user.email).exists()
    # Logged out.
    assert client.get(reverse("events:my_data")).status_code == 302


def test_erase_refuses_a_staff_account(client, password, make_user):
    staff = make_user(email="staff@example.org", is_staff=True)
    log_in_afresh(client, staff, password)
    response = client.post(reverse("events:erase"), follow=True)
    assert get_user_model().objects.filter(pk=staff.pk).exists()
    with translation.override("fr"):
        expected = gettext("A staff account is closed by an administrator. Write to the team.")
    assert expected in html.unescape(response.content.decode())


# Retention ----------------------------------------------------------------------------------


def test_command_anonymises_only_old_workshops_once(make_event, settings):
    today = timezone.localdate()
    old = make_event(start=today - datetime.timedelta(days=800), with_agenda=False)
    recent = make_event(start=today - datetime.timedelta(days=40), with_agenda=False)
    kept = [add(old, gender="woman", days=1), add(old, constituency="government", gender="man")]
    fresh = add(recent, days=1)
    figures = balance.Balance(Registration.objects.filter(event=old))
    before = (figures.cells, figures.total.women_share("attended"))

    output = call_command_output()
    assert output.startswith("2 ")
    for registration in kept:
        registration.refresh_from_db()
        assert registration.anonymised_at is not None
        assert registration.last_name == ""
    fresh.refresh_from_db()
    assert fresh.anonymised_at is None

    assert call_command_output().startswith("0 ")
    figures = balance.Balance(Registration.objects.filter(event=old))
    assert (figures.cells, figures.total.women_share("attended")) == before

    settings.AMEM_REGISTRATION_RETENTION_MONTHS = 1
    assert call_command_output().startswith("1 ")


def call_command_output(*args):
    out = io.StringIO()
    call_command("anonymise_registrations", *args, stdout=out)
    return out.getvalue()


def test_months_before_keeps_to_the_end_of_a_short_month():
    assert privacy.months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)
    assert privacy.months_before(datetime.date(2026, 1, 15), 24) == datetime.date(2024, 1, 15)
