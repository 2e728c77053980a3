"""The emails a participant gets about their registration, in their preferred language.

`message(registration, kind)` builds one (plain text, HTML, and the workshop's .ics invitation
for the kinds that give a seat); events/tasks.py sends it after the registration's transaction.
Only the registration's own address receives it; the display name is cleaned of control
characters, so that what a participant typed as their name can never add a header.
"""

import unicodedata
from dataclasses import dataclass
from email.utils import formataddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from . import ical
from .models import Registration

Status = Registration.Status


@dataclass(frozen=True)
class Kind:
    subject: str
    message: str
    # The status the registration must still have for the email to be worth sending: a late
    # worker must not confirm a seat that was cancelled in the meantime.
    status: str
    invitation: bool = False


KINDS = {
    "confirmed": Kind(
        _("Registration confirmed: %(workshop)s"),
        _("Your registration is confirmed: a seat is reserved for you."),
        Status.CONFIRMED,
        invitation=True,
    ),
    "waitlisted": Kind(
        _("Waiting list: %(workshop)s"),
        _(
            "The workshop is full: you are on the waiting list. We will write to you as soon "
            "as a seat frees up for you."
        ),
        Status.WAITLISTED,
    ),
    "pending": Kind(
        _("Registration received: %(workshop)s"),
        _(
            "We have received your registration. The organisers review each registration: we "
            "will write to you once they have decided."
        ),
        Status.PENDING,
    ),
    "promoted": Kind(
        _("A seat is yours: %(workshop)s"),
        _("A seat has freed up: you are no longer on the waiting list, your seat is confirmed."),
        Status.CONFIRMED,
        invitation=True,
    ),
    "approved": Kind(
        _("Registration accepted: %(workshop)s"),
        _("The organisers have accepted your registration: your seat is confirmed."),
        Status.CONFIRMED,
        invitation=True,
    ),
    "rejected": Kind(
        _("Registration not accepted: %(workshop)s"),
        _("We are sorry: the organisers could not accept your registration for this workshop."),
        Status.REJECTED,
    ),
    "cancelled": Kind(
        _("Registration cancelled: %(workshop)s"),
        _("Your registration is cancelled. If you cancelled by mistake, you may register again."),
        Status.CANCELLED,
    ),
    "reminder": Kind(
        _("Reminder: %(workshop)s"),
        _("The workshop is coming soon: we look forward to seeing you."),
        Status.CONFIRMED,
        invitation=True,
    ),
}


def without_controls(text):
    """The text on one line: control characters (CR, LF, tab…) and line separators removed."""
    kept = (" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in str(text))
    return " ".join("".join(kept).split())


def is_current(registration, kind):
    """Whether the email still says something true about the registration."""
    if registration.status != KINDS[kind].status:
        return False
    return kind != "reminder" or registration.reminder_sent_at is not None


def base_url(event):
    """The site's public address: WAGTAILADMIN_BASE_URL, else the workshop's site's root."""
    configured = getattr(settings, "WAGTAILADMIN_BASE_URL", "")
    if configured:
        return configured.rstrip("/")
    site = event.get_site()
    return site.root_url.rstrip("/") if site else ""


def manage_url(registration):
    """The registration's manage link (its secret token), in the active language."""
    path = reverse("events:manage", kwargs={"token": registration.token})
    return base_url(registration.event) + path


def workshop_url(event):
    """The workshop's page, in the active language."""
    _site_id, _root, path = event.get_url_parts()
    return base_url(event) + path


def recipient_name(registration):
    """The name to greet and to show in the To header, in the participant's script."""
    name = registration.full_name
    if registration.preferred_language == "ar" and registration.full_name_ar:
        name = registration.full_name_ar
    return without_controls(name)


def message(registration, kind):
    """The email of `kind` for the registration, in its preferred language."""
    spec = KINDS[kind]
    event = registration.event
    with translation.override(registration.preferred_language or settings.LANGUAGE_CODE):
        name = recipient_name(registration)
        context = {
            "name": name,
            "workshop": event.title,
            "when": str(event.when),
            "place": event.address,
            "intro": str(spec.message),
            "manage_url": manage_url(registration),
            "workshop_url": workshop_url(event),
            "invitation": spec.invitation,
        }
        subject = str(spec.subject) % {"workshop": event.title}
        email = EmailMultiAlternatives(
            subject=without_controls(subject),
            body=render_to_string("events/email/registration.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[formataddr((name, registration.email))],
            headers={"Content-Language": translation.get_language()},
        )
        email.attach_alternative(
            render_to_string("events/email/registration.html", context), "text/html"
        )
        if spec.invitation:
            email.attach(
                ical.filename(event),
                ical.invitation(
                    event,
                    attendee=registration.email,
                    attendee_name=name,
                    url=context["workshop_url"],
                ),
                "text/calendar; method=REQUEST",
            )
    return email


def is_deliverable(address):
    """One valid address: nothing in it could become a second recipient or a header."""
    try:
        validate_email(address)
    except ValidationError:
        return False
    return True
