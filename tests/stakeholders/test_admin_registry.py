import html
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail import hooks

from stakeholders.admin_views.registry import ORGANISATION_PANELS_HOOK, OrganisationPanel
from stakeholders.models import Affiliation, Organisation, Party, Protocol, Signatory

pytestmark = pytest.mark.django_db

ORGANISATIONS = "/admin/registry/organisations/"
PEOPLE = "/admin/registry/people/"
AFFILIATIONS = "/admin/registry/affiliations/"
WORKSHOPS = "The workshops this organisation took part in will appear here."
RECOMMENDATIONS = "The recommendations this organisation is responsible for will appear here."


def translated(msgid, language="fr", **params):
    """The project's msgid (with its %(…)s parameters) as a page in `language` shows it — the
    admin's language without a profile preference is the site's, French; checked to differ
    from the English so that the test proves the page is translated."""
    with translation.override(language):
        text = translation.gettext(msgid) % params if params else translation.gettext(msgid)
    assert text != (msgid % params if params else msgid), (language, msgid)
    return text


def listed(response):
    """The names in the listing's title column."""
    cells = re.findall(r'<div class="title-wrapper">\s*<a[^>]*>(.*?)</a>', response.text, re.S)
    return [html.unescape(" ".join(cell.split())) for cell in cells]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(queries)


# Listings


@pytest.mark.parametrize(
    "url",
    [
        ORGANISATIONS,
        ORGANISATIONS + "?q=ministère&country=TN&constituency=government",
        PEOPLE,
        PEOPLE + "?country=TN&is_focal_point=true",
        AFFILIATIONS,
        ORGANISATIONS + "?export=csv",
        PEOPLE + "?export=xlsx",
    ],
)
def test_registry_listing_costs_the_same_queries_for_1_and_50_organisations(
    staff_client,
    make_organisation,
    make_affiliation,
    make_person,
    django_assert_max_num_queries,
    url,
):
    def add(number):
        organisation = make_organisation(f"Ministère {number}", parent=parent)
        make_affiliation(person=make_person(), organisation=organisation, is_focal_point=True)

    parent = make_organisation("Gouvernement")
    add(0)
    with_one = count_queries(staff_client, url)

    for number in range(1, 50):
        add(number)

    assert count_queries(staff_client, url) == with_one
    with django_assert_max_num_queries(with_one):
        staff_client.get(url)


def test_organisation_listing_shows_kind_constituency_country_and_people(
    staff_client, make_organisation, make_affiliation
):
    union = make_organisation("Union générale", acronym="UGTT", kind="workers_organisation")
    make_affiliation(organisation=union)
    make_affiliation(organisation=union)

    page = staff_client.get(ORGANISATIONS).text

    assert "Union générale" in page
    assert "UGTT" in page
    assert "Organisation de travailleurs" in page or "Workers" in page
    assert f'href="{ORGANISATIONS}inspect/{union.pk}/"' in page
    assert re.search(r"<td[^>]*>\s*2\s*</td>", page)


@pytest.mark.parametrize("query", ["emploi", "التشغيل", "employment", "MFPE", "mfpe"])
def test_organisation_search_finds_names_in_every_language_and_acronyms(
    staff_client, make_organisation, query
):
    make_organisation(
        "Ministère de l'Emploi",
        ar="وزارة التشغيل",
        en="Ministry of Employment",
        acronym="MFPE",
    )
    make_organisation("Institut national de la statistique", ar="المعهد الوطني للإحصاء", en="INS")

    response = staff_client.get(ORGANISATIONS, {"q": query})

    assert listed(response) == ["Ministère de l'Emploi"]


@pytest.mark.parametrize("query", ["amel ben", "BEN ALI", "علي", "بن علي أمل", "amel@example"])
def test_person_search_matches_every_word_in_latin_or_arabic_names_or_email(
    staff_client, make_person, query
):
    make_person(
        "Amel", "Ben Ali", first_name_ar="أمل", last_name_ar="بن علي", email="amel@example.org"
    )
    make_person("Amel", "Trabelsi", first_name_ar="أمل", last_name_ar="الطرابلسي")

    assert listed(staff_client.get(PEOPLE, {"q": query})) == ["Amel Ben Ali"]


