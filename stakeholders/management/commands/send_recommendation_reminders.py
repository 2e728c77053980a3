"""Daily: emails each focal point one digest of their recommendations that need attention.

Run it once a day (cron, systemd timer); a second run the same day sends nothing twice.
The digests are recorded, then sent by the task worker, which keeps them queued while the mail
server is down. The rules are in stakeholders/recommendations.py (`send_reminders`).
"""

from collections import Counter

from django.core.management.base import BaseCommand
from django_tasks import TaskResultStatus

from stakeholders.recommendations import send_reminders


class Command(BaseCommand):
    help = (
        "Emails each focal point, in their language, one digest of their recommendations due "
        "within 30 days, overdue, or without an update for 90 days."
    )

    def handle(self, *args, **options):
        results = send_reminders()
        # Queued with the task worker (production); sent or failed already with the immediate
        # backend (development).
        counts = Counter(result.status for result in results)
        self.stdout.write(
            f"{len(results)} digest(s): {counts[TaskResultStatus.READY]} queued for the task "
            f"worker, {counts[TaskResultStatus.SUCCESSFUL]} sent, "
            f"{counts[TaskResultStatus.FAILED]} failed (tried again on the next run)."
        )
