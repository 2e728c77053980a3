"""The participants' listing: filters, search, columns, the buttons above it, CSV/XLSX export.

Wagtail's IndexView gives the listing (search, filters, ordering, pagination, export, made
formula-safe by stakeholders/exports.py); the staff see the registrations of the workshops they
run only (permissions.py).
"""

from django.contrib.admin.utils import quote
from django.db.models import Count
from django.http import QueryDict
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters import BooleanFilter, ChoiceFilter, ModelChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import (
    BulkActionsCheckboxColumn,
    ButtonsColumnMixin,
    Column,
    DateColumn,
    TitleColumn,
)
from wagtail.admin.views import generic
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.admin.widgets.button import Button

from home.vocabulary import country_choices, country_name
from stakeholders.admin_views.registry import checkboxes
from stakeholders.exports import FormulaSafeExportMixin
from stakeholders.models import Constituency

from ...access import events_run_by, registrations_run_by
from ...models import Attendance, Registration
from ...models.registration import CONSTITUENCY_TO_CONFIRM, PROPOSED_ORGANISATION
from ..attendance import NAME_AND_ORGANISATION, matching, workshop_today

Status = Registration.Status
SEARCH_FIELDS = [*NAME_AND_ORGANISATION, "email"]
EXPORT_COLUMNS = [
    "id",
    "workshop",
    "status",
    "first_name",
    "last_name",
    "first_name_ar",
    "last_name_ar",
    "email",
    "phone",
    "organisation",
    "constituency",
    "position",
    "gender",
    "country",
    "nationality",
    "preferred_language",
    "interpretation",
    "accessibility_needs",
    "dietary_needs",
    "wants_invitation_letter",
    "registered_at",
    "days_attended",
]


def label(model, name):
    return capfirst(model._meta.get_field(name).verbose_name)


def workshops_of(request):
    return events_run_by(request.user).order_by("-start_date", "pk")


class ParticipantFilterSet(WagtailFilterSet):
    event = ModelChoiceFilter(label=label(Registration, "event"), queryset=workshops_of)
    status = checkboxes("status", Status.choices, label(Registration, "status"), None)
    constituency = checkboxes(
        "constituency", Constituency.choices, label(Registration, "constituency"), None
    )
    gender = checkboxes("gender", Registration.Gender.choices, label(Registration, "gender"), None)
    country = ChoiceFilter(label=label(Registration, "country"), choices=country_choices)
    attended = BooleanFilter(
        label=gettext_lazy("Attended"), method="filter_attended", widget=BooleanRadioSelect
    )
    # Organisations typed in by participants, for staff to add to the registry.
    proposed = BooleanFilter(
        label=gettext_lazy("Organisation not in the registry"),
        method="filter_proposed",
        widget=BooleanRadioSelect,
    )

    # Declared for an organisation typed in: outside the constituency quotas until confirmed.
    constituency_to_confirm = BooleanFilter(
        label=gettext_lazy("Constituency to confirm"),
        method="filter_constituency_to_confirm",
        widget=BooleanRadioSelect,
    )

    class Meta:
        model = Registration
        fields = []

    def filter_attended(self, queryset, name, value):
        present = Attendance.objects.values("registration")
        return queryset.filter(pk__in=present) if value else queryset.exclude(pk__in=present)

    def filter_proposed(self, queryset, name, value):
        if value:
            return queryset.filter(PROPOSED_ORGANISATION)
        return queryset.exclude(PROPOSED_ORGANISATION)

    def filter_constituency_to_confirm(self, queryset, name, value):
        if value:
            return queryset.filter(CONSTITUENCY_TO_CONFIRM)
        return queryset.exclude(CONSTITUENCY_TO_CONFIRM)


def filtered_participants(request):
    """The registrations the listing shows for this query string, unordered and unpaginated."""
    queryset = registrations_run_by(request.user)
    filters = ParticipantFilterSet(data=request.GET, queryset=queryset, request=request)
    if filters.is_valid():
        queryset = filters.qs
    return matching(queryset, request.GET.get("q", "").strip()[:255], SEARCH_FIELDS)


def listing_query(request):
    """The listing's filters and search, without its page, ordering or export."""
    params = request.GET.copy()
    for name in ("p", "export", "ordering", "_w_filter_fragment"):
        params.pop(name, None)
    return params.urlencode()


class ParticipantTitleColumn(ButtonsColumnMixin, TitleColumn):
    def __init__(self, name, view, **kwargs):
        super().__init__(name, get_url=view.get_inspect_url, **kwargs)
        self.view = view

    def get_buttons(self, instance, parent_context):
        return self.view.get_list_buttons(instance)


class WorkshopColumn(Column):
    """The registration's workshop, in two lines at most (staff_participants.css), linking to
    the listing of that workshop alone, as Wagtail's page search links each page's parent."""

    cell_template_name = "events/staff/participants/workshop_cell.html"

    def __init__(self, name, view, **kwargs):
        super().__init__(name, label=label(Registration, "event"), accessor="event", **kwargs)
        self.view = view

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["url"] = self.view.workshop_listing_url(instance.event)
        return context


def constituency_display(registration):
    """The constituency, flagged while staff have not confirmed one declared for an
    organisation typed in (it is outside the constituency quotas until then)."""
    constituency = registration.get_constituency_display()
    if registration.constituency_to_confirm:
        return _("%(constituency)s (to confirm)") % {"constituency": constituency}
    return constituency


