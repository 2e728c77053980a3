"""The seat rules: who is confirmed, who waits, who is promoted when a seat frees up.

Every change of a workshop's seats runs in a transaction that first locks the workshop's row
(`SELECT … FOR UPDATE` on PostgreSQL; on SQLite every transaction takes the write lock at its
start, see `transaction_mode` in the settings). Counting the confirmed seats and writing the new
status therefore happen one workshop at a time, so the capacity and the quotas cannot be
exceeded, whatever the concurrency, and the waiting list keeps the order in which the lock was
taken. Emails go out after the commit, through tasks (events/tasks.py): a rolled-back
registration sends nothing.

A constituency quota counts the constituencies known: the registry's, for a registration naming
one of its organisations (register() takes the organisation's, whatever was declared), or one
staff confirmed (confirm_constituency()). A registration for an organisation the participant
typed in holds a seat of the capacity (and of its country's quota) as any other, but stays
outside the constituency quotas until staff confirm its constituency: declaring another group
must not get round a full one, and a typed name must not take a group's seat on its own word.
"""

from collections import Counter
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import BooleanField, Count, ExpressionWrapper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home import frontend_cache

from .models import EventPage, Registration
from .models.registration import CONSTITUENCY_TO_CONFIRM

Status = Registration.Status
Mode = EventPage.RegistrationMode


class RegistrationRefused(Exception):
    """The registration cannot be made; `message` says why, in the participant's words."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class Window:
    """Where a workshop's registration stands now."""

    NOT_OPEN_YET = "not_open_yet"
    OPEN = "open"
    CLOSED = "closed"


def window(event, now=None):
    """NOT_OPEN_YET, OPEN or CLOSED: the mode, the opening and closing dates, the start."""
    now = now or timezone.now()
    if event.registration_mode == Mode.CLOSED:
        return Window.CLOSED
    if event.registration_opens_at and now < event.registration_opens_at:
        return Window.NOT_OPEN_YET
    closes = event.registration_closes_at or event.starts_at
    if now >= closes:
        return Window.CLOSED
    return Window.OPEN


def _seat_rows(event):
    """The confirmed and waiting registrations, grouped by what the seat rules read."""
    return (
        Registration.objects.filter(event=event, status__in=(Status.CONFIRMED, Status.WAITLISTED))
        .annotate(to_confirm=ExpressionWrapper(CONSTITUENCY_TO_CONFIRM, BooleanField()))
        .values_list("status", "constituency", "country", "to_confirm")
        .annotate(count=Count("pk"))
        .order_by()
    )


def confirmed_counts(event):
    """The confirmed seats: in all, by known constituency and by country (one query)."""
    total, by_constituency, by_country, _waiting = _tally(_seat_rows(event))
    return total, by_constituency, by_country


def _tally(rows):
    total, by_constituency, by_country, waiting = 0, Counter(), Counter(), 0
    for status, constituency, country, to_confirm, count in rows:
        if status == Status.WAITLISTED:
            waiting += count
            continue
        total += count
        if not to_confirm:
            by_constituency[constituency] += count
        by_country[country] += count
    return total, by_constituency, by_country, waiting


def seats_left(event):
    """Seats not yet confirmed; None when the workshop has no capacity set."""
    if event.capacity is None:
        return None
    total, _by_constituency, _by_country = confirmed_counts(event)
    return max(event.capacity - total, 0)


