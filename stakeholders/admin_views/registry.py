"""Organisations and people in the Wagtail admin: listings, filters, export, import, merge.

Wagtail's ModelViewSet gives the listings (search, filters, ordering, pagination), the forms, the
inspect views, the history, the CSV/XLSX export and the model permissions. This module adds what
the registry needs on top: formula-safe exports (stakeholders/exports.py), imports with a preview
(stakeholders/imports.py), the merge of duplicate people (stakeholders/merge.py), and an
organisation page whose sections other apps add through the `amem_organisation_panels` hook.

Affiliations have their own viewset: Wagtail's InlinePanel needs a ParentalKey, which the
registry's models do not have; a person's and an organisation's pages link to its add and edit
forms, which come back to the page they were opened from.
"""

import functools
import operator

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, ButtonsColumnMixin, Column, TitleColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.admin.widgets.button import Button

from home.vocabulary import Scope

from .. import imports
from ..exports import ORGANISATION_COLUMNS, PERSON_COLUMNS, FormulaSafeExportMixin
from ..merge import MergeError, merge_people, plan_merge
from ..models import (
    Affiliation,
    Constituency,
    Organisation,
    Party,
    Person,
    Protocol,
    Signatory,
    WorkingGroup,
)

ORGANISATION_PANELS_HOOK = "amem_organisation_panels"
RTL = forms.TextInput(attrs={"dir": "rtl", "lang": "ar"})
CONSTITUENCY = gettext_lazy("constituency")
NOWHERE = "none"  # the country filter's value for organisations outside the four countries
AFFILIATION_FIELDS = ["position", "is_focal_point", "is_signatory", "since", "until"]


def kinds_of(constituencies):
    """The kinds of organisation that make up the given constituencies."""
    return [
        kind
        for kind in Organisation.Kind
        if Organisation.CONSTITUENCY_OF_KIND.get(kind, Constituency.OTHER) in constituencies
    ]


def checkboxes(name, choices, label, method):
    return django_filters.MultipleChoiceFilter(
        field_name=name,
        label=capfirst(label),
        choices=choices,
        method=method,
        widget=forms.CheckboxSelectMultiple,
    )


# Listings ------------------------------------------------------------------------------------


class OrganisationFilterSet(WagtailFilterSet):
    country = checkboxes(
        "country",
        [*Scope.choices, (NOWHERE, gettext_lazy("Outside the four countries"))],
        Organisation._meta.get_field("country").verbose_name,
        "filter_country",
    )
    kind = checkboxes(
        "kind", Organisation.Kind.choices, Organisation._meta.get_field("kind").verbose_name, None
    )
    constituency = checkboxes(
        "constituency", Constituency.choices, CONSTITUENCY, "filter_constituency"
    )

    class Meta:
        model = Organisation
        fields = ["is_public"]

    def filter_country(self, queryset, name, values):
        countries = ["" if value == NOWHERE else value for value in values]
        return queryset.filter(country__in=countries)

    def filter_constituency(self, queryset, name, values):
        return queryset.filter(kind__in=kinds_of(values))


class PersonFilterSet(WagtailFilterSet):
    """People by what their affiliations say: their organisations' country and constituency."""

    country = checkboxes(
        "country",
        Scope.choices,
        Organisation._meta.get_field("country").verbose_name,
        "filter_country",
    )
    constituency = checkboxes(
        "constituency", Constituency.choices, CONSTITUENCY, "filter_constituency"
    )
    organisation = django_filters.ModelChoiceFilter(
        label=capfirst(Affiliation._meta.get_field("organisation").verbose_name),
        queryset=Organisation.objects.all(),
        method="filter_organisation",
    )
    is_focal_point = django_filters.BooleanFilter(
        label=capfirst(Affiliation._meta.get_field("is_focal_point").verbose_name),
        method="filter_focal_point",
        widget=BooleanRadioSelect,
    )

    class Meta:
        model = Person
        fields = ["gender"]

    @staticmethod
    def affiliated(**lookup):
        return Affiliation.objects.filter(**lookup).values("person")

    def filter_country(self, queryset, name, values):
        return queryset.filter(pk__in=self.affiliated(organisation__country__in=values))

    def filter_constituency(self, queryset, name, values):
        return queryset.filter(pk__in=self.affiliated(organisation__kind__in=kinds_of(values)))

    def filter_organisation(self, queryset, name, organisation):
        return queryset.filter(pk__in=self.affiliated(organisation=organisation))

    def filter_focal_point(self, queryset, name, value):
        focal_points = self.affiliated(is_focal_point=True)
        if value:
            return queryset.filter(pk__in=focal_points)
        return queryset.exclude(pk__in=focal_points)


