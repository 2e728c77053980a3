"""The demo registry: the partners of the four countries, a few people, a focal point account;
the demo's recommendations. The demo is loaded once for the module (tests/conftest.py)."""

import importlib.util
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.utils import timezone, translation
from wagtail.models import Page

from amem.demo import registry as demo
from home.models import HomePage
from stakeholders.models import (
    Affiliation,
    Organisation,
    PartnersDirectoryPage,
    Person,
    ProgressReview,
    ProgressUpdate,
    ProtocolIndexPage,
    Recommendation,
    RecommendationTrackerPage,
    User,
)
from tests.routes import route

pytestmark = pytest.mark.django_db

Kind = Organisation.Kind
# What each country's partners include (the seed's partner list).
EACH_COUNTRY = [
    Kind.MINISTRY,
    Kind.MINISTRY,
    Kind.MINISTRY,
    Kind.STATISTICS_INSTITUTE,
    Kind.EMPLOYERS_ORGANISATION,
    Kind.WORKERS_ORGANISATION,
    Kind.ASSOCIATION,
]


def load_demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def registry_state():
    return (
        list(Organisation.objects.order_by("pk").values_list("pk", "name_fr", "is_public")),
        list(Person.objects.order_by("pk").values_list("pk", "last_name", "user_id")),
        list(Affiliation.objects.order_by("pk").values_list("pk", "person_id", "position")),
        list(User.objects.order_by("pk").values_list("pk", "email", "password")),
        list(Page.objects.order_by("pk").values_list("pk", "path", "latest_revision_id")),
    )


@pytest.fixture
def loaded(demo_loaded):
    """The demo loaded once for the module (tests/conftest.py): the first run's output."""
    return demo_loaded


def test_demo_registry_loaded_twice_creates_nothing_the_second_time(loaded):
    state = registry_state()
    second = load_demo()
    assert "Demo organisations: 0 created." in second
    assert "Demo people: 0 created." in second
    assert "Demo partners directory and protocols pages: 0 created." in second
    assert registry_state() == state


def test_demo_registry_prints_how_the_focal_point_logs_in(loaded):
    email, password = demo.DEMO_FOCAL_POINT
    space = route("stakeholders:partner_space:home")
    assert f"{space} — log in as {email} with the password {password}" in loaded
    assert f"Demo organisations: {len(demo.ORGANISATIONS)} created." in loaded
    assert f"Demo people: {len(demo.PEOPLE)} created." in loaded
    # amem/demo/protocols.py, when it exists, runs after the registry's demo.
    if importlib.util.find_spec("amem.demo.protocols") is not None:
        assert "Demo protocols: " in loaded


def test_demo_registry_keeps_the_ilo_and_aics(loaded):
    ilo = Organisation.objects.get(acronym_fr="OIT")
    assert (ilo.acronym_en, ilo.name_en, ilo.country) == (
        "ILO",
        "International Labour Organization",
        "",
    )
    assert Organisation.objects.get(acronym_fr="AICS").kind == Kind.DONOR
    assert demo.organisation(demo.ILO) == ilo


def test_demo_registry_has_each_countrys_partners_in_three_languages(loaded):
    for country in ("LY", "MA", "MR", "TN"):
        organisations = Organisation.objects.filter(country=country)
        assert sorted(o.kind for o in organisations) == sorted(EACH_COUNTRY), country
        for organisation in organisations:
            assert organisation.name_fr and organisation.name_ar and organisation.name_en
            assert len({organisation.name_fr, organisation.name_ar, organisation.name_en}) == 3
        assert organisations.filter(is_public=True).count() >= 4, country


def test_demo_registry_uses_the_acronyms_it_is_sure_of(loaded):
    acronyms = {
        "TN": {"INS", "UTICA", "UGTT"},
        "MA": {"HCP", "CGEM", "UMT"},
        "MR": {"ANSADE", "UNPM", "CGTM"},
    }
    for country, expected in acronyms.items():
        found = set(
            Organisation.objects.filter(country=country).values_list("acronym_fr", flat=True)
        )
        assert expected <= found, country
    libya = Organisation.objects.get(country="LY", kind=Kind.STATISTICS_INSTITUTE)
    assert libya.name_en == "Bureau of Statistics and Census"


def test_demo_people_are_named_in_both_scripts_and_some_do_not_consent(loaded):
    people = Person.objects.all()
    assert all(person.first_name_ar and person.last_name_ar for person in people)
    assert people.filter(consents_to_listing=True).exists()
    assert people.filter(consents_to_listing=False).exists()
    assert all(person.affiliations.exists() for person in people)


