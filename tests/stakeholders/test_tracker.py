"""The public tracker of recommendations: public ones only, no personal data, in three languages;
its country views, a recommendation's validated timeline, its open data (CSV, JSON), the
recommendations on their source page, a fixed number of queries. The demo's recommendations are
tests/stakeholders/test_demo_registry.py's."""

import csv
import html
import io
import itertools
import json
import re
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from home.models import PublicationIndexPage, PublicationPage
from stakeholders.models import (
    ProgressReview,
    ProgressUpdate,
    Recommendation,
    RecommendationTrackerPage,
)
from tests.markup import form_labels

pytestmark = pytest.mark.django_db

_numbers = itertools.count(1)
SLUGS = {"fr": "suivi", "ar": "متابعة", "en": "tracker"}


def text(name, fr, ar, en):
    return {name: fr, f"{name}_fr": fr, f"{name}_ar": ar, f"{name}_en": en}


def recommendation_row(lead=None, *, public=True, **fields):
    """An unsaved recommendation, for bulk_create."""
    number = next(_numbers)
    return Recommendation(
        **text(
            "title",
            fields.pop("title", f"Recommandation {number}"),
            fields.pop("title_ar", f"التوصية رقم {number}"),
            fields.pop("title_en", f"Recommendation {number}"),
        ),
        **text("text", f"Texte {number}.", f"النص {number}.", f"Text {number}."),
        reference=fields.pop("reference", f"TN-TEST-R{number:04}"),
        axis=fields.pop("axis", "data"),
        country=fields.pop("country", "TN"),
        lead_organisation=lead,
        is_public=public,
        **fields,
    )


@pytest.fixture
def make_recommendation(db):
    """make_recommendation(lead, public=True, supporting=(), **fields): one, saved."""

    def make(lead=None, *, supporting=(), **fields):
        recommendation = recommendation_row(lead, **fields)
        recommendation.save()
        recommendation.supporting_organisations.set(supporting)
        return recommendation

    return make


