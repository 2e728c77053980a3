"""The follow-up of recommendations in figures: counts by status, country and axis, the overdue
ones, and validated progress month by month.

Every function takes the recommendations the viewer may see (a queryset: the public ones on the
public tracker, `visible_recommendations(user)` on the dashboard) and costs one aggregate query
whatever their number. The filters that narrow them are the same on a figure and on the list
behind it (`filter_recommendations`), so a figure's link leads to exactly the rows it counts.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django import forms
from django.db.models import BooleanField, Case, Count, Exists, OuterRef, Q, Value, When
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.forms import ListingFilterForm, blank_choice
from home.vocabulary import Axis, Scope

from .models import ProgressReview, Recommendation, RecommendationStatus

# A recommendation in one of these states is done with: it can no longer be late.
CLOSED_STATUSES = (RecommendationStatus.IMPLEMENTED, RecommendationStatus.NO_LONGER_RELEVANT)
OVERDUE_SHOWN = 10
MONTH = "%Y-%m"


def public_recommendations():
    """What anyone may see: the recommendations flagged public."""
    return Recommendation.objects.filter(is_public=True)


def overdue_condition(today=None):
    """Past its target date and neither implemented nor abandoned."""
    today = today or timezone.localdate()
    return Q(target_date__lt=today) & ~Q(status__in=CLOSED_STATUSES)


def _month(value):
    try:
        return datetime.datetime.strptime(value, MONTH).date()
    except (TypeError, ValueError):
        return None


class TrackerFilterForm(ListingFilterForm):
    """The public tracker's filters: a country, an axis, a status."""

    country = forms.ChoiceField(label=_("Country"), required=False)
    axis = forms.ChoiceField(label=_("Axis"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    # A study's or a workshop's recommendations: the link under those on its page.
    source = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    prefix_id = "tracker-filter"

    def __init__(self, *args, country=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = blank_choice(_("All countries")) + list(Scope.choices)
        self.fields["axis"].choices = blank_choice(_("All axes")) + list(Axis.choices)
        self.fields["status"].choices = blank_choice(_("All statuses")) + list(
            RecommendationStatus.choices
        )
        if country:  # the per-country view: its country is in the URL
            del self.fields["country"]
        for name, form_field in self.fields.items():
            form_field.widget.attrs["id"] = f"{self.prefix_id}-{name}"


class DashboardFilterForm(TrackerFilterForm):
    """The dashboard's filters: the tracker's, an organisation (lead or supporting), the overdue
    ones, and a month in which a progress update was validated (the timeline's figures)."""

    organisation = forms.TypedChoiceField(
        label=_("Organisation"), coerce=int, required=False, empty_value=None
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    updated = forms.CharField(required=False, widget=forms.HiddenInput)

    prefix_id = "dashboard-filter"

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = blank_choice(_("All organisations")) + list(
            organisations
        )

    def valid_values(self):
        """As the tracker's, an unticked "overdue only" left out: it filters nothing."""
        return {name: value for name, value in super().valid_values().items() if value is not False}

    def clean_updated(self):
        value = self.cleaned_data["updated"]
        if value and _month(value) is None:
            raise forms.ValidationError(_("Enter a month as YYYY-MM."))
        return value


def filter_recommendations(recommendations, values, today=None):
    """`recommendations` narrowed by a filter form's valid values."""
    simple = {name: values[name] for name in ("country", "axis", "status") if name in values}
    recommendations = recommendations.filter(**simple)
    if values.get("source"):
        recommendations = recommendations.filter(source_page=values["source"])
    if values.get("organisation"):
        supports = Recommendation.supporting_organisations.through.objects.filter(
            recommendation=OuterRef("pk"), organisation=values["organisation"]
        )
        recommendations = recommendations.filter(
            Q(lead_organisation=values["organisation"]) | Exists(supports)
        )
    if values.get("overdue"):
        recommendations = recommendations.filter(overdue_condition(today))
    if values.get("updated"):
        start = _month(values["updated"])
        validated = _validated_reviews().filter(
            update__recommendation=OuterRef("pk"),
            reviewed_at__date__gte=start,
            reviewed_at__date__lt=_next_month(start),
        )
        recommendations = recommendations.filter(Exists(validated))
    return recommendations


def organisation_choices(recommendations):
    """(pk, name) of the organisations that lead or support one of `recommendations`."""
    from .models import Organisation

    ids = recommendations.values("pk")
    organisations = Organisation.objects.filter(
        Q(recommendations_led__in=ids) | Q(recommendations_supported__in=ids)
    ).distinct()
    return [(o.pk, str(o)) for o in organisations.order_by("name", "pk")]


@dataclass
class Figures:
    """Counts of recommendations by status, country and axis, and how many are overdue."""

    cells: Counter = field(default_factory=Counter)  # (status, country, axis) -> count
    late: Counter = field(default_factory=Counter)  # (status, country, axis) -> overdue count

    @property
    def total(self):
        return sum(self.cells.values())

    @property
    def overdue(self):
        return sum(self.late.values())

    def count(self, status=None, country=None, axis=None):
        """How many, for any combination of a status, a country and an axis."""
        return sum(
            n
            for (s, c, a), n in self.cells.items()
            if status in (None, s) and country in (None, c) and axis in (None, a)
        )


def figures(recommendations, today=None):
    """The counts of `recommendations` by status × country × axis, overdue or not: one query."""
    late = Case(
        When(overdue_condition(today), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
    rows = (
        recommendations.order_by()
        .annotate(late=late)
        .values("status", "country", "axis", "late")
        .annotate(count=Count("pk"))
    )
    result = Figures()
    for row in rows:
        key = (row["status"], row["country"], row["axis"])
        result.cells[key] += row["count"]
        if row["late"]:
            result.late[key] += row["count"]
    return result


def status_rows(figures, link, rows, row_name):
    """For a table or a bar chart: [(label, [(count, link) by status], (total, link))], one row
    per (code, label) of `rows`, counted on `row_name` ("country" or "axis"); `link(**figure)`
    gives the URL of the list behind a figure."""
    table = []
    for code, label in rows:
        key = {row_name: code}
        cells = [
            (figures.count(status=status, **key), link(status=status, **key))
            for status in RecommendationStatus.values
        ]
        table.append((label, cells, (figures.count(**key), link(**key))))
    return table


def status_figures(figures, link):
    """[(status, label, count, link)] for every status."""
    return [
        (code, label, figures.count(status=code), link(status=code))
        for code, label in RecommendationStatus.choices
    ]


def overdue(recommendations, today=None, limit=OVERDUE_SHOWN):
    """The first overdue recommendations, the longest overdue first, with their lead."""
    return list(
        recommendations.filter(overdue_condition(today))
        .select_related("lead_organisation")
        .order_by("target_date", "reference")[:limit]
    )


def _validated_reviews():
    return ProgressReview.objects.filter(decision=ProgressReview.Decision.VALIDATED)


def _next_month(day):
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def progress_by_month(recommendations):
    """[(first day of the month, recommendations with a validated update that month)], every
    month from the first validated update to the last, empty months included: one query."""
    rows = (
        _validated_reviews()
        .filter(update__recommendation__in=recommendations.values("pk"))
        .annotate(month=TruncMonth("reviewed_at"))
        .values("month")
        .annotate(count=Count("update__recommendation", distinct=True))
        .order_by("month")
    )
    counts = {timezone.localtime(row["month"]).date().replace(day=1): row["count"] for row in rows}
    if not counts:
        return []
    months, month = [], min(counts)
    while month <= max(counts):
        months.append((month, counts.get(month, 0)))
        month = _next_month(month)
    return months
