"""The badge's QR code, scanned at the door: who it is, and one button to check them in.

The code is the registration's `check_in_code`, never its manage token. Only the staff who run
the workshop see the page; for anyone else the code does not exist (404), so a badge photographed
by others tells them nothing. Staff need TOTP here as in the admin.
"""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from ..access import can_run
from ..models import Attendance, Registration
from ..staff.attendance import CheckInRefused, record_attendance, workshop_today


@login_required
def check_in(request, code):
    registration = get_object_or_404(
        Registration.objects.select_related("event", "organisation"), check_in_code=code
    )
    event = registration.event
    if not can_run(request.user, event):
        raise Http404
    if (
        settings.AMEM_STAFF_MFA_REQUIRED
        and not Authenticator.objects.filter(
            user=request.user, type=Authenticator.Type.TOTP
        ).exists()
    ):
        messages.warning(
            request, _("Staff accounts must use two-factor authentication. Set it up to continue.")
        )
        return redirect("mfa_activate_totp")
    today = workshop_today(event)
    if request.method == "POST":
        try:
            _attendance, created = record_attendance(registration, today, request.user)
        except CheckInRefused as refusal:
            messages.error(request, refusal.message)
        else:
            if created:
                messages.success(request, _("Checked in for today."))
            else:
                messages.warning(request, _("Already checked in today."))
        return redirect(request.path)
    attendance = Attendance.objects.filter(registration=registration, day=today).first()
    return TemplateResponse(
        request,
        "events/checkin/check_in.html",
        {
            "registration": registration,
            "event": event,
            "today": today,
            "attendance": attendance,
            "is_workshop_day": event.start_date <= today <= event.end_date,
            "is_confirmed": registration.status == Registration.Status.CONFIRMED,
        },
    )
