"""Emails about a registration, sent by the task worker after the registration's transaction.

events/registration.py enqueues `send_registration_email(pk, kind)` in `transaction.on_commit`,
so a rolled-back registration sends nothing.

The task first checks that the email is still true (a confirmation whose seat was cancelled
meanwhile is dropped), then sends it with documents/tasks_recovery.py's `send_once`, claiming the
key (registration, kind, status change) in the database shared by the workers: a second run of the
same task (enqueued twice, or requeued after its worker died) sends nothing once the mail server has
accepted the email; a mail server that is down keeps the email queued until it is back. What remains
possible (a duplicate or a loss, in precise cases) is listed there.
"""

import logging

from django_tasks import task

from documents.tasks_recovery import send_once

from . import emails
from .models import Registration

logger = logging.getLogger(__name__)


def claim_key(registration, kind):
    changed = registration.status_changed_at.isoformat() if registration.status_changed_at else ""
    return f"events:registration-email:{registration.pk}:{kind}:{changed}"


@task()
def send_registration_email(registration_id, kind, attempt=0):
    """Send the registration's email of `kind` (emails.KINDS); returns what happened.

    `attempt` counts the sends that failed before (the task queues itself again).
    """
    registration = Registration.objects.select_related("event").filter(pk=registration_id).first()
    if registration is None or not emails.is_current(registration, kind):
        return "outdated"
    if not emails.is_deliverable(registration.email):
        logger.warning("Registration %s has no valid email address", registration.pk)
        return "undeliverable"
    return send_once(
        emails.message(registration, kind),
        claim_key(registration, kind),
        send_registration_email,
        registration_id,
        kind,
        attempt=attempt,
    )
