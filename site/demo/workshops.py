"""The demo workshops, under a "Workshops" index in the menu: the seed's items 2, 3, 5, 6, 7, 11
and 12 (with item 9's panels and item 8's concept note). Their words are in data/workshops.json.

Runs after pages.py and registry.py (`load()` of this package keeps that order): the ILO organises
every workshop, and a workshop created here becomes the related workshop of the publications and
press releases that its spec lists in `related` (French slugs). Like the other loaders, it creates
what is missing and never overwrites, so a second run changes nothing.

Dates, times, venues and rooms are demo placeholders: the seed gives none. A workshop starts
`starts_in` days from today (negative: in the past) and lasts one day per agenda day. Its agenda
is entered once: times, kinds, rooms and speakers the same in every language, each text in fr,
ar and en. Speakers are roles with their organisation (keys of `speakers`), never named people.
"""

from datetime import time, timedelta

from django.db import transaction
from django.utils import timezone, translation
from wagtail.models import Page

from events.models import EventIndexPage, EventPage
from home.models import HomePage, NewsIndexPage, NewsPage, PublicationPage

from . import registry, signature
from .common import LANGUAGES, create_child, data, translated

WORKSHOPS = data("workshops")


@transaction.atomic
def load():
    """Creates the workshops that are missing; returns how many pages it created."""
    with translation.override("fr"):
        home = HomePage.objects.get()
        index, created = create_child(home, EventIndexPage, WORKSHOPS["index"], show_in_menus=True)
        if created:
            _place_before_news(index)
        count = int(created)
        ilo = registry.organisation(registry.ILO)
        for spec in WORKSHOPS["workshops"]:
            page, created = _event(index, spec, organisers=[ilo] if ilo else [])
            if created:
                _relate(page, spec["related"])
                _documents(page, spec.get("documents"))
            count += created
    return count


def _place_before_news(index):
    """Workshops come before News in the menu (the index is created after it)."""
    news = NewsIndexPage.objects.child_of(index.get_parent()).first()
    if news is not None:
        index.move(news, pos="left")


def _event(index, spec, organisers):
    start = timezone.localdate() + timedelta(days=spec["starts_in"])
    place = spec["place"]
    text = {
        **spec["text"],
        "venue": place["venue"],
        "city": place["city"],
    }
    return create_child(
        index,
        EventPage,
        text,
        agenda=agenda(spec["agenda"], start),
        kind=spec["kind"],
        country=spec["country"],
        axis=spec["axis"],
        start_date=start,
        end_date=start + timedelta(days=len(spec["agenda"]) - 1),
        start_time=time.fromisoformat(spec["hours"][0]),
        end_time=time.fromisoformat(spec["hours"][1]),
        time_zone=place["time_zone"],
        working_languages=spec["working_languages"],
        organisers=organisers,
    )


def _relate(event, slugs):
    """The publications and press releases about a new workshop link to it (unless linked)."""
    pages = Page.objects.filter(slug_fr__in=slugs).type(NewsPage, PublicationPage).specific()
    for page in pages:
        if page.related_event_id is None:
            page.related_event = event
            page.save_revision().publish()


def _documents(event, spec):
    """Visa letters and the signatory of its certificates, for a new workshop whose spec has them:
    the past Tunisian workshop, so that the demo shows a signed certificate and a letter."""
    if not spec:
        return
    event.invitation_letters_enabled = spec["invitation_letters_enabled"]
    event.signatory_name = spec["signatory_name"]
    for field, value in translated(signatory_title=spec["signatory_title"]).items():
        setattr(event, field, value)
    event.signature_image = signature.image()
    event.save_revision().publish()


def agenda(days, start):
    """The one agenda in Wagtail's raw form from the `start` date: times, kinds and people once,
    each text in the three languages (`title_fr`, `title_ar`, `title_en`…)."""
    return [
        {
            "type": "day",
            "value": {
                "date": (start + timedelta(days=number)).isoformat(),
                **_texts("title", day["title"]),
                "sessions": [_session(session) for session in day["sessions"]],
            },
        }
        for number, day in enumerate(days)
    ]


def _texts(name, text):
    """{"title_fr": …, "title_ar": …, "title_en": …} of a {language: text} (or None: empty)."""
    return {f"{name}_{language}": (text or {}).get(language, "") for language in LANGUAGES}


def _session(session):
    return {
        "start": session["start"],
        "end": session["end"],
        "kind": session["kind"],
        **_texts("title", session["title"]),
        **_texts("room", session["room"]),
        "moderator": _speaker(session["moderator"]),
        "speakers": [_speaker(key) for key in session["speakers"]],
        **_texts("description", session["description"]),
    }


def _speaker(key):
    """A role with its organisation, and no name: the demo names no one."""
    return {"name": "", **_texts("role", WORKSHOPS["speakers"][key] if key else None)}
