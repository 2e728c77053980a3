"""Every few minutes (cron, systemd timer): the tasks a dead worker left running run again.

django_tasks_db's worker marks a task RUNNING when it takes it, and SUCCESSFUL or FAILED when it
ends; a worker killed in between (SIGKILL, out of memory, a host lost) leaves it RUNNING, and no
worker takes a RUNNING task. This puts back in the queue (READY, its workers forgotten) those
RUNNING since longer than --older-than minutes.

A row cannot say whether its worker is dead or still busy, hence the threshold: it must exceed
the longest task, or a task still running would also run a second time (and its first worker,
ending, would overwrite the row). The site's tasks are emails, over in seconds with EMAIL_TIMEOUT
set, and Wagtail's index updates. An email requeued this way is not sent twice if the mail server
had accepted it, nor lost if it had not: documents/tasks_recovery.py explains how, and the one
instant where a duplicate remains possible. The default (15 minutes) is longer than an email's
"sending" claim lives (10 minutes), which is what lets a requeued email go out.
"""

import datetime

from django.core.management.base import BaseCommand

from documents.tasks_recovery import STALLED_AFTER, requeue_stalled


def minutes(value):
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = "Puts back in the queue the tasks left running by a worker that died."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=minutes,
            default=int(STALLED_AFTER.total_seconds() // 60),
            metavar="MINUTES",
            help="Requeue the tasks running for longer than this (default: %(default)s).",
        )

    def handle(self, *args, older_than, **options):
        count = requeue_stalled(datetime.timedelta(minutes=older_than))
        self.stdout.write(f"{count} stalled task(s) put back in the queue.")