def action_items(registration, request):
    """Approve and decline, for a registration waiting for that decision; confirming the
    constituency declared for an organisation typed in."""
    query = "?" + urlencode({"next": request.get_full_path()})
    items = []
    if registration.constituency_to_confirm and registration.is_active:
        url = reverse("participants:confirm_constituency", args=[quote(registration.pk)]) + query
        items.append(
            MenuItem(_("Confirm the constituency"), url=url, icon_name="tick", priority=30)
        )
    if registration.status == Status.PENDING:
        url = reverse("participants:approve", args=[quote(registration.pk)]) + query
        items.append(MenuItem(_("Approve"), url=url, icon_name="check", priority=10))
    if registration.status in (Status.PENDING, Status.WAITLISTED):
        url = reverse("participants:reject", args=[quote(registration.pk)]) + query
        items.append(MenuItem(_("Decline"), url=url, icon_name="cross", priority=20))
    return items


class ParticipantIndexView(FormulaSafeExportMixin, generic.IndexView):
    export_accessors = {
        "workshop": lambda registration: registration.event.title,
        "organisation": lambda registration: registration.organisation_name,
        "registered_at": lambda registration: registration.created_at,
        "days_attended": lambda registration: registration.days_attended,
    }

    def get_base_queryset(self):
        return (
            registrations_run_by(self.request.user)
            .select_related("event", "organisation")
            .annotate(days_attended=Count("attendances"))
        )

    def search_queryset(self, queryset):
        return matching(queryset, self.search_query, SEARCH_FIELDS)

    @cached_property
    def columns(self):
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="registration"),
            ParticipantTitleColumn(
                "full_name",
                self,
                label=_("Name"),
                sort_key="last_name",
                accessor="full_name",
                get_title_id=lambda registration: f"registration_{registration.pk}_title",
                classname="participants-name",
            ),
            Column("full_name_ar", label=_("Name in Arabic script")),
            Column("organisation_name", label=label(Registration, "organisation")),
            Column(
                "constituency",
                label=label(Registration, "constituency"),
                accessor=constituency_display,
                sort_key="constituency",
            ),
            Column(
                "country",
                label=label(Registration, "country"),
                accessor=lambda registration: (
                    country_name(registration.country) or registration.country
                ),
                sort_key="country",
            ),
            Column(
                "status",
                label=label(Registration, "status"),
                accessor="get_status_display",
                sort_key="status",
            ),
            # Filtered by one workshop, its title heads the list (index_results.html).
            *([] if self.workshop else [WorkshopColumn("event", self)]),
            DateColumn(
                "created_at", label=label(Registration, "created_at"), sort_key="created_at"
            ),
            Column("days_attended", label=_("Days attended"), sort_key="days_attended"),
        ]

    def get_list_more_buttons(self, instance):
        return [*super().get_list_more_buttons(instance), *action_items(instance, self.request)]

    @cached_property
    def header_more_buttons(self):
        query = listing_query(self.request)
        buttons = list(super().header_more_buttons)
        buttons += [
            Button(
                _("Email these participants"),
                url=reverse("participants:email") + (f"?{query}" if query else ""),
                icon_name="mail",
                priority=10,
            ),
            Button(
                _("Register someone"),
                url=reverse("participants:register") + self.workshop_query,
                icon_name="plus",
                priority=20,
            ),
            Button(
                _("Attendance"),
                url=reverse("participants:attendance") + self.workshop_query,
                icon_name="tick",
                priority=40,
            ),
        ]
        if self.request.user.has_perm("stakeholders.view_person"):
            buttons.append(
                Button(
                    _("Invite people from the registry"),
                    url=reverse("participants:invite") + self.workshop_query,
                    icon_name="group",
                    priority=30,
                )
            )
        if self.workshop is not None:
            buttons += workshop_document_buttons(self.workshop)
        return buttons

    @cached_property
    def workshop(self):
        """The workshop the listing is filtered to, if it is one."""
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data.get("event")
        return None

    def workshop_listing_url(self, event):
        """This listing, its search and other filters kept, narrowed to `event`."""
        params = QueryDict(listing_query(self.request), mutable=True)
        params["event"] = event.pk
        return f"{self.index_url}?{params.urlencode()}"

    @cached_property
    def workshop_query(self):
        return f"?{urlencode({'event': self.workshop.pk})}" if self.workshop else ""


def workshop_document_buttons(event):
    """The workshop's badges, sign-in sheets, certificates once it has begun
    (events/staff/documents.py) and balance (events/staff/reports.py)."""
    buttons = [
        Button(
            _("Badges"),
            url=reverse("events_badges", args=[event.pk]),
            icon_name="doc-full",
            priority=50,
        ),
        Button(
            _("Workshop balance"),
            url=reverse("events_balance_workshop", args=[event.pk]),
            icon_name="table",
            priority=70,
        ),
    ]
    for day in event.days:
        label = _("Sign-in sheet, %(day)s") % {"day": date_format(day, "SHORT_DATE_FORMAT")}
        url = reverse("events_sign_in_sheet", args=[event.pk, day.isoformat()])
        buttons.append(Button(label, url=url, icon_name="doc-full", priority=60))
    if event.start_date <= workshop_today(event):
        buttons.append(
            Button(
                _("Certificates of attendance"),
                url=reverse("events_certificates", args=[event.pk]),
                icon_name="doc-full",
                priority=65,
            )
        )
    return buttons
