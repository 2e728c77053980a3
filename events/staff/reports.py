"""The balance report in the Wagtail admin's Reports menu (figures: events/balance.py).

Across workshops, the report covers the workshops the user runs (events/access.py), narrowed by
the workshop's country, year and kind, with a line per workshop; a workshop's own report is at
its own address, a 404 for staff who do not run it. Each shows the totals, the share of women,
the tripartite balance, a bar chart drawn on the server as inline SVG (no script; its table is
the accessible alternative) and the tables by constituency and by country; the table behind them
(country × constituency × gender) downloads as CSV or XLSX with no live formula.
"""

from django import forms
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.permission_policies.pages import PagePermissionPolicy

from home.forms import paginate
from home.vocabulary import Scope
from stakeholders.exports import FormulaSafeExportMixin

from .. import balance
from ..access import events_run_by
from ..models import EventPage, Registration

WORKSHOPS_PER_PAGE = 25


class BalanceFilterForm(forms.Form):
    """Which workshops the report covers: by their country, year and kind."""

    country = forms.ChoiceField(label=_("Country of the workshop"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    kind = forms.ChoiceField(label=_("Kind of workshop"), required=False)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["country"].choices = everything + Scope.choices
        self.fields["year"].choices = everything + [(year, str(year)) for year in years]
        self.fields["kind"].choices = everything + EventPage.Kind.choices

    def filter(self, events):
        """The workshops that match the valid filters (all of them while a filter is invalid)."""
        if not self.is_valid():
            return events
        data = self.cleaned_data
        if data["country"]:
            events = events.filter(country=data["country"])
        if data["year"]:
            events = events.filter(start_date__year=data["year"])
        if data["kind"]:
            events = events.filter(kind=data["kind"])
        return events


class BalanceReportView(
    FormulaSafeExportMixin, SpreadsheetExportMixin, WagtailAdminTemplateMixin, TemplateView
):
    template_name = "events/reports/balance.html"
    page_title = _("Workshop balance")
    header_icon = "group"
    list_export = ["country", "country_name", "constituency", "gender", "registered", "attended"]
    export_headings = {
        "country": _("Country code"),
        "country_name": _("Country"),
        "constituency": _("Constituency"),
        "gender": _("Gender"),
        "registered": _("Registered"),
        "attended": _("Attended"),
    }

    def dispatch(self, request, pk=None):
        self.workshops = events_run_by(request.user)
        self.event = get_object_or_404(self.workshops, pk=pk) if pk else None
        if self.event is None and not self.workshops.exists():
            return permission_denied(request)
        return super().dispatch(request)

    def get(self, request):
        if self.event:
            self.form, events = None, None
            registrations = Registration.objects.filter(event=self.event)
        else:
            years = [day.year for day in self.workshops.dates("start_date", "year", "DESC")]
            self.form = BalanceFilterForm(request.GET, years=years)
            events = self.form.filter(self.workshops)
            registrations = Registration.objects.filter(event__in=events.values("pk"))
        self.balance = balance.Balance(registrations)
        if self.is_export:
            return self.as_spreadsheet(self.balance.export_rows(), request.GET["export"])
        return self.render_to_response(self.get_context_data(events=events))

    def write_csv_response(self, queryset):
        # Written now, not streamed: streaming would translate the headings after the request's
        # language is gone. The table is small (countries × constituencies × genders).
        response = HttpResponse(b"".join(self.stream_csv(queryset)), content_type="text/csv")
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
        return response

    def get_page_subtitle(self):
        return self.event.title if self.event else _("Workshops you run")

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items]
        if self.event:
            items.append({"url": reverse("events_balance"), "label": self.page_title})
            items.append({"url": "", "label": self.event.title})
        else:
            items.append({"url": "", "label": self.page_title})
        return items

    def get_filename(self):
        subject = slugify(self.event.slug_fr or "") if self.event else "workshops"
        return f"balance-{subject or self.event.pk}-{timezone.localdate():%Y-%m-%d}"

    def get_context_data(self, events=None, **kwargs):
        context = super().get_context_data(**kwargs)
        figures = self.balance
        context.update(
            event=self.event,
            form=self.form,
            total=figures.total,
            by_constituency=figures.by_constituency(),
            by_country=figures.by_country(),
            tripartite=figures.tripartite,
            others=figures.others,
            chart=balance.chart(figures, rtl=translation.get_language_bidi()),
            genders=balance.GENDERS,
            measures=balance.MEASURES,
            measure_columns=len(balance.GENDERS) + 2,
            table_columns=1 + 2 * (len(balance.GENDERS) + 2),
        )
        if events is not None:
            page, page_range = paginate(
                events.order_by("-start_date", "pk"),
                self.request.GET.get("p"),
                per_page=WORKSHOPS_PER_PAGE,
            )
            context.update(
                workshops=page,
                page_range=page_range,
                workshop_lines=balance.workshop_lines(page.object_list),
            )
        return context


class BalanceMenuItem(MenuItem):
    def is_shown(self, request):
        # Whether the user may edit some page: cheap, and whoever runs a workshop can.
        return PagePermissionPolicy().user_has_any_permission(request.user, {"change"})


@hooks.register("register_admin_urls")
def register_urls():
    view = BalanceReportView.as_view()
    return [
        path("reports/workshop-balance/", view, name="events_balance"),
        path("reports/workshop-balance/<int:pk>/", view, name="events_balance_workshop"),
    ]


@hooks.register("register_reports_menu_item")
def register_menu_item():
    return BalanceMenuItem(
        _("Workshop balance"),
        reverse("events_balance"),
        name="workshop-balance",
        icon_name="group",
        order=650,
    )
