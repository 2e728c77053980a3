"""Staff PDFs of a workshop, in the Wagtail admin: badges, a day's sign-in sheet and the
certificates of attendance.

Only staff who run the workshop (events/access.py: they may edit its page) get them; anyone
else gets a 404, as for any object that is not theirs. The staff list links here:

- ``reverse("events_badges", args=[event.pk])``: every confirmed participant's badge; a
  selection with ``?ids=1,2,3`` or POSTed ``ids`` (only confirmed registrations of this
  workshop are printed, whatever ids are sent);
- ``reverse("events_sign_in_sheet", args=[event.pk, day.isoformat()])``: the sign-in sheet of
  one of the workshop's days;
- ``reverse("events_certificates", args=[event.pk])``: the certificate of everyone checked in at
  least once, each in its participant's language, in one PDF.

All three are laid out by the task worker (events/tasks.py `make_document`), 300 take seconds:
the request only records a job (events/models/jobs.py) and sends the staff to its page, where a
progress bar follows it (events/static/events/js/document_job.js polls its JSON status) and a link
downloads the file once it is ready. A second request for the same document while the job waits
or runs is sent to the same job. Jobs and their files are the workshop's: whoever cannot run the
workshop gets a 404, as for the workshop itself.
"""

import datetime

from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages

from documents.pdf import content_disposition
from home.parsing import decimal_id
from stakeholders.admin_views.mixins import StaffPageMixin

from .. import participant_documents as documents
from .. import tasks
from ..access import can_run
from ..models import DocumentJob, EventPage, Registration
from ..models.jobs import selection_key


def _event_run_by(user, event_id):
    event = get_object_or_404(EventPage, pk=event_id)
    if not can_run(user, event):
        raise Http404
    return event


def _selected_ids(request):
    """Ids from ?ids=1,2,3 or POSTed ids (repeated or comma-separated); None: no selection."""
    values = request.POST.getlist("ids") if request.method == "POST" else request.GET.getlist("ids")
    if not values:
        return None
    ids = set()
    for value in values:
        for part in value.split(","):
            pk = decimal_id(part.strip())
            if pk is not None:
                ids.add(pk)
    return ids


def _back(request, event):
    """Where the staff came from, if it is this site; else the workshop's edit page."""
    referer = request.headers.get("referer", "")
    if url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(referer)
    return redirect(reverse("wagtailadmin_pages:edit", args=[event.pk]))


@require_http_methods(["GET", "POST"])
def badges(request, event_id):
    event = _event_run_by(request.user, event_id)
    registrations = documents.confirmed(Registration.objects.filter(event=event))
    selected = _selected_ids(request)
    if selected is not None:
        registrations = registrations.filter(pk__in=selected)
    ids = _printed_ids(registrations)
    if not ids:
        messages.warning(request, _("No confirmed participant to print a badge for."))
        return _back(request, event)
    return _job_page(request, DocumentJob.Kind.BADGES, event, ids)


@require_GET
def sign_in_sheet(request, event_id, day):
    event = _event_run_by(request.user, event_id)
    try:
        day = datetime.date.fromisoformat(day)
    except ValueError:
        raise Http404 from None
    if day not in event.days:
        raise Http404
    # With no one confirmed yet, the sheet is still printed: its rows are filled in by hand.
    ids = _printed_ids(documents.confirmed(Registration.objects.filter(event=event)))
    return _job_page(request, DocumentJob.Kind.SIGN_IN_SHEET, event, ids, day=day)


@require_GET
def certificates(request, event_id):
    event = _event_run_by(request.user, event_id)
    ids = _printed_ids(documents.attended(Registration.objects.filter(event=event)))
    if not ids:
        messages.warning(request, _("No participant checked in yet: no certificate to print."))
        return _back(request, event)
    return _job_page(request, DocumentJob.Kind.CERTIFICATES, event, ids)


def _printed_ids(registrations):
    """Only who and in which order (the sign-in sheet's): the worker reads the rest when it lays
    the document out."""
    registrations = registrations.only("pk", "first_name", "last_name")
    return [r.pk for r in documents.sign_in_order(registrations)]


