"""Emails about a registration, sent by the task worker after the registration's transaction.

events/registration.py enqueues `send_registration_email(pk, kind)` in `transaction.on_commit`,
so a rolled-back registration sends nothing.

Sending twice is avoided, not ruled out. The task first checks that the email is still true (a
confirmation whose seat was cancelled meanwhile is dropped), then claims the key
(registration, kind, status change) in the cache with an atomic `add` before handing the email
to the mail server, and releases it if sending raises. A second run of the same task (enqueued
twice, or run again by hand after a crash) therefore sends nothing while the claim lives, provided
the workers share the cache (REDIS_URL; the local-memory cache is per process). The price is
at-most-once: a worker killed between the claim and the mail server's answer loses that email.
No mail server offers more: an email accepted just before a crash is sent again on any retry.
"""

import logging

from django.core.cache import cache
from django_tasks import task

from . import emails
from .models import Registration

logger = logging.getLogger(__name__)

# How long a sent email's claim is kept: well beyond any worker's backlog.
CLAIM_SECONDS = 60 * 60 * 24 * 30


def claim_key(registration, kind):
    changed = registration.status_changed_at.isoformat() if registration.status_changed_at else ""
    return f"events:registration-email:{registration.pk}:{kind}:{changed}"


@task()
def send_registration_email(registration_id, kind):
    """Send the registration's email of `kind` (emails.KINDS); returns what happened."""
    registration = Registration.objects.select_related("event").filter(pk=registration_id).first()
    if registration is None or not emails.is_current(registration, kind):
        return "outdated"
    if not emails.is_deliverable(registration.email):
        logger.warning("Registration %s has no valid email address", registration.pk)
        return "undeliverable"
    key = claim_key(registration, kind)
    if not cache.add(key, True, CLAIM_SECONDS):
        return "already sent"
    try:
        emails.message(registration, kind).send()
    except BaseException:
        cache.delete(key)
        raise
    return "sent"
