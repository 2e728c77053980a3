# ruff: noqa: F811 - the workshop_staff fixture, imported, then used as an argument
"""Constituency quotas count what the registry says, not what a participant declares: an
organisation of the registry gives its constituency; one typed in counts against its declared
constituency's quota only once staff confirm it, flagged in the participants' listing until then."""

import re
from email.utils import parseaddr
from html import unescape

import pytest
from django.core import mail
from django.utils import translation

from events.models import Registration, RegistrationQuota

from .test_registration_form import form_data, register_url, text
from .test_staff_participants import (
    PARTICIPANTS,
    listed,
    on_behalf_data,
    workshop_staff,  # noqa: F401 - a fixture
)

pytestmark = pytest.mark.django_db

Status = Registration.Status


def translated(message, language="fr", **params):
    with translation.override(language):
        result = translation.gettext(message)
    return result % params if params else result


@pytest.fixture
def participant_client(client, make_user):
    """post(event, language="fr", **fields): a new participant registers through the form."""

    def post(event, language="fr", **fields):
        client.force_login(make_user(email=f"{fields.pop('login')}@example.org"))
        return client.post(register_url(event, language), form_data(**fields))

    return post


@pytest.fixture
def libyan_ministry(make_organisation):
    return make_organisation(
        fr="Ministère du Travail et de la Réhabilitation",
        ar="وزارة العمل والتأهيل",
        country="LY",
        kind="ministry",
    )


def government_quota(seats, **workshop):
    def make(open_workshop):
        event = open_workshop(capacity=10, **workshop)
        RegistrationQuota.objects.create(event=event, constituency="government", seats=seats)
        return event

    return make


def test_a_government_body_registers_as_government_whatever_is_declared(
    open_workshop, participant_client, libyan_ministry
):
    event = government_quota(1)(open_workshop)

    first = participant_client(
        event,
        login="first",
        organisation=libyan_ministry.pk,
        proposed_organisation="",
        constituency="workers",
    )
    second = participant_client(
        event,
        login="second",
        organisation=libyan_ministry.pk,
        proposed_organisation="",
        constituency="workers",
    )

    assert first.status_code == second.status_code == 302
    registrations = list(Registration.objects.order_by("pk"))
    assert [r.constituency for r in registrations] == ["government", "government"]
    # Declaring "workers" does not get round the full government quota.
    assert [r.status for r in registrations] == [Status.CONFIRMED, Status.WAITLISTED]


def test_a_full_government_quota_refuses_without_a_waiting_list(
    open_workshop, participant_client, libyan_ministry
):
    event = government_quota(1, waitlist_enabled=False)(open_workshop)
    participant_client(
        event, login="first", organisation=libyan_ministry.pk, proposed_organisation=""
    )

    response = participant_client(
        event,
        login="second",
        organisation=libyan_ministry.pk,
        proposed_organisation="",
        constituency="workers",
    )

    assert response.status_code == 200
    assert translated("The workshop is full.") in text(response)
    assert Registration.objects.count() == 1


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_the_form_shows_the_constituency_an_organisation_takes_in_the_pages_language(
    client, open_workshop, libyan_ministry, language
):
    event = open_workshop()

    page = client.get(register_url(event, language)).content.decode()

    option = re.search(rf'<option value="{libyan_ministry.pk}">(.*?)</option>', page).group(1)
    with translation.override(language):
        name, government = str(libyan_ministry), translation.gettext("Government")
    assert unescape(option) == f"{name} — {government}"


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_an_organisation_typed_in_needs_a_constituency(open_workshop, participant_client, language):
    event = open_workshop()

    response = participant_client(event, language, login="nogroup", constituency="")

    assert response.status_code == 200
    assert not Registration.objects.exists()
    assert translated(
        "Choose the group your organisation belongs to: it is not in the registry, so the "
        "project team will check it.",
        language,
    ) in text(response)


def test_a_registry_organisation_needs_no_constituency(
    open_workshop, participant_client, libyan_ministry
):
    event = open_workshop()

    response = participant_client(
        event,
        login="nogroup",
        organisation=libyan_ministry.pk,
        proposed_organisation="",
        constituency="",
    )

    assert response.status_code == 302
    assert Registration.objects.get().constituency == "government"


def confirm(client, registration, constituency):
    return client.post(
        f"{PARTICIPANTS}constituency/{registration.pk}/", {"constituency": constituency}
    )


