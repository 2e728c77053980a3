"""The demo's workshops: every item of the seed's list, the sub-regional workshop's agenda."""

import datetime
import re

import pytest
from django.utils import timezone, translation

from events.models import EventIndexPage, EventPage
from home.models import NewsPage, PublicationPage
from stakeholders.models import Organisation

LANGUAGES = ("fr", "ar", "en")
SUBREGIONAL = EventPage.Kind.SUBREGIONAL_WORKSHOP

# The seed's numbered list: item -> the pages that carry it (type, kind, words of the French title).
SEED_ITEMS = {
    1: [(PublicationPage, "study", "marché du travail en Libye")],
    2: [(EventPage, "signing_ceremony", "groupe de travail sur les statistiques de la migration")],
    3: [(EventPage, "tripartite_seminar", "législation nationale relative à la migration")],
    4: [(NewsPage, "news", "protection des travailleurs tunisiens à l’étranger")],
    5: [
        (EventPage, "restitution_workshop", "Mauritaniens à l’étranger"),
        (PublicationPage, "study", "Mauritaniens à l’étranger"),
    ],
    6: [
        (EventPage, "restitution_workshop", "ratification de la C143"),
        (PublicationPage, "legal_analysis", "ratification de la C143"),
    ],
    7: [
        (EventPage, "restitution_workshop", "système d’information sur les migrations"),
        (PublicationPage, "study", "système d’information sur les migrations"),
    ],
    8: [(PublicationPage, "concept_note", "Note de cadrage")],
    9: [(EventPage, SUBREGIONAL, "données de la migration de travail au Maghreb")],
    10: [(NewsPage, "press_release", "Communiqué de presse : Atelier sous-régional")],
    11: [
        (EventPage, "restitution_workshop", "systèmes de collecte de données"),
        (PublicationPage, "study", "systèmes de collecte de données"),
    ],
    12: [(EventPage, SUBREGIONAL, "données de la migration de travail au Maghreb")],
}


@pytest.fixture
def demo(demo_loaded, db):
    """The demo, loaded once for the module (tests/conftest.py)."""


def seed_page(model, kind, words):
    return model.objects.get(kind=kind, title_fr__contains=words)


@pytest.fixture
def subregional(demo):
    return EventPage.objects.get(kind=SUBREGIONAL)


def sessions_of(page):
    return [session for day in page.agenda for session in day.value["sessions"]]


def test_every_seed_item_is_a_page_of_the_expected_type(demo):
    assert sorted(SEED_ITEMS) == list(range(1, 13))
    for item, pages in SEED_ITEMS.items():
        for model, kind, words in pages:
            page = seed_page(model, kind, words)
            assert page.live, item
            assert page.title_ar and page.title_en and page.title_ar != page.title_fr, item


def test_workshops_are_under_the_workshops_index(demo):
    index = EventIndexPage.objects.get()
    assert (index.title_fr, index.title_ar, index.title_en) == (
        "Ateliers",
        "ورش العمل",
        "Workshops",
    )
    assert index.show_in_menus
    assert EventPage.objects.child_of(index).count() == EventPage.objects.count() == 7


def test_subregional_workshop_runs_two_days_in_tunis_in_three_languages(subregional):
    assert subregional.country == "XM" and subregional.axis == "data"
    assert subregional.end_date - subregional.start_date == datetime.timedelta(days=1)
    assert subregional.start_date > timezone.localdate()
    assert subregional.time_zone == "Africa/Tunis" and subregional.city_ar == "تونس"
    assert subregional.working_languages == ["fr", "ar", "en"]
    assert subregional.interpretation_ar
    days = [day.value for day in subregional.agenda]
    assert [day["date"] for day in days] == [subregional.start_date, subregional.end_date]
    for day in days:
        sessions = day["sessions"]
        assert 8 <= len(sessions) <= 10
        assert [session["start"] for session in sessions] == sorted(
            session["start"] for session in sessions
        )
        for session in sessions:
            # One agenda: each session's time once, its title and room in every language.
            assert session["end"]
            assert all(session[f"title_{language}"] for language in LANGUAGES)
            assert all(session[f"room_{language}"] for language in LANGUAGES)
    kinds = [session["kind"] for day in days for session in day["sessions"]]
    assert {"opening", "plenary", "panel", "working_group", "break", "closing"} <= set(kinds)


