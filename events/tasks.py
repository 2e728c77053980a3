"""Emails about a registration, sent by the task worker after the registration's transaction.

events/registration.py enqueues `send_registration_email(pk, kind)` in `transaction.on_commit`,
so a rolled-back registration sends nothing.

The task first checks that the email is still true (a confirmation whose seat was cancelled
meanwhile is dropped), then sends it with documents/tasks_recovery.py's `send_once`, claiming the
key (registration, kind, status change) in the database shared by the workers: a second run of the
same task (enqueued twice, or requeued after its worker died) sends nothing once the mail server has
accepted the email; a mail server that is down keeps the email queued until it is back. What remains
possible (a duplicate or a loss, in precise cases) is listed there.

`make_document(job_id)` lays out a staff document of events/models/jobs.py (bulk badges, a
sign-in sheet, a workshop's certificates) off the web request, reporting its progress in the job's
row; the staff member who asked for it gets an email when it took long enough for them to have
left its page. `purge_document_jobs` (the management command) deletes finished jobs and their files
after AMEM_DOCUMENT_JOB_DAYS.
"""

import datetime
import logging
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from documents.tasks_recovery import STALLED_AFTER, send_once

from . import emails
from . import participant_documents as documents
from .models import Attendance, DocumentJob, Registration

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


# Where finished documents are kept in default_storage: outside the images that /media/ serves,
# read only through events/staff/documents.py's view, which checks who asks.
JOB_FOLDER = "private/document-jobs"
# A job longer than this earns its staff member an email: they have likely left its page.
LONG_JOB = datetime.timedelta(seconds=30)


@task()
def make_document(job_id):
    """Lay out the job's document, store it and mark the job done; returns its final status.

    The job is taken by moving it from "waiting" to "in progress" in one UPDATE: a second run
    of the same task finds it taken and does nothing. A job "in progress" for longer than
    `requeue_stalled` waits before it puts a dead worker's task back in the queue is taken over:
    that is the requeued task.
    """
    Status = DocumentJob.Status
    now = timezone.now()
    takeable = Q(status=Status.PENDING) | Q(
        status=Status.RUNNING, started_at__lt=now - STALLED_AFTER
    )
    taken = DocumentJob.objects.filter(takeable, pk=job_id).update(
        status=Status.RUNNING, started_at=now, done=0
    )
    if not taken:
        return "taken"
    job = DocumentJob.objects.select_related("event").get(pk=job_id)
    registrations = _printed_registrations(job)
    DocumentJob.objects.filter(pk=job_id).update(total=len(registrations))

    def progress(done):
        DocumentJob.objects.filter(pk=job_id).update(done=done)

    # All cancelled since the request: no badge or certificate to print (a sign-in sheet with
    # no one on it is still one, as when asked for with no one confirmed).
    if not registrations and job.kind != DocumentJob.Kind.SIGN_IN_SHEET:
        DocumentJob.objects.filter(pk=job_id).update(
            status=Status.FAILED, finished_at=timezone.now()
        )
        return Status.FAILED
    try:
        content, download_name = _lay_out(job, registrations, progress)
        name = default_storage.save(
            f"{JOB_FOLDER}/{job_id}-{uuid.uuid4().hex}.pdf", ContentFile(content)
        )
    except Exception:
        logger.exception("Document job %s failed", job_id)
        DocumentJob.objects.filter(pk=job_id).update(
            status=Status.FAILED, finished_at=timezone.now()
        )
        raise
    finished = timezone.now()
    DocumentJob.objects.filter(pk=job_id).update(
        status=Status.DONE,
        file_name=name,
        download_name=download_name,
        done=len(registrations),
        finished_at=finished,
    )
    if finished - job.created_at > LONG_JOB and job.requested_by_id:
        send_document_ready.enqueue(job_id)
    return Status.DONE


def _printed_registrations(job):
    """The job's registrations that still get its document, in the order they were asked for
    (the sign-in sheet's)."""
    registrations = Registration.objects.filter(pk__in=job.registration_ids, event=job.event)
    if job.kind == DocumentJob.Kind.CERTIFICATES:
        days = Prefetch("attendances", queryset=Attendance.objects.only("registration", "day"))
        registrations = documents.attended(registrations).prefetch_related(days)
    else:
        registrations = documents.confirmed(registrations)
    by_pk = {r.pk: r for r in registrations.select_related("organisation")}
    return [by_pk[pk] for pk in job.registration_ids if pk in by_pk]


def _lay_out(job, registrations, progress):
    """The job's document and the name it is downloaded under."""
    event, language = job.event, job.language
    if job.kind == DocumentJob.Kind.SIGN_IN_SHEET:
        content = documents.sign_in_sheet_pdf(event, job.day, registrations, language=language)
        progress(len(registrations))
        return content, documents.sign_in_sheet_filename(event, job.day)
    if job.kind == DocumentJob.Kind.CERTIFICATES:
        content = documents.certificates_pdf(
            registrations, event=event, language=language, progress=progress
        )
        return content, documents.certificates_filename(event)
    content = documents.badges_pdf(registrations, event=event, language=language, progress=progress)
    return content, documents.badges_filename(event)


def document_title(job, language=None) -> str:
    """What the job prints, as its document's title says it (in `language`, default: the
    active one)."""
    language = language or translation.get_language()
    if job.kind == DocumentJob.Kind.SIGN_IN_SHEET:
        return documents.sign_in_sheet_title(job.event, job.day, language)
    if job.kind == DocumentJob.Kind.CERTIFICATES:
        return documents.certificates_title(job.event, language)
    return documents.badges_title(job.event, language)


def job_url(job):
    """The job's admin page at the site's configured address, in the active language."""
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return base + reverse("events_document_job", args=[job.pk])


@task()
def send_document_ready(job_id, attempt=0):
    """Tell the staff member who asked for a long job that its document is ready."""
    job = DocumentJob.objects.select_related("event", "requested_by").filter(pk=job_id).first()
    if job is None or job.requested_by is None or job.status != DocumentJob.Status.DONE:
        return "outdated"
    with translation.override(job.language):
        title = document_title(job)
        subject = _("Document ready: %(document)s") % {"document": title}
        body = "\n\n".join(
            [
                _("The document that you asked for is ready: %(document)s.") % {"document": title},
                job_url(job),
                _("The AMEM team"),
            ]
        )
    return send_once(
        EmailMessage(" ".join(subject.split()), body, to=[job.requested_by.email]),
        f"events:document-job-email:{job_id}",
        send_document_ready,
        job_id,
        attempt=attempt,
    )
