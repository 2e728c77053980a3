"""Staff documents laid out by the task worker rather than in the web request: bulk badges, a
day's sign-in sheet, every attendance certificate of a workshop.

One row a request: what to print (the kind, the workshop, the registrations, the day of a
sign-in sheet, the language), how far the worker has got, and where the file is once done. Two
requests for the same document while one is waiting or running share its row: the partial unique
constraint below lets only one unfinished job exist per (kind, workshop, selection, language),
the selection naming the registrations and the day, whatever the timing of two clicks. A
finished job is not reused: a new request lays the document out again, so that it shows the
registrations as they are then.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .pages import EventPage


def selection_key(ids, day=None) -> str:
    """The registrations a job prints (and the day of a sign-in sheet), named in 64 characters
    whatever their number: two days' sheets of the same participants are two documents."""
    selection = ",".join(str(pk) for pk in sorted(ids))
    if day is not None:
        selection = f"{day.isoformat()}:{selection}"
    return hashlib.sha256(selection.encode()).hexdigest()


class DocumentJob(models.Model):
    class Kind(models.TextChoices):
        BADGES = "badges", _("Badges")
        SIGN_IN_SHEET = "sign_in_sheet", _("Sign-in sheet")
        CERTIFICATES = "certificates", _("Certificates of attendance")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("In progress")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    UNFINISHED = (Status.PENDING, Status.RUNNING)

    kind = models.CharField(max_length=20, choices=Kind.choices)
    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="document_jobs")
    # The registrations, in print order, as they were when the job was asked for; the worker
    # prints those still confirmed then.
    registration_ids = models.JSONField(default=list)
    selection = models.CharField(max_length=64)
    day = models.DateField(null=True, blank=True)  # a sign-in sheet's
    language = models.CharField(max_length=10)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    # The file's name in default_storage (a private folder, served by a view that checks who
    # asks) and the name it is downloaded under.
    file_name = models.CharField(max_length=255, blank=True)
    download_name = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "event", "selection", "language"],
                condition=models.Q(status__in=["pending", "running"]),
                name="events_one_unfinished_document_job",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.event_id} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0
