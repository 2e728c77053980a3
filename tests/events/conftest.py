"""Factories for the workshop tests: a home page, the workshops index, workshops with agendas."""

import datetime
import itertools
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import EventIndexPage, EventPage
from stakeholders.models import Organisation

LANGUAGES = ("fr", "ar", "en")
_numbers = itertools.count(1)
# Arabic session titles in words only, so that a PDF's text can be checked in logical order.
ARABIC_SESSIONS = [
    "الجلسة الأولى",
    "الجلسة الثانية",
    "الجلسة الثالثة",
    "الجلسة الرابعة",
    "الجلسة الخامسة",
    "الجلسة السادسة",
    "الجلسة السابعة",
    "الجلسة الثامنة",
]
ARABIC_DAYS = ["في اليوم الأول", "في اليوم الثاني", "في اليوم الثالث"]


def session_title(day, number, language):
    """ "Session 1.2 (fr)"; in Arabic "الجلسة الثانية في اليوم الأول"."""
    if language == "ar":
        return f"{ARABIC_SESSIONS[number - 1]} {ARABIC_DAYS[day - 1]}"
    return f"Session {day}.{number} ({language})"


def translated(name, fr, ar=None, en=None):
    """{name: fr, name_fr: fr, name_ar: ar, name_en: en}; ar and en default to fr plus a mark."""
    ar = ar if ar is not None else f"{fr} [ar]"
    en = en if en is not None else f"{fr} [en]"
    return {name: fr, f"{name}_fr": fr, f"{name}_ar": ar, f"{name}_en": en}


def text_of(response):
    """The page's visible text, tags removed and white space collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    # Block ends and line breaks separate words; inline tags (<time>, <span>) do not.
    html = re.sub(r"<(br|/(p|li|dd|dt|h\d|div|td|th|ul|ol|nav|header|section))\b[^>]*>", " ", html)
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


@pytest.fixture
def page_text():
    return text_of


def in_each_language(name, fr, ar, en):
    """{name_fr: fr, name_ar: ar, name_en: en}: one text of an agenda block, in each language."""
    return {f"{name}_fr": fr, f"{name}_ar": ar, f"{name}_en": en}


def speaker(name, fr="", ar="", en=""):
    return {"name": name, **in_each_language("role", fr, ar, en)}


def session(start, end, titles, kind="plenary", **extra):
    """A session's raw value; `titles`, `rooms` and `descriptions`: {language: text}."""
    texts = {
        "title": titles,
        "room": extra.pop("rooms", {}),
        "description": extra.pop("descriptions", {}),
    }
    value = {
        "start": start,
        "end": end,
        "kind": kind,
        **{
            f"{name}_{language}": given.get(language, "")
            for name, given in texts.items()
            for language in LANGUAGES
        },
        "moderator": extra.pop("moderator", speaker("")),
        "speakers": extra.pop("speakers", []),
    }
    assert not extra, extra
    return value


def agenda(start_date, days=2, sessions=3):
    """Raw StreamField data: `days` days from `start_date`, `sessions` sessions a day from 09:00,
    entered once with their texts in the three languages.

    Titles as `session_title` gives them; the second session of a day is a panel.
    """
    data = []
    for day in range(1, days + 1):
        items = []
        for number in range(1, sessions + 1):
            start = datetime.time(8 + number, 0)
            end = datetime.time(8 + number, 45)
            items.append(
                session(
                    start.strftime("%H:%M"),
                    end.strftime("%H:%M"),
                    {language: session_title(day, number, language) for language in LANGUAGES},
                    kind="panel" if number == 2 else "plenary",
                    rooms={"fr": "Salle Carthage", "ar": "قاعة قرطاج", "en": "Carthage Room"},
                    moderator=speaker("Amina Ben Salah", "OIT", "منظمة العمل الدولية", "ILO"),
                    speakers=[
                        speaker(f"Intervenant {day}.{number}", "Ministère", "الوزارة", "Ministry")
                    ],
                )
            )
        data.append(
            {
                "type": "day",
                "value": {
                    "date": (start_date + datetime.timedelta(days=day - 1)).isoformat(),
                    **in_each_language("title", f"Jour {day}", f"اليوم {day}", f"Day {day}"),
                    "sessions": items,
                },
            }
        )
    return data


