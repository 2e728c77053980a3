"""The balance report: its figures on a crafted workshop, its chart, its exports, its cost, and
who may read it."""

import csv
import datetime
import io
import re

# The chart comes from our own response: no untrusted XML here.
import xml.etree.ElementTree as ET  # noqa: S405

import openpyxl
import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission
from wagtail.users.models import UserProfile

from events import balance
from events.models import Attendance, Registration

from .conftest import participant_fields

SVG = "{http://www.w3.org/2000/svg}"
Status = Registration.Status


@pytest.fixture
def make_staff(make_user):
    """Staff who reach the admin (with TOTP) and may edit `pages` and the pages below them."""

    def make(email, pages=(), language="en"):
        user = make_user(email=email)
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
        if pages:
            group = Group.objects.create(name=email)
            change = Permission.objects.get(
                content_type__app_label="wagtailcore", codename="change_page"
            )
            for page in pages:
                GroupPagePermission.objects.create(group=group, page=page, permission=change)
            user.groups.add(group)
        UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})
        TOTP.activate(user, generate_totp_secret())
        return user

    return make


def add(event, status=Status.CONFIRMED, days=0, **fields):
    """A registration in `status`, checked in on the workshop's first `days` days."""
    registration = Registration.objects.create(
        event=event, status=status, **participant_fields(**fields)
    )
    for day in event.days[:days]:
        Attendance.objects.create(registration=registration, day=day)
    return registration


@pytest.fixture
def workshop(make_event):
    """A past workshop with a known balance (see the figures in the tests)."""
    event = make_event(start=timezone.localdate() - datetime.timedelta(days=10), days=2)
    add(event, constituency="government", gender="woman", days=2)
    add(event, constituency="government", gender="man", days=1)
    add(event, constituency="government", gender="man", country="MA")
    add(event, constituency="employers", gender="woman", days=1)
    add(event, constituency="workers", gender="woman")
    add(event, constituency="workers", gender="other", country="MR", days=1)
    # Came, then cancelled: still registered and attended.
    add(event, status=Status.CANCELLED, constituency="workers", gender="man", days=1)
    add(event, constituency="civil_society", gender="woman", days=1)
    add(event, constituency="international", gender="man", country="FR")
    # Never held a seat: not counted.
    add(event, status=Status.PENDING, constituency="government", gender="woman")
    add(event, status=Status.WAITLISTED, constituency="employers", gender="man")
    add(event, status=Status.CANCELLED, constituency="workers", gender="woman")
    add(event, status=Status.REJECTED, constituency="government", gender="man")
    return event


def figures(event):
    return balance.Balance(Registration.objects.filter(event=event))


def test_balance_counts_registered_and_attended_by_constituency_and_gender(workshop):
    report = figures(workshop)
    total = report.total
    assert (total.registered_total, total.attended_total) == (9, 6)
    lines = {line.key: line for line in report.by_constituency()}
    # Women, men, other.
    assert lines["government"].registered_by_gender == [1, 2, 0]
    assert lines["government"].attended_by_gender == [1, 1, 0]
    assert lines["workers"].registered_by_gender == [1, 1, 1]
    assert lines["workers"].attended_by_gender == [0, 1, 1]
    assert lines["other"].registered_total == 0
    countries = {line.key: line for line in report.by_country()}
    assert sorted(countries) == ["FR", "MA", "MR", "TN"]
    assert countries["TN"].registered_total == 6
    assert countries["TN"].attended_total == 5


