"""The recommendations dashboard: who sees which figures, figures that link to exactly the rows
they count, overdue ones, progress by month, server-drawn charts, a fixed number of queries."""

# ruff: noqa: F811 - the fixtures of test_tracker.py are imported, then used as arguments

import datetime
import html
import re
from unittest import mock
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext

from stakeholders import charts
from stakeholders.models import ProgressReview, Recommendation
from tests.markup import form_labels
from tests.routes import route

from .test_tracker import (  # noqa: F401 - fixtures
    add_update,
    make_recommendation,
    recommendation_row,
    references,
)

pytestmark = pytest.mark.django_db

DASHBOARD = route("stakeholders:dashboard:home")
LIST = route("stakeholders:dashboard:list")


@pytest.fixture
def organisations(make_organisation):
    return {
        "ins": make_organisation("Institut national de la statistique", acronym="INS"),
        "ugtt": make_organisation("Union générale tunisienne du travail", acronym="UGTT"),
        "hcp": make_organisation("Haut-Commissariat au Plan", acronym="HCP", country="MA"),
    }


@pytest.fixture
def portfolio(organisations, make_recommendation):
    """INS: one public, one private, one it supports; UGTT: one private; HCP: one public."""
    ins, ugtt, hcp = organisations["ins"], organisations["ugtt"], organisations["hcp"]
    today = timezone.localdate()
    return {
        "ins_public": make_recommendation(ins, reference="TN-R01", status="in_progress"),
        "ins_private": make_recommendation(
            ins,
            reference="TN-R02",
            public=False,
            target_date=today - datetime.timedelta(days=10),
        ),
        "ins_supports": make_recommendation(
            ugtt, reference="TN-R03", public=False, supporting=[ins], axis="capacity"
        ),
        "ugtt_private": make_recommendation(
            ugtt,
            reference="TN-R04",
            public=False,
            axis="governance",
            target_date=today - datetime.timedelta(days=3),
        ),
        "hcp_public": make_recommendation(hcp, reference="MA-R01", country="MA"),
    }


@pytest.fixture
def focal_client(client, organisations, make_focal_point):
    client.force_login(make_focal_point(organisations["ins"]))
    return client


@pytest.fixture
def staff_client(client, make_admin_user):
    client.force_login(make_admin_user(permissions=["stakeholders.view_recommendation"]))
    return client


def list_references(client, query=""):
    response = client.get(f"{LIST}?{query}" if query else LIST)
    assert response.status_code == 200
    return sorted(references(response))


def figure_links(response):
    """{frozenset(query): href} of every link to the list, from tables and charts alike."""
    links = {}
    for href in re.findall(rf'<a href="({re.escape(LIST)}[^"]*)"', response.text):
        href = html.unescape(href)
        links[frozenset(parse_qsl(urlsplit(href).query))] = href
    return links


def count_in(response):
    return int(re.search(r'<p class="listing-count" role="status">(\d+)', response.text)[1])


# ---------------------------------------------------------------- Who sees what


def test_anonymous_is_sent_to_log_in(client):
    for path in (DASHBOARD, LIST):
        response = client.get(path)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_focal_point_sees_public_and_their_organisations_only(focal_client, portfolio):
    assert list_references(focal_client) == ["MA-R01", "TN-R01", "TN-R02", "TN-R03"]
    response = focal_client.get(DASHBOARD)
    assert "TN-R04" not in response.text
    # The other organisation's overdue recommendation is neither listed nor counted.
    assert list_references(focal_client, "overdue=True") == ["TN-R02"]


def test_staff_see_every_recommendation(staff_client, portfolio):
    assert list_references(staff_client) == ["MA-R01", "TN-R01", "TN-R02", "TN-R03", "TN-R04"]


def test_staff_without_totp_set_it_up_first(client, make_user, portfolio):
    from django.contrib.auth.models import Permission

    user = make_user(email="staff.no.totp@example.org")
    user.user_permissions.add(Permission.objects.get(codename="view_recommendation"))
    client.force_login(user)

    response = client.get(DASHBOARD)

    assert response.status_code == 302
    assert "totp" in response["Location"]


def test_organisation_filter_is_limited_to_what_the_user_sees(
    focal_client, portfolio, organisations
):
    ugtt = organisations["ugtt"].pk

    # UGTT leads TN-R03 (which INS supports) and TN-R04 (which the focal point may not see).
    assert list_references(focal_client, f"organisation={ugtt}") == ["TN-R03"]
    ins = organisations["ins"].pk
    assert list_references(focal_client, f"organisation={ins}") == ["TN-R01", "TN-R02", "TN-R03"]
    # A value that does not validate is dropped, never an error page.
    assert len(list_references(focal_client, "organisation=abc&status=zzz&updated=2025-13")) == 4


# ---------------------------------------------------------------- Figures and their links


