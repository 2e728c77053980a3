"""The demo workshops, under a "Workshops" index in the menu: the seed's items 2, 3, 5, 6, 7, 11
and 12 (with item 9's panels and item 8's concept note). Their words are in data/workshops.json.

Runs after pages.py and registry.py (`load()` of this package keeps that order): the ILO organises
every workshop, and a workshop created here becomes the related workshop of the publications and
press releases that its spec lists in `related` (French slugs). Like the other loaders, it creates
what is missing and never overwrites, so a second run changes nothing.

Dates, times, venues and rooms are demo placeholders: the seed gives none. A workshop starts
`starts_in` days from today (negative: in the past) and lasts one day per agenda day. Speakers
are roles with their organisation (keys of `speakers`), never named people.
"""

from datetime import time, timedelta

from django.db import transaction
from django.utils import timezone, translation
from wagtail.models import Page

from events.models import EventIndexPage, EventPage
from home.models import HomePage, NewsIndexPage, NewsPage, PublicationPage

from . import registry
from .common import LANGUAGES, create_child, data

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
        "agenda": {language: agenda(spec["agenda"], start, language) for language in LANGUAGES},
    }
    return create_child(
        index,
        EventPage,
        text,
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


def agenda(days, start, language):
    """The agenda's days in Wagtail's raw form, in one language, from the `start` date."""
    return [
        {
            "type": "day",
            "value": {
                "date": (start + timedelta(days=number)).isoformat(),
                "title": day["title"][language],
                "sessions": [_session(session, language) for session in day["sessions"]],
            },
        }
        for number, day in enumerate(days)
    ]


def _session(session, language):
    return {
        "start": session["start"],
        "end": session["end"],
        "kind": session["kind"],
        "title": session["title"][language],
        "room": session["room"][language],
        "moderator": _speaker(session["moderator"], language),
        "speakers": [_speaker(key, language) for key in session["speakers"]],
        "description": session["description"][language] if session["description"] else "",
    }


def _speaker(key, language):
    """A role with its organisation, in the name slot: the demo names no one."""
    return {"name": WORKSHOPS["speakers"][key][language] if key else "", "role": ""}
