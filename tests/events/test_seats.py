"""The seat rules of events/registration.py, called directly: capacity, waiting list, quotas,
approval, invitations and the registration window."""

import datetime
from email.utils import parseaddr

import pytest
from django.core import mail
from django.utils import timezone, translation

from events import registration
from events.models import EventPage, Invitation, Registration, RegistrationQuota
from events.registration import RegistrationRefused, Window

from .conftest import participant_fields

pytestmark = pytest.mark.django_db

Status = Registration.Status
Mode = EventPage.RegistrationMode


# A registry organisation of each constituency: a constituency quota counts the registry's
# constituencies (one typed in counts once staff confirm it, test_constituency_quota.py).
KIND_OF_CONSTITUENCY = {
    "workers": "workers_organisation",
    "employers": "employers_organisation",
    "government": "ministry",
    "civil_society": "association",
}


@pytest.fixture
def register(make_user, make_organisation, django_capture_on_commit_callbacks):
    """register(event, **fields) -> a registration by a new account, its emails sent; with a
    `constituency`, for an organisation of the registry of that constituency."""
    organisations = {}

    def make(event, **overrides):
        constituency = overrides.get("constituency")
        if constituency:
            if constituency not in organisations:
                kind = KIND_OF_CONSTITUENCY[constituency]
                organisations[constituency] = make_organisation(fr=kind, kind=kind)
            overrides.update(organisation=organisations[constituency], proposed_organisation="")
        fields = participant_fields(**overrides)
        user = make_user(email=fields["email"])
        with django_capture_on_commit_callbacks(execute=True):
            return registration.register(event, user, **fields)

    return make


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """run(function, *args): call a seat rule and send the emails it queued on commit."""

    def call(function, *args):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args)

    return call


def statuses(registrations):
    return [Registration.objects.get(pk=r.pk).status for r in registrations]


def subjects_to(email):
    return [message.subject for message in mail.outbox if parseaddr(message.to[0])[1] == email]


def subject(kind_msgid, event, language="fr"):
    with translation.override(language):
        return translation.gettext(kind_msgid) % {"workshop": event.title}


def refusal(message):
    with translation.override("fr"):
        return translation.gettext(message)


def add_quota(event, seats, constituency="", country=""):
    RegistrationQuota.objects.create(
        event=event, seats=seats, constituency=constituency, country=country
    )


def test_capacity_confirms_the_first_arrivals_and_lists_the_others(open_workshop, register):
    event = open_workshop(capacity=3)

    registrations = [register(event) for _ in range(5)]

    assert [r.status for r in registrations] == [Status.CONFIRMED] * 3 + [Status.WAITLISTED] * 2
    assert registration.seats_left(event) == 0
    assert registration.confirmed_counts(event)[0] == 3


def test_without_capacity_everyone_is_confirmed(open_workshop, register):
    event = open_workshop(capacity=None)

    registrations = [register(event) for _ in range(4)]

    assert {r.status for r in registrations} == {Status.CONFIRMED}
    assert registration.seats_left(event) is None


def test_full_workshop_without_waiting_list_refuses_and_saves_nothing(open_workshop, register):
    event = open_workshop(capacity=1, waitlist_enabled=False)
    register(event)

    with pytest.raises(RegistrationRefused) as refused:
        register(event)

    assert str(refused.value.message) == refusal("The workshop is full.")
    assert Registration.objects.filter(event=event).count() == 1


def test_the_same_account_cannot_register_twice_but_may_after_cancelling(open_workshop, make_user):
    event = open_workshop(capacity=5)
    user = make_user(email="twice@example.org")
    first = registration.register(event, user, **participant_fields(email=user.email))

    with pytest.raises(RegistrationRefused) as refused:
        registration.register(event, user, **participant_fields(email=user.email))
    registration.cancel(first)
    again = registration.register(event, user, **participant_fields(email=user.email))

    assert str(refused.value.message) == refusal("You are already registered for this workshop.")
    assert again.status == Status.CONFIRMED


def test_constituency_quota_sends_the_extra_workers_to_the_waiting_list(open_workshop, register):
    event = open_workshop(capacity=10)
    add_quota(event, 2, constituency="workers")

    workers = [register(event, constituency="workers") for _ in range(3)]
    employer = register(event, constituency="employers")

    assert [r.status for r in workers] == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED]
    assert employer.status == Status.CONFIRMED


