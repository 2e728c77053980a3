"""The recommendations dashboard: figures for staff and focal points, each on what they may see.

Staff who may view recommendations see them all; a focal point, the public ones and those their
organisations lead or support (`visible_recommendations`). Every figure is a link to the list it
counts: the list applies the same filters to the same recommendations, so it shows exactly the
counted rows. The dashboard costs a fixed number of queries whatever the number of
recommendations: its figures are aggregate queries (stakeholders/dashboard.py).
"""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from home.forms import paginate
from home.vocabulary import Axis, Scope

from .. import charts, dashboard
from ..models import RecommendationStatus
from ..recommendations import sees_all, visible_recommendations

app_name = "dashboard"

TEMPLATES = "stakeholders/dashboard"
LIST_PER_PAGE = 25


def _staff_without_totp(user):
    """Staff see every recommendation here too: with TOTP only, as in the admin."""
    if not settings.AMEM_STAFF_MFA_REQUIRED or not sees_all(user):
        return False
    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def _filtered(request):
    """(filter form values, the visible recommendations they keep, the unbound form)."""
    if _staff_without_totp(request.user):
        return None
    visible = visible_recommendations(request.user)
    organisations = dashboard.organisation_choices(visible)
    values = dashboard.DashboardFilterForm(request.GET, organisations=organisations).valid_values()
    form = dashboard.DashboardFilterForm(initial=values, organisations=organisations)
    return values, dashboard.filter_recommendations(visible, values), form


def _must_set_up_totp(request):
    messages.warning(
        request, _("Staff accounts must use two-factor authentication. Set it up to continue.")
    )
    return redirect("mfa_activate_totp")


def _with_query(url, values):
    return f"{url}?{urlencode(values)}" if values else url


class Links:
    """The list behind a figure: the dashboard's filters plus the figure's own."""

    def __init__(self, values):
        self.values = values
        self.base = reverse("stakeholders:dashboard:list")

    def __call__(self, **figure):
        return _with_query(self.base, {**self.values, **figure})


@login_required
@require_safe
def dashboard_view(request):
    filtered = _filtered(request)
    if filtered is None:
        return _must_set_up_totp(request)
    values, recommendations, form = filtered
    figures = dashboard.figures(recommendations)
    links = Links(values)
    rtl = translation.get_language_bidi()
    statuses = list(RecommendationStatus.choices)
    by_country = dashboard.status_rows(figures, links, Scope.choices, "country")
    by_axis = dashboard.status_rows(figures, links, Axis.choices, "axis")
    months = [
        (date_format(month, "YEAR_MONTH_FORMAT"), count, links(updated=month.strftime("%Y-%m")))
        for month, count in dashboard.progress_by_month(recommendations)
    ]
    bars = _("One bar per row, one segment per status; the table below gives the same figures.")
    context = {
        "filter_form": form,
        "is_filtered": bool(values),
        "figures": figures,
        "statuses": dashboard.status_figures(figures, links),
        "total_link": links(),
        "by_country": by_country,
        "by_axis": by_axis,
        "country_chart": charts.stacked_bars(
            by_country,
            statuses,
            title=_("Recommendations by country and status"),
            description=bars,
            rtl=rtl,
            name="chart-countries",
        ),
        "axis_chart": charts.stacked_bars(
            by_axis,
            statuses,
            title=_("Recommendations by axis and status"),
            description=bars,
            rtl=rtl,
            name="chart-axes",
        ),
        "months": months,
        "progress_chart": charts.line(
            months,
            title=_("Recommendations with a validated progress update, by month"),
            description=_("One point per month; the table below gives the same figures."),
            rtl=rtl,
            name="chart-progress",
        )
        if months
        else None,
        "overdue": dashboard.overdue(recommendations),
        "overdue_link": links(overdue=True),
    }
    return render(request, f"{TEMPLATES}/dashboard.html", context)


@login_required
@require_safe
def list_view(request):
    """The recommendations behind a figure: the dashboard's filters, a page at a time."""
    filtered = _filtered(request)
    if filtered is None:
        return _must_set_up_totp(request)
    values, recommendations, form = filtered
    recommendations = recommendations.select_related("lead_organisation").order_by("reference")
    items, page_range = paginate(recommendations, request.GET.get("page"), per_page=LIST_PER_PAGE)
    context = {
        "filter_form": form,
        "is_filtered": bool(values),
        "recommendations": items,
        "page_range": page_range,
        "page_query": urlencode(values),
        "dashboard_link": _with_query(reverse("stakeholders:dashboard:home"), values),
    }
    return render(request, f"{TEMPLATES}/list.html", context)


urlpatterns = [
    path("", dashboard_view, name="home"),
    path(gettext_lazy("list/"), list_view, name="list"),  # translated: see stakeholders/urls.py
]
