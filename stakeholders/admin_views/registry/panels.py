"""The sections of an organisation's page in the admin, which other apps extend through a hook."""

from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.components import Component

from ...models import Affiliation, Party, Person, Protocol
from .affiliations import affiliation_add_url
from .labels import add_label, field_labels

ORGANISATION_PANELS_HOOK = "amem_organisation_panels"


class OrganisationPanel(Component):
    """A section of an organisation's page in the admin.

    Other apps add theirs, and this one imports none of them:

        @hooks.register("amem_organisation_panels")
        def workshops(organisation, request):
            return WorkshopsPanel(organisation, request)  # an OrganisationPanel, or None

    A panel named "workshops" or "recommendations" takes the place of the placeholder of that name.
    """

    name = ""
    heading = ""
    icon = "placeholder"
    order = 100
    template_name = "stakeholders/admin/panels/placeholder.html"

    def __init__(self, organisation, request):
        self.organisation = organisation
        self.request = request

    @cached_property
    def admin_urls(self):
        return AdminURLFinder(self.request.user)

    def get_context_data(self, parent_context=None):
        return {
            "panel": self,
            "organisation": self.organisation,
            "request": self.request,
            "next_query": urlencode({"next": self.request.get_full_path()}),
        }


class PeoplePanel(OrganisationPanel):
    name = "people"
    heading = capfirst(Person._meta.verbose_name_plural)
    icon = "user"
    order = 10
    template_name = "stakeholders/admin/panels/people.html"

    def get_context_data(self, parent_context=None):
        affiliations = self.organisation.affiliations.select_related("person").order_by(
            "-is_focal_point", "-is_signatory", "person__last_name", "person__first_name"
        )
        return {
            **super().get_context_data(parent_context),
            "affiliations": [
                (affiliation, self.admin_urls.get_edit_url(affiliation))
                for affiliation in affiliations
            ],
            "add_url": affiliation_add_url(self.request, organisation=self.organisation.pk),
            "add_label": add_label(Affiliation),
            "labels": field_labels(Affiliation),
        }


class ProtocolsPanel(OrganisationPanel):
    name = "protocols"
    heading = capfirst(Protocol._meta.verbose_name_plural)
    icon = "doc-full"
    order = 20
    template_name = "stakeholders/admin/panels/protocols.html"

    def get_context_data(self, parent_context=None):
        parties = Party.objects.filter(organisation=self.organisation).select_related("protocol")
        return {
            **super().get_context_data(parent_context),
            "parties": [
                (party, self.admin_urls.get_edit_url(party.protocol))
                for party in parties.order_by("-protocol__created_at")
            ],
            "labels": {**field_labels(Protocol), **field_labels(Party)},
        }


class PlaceholderPanel(OrganisationPanel):
    def __init__(self, organisation, request, name, heading, message, order):
        super().__init__(organisation, request)
        self.name, self.heading, self.message, self.order = name, heading, message, order


PLACEHOLDERS = [
    (
        "workshops",
        gettext_lazy("Workshops"),
        gettext_lazy("The workshops this organisation took part in will appear here."),
        30,
    ),
    (
        "recommendations",
        gettext_lazy("Recommendations"),
        gettext_lazy("The recommendations this organisation is responsible for will appear here."),
        40,
    ),
]


@hooks.register(ORGANISATION_PANELS_HOOK)
def people_panel(organisation, request):
    return PeoplePanel(organisation, request)


@hooks.register(ORGANISATION_PANELS_HOOK)
def protocols_panel(organisation, request):
    return ProtocolsPanel(organisation, request)


def organisation_panels(organisation, request):
    """The sections of an organisation's page: those the hook gives, then the placeholders."""
    panels = [fn(organisation, request) for fn in hooks.get_hooks(ORGANISATION_PANELS_HOOK)]
    panels = [panel for panel in panels if panel is not None]
    names = {panel.name for panel in panels}
    panels += [
        PlaceholderPanel(organisation, request, *placeholder)
        for placeholder in PLACEHOLDERS
        if placeholder[0] not in names
    ]
    return sorted(panels, key=lambda panel: panel.order)