def _job_page(request, kind, event, ids, day=None):
    job = _join_or_start(kind, event, ids, translation.get_language(), request.user, day)
    return redirect("events_document_job", job.pk)


def _join_or_start(kind, event, ids, language, user, day=None):
    """The unfinished job printing this document, else a new one, queued for the worker.

    Two clicks at once both try to insert: the partial unique constraint lets one through, and
    the other is sent to its job."""
    key = {
        "kind": kind,
        "event": event,
        "selection": selection_key(ids, day),
        "language": language,
    }
    unfinished = DocumentJob.objects.filter(**key, status__in=DocumentJob.UNFINISHED)
    for _attempt in range(2):
        job = unfinished.first()
        if job is not None:
            return job
        try:
            # The job and its task row together: a job is never left without a task to run it.
            with transaction.atomic():
                job = DocumentJob.objects.create(
                    **key, day=day, registration_ids=ids, total=len(ids), requested_by=user
                )
                tasks.make_document.enqueue(job.pk)
        except IntegrityError:
            continue  # the other click's job, unless it finished meanwhile: then a new one
        return job
    raise RuntimeError("Could not record the document job")  # pragma: no cover


def _job_of(user, job_id):
    job = get_object_or_404(DocumentJob.objects.select_related("event"), pk=job_id)
    if not can_run(user, job.event):
        raise Http404
    return job


# What the progress bar's caption says, by kind of job.
PROGRESS = {
    DocumentJob.Kind.BADGES: gettext_lazy("%(done)s of %(total)s badges laid out"),
    DocumentJob.Kind.SIGN_IN_SHEET: gettext_lazy("%(done)s of %(total)s participants on the sheet"),
    DocumentJob.Kind.CERTIFICATES: gettext_lazy("%(done)s of %(total)s certificates laid out"),
}


def _job_status(job):
    done = job.status == DocumentJob.Status.DONE
    return {
        "status": job.status,
        "label": job.get_status_display(),
        "progress": PROGRESS[job.kind] % {"done": job.done, "total": job.total},
        "done": job.done,
        "total": job.total,
        "url": reverse("events_document_job_file", args=[job.pk]) if done else None,
    }


class DocumentJobView(StaffPageMixin, TemplateView):
    """A job's page: its progress bar, then the link to its file."""

    template_name = "events/staff/document_job.html"
    header_icon = "doc-full"
    index_label = gettext_lazy("Participants")
    index_url_name = "participants:index"

    def dispatch(self, request, *args, **kwargs):
        self.job = _job_of(request.user, kwargs["job_id"])
        return super().dispatch(request, *args, **kwargs)

    def has_permission(self):
        return True  # _job_of has checked that the user runs the job's workshop

    def get_page_title(self):
        return tasks.document_title(self.job)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["job"] = self.job
        context["status"] = _job_status(self.job)
        context["status_url"] = reverse("events_document_job_status", args=[self.job.pk])
        return context


@require_GET
def document_job_status(request, job_id):
    response = JsonResponse(_job_status(_job_of(request.user, job_id)))
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def document_job_file(request, job_id):
    job = _job_of(request.user, job_id)
    if job.status != DocumentJob.Status.DONE or not default_storage.exists(job.file_name):
        raise Http404
    response = FileResponse(
        default_storage.open(job.file_name, "rb"), content_type="application/pdf"
    )
    response["Content-Disposition"] = content_disposition(job.download_name)
    response["Cache-Control"] = "private, no-store"
    return response


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("workshops/<int:event_id>/badges/", badges, name="events_badges"),
        path("workshops/jobs/<int:job_id>/", DocumentJobView.as_view(), name="events_document_job"),
        path(
            "workshops/jobs/<int:job_id>/status/",
            document_job_status,
            name="events_document_job_status",
        ),
        path(
            "workshops/jobs/<int:job_id>/file/",
            document_job_file,
            name="events_document_job_file",
        ),
        path(
            "workshops/<int:event_id>/sign-in-sheet/<str:day>/",
            sign_in_sheet,
            name="events_sign_in_sheet",
        ),
        path(
            "workshops/<int:event_id>/certificates/",
            certificates,
            name="events_certificates",
        ),
    ]