class InspectTitleColumn(ButtonsColumnMixin, TitleColumn):
    """The listing's first column: the name links to the object's page, with the row's actions."""

    def __init__(self, name, view, **kwargs):
        super().__init__(name, get_url=view.get_inspect_url, **kwargs)
        self.view = view

    def get_buttons(self, instance, parent_context):
        return self.view.get_list_buttons(instance)


class RegistryIndexView(FormulaSafeExportMixin, generic.IndexView):
    title_column = None  # (field, label, sort key)
    import_url_name = None

    def search_queryset(self, queryset):
        """Every word of the query in one of the search fields: "amel ben" finds Amel Ben Ali."""
        if not self.is_searching:
            return queryset
        for word in self.search_query.split():
            queryset = queryset.filter(
                functools.reduce(
                    operator.or_, (Q(**{f"{name}__icontains": word}) for name in self.search_fields)
                )
            )
        return queryset

    @cached_property
    def columns(self):
        name, label, sort_key = self.title_column
        title = InspectTitleColumn(name, self, label=capfirst(label), sort_key=sort_key)
        return [title, *super().columns[1:]]

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.user_has_permission("add") and self.user_has_permission("change"):
            url = reverse(self.import_url_name)
            buttons.append(Button(_("Import"), url=url, icon_name="upload", priority=80))
        return buttons


class OrganisationIndexView(RegistryIndexView):
    title_column = ("name", Organisation._meta.get_field("name").verbose_name, "name")
    export_accessors = {
        "parent": lambda organisation: organisation.parent_id,
        "constituency": lambda organisation: str(organisation.constituency),
    }

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("parent")
            .annotate(people_count=Count("affiliations__person", distinct=True))
        )


def affiliations_text(person):
    return "; ".join(str(affiliation.organisation) for affiliation in person.affiliations.all())


class PersonIndexView(RegistryIndexView):
    title_column = ("__str__", Person._meta.verbose_name, "last_name")
    export_accessors = {
        "account": lambda person: person.user.email if person.user else "",
        "organisations": affiliations_text,
    }

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("user")
            .prefetch_related("affiliations__organisation")
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if can_merge(self.request.user):
            url = reverse("registry_people:merge") + "?" + urlencode({"keep": instance.pk})
            buttons.append(MenuItem(_("Merge"), url=url, icon_name="resubmit", priority=40))
        return buttons

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if can_merge(self.request.user):
            url = reverse("registry_people:merge")
            buttons.append(Button(_("Merge"), url=url, icon_name="resubmit", priority=85))
        return buttons


def can_merge(user):
    return user.has_perm("stakeholders.change_person") and user.has_perm(
        "stakeholders.delete_person"
    )


# An organisation's page ----------------------------------------------------------------------


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


class RegistryInspectView(generic.InspectView):
    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        return "—" if value is None or value == "" else value


class OrganisationInspectView(RegistryInspectView):
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


class PersonInspectView(RegistryInspectView):
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


def field_labels(model):
    """{field name: verbose name} of a model's own fields, for table headings."""
    return {field.name: field.verbose_name for field in model._meta.fields}


def add_label(model):
    # Wagtail's own words, already translated: "Add affiliation".
    return capfirst(_("Add %(model_name)s") % {"model_name": model._meta.verbose_name})


def affiliation_add_url(request, **initial):
    """The form for a new affiliation, filled in with `initial`, that comes back here."""
    if not request.user.has_perm("stakeholders.add_affiliation"):
        return None
    query = urlencode({**initial, "next": request.get_full_path()})
    return reverse("registry_affiliations:add") + "?" + query


