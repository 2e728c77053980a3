"""One agenda per workshop: its times, rooms and people entered once, its texts per language.

The page, the printable agenda and its PDF show the same sessions at the same times in French,
Arabic and English; a text missing in a language shows in French, marked as French. Publishing
such an agenda warns the editor. Migration 0004 merges the former three agendas into one.
"""

import datetime
import importlib
import io
import json
import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.messages import get_messages
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from pypdf import PdfReader
from wagtail.test.utils.form_data import nested_form_data, streamfield

from events.models import EventPage
from tests.routes import route

from .conftest import LANGUAGES, session, speaker, text_of

pytestmark = pytest.mark.django_db

MARCH_12 = datetime.date(2025, 3, 12)
INDEX = {"fr": "ateliers", "ar": "ورش-العمل", "en": "workshops"}
ROOMS = [
    {"fr": "Salle plénière", "ar": "القاعة العامة", "en": "Plenary room"},
    {"fr": "Salle Hannibal", "ar": "قاعة حنبعل", "en": "Hannibal room"},
]
OPENING = {"fr": "Séance d’ouverture", "ar": "الجلسة الافتتاحية", "en": "Opening session"}
PANEL = {"fr": "Panel des mandants", "ar": "حلقة نقاش الهيئات المكونة", "en": "Constituents’ panel"}
TIMES = [("09:00", "09:40"), ("10:15", "11:45")]


def one_day(*sessions):
    day = {"date": MARCH_12.isoformat(), "title_fr": "Jour 1", "title_ar": "", "title_en": ""}
    return [{"type": "day", "value": {**day, "sessions": list(sessions)}}]


def two_sessions(panel_titles=PANEL):
    return one_day(
        session("09:00", "09:40", OPENING, kind="opening", rooms=ROOMS[0]),
        session(
            "10:15",
            "11:45",
            panel_titles,
            kind="panel",
            rooms=ROOMS[1],
            moderator=speaker("Amina Ben Salah", "OIT", "منظمة العمل الدولية", "ILO"),
            speakers=[speaker("Karim Haddad", "Ministère", "الوزارة", "Ministry")],
        ),
    )


def url(page, language, route=""):
    return f"/{language}/{INDEX[language]}/{getattr(page, f'slug_{language}')}/{route}"


def pdf_text(client, page, language):
    response = client.get(url(page, language, "agenda.pdf"))
    assert response["Content-Type"] == "application/pdf"
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)


def session_items(html):
    return re.findall(
        r'<li class="session session--\w+">(.*?)</li>\s*(?=<li class="session|</ol>)', html, re.S
    )


def test_an_agenda_entered_once_shows_its_times_and_rooms_in_every_language(client, make_event):
    page = make_event(start=MARCH_12, days=1, agenda=two_sessions())
    datetimes = {}

    for language in LANGUAGES:
        html = client.get(url(page, language)).text
        sessions = session_items(html)
        assert len(sessions) == 2, language
        datetimes[language] = [re.findall(r'<time datetime="([^"]+)"', s) for s in sessions]
        for item, room in zip(sessions, ROOMS, strict=True):
            assert room[language] in item, language
        table = text_of(client.get(url(page, language, "agenda/")))
        text = pdf_text(client, page, language)
        for (start, end), room, title in zip(TIMES, ROOMS, (OPENING, PANEL), strict=True):
            assert f"{start}–{end}" in table
            assert room[language] in table and title[language] in table
            # A row's first line: its times (09:00 right of 09:40 in Arabic), kind and room.
            (line,) = [line for line in text.splitlines() if room[language] in line]
            assert start in line and end in line
            assert title[language] in text

    assert (
        datetimes["fr"]
        == datetimes["ar"]
        == datetimes["en"]
        == [
            ["2025-03-12T09:00+01:00", "2025-03-12T09:40+01:00"],
            ["2025-03-12T10:15+01:00", "2025-03-12T11:45+01:00"],
        ]
    )


def test_a_session_without_its_arabic_title_shows_in_french_marked_as_french(client, make_event):
    page = make_event(start=MARCH_12, days=1, agenda=two_sessions({**PANEL, "ar": ""}))
    french = '<span lang="fr" dir="ltr">Panel des mandants</span>'

    html = client.get(url(page, "ar")).text
    printable = client.get(url(page, "ar", "agenda/")).text

    assert (
        f'<h4 class="session__title">{french} <span class="agenda-fallback">(بالفرنسية)</span>'
        in html
    )
    assert f"{french} <span" in printable and "(بالفرنسية)" in printable
    # The translated ones as they are: no mark, no note.
    assert '<h4 class="session__title">الجلسة الافتتاحية</h4>' in html
    # The day's title has no Arabic either; its roles and rooms do.
    assert '<span lang="fr" dir="ltr">Jour 1</span>' in html
    assert "الوزارة" in html and '<span lang="fr" dir="ltr">Ministère' not in html
    text = pdf_text(client, page, "ar")
    assert "Panel des mandants" in text and "بالفرنسية" in text
    assert "الجلسة الافتتاحية" in text


