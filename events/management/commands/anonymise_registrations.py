"""Anonymise the registrations of workshops that ended more than --months months ago.

The default is the AMEM_REGISTRATION_RETENTION_MONTHS setting (24 months when unset). Run it
daily (cron, a scheduled task); a second run anonymises nothing more. What is erased and what is
kept for the balance report: events/privacy.py.
"""

from django.core.management.base import BaseCommand, CommandError

from events import privacy


class Command(BaseCommand):
    help = "Anonymise the registrations of workshops that ended more than N months ago."

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=None,
            help="Retention period in months (default: AMEM_REGISTRATION_RETENTION_MONTHS, 24).",
        )

    def handle(self, *args, months=None, **options):
        months = privacy.retention_months() if months is None else months
        if months < 0:
            raise CommandError("--months cannot be negative.")
        count = privacy.anonymise(privacy.ended_before(months))
        self.stdout.write(
            f"{count} registration(s) anonymised (workshops ended over {months} months ago)."
        )
