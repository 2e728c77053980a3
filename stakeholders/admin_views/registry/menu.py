"""The "Registry" menu: the viewsets of organisations, people and affiliations."""

from django import forms
from django.urls import path
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from ...exports import ORGANISATION_COLUMNS, PERSON_COLUMNS
from ...models import Affiliation, Organisation, Person
from .affiliations import (
    AffiliationCreateView,
    AffiliationDeleteView,
    AffiliationEditView,
    AffiliationIndexView,
)
from .filters import OrganisationFilterSet, PersonFilterSet
from .importing import ImportView
from .inspecting import OrganisationInspectView, PersonInspectView
from .labels import CONSTITUENCY
from .listings import OrganisationIndexView, PersonIndexView, affiliations_text
from .merging import MergeView

RTL = forms.TextInput(attrs={"dir": "rtl", "lang": "ar"})
AFFILIATION_FIELDS = ["position", "is_focal_point", "is_signatory", "since", "until"]


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
