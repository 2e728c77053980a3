"""Who came on which day: the check-in rules, and the admin page that ticks people in by name.

A badge's QR code opens the check-in page on a staff member's phone (events/views/checkin.py);
someone without a badge is found by name on this admin page. Both record attendance through
`record_attendance`, for a day of the workshop only, once a day, for confirmed registrations.
Only the staff who run the workshop (events/access.py) reach either.
"""

import datetime
import functools
import operator

from django import forms
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages

from home.forms import paginate
from home.parsing import decimal_id
from stakeholders.admin_views.mixins import StaffPageMixin

from ..access import events_run_by, registrations_run_by
from ..models import Attendance, Registration

PER_PAGE = 50
NAME_AND_ORGANISATION = [
    "first_name",
    "last_name",
    "first_name_ar",
    "last_name_ar",
    "proposed_organisation",
    "organisation__name_fr",
    "organisation__name_ar",
    "organisation__name_en",
    "organisation__acronym_fr",
    "organisation__acronym_ar",
    "organisation__acronym_en",
]


class CheckInRefused(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def workshop_today(event, now=None):
    """Today's date where the workshop takes place."""
    return (now or timezone.now()).astimezone(event.zone).date()


def record_attendance(registration, day, by):
    """Mark the registration present on `day`; returns (attendance, created).

    A second check-in the same day creates nothing: `created` is then False.
    """
    if registration.status != Registration.Status.CONFIRMED:
        raise CheckInRefused(_("Only a confirmed participant can be checked in."))
    event = registration.event
    if not event.start_date <= day <= event.end_date:
        raise CheckInRefused(_("Attendance is recorded on the days of the workshop only."))
    if day > workshop_today(event):
        raise CheckInRefused(_("Attendance cannot be recorded for a day still to come."))
    return Attendance.objects.get_or_create(
        registration=registration, day=day, defaults={"checked_in_by": by}
    )


def matching(queryset, query, fields):
    """Every word of the query in one of the fields: "amel ben" finds Amel Ben Ali."""
    for word in query.split():
        queryset = queryset.filter(
            functools.reduce(operator.or_, (Q(**{f"{name}__icontains": word}) for name in fields))
        )
    return queryset


class AttendanceForm(forms.Form):
    """Which workshop, which day, whom to look for (GET)."""

    event = forms.ModelChoiceField(
        label=capfirst(Registration._meta.get_field("event").verbose_name), queryset=None
    )
    day = forms.DateField(label=capfirst(Attendance._meta.get_field("day").verbose_name))
    q = forms.CharField(label=gettext_lazy("Name or organisation"), required=False, max_length=100)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events_run_by(user).order_by("-start_date", "pk")

    def clean(self):
        data = super().clean()
        event, day = data.get("event"), data.get("day")
        if event and day and not event.start_date <= day <= event.end_date:
            self.add_error("day", _("Choose one of the days of the workshop."))
        return data


class AttendanceView(StaffPageMixin, TemplateView):
    """A workshop's confirmed participants on one day, found by name, ticked in one by one.

    Under the participants' listing, whose URL name the viewset gives as `index_url_name`.
    """

    template_name = "events/staff/participants/attendance.html"
    page_title = gettext_lazy("Attendance")
    header_icon = "tick"
    index_label = gettext_lazy("Participants")

    def has_permission(self):
        return events_run_by(self.request.user).exists()

    def get_form(self):
        params = self.request.GET.copy()
        if decimal_id(params.get("event", "")) is not None and not params.get("day"):
            event = events_run_by(self.request.user).filter(pk=params["event"]).first()
            if event is not None:
                today = workshop_today(event)
                params["day"] = (
                    today if event.start_date <= today <= event.end_date else event.start_date
                ).isoformat()
        return AttendanceForm(params if params.get("event") else None, user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.get_form()
        context["form"] = form
        if form.is_bound and form.is_valid():
            event, day = form.cleaned_data["event"], form.cleaned_data["day"]
            present = Attendance.objects.filter(registration=OuterRef("pk"), day=day)
            participants = matching(
                Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
                .select_related("organisation")
                .annotate(present=Exists(present))
                .order_by("last_name", "first_name", "pk"),
                form.cleaned_data["q"],
                NAME_AND_ORGANISATION,
            )
            page, page_range = paginate(participants, self.request.GET.get("page"), PER_PAGE)
            query = {"event": event.pk, "day": day.isoformat(), "q": form.cleaned_data["q"]}
            context.update(
                event=event,
                day=day,
                days=event.days,
                is_future=day > workshop_today(event),
                participants=page,
                page_range=page_range,
                page_query=urlencode(query),
                back=f"{self.request.path}?{urlencode({**query, 'page': page.number})}",
            )
        return context

    def post(self, request, *args, **kwargs):
        registration = get_object_or_404(
            registrations_run_by(request.user).select_related("event"),
            pk=request.POST.get("registration", ""),
        )
        try:
            day = datetime.date.fromisoformat(request.POST.get("day", ""))
        except ValueError:
            raise Http404 from None
        try:
            _attendance, created = record_attendance(registration, day, request.user)
        except CheckInRefused as refusal:
            messages.error(request, refusal.message)
        else:
            if created:
                messages.success(
                    request, _("%(name)s is checked in.") % {"name": registration.full_name}
                )
            else:
                messages.warning(
                    request,
                    _("%(name)s was already checked in on that day.")
                    % {"name": registration.full_name},
                )
        query = {"event": registration.event_id, "day": day.isoformat()}
        back = request.POST.get("next", "")
        if back.startswith(request.path + "?"):
            return redirect(back)
        return redirect(f"{request.path}?{urlencode(query)}")