def test_country_quota_holds_whatever_the_constituency(open_workshop, register):
    event = open_workshop(capacity=10)
    add_quota(event, 1, country="MA")

    moroccans = [register(event, country="MA", constituency=c) for c in ("workers", "employers")]
    tunisian = register(event, country="TN")

    assert [r.status for r in moroccans] == [Status.CONFIRMED, Status.WAITLISTED]
    assert tunisian.status == Status.CONFIRMED


def test_cancelling_promotes_the_first_waiting_person(open_workshop, register, run):
    event = open_workshop(capacity=2)
    first, second, *waiting = [register(event) for _ in range(4)]

    run(registration.cancel, first)

    assert statuses([first, second, *waiting]) == [
        Status.CANCELLED,
        Status.CONFIRMED,
        Status.CONFIRMED,
        Status.WAITLISTED,
    ]
    assert subject("A seat is yours: %(workshop)s", event) in subjects_to(waiting[0].email)
    assert subjects_to(waiting[1].email) == [subject("Waiting list: %(workshop)s", event)]


def test_cancelling_promotes_the_next_eligible_person_skipping_a_full_quota(
    open_workshop, register, run
):
    event = open_workshop(capacity=2)
    add_quota(event, 1, constituency="workers")
    worker = register(event, constituency="workers")
    employer = register(event, constituency="employers")
    waiting_worker = register(event, constituency="workers")
    waiting_employer = register(event, constituency="civil_society")

    run(registration.cancel, employer)

    # The freed seat is an employer's; the first in line is a worker, whose quota is full.
    assert statuses([worker, employer, waiting_worker, waiting_employer]) == [
        Status.CONFIRMED,
        Status.CANCELLED,
        Status.WAITLISTED,
        Status.CONFIRMED,
    ]
    promoted = subject("A seat is yours: %(workshop)s", event)
    assert promoted in subjects_to(waiting_employer.email)
    assert promoted not in subjects_to(waiting_worker.email)

    run(registration.cancel, worker)

    assert statuses([waiting_worker]) == [Status.CONFIRMED]
    assert promoted in subjects_to(waiting_worker.email)


def test_cancelling_a_waiting_registration_promotes_nobody(open_workshop, register, run):
    event = open_workshop(capacity=1)
    confirmed = register(event)
    first_waiting, second_waiting = register(event), register(event)

    run(registration.cancel, first_waiting)

    assert statuses([confirmed, first_waiting, second_waiting]) == [
        Status.CONFIRMED,
        Status.CANCELLED,
        Status.WAITLISTED,
    ]


def test_cancelling_twice_changes_nothing_the_second_time(open_workshop, register, run):
    event = open_workshop(capacity=1)
    confirmed = register(event)
    run(registration.cancel, confirmed)
    sent = len(mail.outbox)

    run(registration.cancel, confirmed)

    assert len(mail.outbox) == sent
    assert statuses([confirmed]) == [Status.CANCELLED]


def test_approval_mode_keeps_registrations_pending_until_staff_decide(open_workshop, register, run):
    event = open_workshop(capacity=1, mode=Mode.APPROVAL)
    accepted, late, declined = [register(event) for _ in range(3)]

    assert [r.status for r in (accepted, late, declined)] == [Status.PENDING] * 3
    run(registration.approve, accepted)
    run(registration.approve, late)
    run(registration.reject, declined)

    assert statuses([accepted, late, declined]) == [
        Status.CONFIRMED,
        Status.WAITLISTED,
        Status.REJECTED,
    ]
    assert subjects_to(accepted.email) == [
        subject("Registration received: %(workshop)s", event),
        subject("Registration accepted: %(workshop)s", event),
    ]
    assert subjects_to(late.email)[-1] == subject("Waiting list: %(workshop)s", event)
    assert subjects_to(declined.email)[-1] == subject(
        "Registration not accepted: %(workshop)s", event
    )


def test_only_a_pending_registration_can_be_approved(open_workshop, register):
    event = open_workshop(capacity=5, mode=Mode.APPROVAL)
    pending = register(event)
    registration.approve(pending)

    with pytest.raises(RegistrationRefused):
        registration.approve(pending)
    with pytest.raises(RegistrationRefused):
        registration.reject(pending)


def test_staff_registering_on_behalf_skip_approval_but_not_capacity(open_workshop, make_user):
    event = open_workshop(capacity=1, mode=Mode.APPROVAL)
    staff = make_user(email="staff@example.org")

    made = [
        registration.register(
            event, make_user(email=fields["email"]), registered_by=staff, **fields
        )
        for fields in (participant_fields(), participant_fields())
    ]

    assert [r.status for r in made] == [Status.CONFIRMED, Status.WAITLISTED]


