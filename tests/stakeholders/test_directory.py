"""The public partners directory: organisations flagged public, by country and constituency; a
person's name only with their consent, and never anyone's email address or phone number."""

import datetime
import re

import pytest
from django.utils import timezone, translation

from stakeholders.models import Organisation
from tests.markup import form_labels

pytestmark = pytest.mark.django_db

URLS = {"fr": "/fr/annuaire/", "ar": "/ar/الدليل/", "en": "/en/directory/"}
Kind = Organisation.Kind


def names(response):
    """The organisations' names on the page, in order."""
    titles = re.findall(r'<h3 class="card__title">(.*?)(?: <span|</h3>)', response.text)
    return [title.replace("&#x27;", "'") for title in titles]


def groups(response):
    return re.findall(r'<h2 class="directory-country__title"[^>]*>(.*?)</h2>', response.text)


@pytest.fixture
def partners(directory_page, make_organisation):
    return {
        "ins": make_organisation(
            "Institut national de la statistique",
            acronym="INS",
            ar="المعهد الوطني للإحصاء",
            en="National Institute of Statistics",
            kind=Kind.STATISTICS_INSTITUTE,
            country="TN",
            website="https://ins.example/",
            email="contact@ins.example",
        ),
        "ugtt": make_organisation(
            "Union générale tunisienne du travail",
            acronym="UGTT",
            ar="الاتحاد العام التونسي للشغل",
            en="Tunisian General Labour Union",
            kind=Kind.WORKERS_ORGANISATION,
            country="TN",
        ),
        "hcp": make_organisation(
            "Haut-Commissariat au Plan",
            acronym="HCP",
            ar="المندوبية السامية للتخطيط",
            en="High Commission for Planning",
            kind=Kind.STATISTICS_INSTITUTE,
            country="MA",
        ),
        "ilo": make_organisation(
            "Organisation internationale du Travail",
            ar="منظمة العمل الدولية",
            en="International Labour Organization",
            kind=Kind.INTERNATIONAL_ORGANISATION,
            country="",
        ),
        "hidden": make_organisation(
            "Organisation non publiée", kind=Kind.ASSOCIATION, country="LY", is_public=False
        ),
    }


@pytest.fixture
def people(partners, make_person, make_affiliation):
    """At the INS: one person consenting to be listed, one not; the UGTT's consents but left."""
    listed = make_person(
        "Leïla",
        "Exemple",
        first_name_ar="ليلى",
        last_name_ar="مثال",
        gender="woman",
        email="leila@example.org",
        phone="+216 70 000 101",
        consents_to_listing=True,
    )
    unlisted = make_person(
        "Karim",
        "Secret",
        first_name_ar="كريم",
        last_name_ar="مخفي",
        email="karim@example.org",
        phone="+216 70 000 102",
        consents_to_contact=True,
    )
    former = make_person("Ancienne", "Responsable", consents_to_listing=True)
    ins = partners["ins"]
    make_affiliation(person=listed, organisation=ins, position="Cheffe", is_focal_point=True)
    make_affiliation(person=unlisted, organisation=ins, position="Directeur", is_signatory=True)
    make_affiliation(
        person=former,
        organisation=partners["ugtt"],
        position="Secrétaire",
        until=timezone.localdate() - datetime.timedelta(days=1),
    )
    return {"listed": listed, "unlisted": unlisted, "former": former}


def test_directory_lists_public_organisations_by_country_with_international_ones_last(
    client, partners
):
    response = client.get(URLS["fr"])
    assert response.status_code == 200
    with translation.override("fr"):
        international = translation.gettext("International partners")
    assert international != "International partners", "not translated"
    assert groups(response) == ["Maroc", "Tunisie", international]
    # Within a country: government first, then employers, workers, civil society.
    assert names(response) == [
        "Haut-Commissariat au Plan",
        "Institut national de la statistique",
        "Union générale tunisienne du travail",
        "Organisation internationale du Travail",
    ]
    assert "Organisation non publiée" not in response.text


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ar", ["المعهد الوطني للإحصاء", "الاتحاد العام التونسي للشغل"]),
        ("en", ["National Institute of Statistics", "Tunisian General Labour Union"]),
    ],
)
def test_directory_names_organisations_in_the_pages_language(client, partners, language, expected):
    response = client.get(URLS[language], {"country": "TN"})
    assert response.status_code == 200
    assert names(response) == expected
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in response.text