@pytest.fixture
def tracker(home_page):
    """The tracker under the home page: /fr/suivi/, /ar/متابعة/, /en/tracker/."""
    page = RecommendationTrackerPage(
        **text("title", "Suivi des recommandations", "متابعة التوصيات", "Recommendations tracker"),
        **text("slug", SLUGS["fr"], SLUGS["ar"], SLUGS["en"]),
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def url(language, rest=""):
    return f"/{language}/{SLUGS[language]}/{rest}"


def add_update(recommendation, *, decision=None, narrative="Avancement.", author=None, **fields):
    """An update of `recommendation`, reviewed with `decision` (None: waiting for review)."""
    update = ProgressUpdate.objects.create(
        recommendation=recommendation,
        author=author,
        organisation=recommendation.lead_organisation,
        proposed_status=fields.pop("status", "in_progress"),
        proposed_progress=fields.pop("progress", 40),
        narrative=narrative,
    )
    if decision:
        ProgressReview.objects.create(update=update, decision=decision, comment="Note interne.")
    return update


def references(response):
    return re.findall(
        r'<span class="recommendation-reference" dir="ltr">(.*?)</span>', response.text
    )


@pytest.fixture
def portfolio(make_organisation, make_person, make_recommendation):
    """Public and private recommendations; the public one has a named focal point."""
    ins = make_organisation("Institut national de la statistique", acronym="INS")
    hcp = make_organisation("Haut-Commissariat au Plan", acronym="HCP", country="MA")
    person = make_person("Leïla", "Confidentielle", email="leila.confidentielle@example.org")
    public = make_recommendation(
        ins, reference="TN-SIM-2024-R01", title="Module migration de l'enquête emploi"
    )
    public.focal_points.set([person])
    return {
        "ins": ins,
        "hcp": hcp,
        "person": person,
        "public": public,
        "private": make_recommendation(ins, reference="TN-SIM-2024-R02", public=False),
        "morocco": make_recommendation(hcp, reference="MA-DON-2025-R01", country="MA"),
    }


# ---------------------------------------------------------------- The listing


def test_tracker_lists_public_recommendations_only(client, tracker, portfolio):
    response = client.get(url("fr"))

    assert response.status_code == 200
    assert references(response) == ["MA-DON-2025-R01", "TN-SIM-2024-R01"]
    assert "TN-SIM-2024-R02" not in response.text
    count = re.search(r'<p class="listing-count" role="status">(.*?)</p>', response.text)
    assert count.group(1).startswith("2 ")


@pytest.mark.parametrize(
    ("language", "title"),
    [("fr", "Recommandation"), ("ar", "التوصية رقم"), ("en", "Recommendation")],
)
def test_tracker_speaks_the_url_language(client, tracker, make_recommendation, language, title):
    make_recommendation()

    response = client.get(url(language))

    assert response.status_code == 200
    assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in (
        response.text
    )
    assert title in response.text


def test_tracker_shows_no_personal_data(client, tracker, portfolio, make_user):
    author = make_user(email="auteur.secret@example.org", first_name="Auteur", last_name="Secret")
    add_update(portfolio["public"], decision="validated", author=author)

    pages = [
        client.get(url("fr")),
        client.get(url("fr", f"{portfolio['public'].pk}/")),
        client.get(url("fr", "recommendations.csv")),
        client.get(url("fr", "recommendations.json")),
    ]

    for response in pages:
        assert response.status_code == 200
        body = response.content.decode()
        for secret in ("Confidentielle", "leila.confidentielle", "auteur.secret", "Secret"):
            assert secret not in body
        assert "Note interne." not in body


def test_tracker_filters_and_country_view(client, tracker, portfolio, make_recommendation):
    make_recommendation(portfolio["ins"], reference="TN-SIM-2024-R03", status="implemented")

    by_status = client.get(url("fr") + "?status=implemented")
    by_country = client.get(url("fr", "country/tn/"))
    bad = client.get(url("fr") + "?status=nonsense&country=ZZ")

    assert references(by_status) == ["TN-SIM-2024-R03"]
    assert references(by_country) == ["TN-SIM-2024-R01", "TN-SIM-2024-R03"]
    assert "report/tn.pdf" in by_country.text
    # A value that does not validate is dropped: the listing shows as if it was not sent.
    assert references(bad) == ["MA-DON-2025-R01", "TN-SIM-2024-R01", "TN-SIM-2024-R03"]
    assert client.get(url("fr", "country/zz/")).status_code == 404


def test_tracker_filter_labels_point_at_their_controls(client, tracker):
    labels, controls = form_labels(client.get(url("fr")).text, "listing-filters")
    country_labels, country_controls = form_labels(
        client.get(url("fr", "country/tn/")).text, "listing-filters"
    )

    assert labels == [f"tracker-filter-{name}" for name in ("country", "axis", "status")]
    assert set(labels) <= controls
    # The country view has no country filter: its country is in the URL.
    assert country_labels == ["tracker-filter-axis", "tracker-filter-status"]
    assert set(country_labels) <= country_controls


def figure_links(response):
    """{(frozen query): href} of every link on the page that carries a query."""
    links = {}
    for href in re.findall(r'<a href="([^"]*\?[^"]*)"', response.text):
        href = html.unescape(href)
        links[frozenset(parse_qsl(urlsplit(href).query))] = href
    return links


def test_tracker_figure_links_lead_to_the_counted_rows(client, tracker, portfolio):
    response = client.get(url("fr"))

    # The chart's segment for Tunisia, not started: one public recommendation.
    href = figure_links(response)[frozenset({("country", "TN"), ("status", "not_started")})]
    assert references(client.get(href)) == ["TN-SIM-2024-R01"]


@pytest.mark.parametrize(
    "rest", ["", "country/tn/", "recommendations.csv", "recommendations.json", "report/tn.pdf"]
)
def test_tracker_costs_a_fixed_number_of_queries(client, tracker, make_organisation, rest):
    leads = [make_organisation(), make_organisation()]

    def queries(total):
        existing = Recommendation.objects.count()
        created = Recommendation.objects.bulk_create(
            [recommendation_row(leads[n % 2]) for n in range(existing, total)]
        )
        for item in created[:3]:
            item.supporting_organisations.set(leads)
            add_update(item, decision="validated")
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url("fr", rest))
        assert response.status_code == 200
        return len(captured)

    client.get(url("fr", rest))  # the first request fills Wagtail's caches (site root paths)
    at_10 = queries(10)
    at_500 = queries(500 if not rest.endswith(".pdf") else 60)
    assert at_10 == at_500, (at_10, at_500)


