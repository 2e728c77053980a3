"""A participant's side of a workshop's registration.

The form is the workshop page's `register/` route. A visitor without an account fills it in
first: what they typed waits in their session while they create an account (or log in) and
confirm their email address, and fills the form in again when allauth brings them back (`next`).
The seat rules are events/registration.py's. A registration is then reached by its secret token
(the manage link sent by email), with or without being logged in, and by its owner from "My
registrations". Changes are POSTs answered by a message and a redirect.
"""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from home.forms import paginate
from home.time_zones import zone_name

from .. import participant_documents as documents
from .. import registration as seats
from ..dates import clock, date_range, joined
from ..forms import RegistrationEditForm, RegistrationForm, person_initial, readable_answers
from ..models import EventPage, Invitation, Registration

TEMPLATES = "events/registration"
REGISTRATIONS_PER_PAGE = 10
# What new_token() makes: URL-safe base64. Anything else is no token (and PostgreSQL would
# refuse a NUL in the lookup).
TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")
require_form_methods = require_http_methods(["GET", "HEAD", "POST"])
Status = Registration.Status
Mode = EventPage.RegistrationMode


def _draft_key(event):
    return f"registration_draft_{event.pk}"


def _invitation(request, event):
    """The invitation whose token the link carries, if it is one of this workshop's."""
    token = request.GET.get("invitation", "")
    if not TOKEN.fullmatch(token):
        return None
    return Invitation.objects.filter(event=event, token=token).first()


def _active_registration(event, user):
    return Registration.objects.for_user(user).active().filter(event=event).first()


def venue_time(event, moment):
    """ "3 March 2025, 09:00 (Tunis time)": a registration date as the venue reads it."""
    local = moment.astimezone(event.zone)
    zone = zone_name(event.time_zone)
    return f"{joined([date_range(local.date()), clock(local.time())])} ({zone})"


def refusal(event, user, invitation):
    """Why this visitor cannot register now, or ""; the seat rules decide again on submit."""
    state = seats.window(event)
    if event.registration_mode == Mode.CLOSED:
        return _("Registration is not open for this workshop.")
    if state == seats.Window.NOT_OPEN_YET:
        return _("Registration opens on %(date)s.") % {
            "date": venue_time(event, event.registration_opens_at)
        }
    if state == seats.Window.CLOSED:
        return _("Registration for this workshop has closed.")
    if event.registration_mode == Mode.INVITATION:
        if invitation is None:
            return _(
                "This workshop is by personal invitation only. Use the link in your invitation "
                "email."
            )
        if Registration.objects.filter(invitation=invitation).exists():
            return _("This invitation has already been used to register.")
        if user.is_authenticated and invitation.email.casefold() != user.email.casefold():
            return _(
                "This invitation was sent to another email address: log out, then log in with "
                "the address that received it."
            )
    if not event.waitlist_enabled and seats.seats_left(event) == 0:
        return _("All the seats have been taken, and this workshop has no waiting list.")
    return ""


def status_message(registration):
    messages_by_status = {
        Status.CONFIRMED: _("Your registration is confirmed. We have sent you an email."),
        Status.WAITLISTED: _(
            "The workshop is full: you are on the waiting list. We will write to you if a "
            "seat frees up."
        ),
        Status.PENDING: _(
            "Your registration has been received. The project team will review it and write to you."
        ),
    }
    return messages_by_status.get(registration.status, "")


def _render_register(request, event, **context):
    context.update(page=event, self=event, seats_left=seats.seats_left(event))
    return render(request, f"{TEMPLATES}/register.html", context)