# Affiliations: forms opened from a person's or an organisation's page ------------------------


class ComeBackMixin:
    """Goes back to the page given as `next` once saved."""

    def get_success_url(self):
        return get_valid_next_url_from_request(self.request) or super().get_success_url()


class AffiliationIndexView(FormulaSafeExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("person", "organisation")


class AffiliationCreateView(ComeBackMixin, generic.CreateView):
    def get_initial(self):
        return {
            name: self.request.GET[name]
            for name in ("person", "organisation")
            if self.request.GET.get(name, "").isdigit()
        }

    def get_add_url(self):
        url = super().get_add_url()
        return f"{url}?{self.request.GET.urlencode()}" if self.request.GET else url


class AffiliationEditView(ComeBackMixin, generic.EditView):
    def get_edit_url(self):
        url = super().get_edit_url()
        if next_url := get_valid_next_url_from_request(self.request):
            return f"{url}?{urlencode({'next': next_url})}"
        return url


class AffiliationDeleteView(ComeBackMixin, generic.DeleteView):
    pass


# Import ----------------------------------------------------------------------------------------

SESSION_KEY = "amem_registry_imports"
PENDING_IMPORTS = 3  # the previews a session keeps waiting for their confirmation


class ImportView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Upload → preview of every row → confirm; nothing is imported while a row is invalid.

    The file waits between the preview and the confirmation under a random token that only the
    session which uploaded it knows (stakeholders.imports.keep_upload).
    """

    model = None
    kind = ""
    index_url_name = ""
    template_name = "stakeholders/admin/import.html"
    page_title = gettext_lazy("Import")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not (self.user_has_permission("add") and self.user_has_permission("change")):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.model._meta.verbose_name_plural

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": self.get_page_subtitle()},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        importer = imports.IMPORTERS[self.kind]
        context = super().get_context_data(
            columns=importer.columns,
            matching_help=importer.help_text,
            index_url=reverse(self.index_url_name),
            **kwargs,
        )
        if plan := context.get("plan"):
            context["plan_counts"] = {
                action: plan.count(action) for action in ("create", "update", "unchanged")
            }
        return context

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=imports.UploadForm()))

    def post(self, request, *args, **kwargs):
        if "token" in request.POST:
            return self.confirm(request.POST["token"])
        form = imports.UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            plan = imports.plan_import(self.kind, form.table)
        except imports.ImportFileError as error:
            form.add_error("file", str(error))
            return self.render_to_response(self.get_context_data(form=form))
        token = None
        if plan.is_valid:
            token = imports.keep_upload(form.data_bytes)
            pending = request.session.get(SESSION_KEY, {})
            pending[token] = {"kind": self.kind, "filename": form.cleaned_data["file"].name}
            for old in list(pending)[:-PENDING_IMPORTS]:  # previews never confirmed
                imports.discard_upload(old)
                del pending[old]
            request.session[SESSION_KEY] = pending
        return self.render_to_response(
            self.get_context_data(plan=plan, token=token, form=imports.UploadForm())
        )

    def confirm(self, token):
        pending = self.request.session.get(SESSION_KEY, {})
        upload = pending.pop(token, None)
        self.request.session[SESSION_KEY] = pending
        try:
            if upload is None or upload["kind"] != self.kind:
                raise imports.ImportFileError(_("This import has expired: upload the file again."))
            table = imports.read_table(imports.read_upload(token), upload["filename"])
            imports.discard_upload(token)
            plan = imports.run_import(self.kind, table)
        except imports.ImportFileError as error:
            messages.error(self.request, str(error))
            return redirect(self.request.path)
        except IntegrityError:
            messages.error(self.request, _("The import failed and imported nothing: try again."))
            return redirect(self.request.path)
        if not plan.applied:
            return self.render_to_response(
                self.get_context_data(plan=plan, form=imports.UploadForm())
            )
        messages.success(
            self.request,
            _("Imported: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.")
            % {
                "created": plan.count("create"),
                "updated": plan.count("update"),
                "unchanged": plan.count("unchanged"),
            },
        )
        return redirect(self.index_url_name)


# Merge ---------------------------------------------------------------------------------------


class MergeForm(forms.Form):
    keep = forms.ModelChoiceField(
        label=gettext_lazy("Person to keep"), queryset=Person.objects.all()
    )
    other = forms.ModelChoiceField(
        label=gettext_lazy("Duplicate to merge into it and delete"),
        queryset=Person.objects.all(),
    )

    def clean(self):
        data = super().clean()
        if data.get("keep") and data.get("keep") == data.get("other"):
            raise forms.ValidationError(_("Choose two different people."))
        return data


def possible_duplicates(person):
    """Other people with the same email address or the same name, in either script."""
    same = Q(first_name__iexact=person.first_name, last_name__iexact=person.last_name)
    if person.email:
        same |= Q(email__iexact=person.email)
    if person.last_name_ar:
        same |= Q(first_name_ar=person.first_name_ar, last_name_ar=person.last_name_ar)
    return Person.objects.filter(same).exclude(pk=person.pk)[:10]


class MergeView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Pick two records of one person, see what the merge does, confirm."""

    model = Person
    template_name = "stakeholders/admin/merge.html"
    page_title = gettext_lazy("Merge duplicate people")
    header_icon = "resubmit"

    def dispatch(self, request, *args, **kwargs):
        if not can_merge(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("registry_people:index"), "label": Person._meta.verbose_name_plural},
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request, *args, **kwargs):
        bound = "keep" in request.GET and "other" in request.GET
        form = MergeForm(request.GET if bound else None, initial=request.GET.dict())
        context = {"form": form}
        if bound and form.is_valid():
            context["plan"] = plan_merge(form.cleaned_data["keep"], form.cleaned_data["other"])
        elif keep := self.person_to_keep():
            context.update(keep=keep, duplicates=possible_duplicates(keep))
        return self.render_to_response(self.get_context_data(**context))

    def person_to_keep(self):
        keep = self.request.GET.get("keep", "")
        return Person.objects.filter(pk=keep).first() if keep.isdigit() else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if plan := context.get("plan"):
            context["filled"] = [
                (Person._meta.get_field(name).verbose_name, value) for name, value in plan.filled
            ]
            context["labels"] = field_labels(Person)
        return context

    def post(self, request, *args, **kwargs):
        form = MergeForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        keep, other = form.cleaned_data["keep"], form.cleaned_data["other"]
        try:
            merge_people(keep, other)
        except MergeError as error:
            plan = plan_merge(keep, other)
            plan.problems = plan.problems or error.problems
            return self.render_to_response(self.get_context_data(form=form, plan=plan))
        messages.success(
            request, _("%(other)s was merged into %(keep)s.") % {"other": other, "keep": keep}
        )
        return redirect("registry_people:inspect", quote(keep.pk))


