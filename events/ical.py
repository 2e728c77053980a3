"""iCalendar (RFC 5545) for workshops: one .ics per workshop, and a feed of them all.

Texts are in the active language (the URL's prefix). Times are the venue's wall-clock times with
its TZID and a VTIMEZONE; a workshop without times is a run of whole days (DTEND is exclusive).

icalendar is imported by the functions that build a calendar: the workshop pages import this
module, and every process would otherwise load icalendar (and its time zone data) at startup.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from email.utils import parseaddr
from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.text import slugify

if TYPE_CHECKING:
    from icalendar import Calendar, Event

CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODUCT = "AMEM"
# VTIMEZONE transitions are written for a margin around the calendar's dates.
ZONE_MARGIN = timedelta(days=366)


def uid(page) -> str:
    """Stable across edits, slugs and re-publishing: it rests on the page's primary key only."""
    return f"event-{page.pk}@amem"


def start_and_end(page) -> tuple[date | datetime, date | datetime | None]:
    """DTSTART and DTEND: aware datetimes in the venue's zone, or whole days."""
    if page.start_time is None:
        return page.start_date, page.end_date + timedelta(days=1)
    start = datetime.combine(page.start_date, page.start_time, page.zone)
    if page.end_time is None:
        # A start time and no end time: the workshop runs to the end of its last day.
        end = datetime.combine(page.end_date + timedelta(days=1), datetime.min.time(), page.zone)
    else:
        end = datetime.combine(page.end_date, page.end_time, page.zone)
    return start, (end if end > start else None)


def event(page, *, url: str | None = None) -> Event:
    """The VEVENT of one workshop, in the active language."""
    from icalendar import Event

    start, end = start_and_end(page)
    return Event.new(
        uid=uid(page),
        stamp=page.last_published_at or timezone.now(),
        start=start,
        end=end,
        summary=page.title,
        description=page.summary or None,
        location=page.address or None,
        url=url,
        categories=[str(page.get_kind_display())],
    )


def calendar(pages, *, name: str, calendar_uid: str, url_of=None) -> Calendar:
    """A VCALENDAR (METHOD:PUBLISH) holding one VEVENT per page, with the VTIMEZONEs it needs."""
    from icalendar import Calendar

    pages = list(pages)
    language = translation.get_language() or "fr"
    result = Calendar.new(
        prodid=f"-//{PRODUCT}//{PRODUCT} workshops//{language.upper()}",
        method="PUBLISH",
        name=name,
        uid=calendar_uid,
        language=language,
    )
    for page in pages:
        result.add_component(event(page, url=url_of(page) if url_of else None))
    if pages:
        result.add_missing_timezones(
            first_date=min(page.start_date for page in pages) - ZONE_MARGIN,
            last_date=max(page.end_date for page in pages) + ZONE_MARGIN,
        )
    return result


def event_calendar(page, *, url: str | None = None) -> bytes:
    """The .ics file of one workshop."""
    return calendar(
        [page], name=page.title, calendar_uid=f"calendar-{uid(page)}", url_of=lambda _: url
    ).to_ical()


def filename(page) -> str:
    """An ASCII file name that does not change with the page's language."""
    stem = slugify(page.slug_fr or page.title_fr or "") or f"workshop-{page.pk}"
    return f"{stem[:80]}.ics"


def ics_response(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    safe_name = slugify(name.removesuffix(".ics")) or "calendar"
    response["Content-Disposition"] = f'attachment; filename="{safe_name}.ics"'
    return response


def invitation(page, *, attendee: str, attendee_name: str = "", url: str | None = None) -> bytes:
    """The .ics sent to one participant: METHOD:REQUEST, the participant as ATTENDEE and the
    site's sender as ORGANIZER, so that mail clients offer to add it to their calendar.

    The UID is the workshop's: a later invitation (a reminder, new dates) updates the same entry.
    """
    from icalendar import vCalAddress

    result = calendar(
        [page], name=page.title, calendar_uid=f"invitation-{uid(page)}", url_of=lambda _: url
    )
    result["METHOD"] = "REQUEST"
    organiser_name, organiser_email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    [vevent] = result.events
    vevent.organizer = vCalAddress.new(organiser_email, cn=organiser_name or None)
    vevent.attendees = [
        vCalAddress.new(
            attendee,
            cn=attendee_name or None,
            role="REQ-PARTICIPANT",
            partstat="ACCEPTED",
            rsvp=False,
        )
    ]
    return result.to_ical()