def test_organisation_filter_by_constituency_takes_the_kinds_that_make_it(
    staff_client, make_organisation
):
    make_organisation("Ministère", kind="ministry")
    make_organisation("Institut de la statistique", kind="statistics_institute")
    make_organisation("Syndicat", kind="workers_organisation")
    make_organisation("Université", kind="academic")

    def names(query):
        return sorted(listed(staff_client.get(ORGANISATIONS + query)))

    assert names("?constituency=government") == ["Institut de la statistique", "Ministère"]
    assert names("?constituency=workers&constituency=other") == ["Syndicat", "Université"]
    assert names("?kind=academic") == ["Université"]


def test_organisation_filter_by_country_includes_those_outside_the_four(
    staff_client, make_organisation
):
    make_organisation("Ministère marocain", country="MA")
    make_organisation("Ministère tunisien", country="TN")
    make_organisation("Coopération italienne", country="", kind="donor")

    def names(query):
        return sorted(listed(staff_client.get(ORGANISATIONS + query)))

    assert names("?country=MA") == ["Ministère marocain"]
    assert names("?country=MA&country=none") == ["Coopération italienne", "Ministère marocain"]


def test_person_filters_follow_their_affiliations(
    staff_client, make_person, make_organisation, make_affiliation
):
    moroccan = make_organisation("Ministère marocain", country="MA")
    union = make_organisation("Syndicat", country="TN", kind="workers_organisation")
    make_affiliation(person=make_person("Amina", "Alaoui"), organisation=moroccan)
    make_affiliation(
        person=make_person("Sami", "Ben Salah"), organisation=union, is_focal_point=True
    )
    make_person("Nour", "Sans affiliation")

    def names(query):
        return sorted(listed(staff_client.get(PEOPLE + query)))

    assert names("?country=MA") == ["Amina Alaoui"]
    assert names("?constituency=workers") == ["Sami Ben Salah"]
    assert names(f"?organisation={moroccan.pk}") == ["Amina Alaoui"]
    assert names("?is_focal_point=true") == ["Sami Ben Salah"]
    assert names("?is_focal_point=false") == ["Amina Alaoui", "Nour Sans affiliation"]


def test_organisation_listing_is_paginated_by_fifty(staff_client, make_organisation):
    for number in range(51):
        make_organisation(f"Organisation {number:02}")

    assert len(listed(staff_client.get(ORGANISATIONS))) == 50
    assert listed(staff_client.get(ORGANISATIONS + "?p=2")) == ["Organisation 50"]


def menu(response):
    """The admin's main menu: {item label, in the admin's language: [the URLs of its submenu]}.
    (Labels rather than names: a menu item's name is slugified from its label in whichever
    language was active when the menu was first built.)"""
    props = re.search(
        r'<script id="wagtail-sidebar-props"[^>]*>(.*?)</script>', response.text, re.S
    )
    [main] = [
        m for m in json.loads(props.group(1))["modules"] if m["_type"].endswith("MainMenuModule")
    ]
    return {
        item["_args"][0]["label"]: [child["_args"][0].get("url") for child in item["_args"][1]]
        for item in main["_args"][0]
        if item["_type"].endswith("SubMenuItem")
    }


def test_registry_menu_groups_organisations_people_and_affiliations(staff_client):
    registry = translated("Registry")
    assert menu(staff_client.get("/admin/"))[registry] == [ORGANISATIONS, PEOPLE, AFFILIATIONS]


# Permissions


def urls(organisation, person):
    return [
        ORGANISATIONS,
        ORGANISATIONS + "new/",
        f"{ORGANISATIONS}edit/{organisation.pk}/",
        f"{ORGANISATIONS}inspect/{organisation.pk}/",
        ORGANISATIONS + "?export=csv",
        ORGANISATIONS + "import/",
        PEOPLE,
        f"{PEOPLE}inspect/{person.pk}/",
        PEOPLE + "import/",
        PEOPLE + "merge/",
        AFFILIATIONS,
        AFFILIATIONS + "new/",
    ]


