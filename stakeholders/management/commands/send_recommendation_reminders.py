"""Daily: emails each focal point one digest of their recommendations that need attention.

Run it once a day (cron, systemd timer); a second run the same day sends nothing twice.
The rules are in stakeholders/recommendations.py (`send_reminders`).
"""

from django.core.management.base import BaseCommand

from stakeholders.recommendations import send_reminders


class Command(BaseCommand):
    help = (
        "Emails each focal point, in their language, one digest of their recommendations due "
        "within 30 days, overdue, or without an update for 90 days."
    )

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"{sent} digest(s) sent.")