def test_demo_focal_point_account_is_verified_and_linked_to_a_tunisian_organisation(loaded):
    email, password = demo.DEMO_FOCAL_POINT
    user = User.objects.get(email=email)
    assert user.check_password(password)
    assert EmailAddress.objects.get(user=user, email=email).verified
    affiliation = user.person.affiliations.get()
    assert affiliation.is_focal_point and affiliation.organisation.country == "TN"


def test_demo_focal_point_logs_in_and_reaches_their_organisation_in_dev(client, loaded, settings):
    settings.AMEM_STAFF_MFA_REQUIRED = False  # as in dev settings
    email, password = demo.DEMO_FOCAL_POINT
    response = client.post("/fr/accounts/login/", {"login": email, "password": password})
    assert response.status_code == 302
    response = client.get(route("stakeholders:partner_space:home"))
    assert "Institut national de la statistique" in response.text
    organisation = Organisation.objects.get(acronym_fr="INS")
    page = client.get(route("stakeholders:partner_space:organisation", organisation.pk)).text
    assert "Karim Démo" in page and "Leïla Exemple" in page


def test_demo_pages_are_under_the_home_page_with_the_directory_in_the_menu(loaded):
    home = HomePage.objects.get()
    directory = PartnersDirectoryPage.objects.child_of(home).get()
    assert (directory.title_fr, directory.title_ar, directory.title_en) == (
        "Annuaire des partenaires",
        "دليل الشركاء",
        "Partners directory",
    )
    assert directory.show_in_menus and directory.live
    protocols = ProtocolIndexPage.objects.child_of(home).get()
    assert (protocols.title_fr, protocols.title_ar, protocols.title_en) == (
        "Protocoles d’accord",
        "مذكرات التفاهم",
        "Protocols",
    )
    # Never "protocols": /<language>/protocols/ is protocol signing.
    assert "protocols" not in {protocols.slug_fr, protocols.slug_ar, protocols.slug_en}
    with translation.override("fr"):
        menu = [page.title for page in home.get_children().in_menu()]
    assert menu.index("Annuaire des partenaires") == menu.index("Partenaires") + 1


DEMO_DIRECTORY = {
    "/fr/annuaire-des-partenaires/?country=TN": [
        "Institut national de la statistique",
        "Union générale tunisienne du travail",
    ],
    "/ar/دليل-الشركاء/?country=MA": ["المندوبية السامية للتخطيط", "الاتحاد العام لمقاولات المغرب"],
    "/en/partners-directory/?country=MR": [
        "National Agency for Statistics",
        "General Confederation of Workers of Mauritania",
    ],
}


def test_demo_directory_shows_the_demo_organisations(client, loaded):
    for url, names in DEMO_DIRECTORY.items():
        response = client.get(url)
        assert response.status_code == 200, url
        for name in names:
            assert name in response.text, url


def test_demo_directory_lists_consenting_people_only(client, loaded):
    pages = [client.get("/fr/annuaire-des-partenaires/", {"page": n}).text for n in (1, 2, 3)]
    text = " ".join(pages)
    for person in Person.objects.all():
        listed = person.affiliations.filter(organisation__is_public=True).exists()
        shown = str(person) in text
        assert shown == (person.consents_to_listing and listed), person
        for contact in (person.email, person.phone):
            assert not contact or contact not in text, person


def test_demo_loader_twice_leaves_the_same_recommendations(loaded):
    def state():
        return (
            list(Recommendation.objects.order_by("pk").values_list("pk", "reference", "status")),
            ProgressUpdate.objects.count(),
            ProgressReview.objects.count(),
            RecommendationTrackerPage.objects.count(),
        )

    first = state()
    load_demo()

    assert state() == first
    recommendations, updates, reviews, trackers = first
    assert trackers == 1
    tunisian = [r for r in recommendations if r[1].startswith("TN-SIM-2024-")]
    assert len(tunisian) == 8
    for country in ("LY", "MA", "MR"):
        assert Recommendation.objects.filter(country=country).count() == 2
    assert updates > reviews > 0  # some still wait for review
    page = RecommendationTrackerPage.objects.get()
    assert len({page.slug_fr, page.slug_ar, page.slug_en}) == 3
    for item in Recommendation.objects.all():
        assert item.title_fr and item.title_ar and item.title_en, item.reference
        assert item.lead_organisation_id and item.target_date, item.reference
    # Validated updates are spread over past months, so progress over time has a shape.
    months = {r.reviewed_at.strftime("%Y-%m") for r in ProgressReview.objects.all()}
    assert len(months) >= 4
    assert all(r.reviewed_at <= timezone.now() for r in ProgressReview.objects.all())