def test_editor_without_registry_permissions_reaches_no_registry_page(
    client, editor, make_organisation, make_person
):
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200

    for url in urls(make_organisation(), make_person()):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response["Location"] == "/admin/", url

    assert translated("Registry") not in menu(client.get("/admin/"))


def test_anonymous_visitor_is_sent_to_log_in(client, make_organisation, make_person):
    for url in urls(make_organisation(), make_person()):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/accounts/login/" in response["Location"], url


def test_staff_without_totp_is_sent_to_set_it_up(client, make_user, make_organisation):
    user = make_user(email="nototp@example.org", is_staff=True, is_superuser=True)
    client.force_login(user)

    response = client.get(ORGANISATIONS, headers={"accept-language": "fr"})

    assert response["Location"] == "/fr/accounts/2fa/totp/activate/"


def test_view_permission_shows_pages_but_no_form_import_or_merge(
    client, make_admin_user, make_organisation, make_person
):
    organisation, person = make_organisation("Ministère"), make_person()
    reader = make_admin_user(
        permissions=["stakeholders.view_organisation", "stakeholders.view_person"]
    )
    client.force_login(reader)

    assert "Ministère" in client.get(ORGANISATIONS).text
    assert client.get(f"{ORGANISATIONS}inspect/{organisation.pk}/").status_code == 200
    assert client.get(f"{PEOPLE}inspect/{person.pk}/").status_code == 200
    for url in (
        f"{ORGANISATIONS}edit/{organisation.pk}/",
        ORGANISATIONS + "new/",
        ORGANISATIONS + "import/",
        PEOPLE + "merge/",
    ):
        assert client.get(url).status_code in (302, 403), url
    assert "import/" not in client.get(ORGANISATIONS).text


# Forms


def test_new_organisation_needs_its_french_name(staff_client):
    data = {"name_fr": "", "name_ar": "وزارة", "name_en": "", "kind": "ministry", "country": "TN"}

    response = staff_client.post(ORGANISATIONS + "new/", data)

    assert response.status_code == 200
    assert not Organisation.objects.exists()

    data["name_fr"] = "Ministère"
    response = staff_client.post(ORGANISATIONS + "new/", data)
    assert response.status_code == 302
    organisation = Organisation.objects.get()
    assert (organisation.name_fr, organisation.name_ar) == ("Ministère", "وزارة")


def test_arabic_name_fields_are_written_right_to_left(staff_client):
    page = staff_client.get(ORGANISATIONS + "new/").text

    [name_ar] = re.findall(r'<input[^>]*name="name_ar"[^>]*>', page)
    assert 'dir="rtl"' in name_ar
    assert 'lang="ar"' in name_ar


def test_affiliation_added_from_a_persons_page_comes_back_to_it(
    staff_client, make_person, make_organisation
):
    person, organisation = make_person(), make_organisation("Ministère")
    page = f"{PEOPLE}inspect/{person.pk}/"
    add_url = re.search(
        r'href="(/admin/registry/affiliations/new/\?[^"]+)"', staff_client.get(page).text
    ).group(1)
    add_url = add_url.replace("&amp;", "&")
    assert f"person={person.pk}" in add_url

    form = staff_client.get(add_url).text
    assert re.search(rf'<option value="{person.pk}" selected>', form)

    response = staff_client.post(
        add_url,
        {"person": person.pk, "organisation": organisation.pk, "position_fr": "Directrice"},
    )

    assert response.status_code == 302
    assert response["Location"] == page
    assert Affiliation.objects.get().position == "Directrice"
    assert "Directrice" in staff_client.get(page).text


