"""Emails that the staff send from the participants' admin: invitations and group messages.

Each email is one task, queued after the commit of what it announces: a rolled-back invitation
sends nothing, and one failed address does not hold back the others. Subjects are single lines
(the forms refuse a line break, and `single_line` removes any that got through), so no header can
be injected.

Each is sent with documents/tasks_recovery.py's `send_once`: a mail server that is down keeps it
queued until it is back, and a task requeued after its worker died does not send it again. The
claim is named by the task as first queued (its row's id, carried through its retries): the staff
may send the same message twice on purpose, but one task sends one email.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from documents.tasks_recovery import send_once

from .. import emails
from ..models import Invitation, Registration

FALLBACK_LANGUAGE = "fr"


def single_line(text):
    """A header value on one line: line breaks (CR, LF and their Unicode kin) become spaces."""
    return " ".join(str(text).split())


def invitation_language(invitation):
    """The invited person's language if their account says it, else the workshop's first
    working language, else French."""
    user = invitation.person.user if invitation.person_id else None
    if user is not None and user.preferred_language:
        return user.preferred_language
    languages = [code for code, _name in settings.LANGUAGES]
    working = [code for code in invitation.event.working_languages or () if code in languages]
    return working[0] if working else FALLBACK_LANGUAGE


def invitation_url(invitation):
    """The workshop's registration form, in the active language, carrying the invitation, at the
    site's public address (as the registration emails: the Wagtail site's hostname may be none)."""
    event = invitation.event
    return (
        f"{emails.workshop_url(event)}{event.reverse_subpage('register')}"
        f"?invitation={invitation.token}"
    )


def sending_name(context, sending):
    """The name of the email's delivery claim: the first task row's id, kept by its retries."""
    return sending or str(context.task_result.id)


@task(takes_context=True)
def send_invitation(context, invitation_id, attempt=0, sending=None):
    sending = sending_name(context, sending)
    invitation = (
        Invitation.objects.select_related("event", "person__user").filter(pk=invitation_id).first()
    )
    if invitation is None:  # the workshop was deleted since
        return None
    event = invitation.event
    with translation.override(invitation_language(invitation)):
        name = str(invitation.person) if invitation.person_id else invitation.email
        body = "\n\n".join(
            [
                _("Dear %(name)s,") % {"name": name},
                _("You are invited to take part in %(workshop)s (%(dates)s, %(place)s).")
                % {"workshop": event.title, "dates": event.when.dates, "place": event.place},
                _(
                    "This invitation is personal: it lets %(email)s register. "
                    "Register with this address here:"
                )
                % {"email": invitation.email},
                invitation_url(invitation),
                _("The AMEM team"),
            ]
        )
        subject = _("Invitation: %(workshop)s") % {"workshop": event.title}
        email = EmailMessage(single_line(subject), body, to=[invitation.email])
    return send_once(
        email,
        f"events:invitation-email:{sending}",
        send_invitation,
        invitation_id,
        attempt=attempt,
        sending=sending,
    )


@task(takes_context=True)
def send_participant_message(context, registration_id, subject, message, attempt=0, sending=None):
    """One participant's copy of a message the staff wrote to a group of participants."""
    sending = sending_name(context, sending)
    registration = Registration.objects.filter(pk=registration_id).only("email").first()
    if registration is None or not registration.email:
        return None
    return send_once(
        EmailMessage(single_line(subject), message, to=[registration.email]),
        f"events:participant-message:{sending}",
        send_participant_message,
        registration_id,
        subject,
        message,
        attempt=attempt,
        sending=sending,
    )
