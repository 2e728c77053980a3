"""An organisation's and a person's pages in the admin."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import capfirst
from wagtail.admin.admin_url_finder import AdminURLFinder

from ...models import Affiliation, Organisation, Signatory, WorkingGroup
from ..mixins import ReadableInspectView
from .affiliations import affiliation_add_url
from .labels import CONSTITUENCY, add_label, field_labels
from .merging import can_merge
from .panels import organisation_panels


class OrganisationInspectView(ReadableInspectView):
    template_name = "stakeholders/admin/organisation_inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(Organisation.objects.select_related("parent"), pk=self.pk)

    def get_field_label(self, field_name, field):
        if field_name == "constituency":
            return capfirst(CONSTITUENCY)
        return super().get_field_label(field_name, field)

    def get_constituency_display_value(self):
        return self.object.constituency.label

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "panels": organisation_panels(self.object, self.request),
        }


class PersonInspectView(ReadableInspectView):
    template_name = "stakeholders/admin/person_inspect.html"

    def get_context_data(self, **kwargs):
        finder = AdminURLFinder(self.request.user)
        person = self.object
        affiliations = person.affiliations.select_related("organisation")
        signatories = person.signatories.select_related("party__protocol", "party__organisation")
        return {
            **super().get_context_data(**kwargs),
            "affiliations": [(a, finder.get_edit_url(a)) for a in affiliations],
            "add_affiliation_url": affiliation_add_url(self.request, person=person.pk),
            "add_affiliation_label": add_label(Affiliation),
            "next_query": urlencode({"next": self.request.get_full_path()}),
            "labels": {
                **field_labels(Affiliation),
                "affiliations": Affiliation._meta.verbose_name_plural,
                "signatories": Signatory._meta.verbose_name_plural,
                "working_groups": WorkingGroup._meta.verbose_name_plural,
            },
            "signatories": signatories,
            "memberships": person.working_groups.select_related("group", "organisation"),
            "merge_url": (
                reverse("registry_people:merge") + "?" + urlencode({"keep": person.pk})
                if can_merge(self.request.user)
                else None
            ),
        }
