"""The filters of the organisations' and people's listings."""

import django_filters
from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.widgets import BooleanRadioSelect

from home.vocabulary import Scope

from ...models import Affiliation, Constituency, Organisation, Person
from .labels import CONSTITUENCY

NOWHERE = "none"  # the country filter's value for organisations outside the four countries


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