@pytest.fixture
def event_index(home_page):
    index = EventIndexPage(
        **translated("title", "Ateliers", "ورش العمل", "Workshops"),
        **translated("slug", "ateliers", "ورش-العمل", "workshops"),
        **translated("introduction", "Les ateliers du projet.", "ورش المشروع.", "The workshops."),
    )
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def make_organisation(db):
    def make(fr="Ministère des Affaires sociales", ar="وزارة الشؤون الاجتماعية", en=None, **kw):
        return Organisation.objects.create(
            **translated("name", fr, ar, en or f"{fr} (en)"),
            **translated("acronym", kw.pop("acronym", ""), "", ""),
            kind=kw.pop("kind", Organisation.Kind.MINISTRY),
            **kw,
        )

    return make


@pytest.fixture
def make_event(event_index):
    """make_event(start=date, days=2, start_time=time(9), ...) -> a published EventPage."""

    def make(
        start=None,
        days=2,
        *,
        sessions=3,
        publish=True,
        with_agenda=True,
        organisers=(),
        partners=(),
        **fields,
    ):
        number = next(_numbers)
        start = start or timezone.localdate() + datetime.timedelta(days=30)
        values = {
            **translated(
                "title",
                f"Atelier {number} sur la migration de travail",
                f"ورشة {number} حول هجرة العمل",
                f"Workshop {number} on labour migration",
            ),
            **translated("slug", f"atelier-{number}", f"ورشة-{number}", f"workshop-{number}"),
            **translated("summary", "Résumé de l'atelier.", "ملخص الورشة.", "Workshop summary."),
            **translated("venue", "Hôtel Laico", "نزل لايكو", "Laico Hotel"),
            **translated("city", "Tunis", "تونس", "Tunis"),
            **translated(
                "concept_note",
                "<p>Note conceptuelle de l'atelier.</p>",
                "<p>المذكرة المفاهيمية للورشة.</p>",
                "<p>The workshop's concept note.</p>",
            ),
            "kind": EventPage.Kind.WORKSHOP,
            "start_date": start,
            "end_date": start + datetime.timedelta(days=days - 1),
            "start_time": datetime.time(9, 0),
            "end_time": datetime.time(17, 0),
            "time_zone": "Africa/Tunis",
            "country": "TN",
            "axis": "data",
            "working_languages": ["fr", "ar"],
        }
        if with_agenda:
            values["agenda"] = agenda(start, days, sessions)
        values.update(fields)
        page = EventPage(live=publish, **values)
        event_index.add_child(instance=page)
        page.organisers.set(organisers)
        page.partners.set(partners)
        revision = page.save_revision()
        if publish:
            revision.publish()
        page.refresh_from_db()
        return page

    return make


# Registration: a workshop open for registration, and what a participant declares.


@pytest.fixture
def open_workshop(make_event):
    """open_workshop(capacity=100, mode="open", **fields) -> a workshop taking registrations."""

    def make(capacity=100, mode=EventPage.RegistrationMode.OPEN, **fields):
        return make_event(registration_mode=mode, capacity=capacity, **fields)

    return make


def participant_fields(**overrides):
    """What a participant declares, as Registration fields (the form's field names too)."""
    number = next(_numbers)
    fields = {
        "first_name": "Amina",
        "last_name": f"Ben Salah {number}",
        "first_name_ar": "أمينة",
        "last_name_ar": "بن صالح",
        "email": f"participant{number}@example.org",
        "phone": "+216 71 000 000",
        "proposed_organisation": "Union des travailleurs",
        "constituency": "workers",
        "position": "Chargée d'études",
        "gender": "woman",
        "country": "TN",
        "nationality": "TN",
        "preferred_language": "fr",
        "accepts_privacy_notice": True,
    }
    fields.update(overrides)
    return fields


@pytest.fixture
def make_registration(make_user):
    """make_registration(event, user=None, **fields) -> a registration through the seat rules."""
    from events import registration

    def make(event, user=None, **overrides):
        fields = participant_fields(**overrides)
        user = user or make_user(email=fields["email"])
        fields["email"] = user.email
        return registration.register(event, user, **fields)

    return make


# Staff documents laid out by the task worker (tests/events/test_badge_jobs.py,
# tests/events/test_document_jobs.py)


@pytest.fixture
def database_tasks(settings):
    """Tasks queued in the database, as in production, for the `work` fixture
    (tests/site/conftest.py) to run: a request then only records its job."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def status_of(client, job):
    """The job's JSON status, as its page's script reads it."""
    response = client.get(reverse("events_document_job_status", args=[job.pk]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return response.json()