def test_a_session_without_its_english_title_shows_in_french_on_the_english_pages(
    client, make_event
):
    page = make_event(start=MARCH_12, days=1, agenda=two_sessions({**PANEL, "en": ""}))

    html = client.get(url(page, "en")).text

    french = '<span lang="fr" dir="ltr">Panel des mandants</span>'
    assert f'{french} <span class="agenda-fallback">(in French)</span>' in html
    assert "Panel des mandants (in French)" in pdf_text(client, page, "en")
    # French, the agenda's own language, needs no mark.
    assert "agenda-fallback" not in client.get(url(page, "fr")).text


def test_an_agenda_translated_throughout_carries_no_french_mark(client, make_event):
    page = make_event(start=MARCH_12, days=1)

    for language in ("ar", "en"):
        html = client.get(url(page, language)).text
        assert 'lang="fr"' not in html.split("<main", 1)[1] and "agenda-fallback" not in html
    assert "Session 1.2 (en)" in pdf_text(client, page, "en")


def test_search_finds_a_workshop_by_a_session_title_in_each_language(client, make_event):
    page = make_event(start=MARCH_12, days=1, agenda=two_sessions())
    other = make_event(start=MARCH_12, days=1)

    for language, words in (("fr", "mandants"), ("ar", "حنبعل"), ("en", "Constituents")):
        response = client.get(route("search", language=language), {"q": words})
        titles = re.findall(
            r'class="search-results__title" href="[^"]+">([^<]+)</a>', response.text
        )
        assert titles == [getattr(page, f"title_{language}")], language
    assert other.title_en not in titles


# Publishing: a warning, the publication goes ahead.


@pytest.fixture
def editor_client(client, make_user):
    editor = make_user(email="editor@example.org", is_staff=True, is_superuser=True)
    TOTP.activate(editor, generate_totp_secret())  # staff reach the admin only with TOTP set up
    client.force_login(editor)
    return client


def form_session(start, end, titles):
    """A session as the admin's form posts it."""
    return {
        "start": start,
        "end": end,
        "kind": "plenary",
        **{f"title_{language}": titles.get(language, "") for language in LANGUAGES},
        **{f"{name}_{language}": "" for name in ("room", "description") for language in LANGUAGES},
        "moderator": {"name": "", **{f"role_{language}": "" for language in LANGUAGES}},
        "speakers": streamfield([]),
    }