@never_cache
@require_form_methods
def register(request, event):
    """The registration form of `event` (the workshop page's `register/` route)."""
    user = request.user
    existing = _active_registration(event, user)
    if existing is not None:
        return _render_register(request, event, registration=existing)
    invitation = _invitation(request, event)
    refused = refusal(event, user, invitation)
    if refused:
        return _render_register(request, event, refusal=refused)
    draft_key = _draft_key(event)
    if request.method == "POST":
        form = RegistrationForm(request.POST, event=event, user=user)
        if form.is_valid():
            if not user.is_authenticated:
                return _keep_draft_and_sign_up(request, form, draft_key)
            try:
                registration = seats.register(
                    event,
                    user,
                    invitation=invitation,
                    email=user.email,
                    person=getattr(user, "person", None),
                    **form.registration_fields(),
                )
            except seats.RegistrationRefused as refused:
                form.add_error(None, refused.message)
            else:
                request.session.pop(draft_key, None)
                messages.success(request, status_message(registration))
                return redirect("events:manage", token=registration.token)
    else:
        initial = {
            "preferred_language": translation.get_language(),
            **person_initial(user),
            **request.session.get(draft_key, {}),
        }
        form = RegistrationForm(initial=initial, event=event, user=user)
    return _render_register(
        request, event, form=form, invitation=invitation, restored=draft_key in request.session
    )


def _keep_draft_and_sign_up(request, form, draft_key):
    request.session[draft_key] = form.draft()
    messages.info(
        request,
        _(
            "Create your account, or log in if you have one, to finish your registration: "
            "what you typed is kept."
        ),
    )
    query = urlencode({"next": request.get_full_path()})
    return redirect(f"{reverse('account_signup')}?{query}")


@login_required
@require_safe
def my_registrations(request):
    """The user's registrations, newest first, a page at a time."""
    registrations = (
        Registration.objects.for_user(request.user)
        .select_related("event")
        .order_by("-created_at", "-pk")
    )
    page, page_range = paginate(
        registrations, request.GET.get("page"), per_page=REGISTRATIONS_PER_PAGE
    )
    return render(
        request,
        f"{TEMPLATES}/my_registrations.html",
        {"registrations": page, "page_range": page_range},
    )


def _by_token(token):
    """The registration whose secret is `token`; any other is a 404."""
    if not TOKEN.fullmatch(token):
        raise Http404
    return get_object_or_404(
        Registration.objects.select_related("event", "organisation"), token=token
    )


def may_change(registration):
    """A participant changes or cancels an active registration until the workshop is over."""
    return registration.is_active and registration.event.is_upcoming


@never_cache
@require_safe
def manage(request, token):
    """A registration's status, details and documents, reached by its secret link."""
    registration = _by_token(token)
    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "may_change": may_change(registration),
        "has_badge": documents.badge_available(registration),
        "has_letter": documents.invitation_letter_available(registration),
        "has_certificate": documents.certificate_available(registration),
        "answers": readable_answers(event.registration_questions.all(), registration.answers),
    }
    return render(request, f"{TEMPLATES}/manage.html", context)


def _to_manage(registration):
    return redirect("events:manage", token=registration.token)


@never_cache
@require_form_methods
def edit(request, token):
    """What the participant may change after registering (not what the quotas count)."""
    registration = _by_token(token)
    if not may_change(registration):
        messages.error(request, _("This registration can no longer be changed."))
        return _to_manage(registration)
    form = RegistrationEditForm(
        request.POST if request.method == "POST" else None,
        instance=registration,
        event=registration.event,
    )
    if form.is_bound and form.is_valid():
        form.save()
        messages.success(request, _("Your registration has been updated."))
        return _to_manage(registration)
    return render(
        request,
        f"{TEMPLATES}/edit.html",
        {"registration": registration, "event": registration.event, "form": form},
    )


@never_cache
@require_form_methods
def cancel(request, token):
    """GET asks to confirm; POST cancels, and the seat goes to the waiting list."""
    registration = _by_token(token)
    if not may_change(registration):
        messages.error(request, _("This registration can no longer be cancelled."))
        return _to_manage(registration)
    if request.method == "POST":
        seats.cancel(registration)
        messages.success(request, _("Your registration has been cancelled."))
        return _to_manage(registration)
    return render(
        request,
        f"{TEMPLATES}/cancel.html",
        {"registration": registration, "event": registration.event},
    )