def test_tracker_paginates(client, tracker, make_organisation):
    lead = make_organisation()
    Recommendation.objects.bulk_create([recommendation_row(lead) for _ in range(30)])

    last = client.get(url("fr") + "?page=42")

    assert last.status_code == 200
    assert len(references(last)) == 30 - 12 - 12
    assert "?page=2" in last.text


# ---------------------------------------------------------------- One recommendation


def test_recommendation_page_shows_its_validated_timeline_only(client, tracker, portfolio):
    recommendation = portfolio["public"]
    add_update(recommendation, decision="validated", narrative="Module testé auprès de 300.")
    add_update(recommendation, decision="returned", narrative="Version renvoyée.")
    add_update(recommendation, narrative="Version en attente.")

    response = client.get(url("fr", f"{recommendation.pk}/"))

    assert response.status_code == 200
    assert "Module testé auprès de 300." in response.text
    assert "Version renvoyée." not in response.text
    assert "Version en attente." not in response.text
    assert recommendation.title_fr.replace("'", "&#x27;") in response.text


def test_private_recommendation_is_a_404(client, tracker, portfolio):
    assert client.get(url("fr", f"{portfolio['private'].pk}/")).status_code == 404
    assert client.get(url("fr", "999999/")).status_code == 404


# ---------------------------------------------------------------- Open data


def test_csv_holds_public_recommendations_formula_safe(client, tracker, portfolio):
    make = portfolio["public"]
    make.title_fr = '=HYPERLINK("http://evil.example")'
    make.save()

    response = client.get(url("fr", "recommendations.csv"))

    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["reference"] for row in rows] == ["MA-DON-2025-R01", "TN-SIM-2024-R01"]
    tunisian = rows[1]
    assert tunisian["title"] == '\'=HYPERLINK("http://evil.example")'
    assert tunisian["lead_organisation"] == str(portfolio["ins"])
    assert tunisian["url"].endswith(url("fr", f"{make.pk}/"))


def test_json_is_in_the_url_language_and_follows_the_filters(client, tracker, portfolio):
    response = client.get(url("ar", "recommendations.json") + "?country=MA")

    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["language"] == "ar"
    assert data["count"] == 1
    [item] = data["recommendations"]
    assert item["reference"] == "MA-DON-2025-R01"
    assert item["title"].startswith("التوصية رقم")
    with translation.override("ar"):
        assert item["status_name"] == str(Recommendation.Status.NOT_STARTED.label)
    assert "focal_points" not in item


# ---------------------------------------------------------------- The source page


def test_study_page_shows_its_public_recommendations(client, tracker, home_page, portfolio):
    index = PublicationIndexPage(**text("title", "Publications", "المنشورات", "Publications"))
    index.slug = index.slug_fr = "publications"
    index.slug_ar, index.slug_en = "المنشورات", "publications"
    home_page.add_child(instance=index)
    study = PublicationPage(
        **text("title", "État des lieux", "واقع الحال", "Assessment"),
        **text("slug", "etat-des-lieux", "واقع-الحال", "assessment"),
        kind="study",
        year=2025,
    )
    index.add_child(instance=study)
    study.save_revision().publish()
    Recommendation.objects.filter(pk__in=[portfolio["public"].pk, portfolio["private"].pk]).update(
        source_page=study
    )

    response = client.get("/fr/publications/etat-des-lieux/")

    assert response.status_code == 200
    assert "TN-SIM-2024-R01" in response.text
    assert "TN-SIM-2024-R02" not in response.text
    assert url("fr", f"{portfolio['public'].pk}/") in unquote(response.text)