# Viewsets ------------------------------------------------------------------------------------


class OrganisationAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name_fr"].required = True


class RegistryViewSet(ModelViewSet):
    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 50
    import_kind = ""

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(import_url_name=self.get_url_name("import"), **kwargs)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("import/", self.import_view, name="import"),
        ]

    @property
    def import_view(self):
        return ImportView.as_view(
            model=self.model, kind=self.import_kind, index_url_name=self.get_url_name("index")
        )


class OrganisationViewSet(RegistryViewSet):
    model = Organisation
    name = "registry_organisations"
    url_prefix = "registry/organisations"
    icon = "group"
    import_kind = "organisation"
    index_view_class = OrganisationIndexView
    inspect_view_class = OrganisationInspectView
    filterset_class = OrganisationFilterSet
    ordering = "name"
    list_display = [
        "name",
        "acronym",
        "kind",
        Column(
            "constituency",
            label=capfirst(CONSTITUENCY),
            accessor=lambda organisation: organisation.constituency.label,
        ),
        "country",
        "parent",
        Column(
            "people_count",
            label=capfirst(Person._meta.verbose_name_plural),
            sort_key="people_count",
        ),
        BooleanColumn(
            "is_public", label=capfirst(Organisation._meta.get_field("is_public").verbose_name)
        ),
    ]
    search_fields = [
        "name_fr",
        "name_ar",
        "name_en",
        "acronym_fr",
        "acronym_ar",
        "acronym_en",
        "email",
    ]
    list_export = ORGANISATION_COLUMNS
    export_filename = "organisations"
    inspect_view_fields = [name for name in ORGANISATION_COLUMNS if name not in ("id",)]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldPanel("name_fr"), FieldPanel("name_ar", widget=RTL), FieldPanel("name_en")],
                heading=Organisation._meta.get_field("name").verbose_name,
            ),
            MultiFieldPanel(
                [
                    FieldPanel("acronym_fr"),
                    FieldPanel("acronym_ar", widget=RTL),
                    FieldPanel("acronym_en"),
                ],
                heading=Organisation._meta.get_field("acronym").verbose_name,
            ),
            FieldPanel("kind"),
            FieldPanel("country"),
            FieldPanel("parent"),
            FieldPanel("website"),
            FieldPanel("email"),
            FieldPanel("phone"),
            FieldPanel("address"),
            FieldPanel("is_public"),
        ],
        base_form_class=OrganisationAdminForm,
    )


