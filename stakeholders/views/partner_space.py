"""The partner space: a focal point keeps their organisation's contacts and people current.

Every organisation and affiliation is fetched through stakeholders/access.py, filtered by the
user: another organisation's, or one the user no longer answers for, is a 404. Changes are POSTs
(CSRF-checked) answered by a message and a redirect; a form with errors comes back with what was
typed. Focal points and signatories reach these pages only with TOTP (stakeholders/middleware.py).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import include, path
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from home.forms import paginate

from .. import access
from ..forms import AffiliationForm, EndAffiliationForm, OrganisationContactForm, PersonForm
from ..models import Affiliation

app_name = "partner_space"

PEOPLE_PER_PAGE = 20
TEMPLATES = "stakeholders/partner_space"
require_form_methods = require_http_methods(["GET", "HEAD", "POST"])


def _posted(request):
    return request.POST if request.method == "POST" else None


def _to_organisation(organisation):
    return redirect("stakeholders:partner_space:organisation", organisation=organisation.pk)


@login_required
@require_safe
def home(request):
    """The organisations the user is a focal point of, and those they may sign for."""
    organisations, page_range = paginate(
        access.organisations_for(request.user), request.GET.get("page")
    )
    context = {
        "organisations": organisations,
        "page_range": page_range,
        "signatory_of": list(access.signatory_organisations_for(request.user)),
    }
    return render(request, f"{TEMPLATES}/home.html", context)


@login_required
@require_safe
def organisation(request, organisation):
    """An organisation's contact data and its people (current affiliations), a page at a time."""
    organisation = access.organisation_for(request.user, organisation)
    people, page_range = paginate(
        access.affiliations_of(organisation), request.GET.get("page"), per_page=PEOPLE_PER_PAGE
    )
    context = {"organisation": organisation, "people": people, "page_range": page_range}
    return render(request, f"{TEMPLATES}/organisation.html", context)


@login_required
@require_form_methods
def contact(request, organisation):
    organisation = access.organisation_for(request.user, organisation)
    form = OrganisationContactForm(_posted(request), instance=organisation)
    if form.is_bound and form.is_valid():
        # Only these columns: saving the whole row from an Arabic page would write the Arabic
        # name into the untranslated `name` column (modeltranslation's original field).
        form.save(commit=False).save(update_fields=OrganisationContactForm.Meta.fields)
        messages.success(
            request,
            _("The contact data of %(organisation)s was saved.") % {"organisation": organisation},
        )
        return _to_organisation(organisation)
    return render(
        request, f"{TEMPLATES}/contact_form.html", {"organisation": organisation, "form": form}
    )


@login_required
@require_form_methods
def add_person(request, organisation):
    """A new person and their affiliation with the organisation, in one form.

    Always a new person: looking up an existing one would show the registry's people to any
    focal point. Staff merge duplicates in the admin.
    """
    organisation = access.organisation_for(request.user, organisation)
    data = _posted(request)
    person_form = PersonForm(data, prefix="person")
    affiliation_form = AffiliationForm(
        data,
        prefix="affiliation",
        instance=Affiliation(organisation=organisation),
        organisation=organisation,
    )
    if data is not None and _all_valid(person_form, affiliation_form):
        with transaction.atomic():
            person = person_form.save()
            affiliation = affiliation_form.save(commit=False)
            affiliation.person = person
            affiliation.save()
        messages.success(
            request,
            _("%(name)s was added to %(organisation)s.")
            % {"name": person, "organisation": organisation},
        )
        return _to_organisation(organisation)
    context = {
        "organisation": organisation,
        "person_form": person_form,
        "affiliation_form": affiliation_form,
    }
    return render(request, f"{TEMPLATES}/person_form.html", context)


@login_required
@require_form_methods
def edit_person(request, organisation, affiliation):
    """A person's names, contact data and consents, and their position in the organisation.

    The person's own record only where access.may_edit_person allows it; otherwise it is shown
    read-only and a POST changes only the affiliation, whatever person fields it carries.
    """
    affiliation = access.affiliation_for(request.user, organisation, affiliation)
    organisation = affiliation.organisation
    person = affiliation.person
    data = _posted(request)
    affiliation_form = AffiliationForm(
        data, prefix="affiliation", instance=affiliation, organisation=organisation
    )
    forms = [affiliation_form]
    person_form = None
    if access.may_edit_person(request.user, affiliation):
        person_form = PersonForm(data, prefix="person", instance=person)
        forms.insert(0, person_form)
    if data is not None and _all_valid(*forms):
        with transaction.atomic():
            for form in forms:
                form.save()
        if person_form is not None:
            message = _("The details of %(name)s were saved.") % {"name": person}
        else:
            message = _("The position of %(name)s in %(organisation)s was saved.") % {
                "name": person,
                "organisation": organisation,
            }
        messages.success(request, message)
        return _to_organisation(organisation)
    context = {
        "organisation": organisation,
        "affiliation": affiliation,
        "person": person,
        "person_form": person_form,
        "affiliation_form": affiliation_form,
    }
    return render(request, f"{TEMPLATES}/person_form.html", context)


@login_required
@require_form_methods
def end_affiliation(request, organisation, affiliation):
    """Sets the last day of an affiliation: the person leaves the list the day after.
    A focal point's or signatory's is refused (see EndAffiliationForm)."""
    affiliation = access.affiliation_for(request.user, organisation, affiliation)
    form = EndAffiliationForm(_posted(request), affiliation=affiliation)
    if form.is_bound and form.is_valid():
        form.save()
        messages.success(
            request,
            _("The affiliation of %(name)s with %(organisation)s ends on %(date)s.")
            % {
                "name": affiliation.person,
                "organisation": affiliation.organisation,
                "date": date_format(affiliation.until, "DATE_FORMAT"),
            },
        )
        return _to_organisation(affiliation.organisation)
    context = {"organisation": affiliation.organisation, "affiliation": affiliation, "form": form}
    return render(request, f"{TEMPLATES}/end_affiliation.html", context)


def _all_valid(*forms):
    """Validates every form (so that each shows its errors), True if all are valid."""
    return all([form.is_valid() for form in forms])  # noqa: C419 - a list: validate them all


# Segments translated (stakeholders/urls.py says why).
people = [
    path(gettext_lazy("add/"), add_person, name="add_person"),
    path("<int:affiliation>/", edit_person, name="person"),
    path(
        format_lazy("<int:affiliation>/{}", gettext_lazy("end/")),
        end_affiliation,
        name="end_affiliation",
    ),
]

urlpatterns = [
    path("", home, name="home"),
    path("<int:organisation>/", organisation, name="organisation"),
    path(format_lazy("<int:organisation>/{}", gettext_lazy("contact/")), contact, name="contact"),
    path(format_lazy("<int:organisation>/{}", gettext_lazy("people/")), include(people)),
]
