"""Lists of workshops: the index's filters and pages, the home page's next ones, the feed.

Every list costs the same number of queries whatever its length: organisers and listing images
come in one query each, and page URLs from Wagtail's cached site root paths.
"""

from django import forms
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from home.forms import ListingFilterForm, blank_choice, paginate
from home.models import with_card_data as home_card_data
from home.vocabulary import Axis, Scope

PER_PAGE = 12
UPCOMING, PAST = "upcoming", "past"


def with_card_data(queryset):
    """A workshop card also names its organisers (one more query)."""
    return home_card_data(queryset, prefetch=["organisers"])


def upcoming(queryset, today=None):
    """Workshops that have not ended yet, the soonest first."""
    today = today or timezone.localdate()
    return queryset.filter(end_date__gte=today).order_by("start_date", "start_time", "pk")


def past(queryset, today=None):
    """Workshops that have ended, the most recent first."""
    today = today or timezone.localdate()
    return queryset.filter(end_date__lt=today).order_by("-start_date", "-start_time", "-pk")


class EventFilterForm(ListingFilterForm):
    """The index's GET filters: upcoming or past, then country, kind, year and axis."""

    when = forms.ChoiceField(
        label=_("When"),
        choices=[(UPCOMING, _("Upcoming")), (PAST, _("Past"))],
        required=False,
        widget=forms.HiddenInput,
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    axis = forms.ChoiceField(label=_("Axis"), required=False)

    lookups = {"country": "country", "kind": "kind", "year": "start_date__year", "axis": "axis"}

    def __init__(self, *args, kinds=(), years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = blank_choice(_("All countries")) + list(Scope.choices)
        self.fields["kind"].choices = blank_choice(_("All kinds")) + list(kinds)
        self.fields["year"].choices = blank_choice(_("All years")) + [(y, y) for y in years]
        self.fields["axis"].choices = blank_choice(_("All axes")) + list(Axis.choices)
        for name in self.lookups:
            self.fields[name].widget.attrs["id"] = f"event-filter-{name}"


def listing(queryset, params, *, kinds):
    """The index's context: its filter form, one page of workshops, and the links' query string.

    `params` is request.GET; an invalid filter or page number is ignored (no error, no 500).
    """
    years = sorted({day.year for day in queryset.dates("start_date", "year")}, reverse=True)
    values = EventFilterForm(params, kinds=kinds, years=years).valid_values()
    when = values.pop("when", None) or UPCOMING
    filters = values
    filtered = queryset.filter(**{EventFilterForm.lookups[name]: v for name, v in filters.items()})
    ordered = past(filtered) if when == PAST else upcoming(filtered)
    page, page_range = paginate(with_card_data(ordered), params.get("page"), PER_PAGE)
    return {
        # Unbound, so that it shows the valid choices and no error for a dropped one.
        "filter_form": EventFilterForm(initial={**filters, "when": when}, kinds=kinds, years=years),
        "filters": filters,
        "when": when,
        "events": page,
        "page_range": page_range,
        "is_filtered": bool(filters),
        # What page links carry; the tabs keep the filters and go back to page 1.
        "page_query": urlencode({**filters, "when": when}),
        "upcoming_query": urlencode(filters),
        "past_query": urlencode({**filters, "when": PAST}),
        # "Clear filters" stays on the tab.
        "clear_query": urlencode({"when": PAST} if when == PAST else {}),
        "feed_query": urlencode({"country": filters["country"]} if "country" in filters else {}),
    }