class PersonViewSet(RegistryViewSet):
    model = Person
    name = "registry_people"
    url_prefix = "registry/people"
    icon = "user"
    import_kind = "person"
    index_view_class = PersonIndexView
    inspect_view_class = PersonInspectView
    filterset_class = PersonFilterSet
    ordering = ["last_name", "first_name"]
    list_display = [
        "__str__",
        Column("name_ar", label=gettext_lazy("Name in Arabic script")),
        "email",
        Column(
            "affiliations",
            label=capfirst(Affiliation._meta.verbose_name_plural),
            accessor=affiliations_text,
        ),
        BooleanColumn(
            "user",
            label=capfirst(Person._meta.get_field("user").verbose_name),
            accessor=lambda person: person.user_id is not None,
        ),
    ]
    search_fields = ["first_name", "last_name", "first_name_ar", "last_name_ar", "email"]
    list_export = PERSON_COLUMNS
    export_filename = "people"
    inspect_view_fields = [
        "first_name",
        "last_name",
        "first_name_ar",
        "last_name_ar",
        "gender",
        "email",
        "phone",
        "consents_to_contact",
        "consents_to_contact_at",
        "consents_to_listing",
        "consents_to_listing_at",
        "user",
    ]
    panels = [
        FieldPanel("first_name"),
        FieldPanel("last_name"),
        FieldPanel("first_name_ar", widget=RTL),
        FieldPanel("last_name_ar", widget=RTL),
        FieldPanel("gender"),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("consents_to_contact"),
        FieldPanel("consents_to_listing"),
        FieldPanel("user"),
    ]

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("merge/", MergeView.as_view(), name="merge")]


class AffiliationViewSet(ModelViewSet):
    model = Affiliation
    name = "registry_affiliations"
    url_prefix = "registry/affiliations"
    icon = "link"
    copy_view_enabled = False
    index_view_class = AffiliationIndexView
    add_view_class = AffiliationCreateView
    edit_view_class = AffiliationEditView
    delete_view_class = AffiliationDeleteView
    list_per_page = 50
    list_display = ["person", "organisation", *AFFILIATION_FIELDS]
    list_filter = ["is_focal_point", "is_signatory"]
    search_fields = [
        "person__first_name",
        "person__last_name",
        "person__last_name_ar",
        "organisation__name_fr",
        "organisation__acronym_fr",
        "position",
    ]
    list_export = ["person_id", "organisation_id", *AFFILIATION_FIELDS]
    export_filename = "affiliations"
    form_fields = ["person", "organisation", *AFFILIATION_FIELDS]


class RegistryViewSetGroup(ViewSetGroup):
    """The "Registry" menu; other apps' viewsets join it with
    `menu_hook = "register_registry_menu_item"`."""

    menu_label = gettext_lazy("Registry")
    menu_icon = "group"
    menu_order = 250
    # A fixed name: built from the label, it would depend on the language active at first use.
    menu_name = "registry"
    submenu_hook = "register_registry_menu_item"
    items = (OrganisationViewSet, PersonViewSet, AffiliationViewSet)


viewsets = [RegistryViewSetGroup()]
