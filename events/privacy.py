"""Erasing a participant's personal data, on request or when the retention period is over.

One function, `anonymise`, serves both the participant's erasure (events/views/privacy.py) and the
retention command (`manage.py anonymise_registrations`, for workshops that ended more than
AMEM_REGISTRATION_RETENTION_MONTHS ago, 24 by default).

What an anonymised registration loses: the names in both scripts, email, phone, position,
nationality, passport number, accessibility and dietary needs, answers to the workshop's
questions, the organisation typed in when it was not in the registry, the visa letter request,
the consents to be listed and photographed, its links to the account and to the registry's person,
its personal invitation (which holds an email), and its secret links: the manage link and the
check-in code get new random values, so that links in old emails and badges lead nowhere.

What it keeps, because the balance report (events/balance.py) counts it and it names nobody on
its own: the workshop, the constituency, gender and country, the status, the days attended, the
registry organisation (which organisations took part is the project's public record), the
preferred language and interpretation, and the dates. `anonymised_at` records when; anonymising
again changes nothing.

Erasing an account (`erase_account`) first cancels its active registrations of workshops that
have not ended, through the seat rules (events/registration.py), so that the seats go to the
waiting list; then it anonymises every registration of the account, deletes the personal
invitations sent to its address, and deletes the account with its email addresses,
authenticators and sessions' owner. The registry's person linked to the account stays, unlinked:
it is an organisation's contact, kept by staff under its own consents; the "my data" page says so.
An account that acted on protocols (a signature, the audit log) or a staff account cannot be
erased here: those records must keep who acted, and staff close such accounts.
"""

import calendar

from django.conf import settings
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import registration as seat_rules
from .models import Invitation, Registration
from .models.registration import new_token

DEFAULT_RETENTION_MONTHS = 24
BATCH = 500
CLEARED = {
    "first_name": "",
    "last_name": "",
    "first_name_ar": "",
    "last_name_ar": "",
    "email": "",
    "phone": "",
    "position": "",
    "nationality": "",
    "passport_number": "",
    "accessibility_needs": "",
    "dietary_needs": "",
    "answers": {},
    "proposed_organisation": "",
    "wants_invitation_letter": False,
    "consents_to_listing": False,
    "consents_to_photos": False,
    "user": None,
    "person": None,
    "invitation": None,
}
FIELDS = [*CLEARED, "token", "check_in_code", "anonymised_at", "updated_at"]


class ErasureRefused(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def retention_months():
    return getattr(settings, "AMEM_REGISTRATION_RETENTION_MONTHS", DEFAULT_RETENTION_MONTHS)


def anonymise(registrations, now=None):
    """Erase the personal data of `registrations` not anonymised yet; returns how many were."""
    now = now or timezone.now()
    pending = registrations.filter(anonymised_at__isnull=True).order_by("pk")
    count = 0
    with transaction.atomic():
        while batch := list(pending[:BATCH]):
            invitations = [r.invitation_id for r in batch if r.invitation_id]
            for registration in batch:
                for name, value in CLEARED.items():
                    setattr(registration, name, value)
                # New secrets: the old manage link and badge QR code stop working.
                registration.token = new_token()
                registration.check_in_code = new_token()
                registration.anonymised_at = registration.updated_at = now
            Registration.objects.bulk_update(batch, FIELDS)
            Invitation.objects.filter(pk__in=invitations).delete()
            count += len(batch)
    return count


def months_before(day, months):
    """The same day `months` months earlier, or the month's last day (31 March -> 28 February)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def ended_before(months, today=None):
    """The registrations of workshops that ended more than `months` months before today."""
    cutoff = months_before(today or timezone.localdate(), months)
    return Registration.objects.filter(event__end_date__lt=cutoff)


def erase_account(user):
    """Cancel, anonymise and delete, as the module says; ErasureRefused when it may not be."""
    if user.is_staff or user.is_superuser:
        raise ErasureRefused(_("A staff account is closed by an administrator. Write to the team."))
    try:
        with transaction.atomic():
            today = timezone.localdate()
            upcoming = Registration.objects.active().filter(user=user, event__end_date__gte=today)
            for registration in upcoming.select_related("event"):
                seat_rules.cancel(registration)
            anonymise(Registration.objects.filter(user=user))
            Invitation.objects.filter(email__iexact=user.email).delete()
            user.delete()
    except ProtectedError:
        raise ErasureRefused(
            _(
                "Your account is recorded on protocols you signed or acted on, so it cannot be "
                "deleted here. Write to the project team."
            )
        ) from None
