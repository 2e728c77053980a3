"""The public tracker's logic: its listing, its open data (CSV and JSON) and its country report.

Only public recommendations, and nothing personal: no focal point, no author or reviewer of an
update, no review comment. The timeline shown is the validated updates only: an update still
under review, or returned, is the partners' and staff's business. RecommendationTrackerPage
(models/pages.py) routes to these functions; each costs a fixed number of queries.
"""

import csv
import io
import json

from django.db.models import Prefetch
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from wagtail.models import Page

from home.forms import paginate
from home.vocabulary import Axis, Scope

from . import charts, dashboard
from .exports import UTF8_BOM, escape_csv
from .models import (
    Organisation,
    ProgressReview,
    ProgressUpdate,
    RecommendationStatus,
    RecommendationTrackerPage,
)

# How many recommendations a source page shows; the tracker lists them all.
SOURCE_SHOWN = 10

# The open data's columns, the same keys in CSV and JSON and in every language.
COLUMNS = [
    "reference",
    "title",
    "text",
    "country",
    "country_name",
    "axis",
    "axis_name",
    "theme",
    "priority",
    "status",
    "status_name",
    "progress",
    "target_date",
    "lead_organisation",
    "supporting_organisations",
    "indicator",
    "baseline",
    "target",
    "means_of_verification",
    "source",
    "source_url",
    "last_validated_at",
    "url",
]


def country_code(value):
    """The Scope code for a URL's `tn`/`TN`, or None when it is not one of ours."""
    code = (value or "").upper()
    return code if code in Scope.values else None


def _organisations():
    return Organisation.objects.order_by("name", "pk")


def validated_updates():
    """A recommendation's validated updates, oldest first, with their organisation: the public
    timeline. Authors and reviewers are not loaded."""
    return (
        ProgressUpdate.objects.filter(review__decision=ProgressReview.Decision.VALIDATED)
        .select_related("organisation", "review")
        .order_by("review__reviewed_at", "pk")
    )


def listing(base, params, country=None):
    """The tracker's context: filters, figures by status, a page of public recommendations.

    `base` is the URL of the listing (the tracker, or its country view) that figures link to."""
    values = dashboard.TrackerFilterForm(params, country=country).valid_values()
    if country:
        values["country"] = country
    recommendations = dashboard.filter_recommendations(dashboard.public_recommendations(), values)
    figures = dashboard.figures(recommendations)
    items, page_range = paginate(
        recommendations.select_related("lead_organisation").order_by("reference"),
        params.get("page"),
    )
    query = {name: value for name, value in values.items() if name != "country" or not country}

    def link(**figure):
        merged = {**query, **figure}
        return f"{base}?{urlencode(merged)}" if merged else base

    rows = (
        dashboard.status_rows(figures, link, Axis.choices, "axis")
        if country
        else dashboard.status_rows(figures, link, Scope.choices, "country")
    )
    chart_title = (
        _("Public recommendations by axis and status")
        if country
        else _("Public recommendations by country and status")
    )
    return {
        "filter_form": dashboard.TrackerFilterForm(initial=values, country=country),
        "is_filtered": bool(query),
        "recommendations": items,
        "items": items,
        "page_range": page_range,
        "page_query": urlencode(query),
        "data_query": urlencode(values),
        "figures": figures,
        "statuses": dashboard.status_figures(figures, link),
        "chart": charts.stacked_bars(
            rows,
            list(RecommendationStatus.choices),
            title=chart_title,
            description=_("One bar per row, one segment per status."),
            rtl=get_language_bidi(),
            name="chart-tracker",
        )
        if figures.total
        else None,
        "countries": [(code.lower(), label) for code, label in Scope.choices],
        "country": country,
        "country_name": Scope(country).label if country else "",
    }


def public_recommendation(pk):
    """A public recommendation with its organisations, its source and its validated timeline;
    None when there is no such public recommendation."""
    return (
        dashboard.public_recommendations()
        .select_related("lead_organisation", "source_page")
        .prefetch_related(
            Prefetch("supporting_organisations", queryset=_organisations()),
            Prefetch("updates", queryset=validated_updates(), to_attr="timeline"),
        )
        .filter(pk=pk)
        .first()
    )


