"""Remind confirmed participants of a workshop, once, `reminder_days_before` days before it.

Run it daily (cron or a scheduler). Each workshop's due reminders are claimed in one transaction
(the rows locked, `reminder_sent_at` set) and their emails queued on commit, so two runs at the
same time, or a run repeated the same day, never remind anyone twice. A participant confirmed
after the reminder day (promoted from the waiting list, say) gets theirs on the next run.
"""

from datetime import timedelta
from functools import partial

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from events.models import EventPage, Registration
from events.tasks import send_registration_email


def is_due(event, now):
    """From N days before the start (the venue's calendar) until the workshop starts."""
    venue_today = now.astimezone(event.zone).date()
    first_day = event.start_date - timedelta(days=event.reminder_days_before)
    return first_day <= venue_today and now < event.starts_at


def remind(event, now):
    """Claim and queue the workshop's reminders not sent yet; returns how many."""
    with transaction.atomic():
        due = (
            Registration.objects.select_for_update()
            .filter(
                event=event,
                status=Registration.Status.CONFIRMED,
                reminder_sent_at__isnull=True,
            )
            .order_by("pk")
        )
        pks = list(due.values_list("pk", flat=True))
        Registration.objects.filter(pk__in=pks).update(reminder_sent_at=now)
        for pk in pks:
            transaction.on_commit(partial(send_registration_email.enqueue, pk, "reminder"))
    return len(pks)


class Command(BaseCommand):
    help = "Email the reminder to the confirmed participants of the workshops starting soon."

    def handle(self, *args, **options):
        now = timezone.now()
        # A day's margin either side of the site's date: is_due decides in the venue's zone.
        candidates = EventPage.objects.live().filter(
            reminder_days_before__gt=0, end_date__gte=timezone.localdate(now) - timedelta(days=1)
        )
        total = 0
        for event in candidates.order_by("start_date", "pk"):
            if is_due(event, now):
                count = remind(event, now)
                total += count
                if count:
                    self.stdout.write(f"{event.title}: {count}")
        self.stdout.write(f"{total} reminder(s) queued")
