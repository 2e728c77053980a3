"""The badge's QR code at the door: who may open it, what it shows, one check-in a day."""

import datetime
import html
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation

from events.models import Attendance, Registration
from events.staff.attendance import workshop_today
from tests.events import test_staff_participants
from tests.events.conftest import participant_fields
from tests.routes import route

pytestmark = pytest.mark.django_db

workshop_staff = test_staff_participants.workshop_staff  # the same fixture


def translated(msgid, **params):
    with translation.override("fr"):
        text = translation.gettext(msgid)
    return text % params if params else text


def text_of(response):
    """The page with its entities decoded: {% translate %} does not escape an apostrophe."""
    return html.unescape(response.text)


@pytest.fixture
def today_workshop(open_workshop):
    """A two-day workshop that began yesterday, with a confirmed participant."""

    def make(start_in_days=-1, status=Registration.Status.CONFIRMED, **fields):
        start = timezone.localdate() + datetime.timedelta(days=start_in_days)
        event = open_workshop(start=start, days=2, time_zone="Africa/Tunis", **fields)
        registration = Registration.objects.create(
            event=event,
            status=status,
            **participant_fields(
                first_name="Amina",
                last_name="Trabelsi",
                first_name_ar="أمينة",
                last_name_ar="الطرابلسي",
                proposed_organisation="Union des travailleurs",
            ),
        )
        return event, registration

    return make


def url(registration):
    return route("events:check_in", registration.check_in_code)


def test_staff_see_the_participant_and_check_them_in_once(client, today_workshop, workshop_staff):
    event, registration = today_workshop()
    staff = workshop_staff(event)
    client.force_login(staff)

    page = text_of(client.get(url(registration)))
    assert "Amina Trabelsi" in page
    assert "أمينة الطرابلسي" in page
    assert "Union des travailleurs" in page
    with translation.override("fr"):
        assert str(Registration.Status.CONFIRMED.label) in page
    assert translated("Check in") in page

    response = client.post(url(registration), follow=True)

    [attendance] = Attendance.objects.filter(registration=registration)
    assert attendance.day == timezone.now().astimezone(ZoneInfo("Africa/Tunis")).date()
    assert attendance.checked_in_by == staff
    assert translated("Checked in for today.") in text_of(response)
    assert 'type="submit" class="button check-in__button"' not in text_of(response)

    response = client.post(url(registration), follow=True)

    assert Attendance.objects.filter(registration=registration).count() == 1
    assert translated("Already checked in today.") in text_of(response)


def test_check_in_outside_the_workshops_days_is_refused(client, today_workshop, workshop_staff):
    event, registration = today_workshop(start_in_days=3)
    client.force_login(workshop_staff(event))
    refusal = translated("Attendance is recorded on the days of the workshop only.")

    assert refusal in text_of(client.get(url(registration)))
    response = client.post(url(registration), follow=True)

    assert refusal in text_of(response)
    assert not Attendance.objects.exists()


def test_only_a_confirmed_participant_is_checked_in(client, today_workshop, workshop_staff):
    event, registration = today_workshop(status=Registration.Status.WAITLISTED)
    client.force_login(workshop_staff(event))

    response = client.post(url(registration), follow=True)

    assert translated("Only a confirmed participant can be checked in.") in text_of(response)
    assert not Attendance.objects.exists()


def test_anonymous_visitor_is_sent_to_log_in_and_back(client, today_workshop):
    _event, registration = today_workshop()

    for method in (client.get, client.post):
        response = method(url(registration))
        assert response.status_code == 302
        assert response["Location"] == f"/fr/accounts/login/?next={url(registration)}"
    assert not Attendance.objects.exists()


def test_the_participant_and_other_workshops_staff_find_nothing(
    client, today_workshop, workshop_staff, make_user
):
    event, registration = today_workshop()
    other_event, _other = today_workshop()
    participant = make_user(email=registration.email)
    registration.user = participant
    registration.save()

    for user in (participant, workshop_staff(other_event), workshop_staff()):
        client.force_login(user)
        for method in (client.get, client.post):
            response = method(url(registration))
            assert response.status_code == 404
            assert "Trabelsi" not in response.content.decode()
    assert not Attendance.objects.exists()
    client.force_login(workshop_staff(event))
    assert client.get(route("events:check_in", "not-a-code")).status_code == 404


def test_staff_without_totp_are_sent_to_set_it_up(client, today_workshop, workshop_staff):
    from allauth.mfa.models import Authenticator

    event, registration = today_workshop()
    staff = workshop_staff(event)
    Authenticator.objects.filter(user=staff).delete()
    client.force_login(staff)

    response = client.post(url(registration))

    assert response.status_code == 302
    assert response["Location"] == "/fr/accounts/2fa/totp/activate/"
    assert not Attendance.objects.exists()


def test_the_day_is_the_venues(today_workshop):
    event, _registration = today_workshop()
    late_evening_utc = datetime.datetime(2026, 3, 1, 23, 30, tzinfo=datetime.UTC)

    assert workshop_today(event, now=late_evening_utc) == datetime.date(2026, 3, 2)
    event.time_zone = "Africa/Abidjan"
    assert workshop_today(event, now=late_evening_utc) == datetime.date(2026, 3, 1)