def test_invitation_only_needs_the_invitation_sent_to_that_address(open_workshop, make_user):
    event = open_workshop(capacity=5, mode=Mode.INVITATION)
    invited = make_user(email="invited@example.org")
    other = make_user(email="other@example.org")
    invitation = Invitation.objects.create(event=event, email="Invited@Example.org")

    with pytest.raises(RegistrationRefused) as without:
        registration.register(event, invited, **participant_fields(email=invited.email))
    with pytest.raises(RegistrationRefused) as wrong_address:
        registration.register(
            event, other, invitation=invitation, **participant_fields(email=other.email)
        )
    made = registration.register(
        event, invited, invitation=invitation, **participant_fields(email=invited.email)
    )
    registration.cancel(made)
    with pytest.raises(RegistrationRefused) as reused:
        registration.register(
            event, invited, invitation=invitation, **participant_fields(email=invited.email)
        )

    assert str(without.value.message) == refusal("This workshop is by personal invitation only.")
    assert str(wrong_address.value.message) == refusal(
        "This invitation was sent to another email address. Log in with that address."
    )
    assert made.status == Status.CONFIRMED
    assert str(reused.value.message) == refusal("This invitation has already been used.")


def test_fill_seats_promotes_in_order_after_the_capacity_is_raised(open_workshop, register, run):
    event = open_workshop(capacity=1)
    registrations = [register(event) for _ in range(4)]
    EventPage.objects.filter(pk=event.pk).update(capacity=3)

    promoted = run(registration.fill_seats, event)

    assert [r.pk for r in promoted] == [registrations[1].pk, registrations[2].pk]
    assert statuses(registrations) == [Status.CONFIRMED] * 3 + [Status.WAITLISTED]
    assert subject("A seat is yours: %(workshop)s", event) in subjects_to(registrations[2].email)


def test_a_newcomer_never_jumps_the_waiting_list(open_workshop, register):
    event = open_workshop(capacity=1)
    waiting = [register(event) for _ in range(3)]
    # Seats added without fill_seats(): the next registration serves those waiting first.
    EventPage.objects.filter(pk=event.pk).update(capacity=3)

    newcomer = register(event)

    assert statuses(waiting) == [Status.CONFIRMED] * 3
    newcomer.refresh_from_db()
    assert newcomer.status == Status.WAITLISTED


def test_fill_seats_respects_a_raised_quota(open_workshop, register, run):
    event = open_workshop(capacity=5)
    add_quota(event, 1, constituency="workers")
    workers = [register(event, constituency="workers") for _ in range(3)]
    event.registration_quotas.update(seats=2)

    run(registration.fill_seats, event)

    assert statuses(workers) == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED]


def moment(days):
    return timezone.now() + datetime.timedelta(days=days)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, Window.OPEN),
        ({"registration_opens_at": -1, "registration_closes_at": 1}, Window.OPEN),
        ({"registration_opens_at": 1}, Window.NOT_OPEN_YET),
        ({"registration_closes_at": -1}, Window.CLOSED),
        ({"mode": Mode.CLOSED}, Window.CLOSED),
    ],
)
def test_window(open_workshop, fields, expected):
    values = {
        name: moment(value) if name.endswith("_at") else value for name, value in fields.items()
    }
    event = open_workshop(**values)

    assert registration.window(event) == expected


def test_window_closes_when_the_workshop_starts(open_workshop):
    event = open_workshop(start=timezone.localdate())

    after_start = event.starts_at + datetime.timedelta(minutes=1)

    assert registration.window(event, now=after_start) == Window.CLOSED
    assert registration.window(event, now=event.starts_at - datetime.timedelta(minutes=1)) == (
        Window.OPEN
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"registration_opens_at": 2}, "Registration for this workshop is not open yet."),
        ({"registration_closes_at": -2}, "Registration for this workshop is closed."),
        ({"mode": Mode.CLOSED}, "Registration for this workshop is closed."),
    ],
)
def test_register_outside_the_window_is_refused(open_workshop, register, fields, message):
    values = {
        name: moment(value) if name.endswith("_at") else value for name, value in fields.items()
    }
    event = open_workshop(**values)

    with pytest.raises(RegistrationRefused) as refused:
        register(event)

    assert str(refused.value.message) == refusal(message)
    assert not Registration.objects.filter(event=event).exists()
    assert mail.outbox == []