def test_subregional_workshop_has_panels_with_panellists_in_each_language(subregional):
    panels = [session for session in sessions_of(subregional) if session["kind"] == "panel"]
    assert len(panels) >= 3
    for panel in panels:
        for person in [panel["moderator"], *panel["speakers"]]:
            # The demo names no one: each is a role, in every language.
            assert all(person[f"role_{language}"] for language in LANGUAGES), panel["title_fr"]
        assert len(panel["speakers"]) >= 3, panel["title_fr"]
    # Translated, not copied: the same panel reads differently in each language.
    first = panels[0]
    assert len({first[f"title_{language}"] for language in LANGUAGES}) == 3
    assert first["speakers"][0]["role_ar"] == "ممثل(ة) المعهد الوطني للإحصاء (تونس)"
    assert first["speakers"][0]["role_en"] == (
        "Representative, National Institute of Statistics (Tunisia)"
    )


def test_press_release_links_to_the_subregional_workshop(subregional):
    release = NewsPage.objects.get(kind=NewsPage.Kind.PRESS_RELEASE)
    assert release.related_event.specific == subregional
    assert release.country == "XM"


def test_concept_note_is_item_7s_rich_text_and_a_linked_publication(demo):
    workshop = seed_page(EventPage, "restitution_workshop", "système d’information sur les")
    note = PublicationPage.objects.get(kind=PublicationPage.Kind.CONCEPT_NOTE)
    assert note.related_event.specific == workshop
    for language in LANGUAGES:
        text = getattr(workshop, f"concept_note_{language}")
        assert text.count("<h3>") >= 4 and text.count("<p>") >= 3, language
    assert "Résultats attendus" in workshop.concept_note_fr
    assert "النتائج المتوقعة" in workshop.concept_note_ar
    assert "Expected results" in note.body_en.raw_data[4]["value"]["text"]


def test_studies_link_to_the_workshop_that_presents_them(demo):
    for item in (5, 6, 7, 11):
        (_event, (model, kind, words)) = SEED_ITEMS[item]
        study = seed_page(model, kind, words)
        assert study.related_event.specific.kind == "restitution_workshop", item
    libya = seed_page(*SEED_ITEMS[1][0])
    assert libya.related_event is None
    assert libya.title_en == "Labour market access for migrants in Libya and the impact of COVID-19"


def test_workshops_are_past_or_upcoming_where_they_happen(demo):
    today = timezone.localdate()
    workshops = EventPage.objects.all()
    upcoming = [page for page in workshops if page.start_date > today]
    assert 2 <= len(upcoming) <= 3
    for page in workshops:
        assert page.start_time and page.end_time
        assert page.summary_fr and page.summary_ar and page.summary_en
        assert len(page.agenda) >= 1
        expected_zone = "Africa/Nouakchott" if page.country == "MR" else "Africa/Tunis"
        assert page.time_zone == expected_zone, page.slug_fr


def test_the_ilo_organises_every_workshop(demo):
    ilo = Organisation.objects.get(acronym_fr="OIT")
    assert (ilo.name_ar, ilo.name_en, ilo.acronym_en) == (
        "منظمة العمل الدولية",
        "International Labour Organization",
        "ILO",
    )
    aics = Organisation.objects.get(acronym_fr="AICS")
    assert aics.name_fr == "Agence italienne pour la coopération au développement"
    assert aics.kind == Organisation.Kind.DONOR
    for page in EventPage.objects.all():
        assert list(page.organisers.all()) == [ilo]


@pytest.mark.parametrize(
    ("language", "panel"),
    [
        ("fr", "Panel 3 — Intégrer la migration dans les systèmes d’information"),
        ("ar", "حلقة النقاش 3 — إدماج الهجرة في نظم معلومات سوق العمل"),
    ],
)
def test_subregional_workshop_page_shows_its_agenda(client, subregional, language, panel):
    with translation.override(language):
        url = subregional.get_url()
    response = client.get(url)
    assert response.status_code == 200
    assert panel in response.text
    assert "notice--fallback" not in response.text
    assert "agenda-fallback" not in response.text


def test_subregional_workshop_shows_the_same_times_in_every_language(client, subregional):
    """`make run`'s agenda: entered once, so every language lists the same sessions' times."""
    times = {}
    for language in LANGUAGES:
        with translation.override(language):
            url = subregional.get_url()
        html = client.get(url).text
        times[language] = re.findall(r'<p class="session__time"><time datetime="([^"]+)"', html)
    assert len(times["fr"]) == len(sessions_of(subregional))
    assert times["fr"] == times["ar"] == times["en"]