def test_balance_gives_the_share_of_women_and_the_tripartite_balance(workshop):
    report = figures(workshop)
    assert report.total.women_share("registered") == pytest.approx(4 / 9)
    assert report.total.women_share("attended") == pytest.approx(0.5)
    # Among the tripartite three only: government 3, employers 1, workers 3 registered.
    assert report.tripartite_share("government", "registered") == pytest.approx(3 / 7)
    assert report.tripartite_share("employers", "registered") == pytest.approx(1 / 7)
    assert report.tripartite_share("government", "attended") == pytest.approx(0.4)
    assert report.tripartite_share("workers", "attended") == pytest.approx(0.4)
    # The others apart, as shares of everyone.
    assert report.share_of_all("civil_society", "registered") == pytest.approx(1 / 9)
    assert report.share_of_all("international", "attended") == 0
    assert [share.constituency for share in report.tripartite] == [
        "government",
        "employers",
        "workers",
    ]
    assert [share.constituency for share in report.others] == [
        "civil_society",
        "international",
        "other",
    ]


def test_balance_of_no_registration_has_no_share(make_event):
    report = figures(make_event())
    assert report.total.registered_total == 0
    assert report.total.women_share("attended") is None
    assert report.tripartite_share("government", "registered") is None
    assert balance.percent(None) == "—"


def svg_of(response):
    html = response.content.decode()
    match = re.search(r"<svg [^>]*class=\"balance-chart\".*?</svg>", html, flags=re.S)
    assert match, "no inline SVG chart"
    return ET.fromstring(match.group(0))  # noqa: S314 - our own response


def test_workshop_report_shows_a_well_formed_accessible_chart(client, make_staff, workshop):
    client.force_login(make_staff("runner@example.org", pages=[workshop]))
    response = client.get(reverse("events_balance_workshop", args=[workshop.pk]))
    assert response.status_code == 200
    svg = svg_of(response)
    assert svg.get("role") == "img"
    assert svg.get("direction") == "ltr"
    assert svg.find(f"{SVG}title").text
    assert svg.find(f"{SVG}desc").text
    segments = [rect for rect in svg.iter(f"{SVG}rect") if rect.find(f"{SVG}title") is not None]
    titles = [rect.find(f"{SVG}title").text for rect in segments]
    # One segment per non-empty (constituency, measure, gender): 14 in this workshop.
    assert len(segments) == 14
    assert all(title.endswith((": 1", ": 2")) for title in titles)
    # In a left-to-right language every bar starts after the labels.
    assert all(float(rect.get("x")) >= balance.LABEL_WIDTH for rect in segments)
    # The table is the chart's alternative: the figures are in the page too.
    assert "<table" in response.content.decode()


def test_chart_is_mirrored_in_arabic(client, make_staff, workshop):
    client.force_login(make_staff("runner@example.org", pages=[workshop], language="ar"))
    response = client.get(reverse("events_balance_workshop", args=[workshop.pk]))
    assert 'dir="rtl"' in response.content.decode()
    svg = svg_of(response)
    assert svg.get("direction") == "rtl"
    segments = [rect for rect in svg.iter(f"{SVG}rect") if rect.find(f"{SVG}title") is not None]
    # The bars end where the labels begin, on the right.
    limit = balance.CHART_WIDTH - balance.LABEL_WIDTH
    assert all(float(rect.get("x")) + float(rect.get("width")) <= limit + 0.01 for rect in segments)
    assert max(float(rect.get("x")) + float(rect.get("width")) for rect in segments) == (
        pytest.approx(limit)
    )


def read_csv(response):
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:])))


