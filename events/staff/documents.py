"""Staff PDFs of a workshop, in the Wagtail admin: badges and the day's sign-in sheet.

Only staff who run the workshop (events/access.py: they may edit its page) get them; anyone
else gets a 404, as for any object that is not theirs. The staff list links here:

- ``reverse("events_badges", args=[event.pk])``: every confirmed participant's badge; a
  selection with ``?ids=1,2,3`` or POSTed ``ids`` (only confirmed registrations of this
  workshop are printed, whatever ids are sent);
- ``reverse("events_sign_in_sheet", args=[event.pk, day.isoformat()])``: the sign-in sheet of
  one of the workshop's days.
"""

import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from wagtail import hooks
from wagtail.admin import messages

from documents.pdf import content_disposition
from home.parsing import decimal_id

from .. import participant_documents as documents
from ..access import can_run
from ..models import EventPage, Registration


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


def _pdf(content, filename):
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(filename)
    response["Cache-Control"] = "private, no-store"
    return response


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
    registrations = Registration.objects.filter(
        event=event, status=Registration.Status.CONFIRMED, anonymised_at__isnull=True
    ).select_related("organisation")
    ids = _selected_ids(request)
    if ids is not None:
        registrations = registrations.filter(pk__in=ids)
    registrations = documents.sign_in_order(registrations)
    if not registrations:
        messages.warning(request, _("No confirmed participant to print a badge for."))
        return _back(request, event)
    content = documents.badges_pdf(registrations, event=event, request=request)
    return _pdf(content, documents.badges_filename(event))


@require_GET
def sign_in_sheet(request, event_id, day):
    event = _event_run_by(request.user, event_id)
    try:
        day = datetime.date.fromisoformat(day)
    except ValueError:
        raise Http404 from None
    if day not in event.days:
        raise Http404
    content = documents.sign_in_sheet_pdf(event, day, request=request)
    return _pdf(content, documents.sign_in_sheet_filename(event, day))


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("workshops/<int:event_id>/badges/", badges, name="events_badges"),
        path(
            "workshops/<int:event_id>/sign-in-sheet/<str:day>/",
            sign_in_sheet,
            name="events_sign_in_sheet",
        ),
    ]
