"""The organisations' and people's listings: search, title column, import and merge buttons."""

import functools
import operator

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import ButtonsColumnMixin, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import Button

from ...exports import FormulaSafeExportMixin
from ...models import Organisation, Person
from .merging import can_merge


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