def test_directory_shows_an_organisations_public_contact_data(client, partners):
    page = client.get(URLS["fr"]).text
    assert 'href="https://ins.example/"' in page
    assert "contact@ins.example" in page


def test_directory_filters_by_country_and_constituency(client, partners):
    assert names(client.get(URLS["fr"], {"country": "MA"})) == ["Haut-Commissariat au Plan"]
    response = client.get(URLS["fr"], {"constituency": "workers"})
    assert names(response) == ["Union générale tunisienne du travail"]
    assert 'value="workers" selected' in response.text
    response = client.get(URLS["fr"], {"country": "TN", "constituency": "government"})
    assert names(response) == ["Institut national de la statistique"]
    assert names(client.get(URLS["fr"], {"constituency": "international"})) == [
        "Organisation internationale du Travail"
    ]


def test_directory_ignores_a_filter_value_it_does_not_know(client, partners):
    response = client.get(URLS["fr"], {"country": "FR", "constituency": "<script>"})
    assert response.status_code == 200
    assert len(names(response)) == 4
    assert "<script>" not in response.text


def test_directory_filter_labels_point_at_their_controls(client, directory_page):
    labels, controls = form_labels(client.get(URLS["fr"]).text, "listing-filters")

    assert labels == ["directory-filter-country", "directory-filter-constituency"]
    assert set(labels) <= controls


def test_directory_lists_a_person_only_with_their_consent(client, people):
    for language, url in URLS.items():
        page = client.get(url).text
        assert "Karim" not in page and "Secret" not in page, language
        assert "كريم" not in page and "مخفي" not in page, language
        assert "Directeur" not in page, language
        assert "Ancienne" not in page, language  # consented, but no longer there
    french = client.get(URLS["fr"]).text
    assert "Leïla Exemple" in french and "ليلى مثال" in french and "Cheffe" in french
    arabic = client.get(URLS["ar"]).text
    assert '<span class="directory-person__name">ليلى مثال</span>' in arabic


def test_directory_never_shows_a_persons_email_phone_or_gender(client, people):
    for url in URLS.values():
        page = client.get(url).text
        for person in people.values():
            if person.email:
                assert person.email not in page
            if person.phone:
                assert person.phone not in page
        assert "Woman" not in page and "Femme" not in page and "امرأة" not in page


def test_directory_paginates_and_keeps_the_filters(client, directory_page, make_organisation):
    for number in range(14):
        make_organisation(f"Ministère {number:02}", country="TN")
    first = client.get(URLS["fr"], {"country": "TN"})
    assert len(names(first)) == 12
    assert 'href="?country=TN&amp;page=2"' in first.text
    second = client.get(URLS["fr"], {"country": "TN", "page": 2})
    assert names(second) == ["Ministère 12", "Ministère 13"]


def test_directory_costs_the_same_queries_for_1_and_50_organisations(
    client,
    directory_page,
    make_organisation,
    make_person,
    make_affiliation,
    django_assert_max_num_queries,
):
    def organisation(number):
        made = make_organisation(
            f"Organisation {number:02}", country=["LY", "MA", "MR", "TN"][number % 4]
        )
        for index in range(2):
            person = make_person("Nom", f"Listé {number}.{index}", consents_to_listing=True)
            make_affiliation(person=person, organisation=made, is_focal_point=index == 0)
        return made

    organisation(0)
    with django_assert_max_num_queries(1000) as captured:
        client.get(URLS["ar"])
    at_one = len(captured)
    for number in range(1, 50):
        organisation(number)
    with django_assert_max_num_queries(at_one):
        response = client.get(URLS["ar"])
    assert len(names(response)) == 12
    assert response.text.count('class="directory-person"') == 24
