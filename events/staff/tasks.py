"""Emails that the staff send from the participants' admin: invitations and group messages.

Each email is one task, queued after the commit of what it announces: a rolled-back invitation
sends nothing, and one failed address does not hold back the others. Subjects are single lines
(the forms refuse a line break, and `single_line` removes any that got through), so no header can
be injected.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

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
    """The workshop's registration form, in the active language, carrying the invitation."""
    event = invitation.event
    return (
        f"{event.get_full_url()}{event.reverse_subpage('register')}?invitation={invitation.token}"
    )


@task()
def send_invitation(invitation_id):
    invitation = (
        Invitation.objects.select_related("event", "person__user").filter(pk=invitation_id).first()
    )
    if invitation is None:  # the workshop was deleted since
        return
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
        EmailMessage(single_line(subject), body, to=[invitation.email]).send()


@task()
def send_participant_message(registration_id, subject, message):
    """One participant's copy of a message the staff wrote to a group of participants."""
    registration = Registration.objects.filter(pk=registration_id).only("email").first()
    if registration is None or not registration.email:
        return
    EmailMessage(single_line(subject), message, to=[registration.email]).send()
