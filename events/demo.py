"""Builds the demo workshops (events/demo_content.py) under a "Workshops" index in the menu.

Runs after home/demo.py and stakeholders/demo.py (`manage.py load_demo` keeps that order): the ILO
organises every workshop, and a workshop created here becomes the related workshop of the
publications and press releases that its spec lists. Like the other loaders, it creates what is
missing and never overwrites, so a second run changes nothing.
Dates and venues are demo placeholders, relative to today: see events/demo_content.py.
"""

from datetime import time, timedelta

from django.db import transaction
from django.utils import timezone, translation
from wagtail.models import Page

from home.demo import LANGUAGES, create_child
from home.models import HomePage, NewsIndexPage, NewsPage, PublicationPage
from stakeholders import demo as stakeholders_demo

from .demo_content import EVENTS, INDEX, SPEAKERS
from .models import EventIndexPage, EventPage


@transaction.atomic
def load():
    """Creates the workshops that are missing; returns how many pages it created."""
    with translation.override("fr"):
        home = HomePage.objects.get()
        index, created = create_child(home, EventIndexPage, INDEX, show_in_menus=True)
        if created:
            _place_before_news(index)
        count = int(created)
        ilo = stakeholders_demo.organisation(stakeholders_demo.ILO)
        for spec in EVENTS:
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
    return {"name": SPEAKERS[key][language] if key else "", "role": ""}