def for_open_data(recommendations):
    """`recommendations` with what the open data shows, in a fixed number of queries."""
    return (
        recommendations.select_related("lead_organisation", "source_page")
        .prefetch_related(Prefetch("supporting_organisations", queryset=_organisations()))
        .order_by("reference")
    )


def public_sources(recommendations):
    """The ids of the recommendations' source pages that anyone may see (one query): a source
    page behind a login or a password is never named."""
    ids = {item.source_page_id for item in recommendations if item.source_page_id}
    return set(Page.objects.filter(pk__in=ids).live().public().values_list("pk", flat=True))


def _source(recommendation, request, visible):
    source = recommendation.source_page
    if source is None or source.pk not in visible:
        return "", ""
    url = source.get_url(request)
    return source.title, request.build_absolute_uri(url) if url else ""


def open_data(recommendations, request, detail_url):
    """One dict a recommendation, keyed by COLUMNS, in the active language."""
    rows = []
    visible = public_sources(recommendations)
    for item in recommendations:
        source, source_url = _source(item, request, visible)
        rows.append(
            {
                "reference": item.reference,
                "title": item.title,
                "text": item.text,
                "country": item.country,
                "country_name": str(item.get_country_display()),
                "axis": item.axis,
                "axis_name": str(item.get_axis_display()),
                "theme": item.theme,
                "priority": item.priority,
                "status": item.status,
                "status_name": str(item.get_status_display()),
                "progress": item.progress,
                "target_date": item.target_date.isoformat() if item.target_date else "",
                "lead_organisation": str(item.lead_organisation or ""),
                "supporting_organisations": [str(o) for o in item.supporting_organisations.all()],
                "indicator": item.indicator,
                "baseline": item.baseline,
                "target": item.target,
                "means_of_verification": item.means_of_verification,
                "source": source,
                "source_url": source_url,
                "last_validated_at": (
                    item.last_validated_at.isoformat() if item.last_validated_at else ""
                ),
                "url": request.build_absolute_uri(detail_url(item)),
            }
        )
    return rows


def csv_response(rows, filename):
    """A UTF-8 CSV (with a byte-order mark, for Excel) where no cell can run as a formula."""
    out = io.StringIO()
    out.write(UTF8_BOM)
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for row in rows:
        cells = {**row, "supporting_organisations": "; ".join(row["supporting_organisations"])}
        writer.writerow({key: escape_csv(value) for key, value in cells.items()})
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def json_response(rows, language):
    body = {
        "language": language,
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "count": len(rows),
        "recommendations": rows,
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, indent=1), content_type="application/json"
    )
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
    return response


def country_report(country):
    """The country report's context: its public recommendations with their validated timeline,
    and the counts by status and by axis."""
    recommendations = list(
        dashboard.public_recommendations()
        .filter(country=country)
        .select_related("lead_organisation")
        .prefetch_related(
            Prefetch("supporting_organisations", queryset=_organisations()),
            Prefetch("updates", queryset=validated_updates(), to_attr="timeline"),
        )
        .order_by("reference")
    )
    figures = dashboard.Figures()
    for item in recommendations:
        figures.cells[(item.status, item.country, item.axis)] += 1
    return {
        "country": country,
        "country_name": Scope(country).label,
        "recommendations": recommendations,
        "figures": figures,
        "statuses": [
            (label, figures.count(status=code)) for code, label in RecommendationStatus.choices
        ],
        "axes": [
            (label, [figures.count(axis=axis, status=s) for s in RecommendationStatus.values])
            for axis, label in Axis.choices
        ],
        "generated_on": timezone.localdate(),
    }


def source_section(request, page):
    """The public recommendations whose source is `page`, as HTML; "" when it has none."""
    recommendations = dashboard.public_recommendations().filter(source_page=page.pk)
    shown = list(recommendations.order_by("reference")[: SOURCE_SHOWN + 1])
    if not shown:
        return ""
    tracker = RecommendationTrackerPage.objects.live().public().first()
    base = tracker.get_url(request) if tracker else None
    items = [
        (item, base + tracker.reverse_subpage("recommendation", args=[item.pk]) if base else None)
        for item in shown[:SOURCE_SHOWN]
    ]
    return render_to_string(
        "stakeholders/tracker/page_section.html",
        {
            "items": items,
            "more_url": f"{base}?{urlencode({'source': page.pk})}"
            if base and len(shown) > SOURCE_SHOWN
            else None,
            "tracker_url": base,
        },
        request=request,
    )