def test_every_figure_links_to_exactly_the_counted_rows(staff_client, portfolio):
    response = staff_client.get(DASHBOARD)
    links = figure_links(response)

    cell = links[frozenset({("status", "not_started"), ("country", "TN")})]
    assert count_in(staff_client.get(cell)) == 3  # TN-R02, R03, R04; TN-R01 is in progress
    assert sorted(references(staff_client.get(cell))) == ["TN-R02", "TN-R03", "TN-R04"]
    axis = links[frozenset({("axis", "data")})]
    assert sorted(references(staff_client.get(axis))) == ["MA-R01", "TN-R01", "TN-R02"]
    overdue = links[frozenset({("overdue", "True")})]
    assert sorted(references(staff_client.get(overdue))) == ["TN-R02", "TN-R04"]
    # Every link on the dashboard leads to as many rows as the figure it holds says.
    for href, figure in re.findall(r'<td[^>]*><a href="([^"]+)">(\d+)</a></td>', response.text):
        assert count_in(staff_client.get(html.unescape(href))) == int(figure), href


def test_dashboard_filters_narrow_the_figures(staff_client, portfolio):
    response = staff_client.get(f"{DASHBOARD}?country=MA")

    links = figure_links(response)
    assert frozenset({("country", "MA"), ("status", "not_started")}) in links
    assert all(("country", "MA") in query for query in links)


def test_dashboard_filter_labels_point_at_their_controls(staff_client):
    labels, controls = form_labels(staff_client.get(DASHBOARD).text, "listing-filters")

    names = ("country", "axis", "status", "organisation", "overdue")
    assert labels == [f"dashboard-filter-{name}" for name in names]
    assert set(labels) <= controls


def test_overdue_list_names_the_late_ones(staff_client, portfolio):
    response = staff_client.get(DASHBOARD)

    overdue = response.text.split('id="dashboard-overdue-title"')[1].split("</section>")[0]
    assert "TN-R02" in overdue and "TN-R04" in overdue
    assert "TN-R01" not in overdue


def test_progress_by_month_counts_validated_updates(staff_client, portfolio):
    recommendation = portfolio["ins_public"]
    for moment in (datetime.datetime(2025, 3, 10, 12), datetime.datetime(2025, 5, 2, 12)):
        with mock.patch.object(timezone, "now", return_value=timezone.make_aware(moment)):
            add_update(recommendation, decision=ProgressReview.Decision.VALIDATED)
    add_update(portfolio["hcp_public"], decision=ProgressReview.Decision.RETURNED)

    response = staff_client.get(DASHBOARD)

    links = figure_links(response)
    march = links[frozenset({("updated", "2025-03")})]
    assert references(staff_client.get(march)) == ["TN-R01"]
    assert frozenset({("updated", "2025-04")}) not in links  # an empty month: no link
    assert "chart-progress" in response.text
    with translation.override("fr"):
        assert "mars 2025" in response.text


def test_charts_are_svg_with_title_and_links_and_mirror_in_arabic(
    client, make_admin_user, portfolio
):
    client.force_login(make_admin_user(permissions=["stakeholders.view_recommendation"]))

    french = client.get(DASHBOARD).text
    arabic = client.get(route("stakeholders:dashboard:home", language="ar")).text

    assert '<svg class="chart chart-countries"' in french
    assert 'direction="ltr"' in french and 'direction="rtl"' in arabic
    with translation.override("fr"):
        title = gettext("Recommendations by country and status")
    assert f'<title id="chart-countries-title">{title}</title>' in french
    assert "<script" not in french.split('<main id="main"')[1].split("</main>")[0]


def test_stacked_bars_put_labels_on_the_right_in_rtl():
    rows = [("Tunisie", [(2, "/a"), (1, "/b")], (3, "/t"))]
    series = [("planned", "Prévue"), ("implemented", "Mise en œuvre")]

    ltr = charts.stacked_bars(rows, series, title="T", description="D", name="x")
    rtl = charts.stacked_bars(rows, series, title="T", description="D", rtl=True, name="x")

    label_x = re.compile(r'<text x="([\d.]+)" y="\d+" text-anchor="end">Tunisie</text>')
    assert float(label_x.search(ltr)[1]) < charts.WIDTH / 2 < float(label_x.search(rtl)[1])
    assert '<a href="/a"><rect' in ltr and '<a href="/a"><rect' in rtl


# ---------------------------------------------------------------- Queries


@pytest.mark.parametrize("path", [DASHBOARD, LIST])
def test_dashboard_costs_a_fixed_number_of_queries(staff_client, organisations, path):
    leads = list(organisations.values())
    today = timezone.localdate()

    def queries(total):
        existing = Recommendation.objects.count()
        rows = [
            recommendation_row(
                leads[n % 3],
                public=n % 2 == 0,
                country=("TN", "MA", "MR")[n % 3],
                status=Recommendation.Status.values[n % 6],
                target_date=today + datetime.timedelta(days=n % 40 - 20),
            )
            for n in range(existing, total)
        ]
        for item in Recommendation.objects.bulk_create(rows):
            if item.pk % 5 == 0:
                add_update(item, decision=ProgressReview.Decision.VALIDATED)
        with CaptureQueriesContext(connection) as captured:
            response = staff_client.get(path)
        assert response.status_code == 200
        return len(captured)

    staff_client.get(path)  # the first request fills Wagtail's caches (site root paths)
    at_10 = queries(10)
    at_500 = queries(500)
    assert at_10 == at_500, (at_10, at_500)