def test_an_organisation_typed_in_waits_for_staff_before_counting_in_its_quota(
    client,
    open_workshop,
    make_registration,
    libyan_ministry,
    workshop_staff,
    django_capture_on_commit_callbacks,
):
    event = government_quota(2)(open_workshop)
    typed_in = make_registration(
        event,
        first_name="Salma",
        last_name="Typed",
        proposed_organisation="Bureau régional de l'emploi",
        constituency="government",
    )
    member = make_registration(
        event, first_name="Omar", last_name="Registry", organisation=libyan_ministry
    )
    # The typed-in one holds a seat, not a government one: the quota still has one.
    assert (typed_in.status, member.status) == (Status.CONFIRMED, Status.CONFIRMED)
    assert make_registration(event, organisation=libyan_ministry).status == Status.CONFIRMED
    client.force_login(workshop_staff(event))

    listing = client.get(PARTICIPANTS, {"event": event.pk})
    flagged = translated("%(constituency)s (to confirm)", constituency=translated("Government"))
    assert unescape(listing.text).count(flagged) == 1
    assert listed(client.get(PARTICIPANTS, {"constituency_to_confirm": "true"})) == ["Salma Typed"]
    assert translated("Confirm the constituency") in listing.text

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = confirm(client, typed_in, "government")

    # Counted now, in a full quota: back to the waiting list, and told so.
    assert response.status_code == 302
    typed_in.refresh_from_db()
    assert typed_in.constituency_confirmed
    assert typed_in.status == Status.WAITLISTED
    waiting = translated("Waiting list: %(workshop)s", workshop=event.title)
    told = [m.subject for m in mail.outbox if parseaddr(m.to[0])[1] == typed_in.email]
    assert told == [waiting]
    assert listed(client.get(PARTICIPANTS, {"constituency_to_confirm": "true"})) == []
    assert flagged not in unescape(client.get(PARTICIPANTS, {"event": event.pk}).text)


def test_once_confirmed_it_counts_against_the_quota(
    client, open_workshop, make_registration, libyan_ministry, workshop_staff
):
    event = government_quota(2)(open_workshop)
    typed_in = make_registration(
        event, proposed_organisation="Bureau régional", constituency="government"
    )
    make_registration(event, organisation=libyan_ministry)
    client.force_login(workshop_staff(event))

    confirm(client, typed_in, "government")

    typed_in.refresh_from_db()
    assert (typed_in.status, typed_in.constituency_confirmed) == (Status.CONFIRMED, True)
    assert make_registration(event, organisation=libyan_ministry).status == Status.WAITLISTED


def test_staff_may_correct_the_declared_constituency(
    client, open_workshop, make_registration, libyan_ministry, workshop_staff
):
    event = government_quota(1)(open_workshop)
    typed_in = make_registration(event, proposed_organisation="Bureau", constituency="workers")
    client.force_login(workshop_staff(event))

    confirm(client, typed_in, "government")

    typed_in.refresh_from_db()
    assert (typed_in.constituency, typed_in.status) == ("government", Status.CONFIRMED)
    assert make_registration(event, organisation=libyan_ministry).status == Status.WAITLISTED


def test_confirming_into_a_full_quota_without_a_waiting_list_is_refused(
    client, open_workshop, make_registration, libyan_ministry, workshop_staff
):
    event = government_quota(1, waitlist_enabled=False)(open_workshop)
    typed_in = make_registration(event, proposed_organisation="Bureau", constituency="government")
    make_registration(event, organisation=libyan_ministry)
    client.force_login(workshop_staff(event))

    response = client.post(
        f"{PARTICIPANTS}constituency/{typed_in.pk}/",
        {"constituency": "government", "next": PARTICIPANTS},
        follow=True,
    )

    assert translated(
        "The quota of this constituency is full and the workshop has no waiting list: "
        "decline the registration or raise the quota."
    ) in unescape(response.text)
    typed_in.refresh_from_db()
    assert (typed_in.status, typed_in.constituency_confirmed) == (Status.CONFIRMED, False)


def test_an_organisation_typed_in_still_takes_a_seat_of_the_capacity(
    open_workshop, make_registration, libyan_ministry
):
    event = open_workshop(capacity=1)
    RegistrationQuota.objects.create(event=event, constituency="government", seats=1)

    typed_in = make_registration(event, proposed_organisation="Bureau", constituency="government")
    member = make_registration(event, organisation=libyan_ministry)

    assert (typed_in.status, member.status) == (Status.CONFIRMED, Status.WAITLISTED)


def test_staff_of_another_workshop_cannot_confirm(
    client, open_workshop, make_registration, workshop_staff
):
    event = open_workshop()
    typed_in = make_registration(event, proposed_organisation="Bureau", constituency="government")
    client.force_login(workshop_staff(open_workshop()))

    response = client.post(
        f"{PARTICIPANTS}constituency/{typed_in.pk}/", {"constituency": "government"}, follow=True
    )

    assert response.status_code == 404
    typed_in.refresh_from_db()
    assert not typed_in.constituency_confirmed


def test_staff_registering_someone_set_the_constituency_or_the_registry_does(
    client, open_workshop, make_registration, libyan_ministry, workshop_staff
):
    event = government_quota(2)(open_workshop)
    client.force_login(workshop_staff(event))

    client.post(
        PARTICIPANTS + "register/",
        on_behalf_data(event, proposed_organisation="Bureau", constituency="government"),
    )
    client.post(
        PARTICIPANTS + "register/",
        on_behalf_data(
            event,
            email="omar@example.org",
            organisation=libyan_ministry.pk,
            proposed_organisation="",
            constituency="workers",
        ),
    )

    typed_in, member = Registration.objects.order_by("pk")
    # Staff typing the constituency in is their confirmation.
    assert (typed_in.constituency_confirmed, typed_in.status) == (True, Status.CONFIRMED)
    assert (member.constituency, member.status) == ("government", Status.CONFIRMED)
    assert make_registration(event, organisation=libyan_ministry).status == Status.WAITLISTED