def test_duplicate_affiliation_is_refused_by_its_form(staff_client, make_affiliation):
    affiliation = make_affiliation(position="Directeur")

    response = staff_client.post(
        AFFILIATIONS + "new/",
        {
            "person": affiliation.person_id,
            "organisation": affiliation.organisation_id,
            "position_fr": "Directeur",
        },
    )

    assert response.status_code == 200
    assert Affiliation.objects.count() == 1


# An organisation's page


def test_organisation_page_shows_people_protocols_and_placeholders(
    staff_client, make_organisation, make_affiliation, make_person
):
    ministry = make_organisation("Ministère de l'Emploi", acronym="MFPE")
    make_affiliation(
        person=make_person("Amel", "Ben Ali", last_name_ar="بن علي", first_name_ar="أمل"),
        organisation=ministry,
        position="Directrice générale",
        is_focal_point=True,
        is_signatory=True,
    )
    protocol = Protocol.objects.create(reference="TN-2024-01", title="Protocole statistiques")
    Party.objects.create(protocol=protocol, organisation=ministry)

    response = staff_client.get(f"{ORGANISATIONS}inspect/{ministry.pk}/")

    page = response.text
    assert "Amel Ben Ali" in page
    assert '<div lang="ar" dir="rtl">أمل بن علي</div>' in page
    assert "Directrice générale" in page
    assert "TN-2024-01" in page
    assert "Protocole statistiques" in page
    workshops = html.escape(translated(WORKSHOPS))
    assert workshops in page
    assert html.escape(translated(RECOMMENDATIONS)) in page
    assert page.index("Amel Ben Ali") < page.index("TN-2024-01") < page.index(workshops)


def test_organisation_page_costs_the_same_queries_for_1_and_20_people(
    staff_client, make_organisation, make_affiliation
):
    ministry = make_organisation()
    url = f"{ORGANISATIONS}inspect/{ministry.pk}/"
    make_affiliation(organisation=ministry)
    with_one = count_queries(staff_client, url)

    for _number in range(19):
        make_affiliation(organisation=ministry)

    assert count_queries(staff_client, url) == with_one


def test_a_missing_organisation_or_person_is_not_found(staff_client):
    # (Django's LocaleMiddleware first tries the URL under /fr/.)
    for url in (f"{ORGANISATIONS}inspect/999/", f"{PEOPLE}inspect/999/"):
        assert staff_client.get(url, follow=True).status_code == 404


class WorkshopsPanel(OrganisationPanel):
    name = "workshops"
    heading = "Ateliers"
    order = 30
    message = "3 ateliers"


def test_a_panel_registered_by_another_app_replaces_its_placeholder(
    staff_client, make_organisation
):
    ministry = make_organisation()

    with hooks.register_temporarily(ORGANISATION_PANELS_HOOK, WorkshopsPanel):
        page = staff_client.get(f"{ORGANISATIONS}inspect/{ministry.pk}/").text

    assert "3 ateliers" in page
    assert html.escape(translated(WORKSHOPS)) not in page
    assert WORKSHOPS not in page
    assert html.escape(translated(RECOMMENDATIONS)) in page


def test_person_page_lists_affiliations_with_links_to_edit_them(staff_client, make_affiliation):
    affiliation = make_affiliation(position="Chargé d'études")

    page = staff_client.get(f"{PEOPLE}inspect/{affiliation.person_id}/").text

    assert "Chargé d" in page
    assert f"{AFFILIATIONS}edit/{affiliation.pk}/?next=" in page
    assert f"{ORGANISATIONS}inspect/{affiliation.organisation_id}/" in page


def test_person_page_lists_designations_to_sign(staff_client, make_affiliation):
    affiliation = make_affiliation()
    protocol = Protocol.objects.create(reference="TN-2024-02", title="Protocole")
    party = Party.objects.create(protocol=protocol, organisation=affiliation.organisation)
    Signatory.objects.create(party=party, person=affiliation.person, title="Ministre")

    page = staff_client.get(f"{PEOPLE}inspect/{affiliation.person_id}/").text

    assert "TN-2024-02 — Protocole" in page
    assert "(Ministre)" in page