def test_export_gives_the_table_back_without_live_formulas(client, make_staff, workshop):
    add(workshop, constituency="employers", gender="man", country="=1", days=1)
    client.force_login(make_staff("runner@example.org", pages=[workshop]))
    url = reverse("events_balance_workshop", args=[workshop.pk])

    rows = read_csv(client.get(url, {"export": "csv"}))
    header, body = rows[0], rows[1:]
    assert header == ["Country code", "Country", "Constituency", "Gender", "Registered", "Attended"]
    assert sum(int(row[4]) for row in body) == 10
    assert sum(int(row[5]) for row in body) == 7
    assert ["TN", "Tunisia", "Government", "Woman", "1", "1"] in body
    assert ["'=1", "'=1", "Employers", "Man", "1", "1"] in body

    response = client.get(url, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = list(sheet.iter_rows(values_only=True))
    assert cells[0] == tuple(header)
    assert sum(row[4] for row in cells[1:]) == 10
    formula = next(row for row in sheet.iter_rows() if row[0].value == "=1")[0]
    assert formula.data_type == "s"
    assert formula.quotePrefix


def report_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_report_costs_the_same_for_1_and_8_workshops(client, make_staff, make_event, event_index):
    client.force_login(make_staff("runner@example.org", pages=[event_index]))
    url = reverse("events_balance")
    event = make_event(with_agenda=False)
    add(event, days=1)
    client.get(url)  # warm the caches (site root paths, content types)
    one = report_queries(client, url)
    one_workshop = report_queries(client, reverse("events_balance_workshop", args=[event.pk]))

    for _ in range(7):
        make_event(with_agenda=False)
    Registration.objects.bulk_create(
        Registration(event=event, status=Status.CONFIRMED, **participant_fields())
        for _ in range(49)
    )
    assert report_queries(client, url) == one
    assert report_queries(client, reverse("events_balance_workshop", args=[event.pk])) == (
        one_workshop
    )


def test_report_across_workshops_filters_and_lists_them(
    client, make_staff, make_event, event_index, workshop
):
    other = make_event(start=datetime.date(2024, 5, 6), country="MA", with_agenda=False)
    add(other, constituency="employers", gender="woman", days=1)
    client.force_login(make_staff("runner@example.org", pages=[event_index]))
    url = reverse("events_balance")

    response = client.get(url)
    assert response.context["total"].registered_total == 10
    assert [line.event.pk for line in response.context["workshop_lines"]] == [
        workshop.pk,
        other.pk,
    ]

    response = client.get(url, {"country": "MA", "year": "2024"})
    assert response.context["total"].registered_total == 1
    assert [line.event.pk for line in response.context["workshop_lines"]] == [other.pk]
    line = response.context["workshop_lines"][0]
    assert (line.registered, line.attended, line.women_attended) == (1, 1, 1)

    response = client.get(url, {"year": "not a year"})
    assert response.context["form"].errors["year"]
    assert response.context["total"].registered_total == 10


def not_found(client, url):
    """A 404, once Django's LocaleMiddleware has tried the URL under the language prefix."""
    response = client.get(url, follow=True)
    return response.status_code == 404 and b"balance-chart" not in response.content


def test_only_staff_who_run_the_workshop_see_its_report(client, make_staff, make_event, workshop):
    elsewhere = make_event(with_agenda=False)
    add(elsewhere, gender="man", days=1)
    client.force_login(make_staff("other@example.org", pages=[elsewhere]))

    assert not_found(client, reverse("events_balance_workshop", args=[workshop.pk]))
    # Across workshops, only the workshops the user runs are counted.
    response = client.get(reverse("events_balance"))
    assert response.context["total"].registered_total == 1
    assert [line.event.pk for line in response.context["workshop_lines"]] == [elsewhere.pk]

    client.force_login(make_staff("nobody@example.org"))
    assert not_found(client, reverse("events_balance_workshop", args=[workshop.pk]))
    response = client.get(reverse("events_balance"))
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def test_participants_cannot_reach_the_report(client, make_user, workshop):
    client.force_login(make_user(email="participant@example.org"))
    response = client.get(reverse("events_balance_workshop", args=[workshop.pk]))
    # Wagtail sends whoever may not open the admin to the login page.
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_reports_menu_offers_the_report_to_editors_only(client, make_staff, event_index):
    client.force_login(make_staff("runner@example.org", pages=[event_index]))
    assert reverse("events_balance") in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(make_staff("nobody@example.org"))
    assert (
        reverse("events_balance") not in client.get(reverse("wagtailadmin_home")).content.decode()
    )