class _Seats:
    """The confirmed seats of a locked workshop, kept up to date as statuses change.

    Two queries: the quotas, and the confirmed and waiting registrations grouped by what the
    rules read (an index scan of at most the capacity's rows and the list's: no row is loaded).
    """

    def __init__(self, event):
        self.event = event
        self.quotas = list(event.registration_quotas.all())
        self.total, self.by_constituency, self.by_country, self.waiting = _tally(_seat_rows(event))

    def fits(self, registration):
        if self.event.capacity is not None and self.total >= self.event.capacity:
            return False
        return not any(
            self.counts_in(quota, registration) and self.taken(quota) >= quota.seats
            for quota in self.quotas
        )

    @staticmethod
    def counts_in(quota, registration):
        if quota.constituency and registration.constituency_to_confirm:
            return False
        return quota.applies_to(registration.constituency, registration.country)

    def taken(self, quota):
        if quota.constituency:
            return self.by_constituency[quota.constituency]
        return self.by_country[quota.country]

    def take(self, registration):
        self.total += 1
        if not registration.constituency_to_confirm:
            self.by_constituency[registration.constituency] += 1
        self.by_country[registration.country] += 1

    def release(self, registration):
        """Give back the seat of a confirmed registration, counted as it was."""
        self.total -= 1
        if not registration.constituency_to_confirm:
            self.by_constituency[registration.constituency] -= 1
        self.by_country[registration.country] -= 1

    @property
    def any_left(self):
        return self.event.capacity is None or self.total < self.event.capacity


def _lock(event):
    """The workshop's row, locked until the transaction ends, with fresh settings."""
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event.pk)


def _set_status(registration, status, notify=None):
    registration.status = status
    registration.status_changed_at = timezone.now()
    registration.save(update_fields=["status", "status_changed_at", "updated_at"])
    if notify:
        _notify(registration, notify)


def _notify(registration, kind):
    from .tasks import send_registration_email

    transaction.on_commit(partial(send_registration_email.enqueue, registration.pk, kind))


def _place(event, seats, registration):
    """Confirm the registration if a seat (and its quota) is left, else put it on the list."""
    if seats.fits(registration):
        seats.take(registration)
        return Status.CONFIRMED
    if event.waitlist_enabled:
        return Status.WAITLISTED
    raise RegistrationRefused(_("The workshop is full."))


def register(event, user, *, invitation=None, registered_by=None, **fields):
    """Register the user for the workshop with the declared `fields`; returns the registration.

    A participant registers while the window is open, in the workshop's mode; staff registering
    someone on their behalf (`registered_by`) skip the window, the approval and the invitation,
    but never the capacity or the quotas.

    The constituency of an organisation of the registry is the organisation's, whatever the
    fields say; for an organisation typed in, the one declared, confirmed if staff register.
    """
    on_behalf = registered_by is not None
    if fields.get("organisation") is not None:
        fields.update(constituency=fields["organisation"].constituency, proposed_organisation="")
    fields["constituency_confirmed"] = on_behalf
    # Outside the workshop's lock: a second registration of the same account racing this one is
    # refused by the unique constraint.
    if Registration.objects.active().filter(event=event, user=user).exists():
        raise RegistrationRefused(_("You are already registered for this workshop."))
    registration = Registration(
        event=event, user=user, invitation=invitation, registered_by=registered_by, **fields
    )
    # The critical section: lock, quotas, seat counts, insert, commit.
    with transaction.atomic():
        event = _lock(event)
        if not on_behalf:
            _check_may_register(event, user, invitation)
        registration.event = event
        if event.registration_mode == Mode.APPROVAL and not on_behalf:
            registration.status = Status.PENDING
        else:
            seats = _Seats(event)
            # Those already waiting go first, should seats have been added without fill_seats().
            promote(event, seats)
            registration.status = _place(event, seats, registration)
        registration.status_changed_at = timezone.now()
        try:
            registration.save()
        except IntegrityError:
            # The same account registering twice at once: the constraint keeps one.
            raise RegistrationRefused(_("You are already registered for this workshop.")) from None
        _notify(registration, registration.status)
    return registration


def _check_may_register(event, user, invitation):
    state = window(event)
    if state == Window.NOT_OPEN_YET:
        raise RegistrationRefused(_("Registration for this workshop is not open yet."))
    if state == Window.CLOSED:
        raise RegistrationRefused(_("Registration for this workshop is closed."))
    if event.registration_mode == Mode.INVITATION:
        if invitation is None or invitation.event_id != event.pk:
            raise RegistrationRefused(_("This workshop is by personal invitation only."))
        if invitation.email.casefold() != (user.email or "").casefold():
            raise RegistrationRefused(
                _("This invitation was sent to another email address. Log in with that address.")
            )
        if Registration.objects.filter(invitation=invitation).exists():
            raise RegistrationRefused(_("This invitation has already been used."))


