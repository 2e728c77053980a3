"""Delete the staff's finished document jobs (events/models/jobs.py) and their files after
--days days.

The default is the AMEM_DOCUMENT_JOB_DAYS setting (7 days unless the environment says otherwise):
badges, sign-in sheets and certificates hold participants' names, and the staff lay them out again
in seconds. Run it daily (docs/deploy.md); a second run deletes nothing more. Jobs still waiting or
running are left to the worker. Files in the jobs' folder that no job names any more (the jobs of
a deleted workshop, or of a worker that died between storing a file and recording it) go after the
same period.
"""

import datetime

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from events.models import DocumentJob
from events.tasks import JOB_FOLDER


class Command(BaseCommand):
    help = "Delete finished document jobs and their files older than N days."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Retention period in days (default: AMEM_DOCUMENT_JOB_DAYS, 7).",
        )

    def handle(self, *args, days=None, **options):
        if days is None:
            days = settings.AMEM_DOCUMENT_JOB_DAYS
        if days < 0:
            raise CommandError("--days cannot be negative.")
        before = timezone.now() - datetime.timedelta(days=days)
        finished = DocumentJob.objects.exclude(status__in=DocumentJob.UNFINISHED)
        old = finished.filter(finished_at__lt=before)
        names = [name for name in old.values_list("file_name", flat=True) if name]
        # The rows first: a file that fails to go is then unnamed, and the next run's sweep
        # deletes it.
        jobs, _by_model = old.delete()
        for name in names:
            default_storage.delete(name)
        files = len(names) + _delete_unnamed_files(before)
        self.stdout.write(
            f"{jobs} document job(s) and {files} file(s) deleted (finished over {days} days ago)."
        )


def _delete_unnamed_files(before):
    """Deletes the files of the jobs' folder that no job names and that are older than
    `before`; returns how many."""
    try:
        _folders, names = default_storage.listdir(JOB_FOLDER)
    except FileNotFoundError:  # no job has stored a file yet
        return 0
    named = set(DocumentJob.objects.exclude(file_name="").values_list("file_name", flat=True))
    deleted = 0
    for name in names:
        path = f"{JOB_FOLDER}/{name}"
        if path not in named and default_storage.get_modified_time(path) < before:
            default_storage.delete(path)
            deleted += 1
    return deleted
