"""What the news, publications and search pages accept from the query string.

Every value is validated; one that does not validate is dropped (the listing shows as if it had
not been sent), never an error page. Pages are Django's Paginator pages: a page number past the end
gives the last page, one that is not a number the first.
"""

from django import forms
from django.core.paginator import Paginator
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from .vocabulary import Axis, Scope

PER_PAGE = 12
SEARCH_PER_PAGE = 10
SEARCH_MAX_LENGTH = 100


def blank_choice(label):
    return [("", label)]


def paginate(items, number, per_page=PER_PAGE):
    """One page of `items` (a queryset or a list) and the page numbers to link to."""
    paginator = Paginator(items, per_page)
    page = paginator.get_page(number)
    return page, paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)


class ListingFilterForm(forms.Form):
    """An index's GET filters. `lookups` maps each filter to its queryset lookup."""

    lookups: dict[str, str] = {}

    def valid_values(self):
        """The submitted values that validate, field by field; the others are dropped."""
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in self.errors and value not in ("", None)
        }

    @classmethod
    def listing(cls, queryset, params, **form_kwargs):
        """The index's context: its filter form, one page of `queryset`, the links' query string.

        The form is unbound, built from the valid values only: a dropped value shows no error.
        """
        values = cls(params, **form_kwargs).valid_values()
        filtered = queryset.filter(**{cls.lookups[name]: value for name, value in values.items()})
        page, page_range = paginate(filtered, params.get("page"))
        return {
            "filter_form": cls(initial=values, **form_kwargs),
            "items": page,
            "page_range": page_range,
            "is_filtered": bool(values),
            # What page links carry, so that going to page 2 keeps the filters.
            "page_query": urlencode(values),
        }


class NewsFilterForm(ListingFilterForm):
    kind = forms.ChoiceField(label=_("Show"), required=False)

    lookups = {"kind": "kind"}

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = blank_choice(_("News and press releases")) + list(kinds)
        self.fields["kind"].widget.attrs["id"] = "news-filter-kind"


class PublicationFilterForm(ListingFilterForm):
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    axis = forms.ChoiceField(label=_("Axis"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)

    lookups = {"kind": "kind", "country": "country", "axis": "axis", "year": "year"}

    def __init__(self, *args, kinds=(), years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = blank_choice(_("All kinds")) + list(kinds)
        self.fields["country"].choices = blank_choice(_("All countries")) + list(Scope.choices)
        self.fields["axis"].choices = blank_choice(_("All axes")) + list(Axis.choices)
        self.fields["year"].choices = blank_choice(_("All years")) + [(y, y) for y in years]
        for name, field in self.fields.items():
            field.widget.attrs["id"] = f"publication-filter-{name}"


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the site"),
        max_length=SEARCH_MAX_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "id": "search-page-q"}),
        error_messages={
            "max_length": _("Your search is too long: use at most %(limit_value)d characters.")
        },
    )