def publish_form(sessions):
    items = {
        str(n): {"value": s, "deleted": "", "order": str(n), "id": ""}
        for n, s in enumerate(sessions)
    }
    day = {
        "date": "2025-03-12",
        **{f"title_{language}": "" for language in LANGUAGES},
        "sessions": {"count": str(len(sessions)), **items},
    }
    data = nested_form_data(
        {
            "title_fr": "Atelier national",
            "slug_fr": "atelier-national",
            "kind": "workshop",
            "start_date": "2025-03-12",
            "end_date": "2025-03-12",
            "time_zone": "Africa/Tunis",
            "agenda": streamfield([("day", day)]),
            **{f"related_documents_{language}": streamfield([]) for language in LANGUAGES},
            "registration_mode": "closed",
            "reminder_days_before": "3",
            "registration_quotas": {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0"},
            "registration_questions": {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0"},
            "action-publish": "publish",
        }
    )
    return data


def test_publishing_warns_of_sessions_without_arabic_or_english_title(editor_client, event_index):
    sessions = [
        form_session("09:00", "09:30", OPENING),
        form_session("10:15", "11:45", {"fr": "Panel des mandants", "en": "Constituents’ panel"}),
        form_session("14:00", "15:00", {"fr": "Clôture"}),
    ]

    response = editor_client.post(
        f"/admin/pages/add/events/eventpage/{event_index.pk}/", publish_form(sessions)
    )

    assert response.status_code == 302, response.context["form"].errors
    page = EventPage.objects.get(slug_fr="atelier-national")
    assert page.live  # published all the same
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert len(warnings) == 1
    (warning,) = warnings
    # In the admin's language, French by default.
    assert "Panel des mandants (Arabe)" in warning
    assert "Clôture (Arabe, Anglais)" in warning
    assert "Séance d’ouverture" not in warning
    assert "09:00" not in warning and "10:15" in warning and "14:00" in warning


def test_publishing_a_translated_agenda_gives_no_warning(editor_client, event_index):
    sessions = [form_session("09:00", "09:30", OPENING)]

    response = editor_client.post(
        f"/admin/pages/add/events/eventpage/{event_index.pk}/", publish_form(sessions)
    )

    assert response.status_code == 302
    assert EventPage.objects.get(slug_fr="atelier-national").live
    assert [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"] == []


def test_a_session_needs_a_title_in_one_language(editor_client, event_index):
    sessions = [form_session("09:00", "09:30", {})]

    response = editor_client.post(
        f"/admin/pages/add/events/eventpage/{event_index.pk}/", publish_form(sessions)
    )

    assert response.status_code == 200
    assert not EventPage.objects.filter(slug_fr="atelier-national").exists()
    (error,) = response.context["form"].errors.as_data()["agenda"]
    errors = json.dumps(error.as_json_data(), ensure_ascii=False)
    assert (
        '"title_fr": {"messages": ["Donnez un titre à la séance, dans une langue au moins."]}'
        in errors
    )


# Migration 0004: the three former agendas merged into one.

MIGRATION = ("events", "0004_single_agenda")
merge_module = importlib.import_module("events.migrations.0004_single_agenda")


def old_session(start, title, room="", speakers=(), moderator=None):
    return {
        "start": f"{start}:00",
        "end": None,
        "kind": "plenary",
        "title": title,
        "room": room,
        "moderator": moderator or {"name": "", "role": ""},
        "speakers": [{"type": "item", "value": s, "id": f"s{n}"} for n, s in enumerate(speakers)],
        "description": "",
    }


def old_day(date, title, *sessions):
    listed = [{"type": "item", "value": s, "id": f"i{n}"} for n, s in enumerate(sessions)]
    return {"type": "day", "value": {"date": date, "title": title, "sessions": listed}, "id": date}


OLD_AGENDAS = {
    "fr": [
        old_day(
            "2025-03-12",
            "Jour 1",
            old_session("09:00", "Ouverture", "Salle plénière"),
            old_session(
                "10:00",
                "Panel",
                "Salle B",
                speakers=[{"name": "Karim Haddad", "role": "Ministère"}],
                moderator={"name": "Amina Ben Salah", "role": "OIT"},
            ),
        )
    ],
    "ar": [
        old_day(
            "2025-03-12",
            "اليوم 1",
            old_session("09:00", "الافتتاح", "القاعة العامة"),
            old_session(
                "10:00",
                "حلقة نقاش",
                "القاعة ب",
                speakers=[{"name": "كريم حداد", "role": "الوزارة"}],
                moderator={"name": "أمينة بن صالح", "role": "منظمة العمل الدولية"},
            ),
            # Only the Arabic agenda has it: kept.
            old_session("12:00", "جلسة عربية فقط"),
        ),
        # A day only the Arabic agenda has: kept too.
        old_day("2025-03-13", "اليوم 2", old_session("09:30", "يوم ثان")),
    ],
    "en": [
        old_day(
            "2025-03-12",
            "Day 1",
            old_session("09:00", "Opening", "Plenary room"),
            old_session("11:00", "English only"),  # no French session at 11:00
        )
    ],
}


def texts(session, name):
    return tuple(session[f"{name}_{language}"] for language in LANGUAGES)


def test_the_merge_keeps_every_session_with_its_texts():
    merged = merge_module.merge_agendas(OLD_AGENDAS)

    days = [block["value"] for block in merged]
    assert [day["date"] for day in days] == ["2025-03-12", "2025-03-13"]
    assert texts(days[0], "title") == ("Jour 1", "اليوم 1", "Day 1")
    first = [item["value"] for item in days[0]["sessions"]]
    assert [s["start"][:5] for s in first] == ["09:00", "10:00", "11:00", "12:00"]
    assert texts(first[0], "title") == ("Ouverture", "الافتتاح", "Opening")
    assert texts(first[0], "room") == ("Salle plénière", "القاعة العامة", "Plenary room")
    panel = first[1]
    assert texts(panel, "title") == ("Panel", "حلقة نقاش", "")
    # Names as the French agenda has them; roles from each language.
    assert panel["moderator"] == {
        "name": "Amina Ben Salah",
        "role_fr": "OIT",
        "role_ar": "منظمة العمل الدولية",
        "role_en": "",
    }
    (panellist,) = [item["value"] for item in panel["speakers"]]
    assert (panellist["name"], panellist["role_fr"], panellist["role_ar"]) == (
        "Karim Haddad",
        "Ministère",
        "الوزارة",
    )
    assert texts(first[2], "title") == ("", "", "English only")
    assert texts(first[3], "title") == ("", "جلسة عربية فقط", "")
    (second,) = [item["value"] for item in days[1]["sessions"]]
    assert texts(second, "title") == ("", "يوم ثان", "")
    assert texts(days[1], "title") == ("", "اليوم 2", "")


def test_the_split_gives_each_language_its_own_agenda_back():
    merged = merge_module.merge_agendas(OLD_AGENDAS)

    for language in LANGUAGES:
        split = merge_module.split_agenda(merged, language)
        titles = [[item["value"]["title"] for item in day["value"]["sessions"]] for day in split]
        expected = [
            [item["value"]["title"] for item in day["value"]["sessions"]]
            for day in OLD_AGENDAS[language]
        ]
        assert titles == expected, language


def migrate(targets, state=None):
    """Migrates the database to `targets` from `state`, the project state it is at (worked out
    when not given); returns the state at `targets`. Its historical models (`.apps`) are rendered
    when first asked for, and reused by the next migration: rendering them takes a second."""
    return MigrationExecutor(connection).migrate(targets, state=state)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_0004_merges_the_three_agendas_of_pages_and_their_revisions(home_page):
    graph = MigrationExecutor(connection).loader.graph
    before = [node.key for node in graph.node_map[MIGRATION].parents if node.key[0] == "events"]
    leaves = graph.leaf_nodes()
    state = None
    try:
        state = migrate(before)
        page_id = old_page(state.apps, home_page)

        state = migrate(leaves, state)

        page = EventPage.objects.get(pk=page_id)
        days = [block.value for block in page.agenda]
        first = days[0]["sessions"]
        assert [s["title_fr"] for s in first] == ["Ouverture", "Panel", "", ""]
        assert [s["title_ar"] for s in first] == ["الافتتاح", "حلقة نقاش", "", "جلسة عربية فقط"]
        assert [s["title_en"] for s in first] == ["Opening", "", "English only", ""]
        assert [s["start"] for s in first] == [datetime.time(h) for h in (9, 10, 11, 12)]
        assert first[1]["speakers"][0]["role_ar"] == "الوزارة"
        assert days[1]["sessions"][0]["title_ar"] == "يوم ثان"
        # The draft the editor opens is merged too.
        draft = page.get_latest_revision_as_object()
        assert [s["title_ar"] for s in draft.agenda[0].value["sessions"]][:2] == [
            "الافتتاح",
            "حلقة نقاش",
        ]
        assert "agenda_ar" not in page.get_latest_revision().content

        state = migrate(before)
        apps = state.apps
        OldEventPage = apps.get_model("events", "EventPage")
        old = OldEventPage.objects.get(pk=page_id)
        for language in LANGUAGES:
            back = [
                [s["title"] for s in day.value["sessions"]]
                for day in getattr(old, f"agenda_{language}")
            ]
            expected = [
                [s["value"]["title"] for s in day["value"]["sessions"]]
                for day in OLD_AGENDAS[language]
            ]
            assert back == expected, language
        revision = apps.get_model("wagtailcore", "Revision").objects.get(object_id=str(page_id))
        assert "Opening" in json.dumps(revision.content["agenda_en"])
    finally:
        migrate(leaves, state)


def old_page(apps, parent):
    """A workshop with its three agendas, and a revision of it, through the historical models."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    OldEventPage = apps.get_model("events", "EventPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    Locale = apps.get_model("wagtailcore", "Locale")
    content_type, _ = ContentType.objects.get_or_create(app_label="events", model="eventpage")
    page = OldEventPage.objects.create(
        title="Atelier",
        draft_title="Atelier",
        slug="atelier",
        path=f"{parent.path}0099",
        depth=parent.depth + 1,
        content_type=content_type,
        locale=Locale.objects.first(),
        start_date=MARCH_12,
        end_date=MARCH_12 + datetime.timedelta(days=1),
        agenda=OLD_AGENDAS["fr"],
        **{f"agenda_{language}": OLD_AGENDAS[language] for language in LANGUAGES},
    )
    content = {
        "pk": page.pk,
        "title": "Atelier",
        "slug": "atelier",
        "start_date": MARCH_12.isoformat(),
        "end_date": MARCH_12.isoformat(),
        "agenda": json.dumps(OLD_AGENDAS["fr"]),
        **{f"agenda_{language}": json.dumps(OLD_AGENDAS[language]) for language in LANGUAGES},
    }
    revision = Revision.objects.create(
        content_type=content_type,
        base_content_type=apps.get_model("contenttypes", "ContentType").objects.get(
            app_label="wagtailcore", model="page"
        ),
        object_id=str(page.pk),
        content=content,
        object_str="Atelier",
        created_at=timezone.now(),
    )
    OldEventPage.objects.filter(pk=page.pk).update(latest_revision=revision)
    return page.pk