def cancel(registration):
    """Cancel a registration; a freed seat goes to the next eligible person on the list."""
    with transaction.atomic():
        event = _lock(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if not registration.is_active:
            return registration
        held_a_seat = registration.status == Status.CONFIRMED
        _set_status(registration, Status.CANCELLED, notify="cancelled")
        if held_a_seat:
            promote(event)
    return registration


def promote(event, seats=None):
    """Confirm waiting people, in arrival order, while seats and their quotas allow.

    Call it inside a transaction that holds the workshop's lock (cancel() does), or through
    `fill_seats()` after raising the capacity. `seats`, the locked workshop's, is kept up to date.
    """
    seats = seats or _Seats(event)
    promoted = []
    if not seats.waiting or not seats.any_left:
        return promoted
    waiting = Registration.objects.filter(event=event, status=Status.WAITLISTED).order_by(
        "created_at", "pk"
    )
    for registration in waiting:
        if not seats.any_left:
            break
        if seats.fits(registration):
            seats.take(registration)
            seats.waiting -= 1
            _set_status(registration, Status.CONFIRMED, notify="promoted")
            promoted.append(registration)
    return promoted


def fill_seats(event):
    """Promote from the waiting list after the capacity or the quotas changed."""
    with transaction.atomic():
        return promote(_lock(event))


def purge_workshop_page(sender, instance, **kwargs):
    """A Registration `post_save`/`post_delete` receiver: the seats left changed."""
    if frontend_cache.configured():
        transaction.on_commit(partial(_purge_workshop, instance.event_id))


def _purge_workshop(event_id):
    event = EventPage.objects.filter(pk=event_id).first()
    if event is not None:  # unless the workshop itself was deleted
        frontend_cache.purge_page(event)


def serve_waiting_list(sender, instance, **kwargs):
    """A `page_published` receiver: more seats or looser quotas move the waiting list up."""
    fill_seats(instance)


def approve(registration):
    """Staff accept a pending registration: confirmed if a seat is left, else on the list."""
    with transaction.atomic():
        event = _lock(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != Status.PENDING:
            raise RegistrationRefused(_("Only a pending registration can be approved."))
        status = _place(event, _Seats(event), registration)
        notify = "approved" if status == Status.CONFIRMED else status
        _set_status(registration, status, notify=notify)
    return registration


def reject(registration):
    """Staff turn down a pending or waiting registration."""
    with transaction.atomic():
        _lock(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status not in (Status.PENDING, Status.WAITLISTED):
            raise RegistrationRefused(_("Only a pending or waiting registration can be declined."))
        _set_status(registration, Status.REJECTED, notify="rejected")
    return registration


def confirm_constituency(registration, constituency=None):
    """Staff confirm (or correct) the constituency declared for an organisation typed in.

    From then on the registration counts against its constituency's quota. A confirmed one whose
    quota is now full goes back to the waiting list (its capacity seat goes to the next in line);
    without a waiting list, the confirmation is refused: decline it, or raise the quota.
    """
    with transaction.atomic():
        event = _lock(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if not registration.constituency_to_confirm:
            raise RegistrationRefused(_("This registration has no constituency to confirm."))
        seats = _Seats(event)
        held_a_seat = registration.status == Status.CONFIRMED
        if held_a_seat:
            seats.release(registration)
        registration.constituency = constituency or registration.constituency
        registration.constituency_confirmed = True
        registration.save(update_fields=["constituency", "constituency_confirmed", "updated_at"])
        if held_a_seat and not seats.fits(registration):
            if not event.waitlist_enabled:
                raise RegistrationRefused(
                    _(
                        "The quota of this constituency is full and the workshop has no waiting "
                        "list: decline the registration or raise the quota."
                    )
                )
            _set_status(registration, Status.WAITLISTED, notify="waitlisted")
        # A corrected constituency, or a seat given back, may let someone in.
        promote(event)
    return registration
