"""A workshop's public list of participants, and a participant's own data: see, download, erase.

The public list shows only what a participant agreed to show: the confirmed participants of a
workshop that lists them, who consented to be listed, by name, organisation, position and
country, never their email, phone, gender, nationality or passport. "My data" shows everything
the platform holds about the account; the export is that, as JSON; the erasure (events/privacy.py
says what goes and what stays for the balance report) asks for a fresh authentication first, then
logs the person out.
"""

import json

from allauth.account.decorators import reauthentication_required
from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from home.forms import paginate
from home.vocabulary import country_name
from stakeholders.models import Person

from .. import privacy
from ..models import Attendance, Registration

# Secrets, not data about the person: a downloaded file must not open their manage link.
NOT_EXPORTED = {"token", "check_in_code"}


def public_participants(request, event):
    """The workshop's participants who agreed to be listed (the workshop's `participants/`)."""
    if not event.lists_participants:
        raise Http404
    listed = (
        Registration.objects.filter(
            event=event,
            status=Registration.Status.CONFIRMED,
            consents_to_listing=True,
            anonymised_at__isnull=True,
        )
        .select_related("organisation")
        .only(
            "first_name",
            "last_name",
            "first_name_ar",
            "last_name_ar",
            "position",
            "country",
            "proposed_organisation",
            "organisation",
        )
        .order_by("last_name", "first_name", "pk")
    )
    participants, page_range = paginate(listed, request.GET.get("page"))
    for participant in participants:
        participant.country_label = country_name(participant.country, participant.country)
    context = event.get_context(request)
    context.update(participants=participants, page_range=page_range)
    return TemplateResponse(request, "events/privacy/participants.html", context)


def _registrations(user):
    return (
        Registration.objects.filter(user=user)
        .select_related("event", "organisation")
        .prefetch_related(Prefetch("attendances", queryset=Attendance.objects.order_by("day")))
        .order_by("-created_at", "-pk")
    )


def _person(user):
    return Person.objects.filter(user=user).prefetch_related("affiliations__organisation").first()


@never_cache
@login_required
def my_data(request):
    user = request.user
    registrations, page_range = paginate(_registrations(user), request.GET.get("page"))
    for registration in registrations:
        registration.country_label = country_name(registration.country, registration.country)
        registration.nationality_label = country_name(
            registration.nationality, registration.nationality
        )
    return TemplateResponse(
        request,
        "events/privacy/my_data.html",
        {
            "account": user,
            "email_addresses": EmailAddress.objects.filter(user=user).order_by("email"),
            "registrations": registrations,
            "page_range": page_range,
            "person": _person(user),
        },
    )


def _value(registration, field):
    value = field.value_from_object(registration)
    if field.choices and value not in (None, ""):
        return {"value": value, "label": str(dict(field.flatchoices).get(value, value))}
    return value


def _registration_data(registration):
    data = {
        field.name: _value(registration, field)
        for field in Registration._meta.concrete_fields
        if field.name not in NOT_EXPORTED and not field.is_relation
    }
    event = registration.event
    data["workshop"] = {
        "title": event.title,
        "start_date": event.start_date,
        "end_date": event.end_date,
        "url": event.full_url,
    }
    data["organisation"] = str(registration.organisation) if registration.organisation_id else None
    data["registered_by_staff"] = bool(registration.registered_by_id)
    data["by_invitation"] = bool(registration.invitation_id)
    data["attendances"] = [
        {"day": attendance.day, "checked_in_at": attendance.checked_in_at}
        for attendance in registration.attendances.all()
    ]
    return data


def _person_data(person):
    if person is None:
        return None
    names = ["first_name", "last_name", "first_name_ar", "last_name_ar", "gender", "email"]
    names += ["phone", "consents_to_contact", "consents_to_contact_at"]
    names += ["consents_to_listing", "consents_to_listing_at"]
    data = {name: getattr(person, name) for name in names}
    data["affiliations"] = [
        {
            "organisation": str(affiliation.organisation),
            "position": affiliation.position,
            "focal_point": affiliation.is_focal_point,
            "signatory": affiliation.is_signatory,
            "since": affiliation.since,
            "until": affiliation.until,
        }
        for affiliation in person.affiliations.all()
    ]
    return data


def user_data(user):
    """Everything the platform holds about the account, as JSON-ready data."""
    return {
        "exported_at": timezone.now(),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "preferred_language": user.preferred_language,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in EmailAddress.objects.filter(user=user).order_by("email")
            ],
        },
        "registrations": [_registration_data(r) for r in _registrations(user)],
        "registry_person": _person_data(_person(user)),
    }


@never_cache
@login_required
def export(request):
    content = json.dumps(
        user_data(request.user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    )
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="amem-my-data.json"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
@reauthentication_required(allow_get=True)
def erase(request):
    """GET: what erasing does; POST (after a fresh authentication): do it and log out."""
    user = request.user
    if request.method == "POST":
        try:
            privacy.erase_account(user)
        except privacy.ErasureRefused as refusal:
            messages.error(request, refusal.message)
            return redirect("events:my_data")
        logout(request)
        messages.success(request, _("Your account was deleted and your registrations anonymised."))
        return redirect("wagtail_serve", "")
    upcoming = Registration.objects.active().filter(
        user=user, event__end_date__gte=timezone.localdate()
    )
    return TemplateResponse(
        request,
        "events/privacy/erase.html",
        {
            "registration_count": Registration.objects.filter(user=user).count(),
            "upcoming_count": upcoming.count(),
        },
    )
