"""How a workshop's dates and times read, in the active language and the venue's time zone.

A workshop's dates and times are stored as the venue's local ones (what the agenda prints), with
the venue's zone beside them. Nothing here converts to the site's zone: Django's template `date`
filter would (it localises aware datetimes), so the strings are built here instead.
"""

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.utils import dateformat
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from home.time_zones import zone_name

DASH = "\u2013"  # en dash, as in "12–13 March"
DAY, DAY_MONTH, FULL = "j", "j F", "j F Y"


def comma() -> str:
    """The list separator of the active language: Arabic has its own comma."""
    return "\u060c " if (get_language() or "").startswith("ar") else ", "


def joined(parts) -> str:
    """The non-empty parts joined with the active language's comma: "Tunis, Tunisia"."""
    return comma().join(str(part) for part in parts if part)


def _pieces(start: date, end: date) -> list[tuple[date, str]]:
    """The dates to print and how: 12–13 March 2025, 30 March – 2 April 2025, …"""
    if start == end:
        return [(start, FULL)]
    if (start.year, start.month) == (end.year, end.month):
        return [(start, DAY), (end, FULL)]
    if start.year == end.year:
        return [(start, DAY_MONTH), (end, FULL)]
    return [(start, FULL), (end, FULL)]


def _separator(pieces) -> str:
    # "12–13" binds tight; "30 March – 2 April" needs room around the dash.
    return DASH if pieces[0][1] == DAY else f" {DASH} "


def date_range(start: date, end: date | None = None) -> str:
    pieces = _pieces(start, end or start)
    return _separator(pieces).join(dateformat.format(day, fmt) for day, fmt in pieces)


def date_range_html(start: date, end: date | None = None) -> SafeString:
    """The same, each date in a <time datetime> element."""
    pieces = _pieces(start, end or start)
    parts = [
        format_html('<time datetime="{}">{}</time>', day.isoformat(), dateformat.format(day, fmt))
        for day, fmt in pieces
    ]
    return mark_safe(_separator(pieces).join(parts))  # noqa: S308 - parts escaped by format_html


def clock(value: time) -> str:
    return dateformat.time_format(value, "H:i")


def time_range(start: time | None, end: time | None) -> str:
    if start is None:
        return ""
    return f"{clock(start)}{DASH}{clock(end)}" if end else clock(start)


def local_iso(day: date, at: time, tzid: str) -> str:
    """ "2025-03-12T09:00:00+01:00": the venue's wall-clock time with its offset that day."""
    return datetime.combine(day, at, ZoneInfo(tzid)).isoformat(timespec="minutes")


@dataclass(frozen=True)
class When:
    """Everything a template needs to say when a workshop takes place."""

    start_date: date
    end_date: date
    start_time: time | None
    end_time: time | None
    tzid: str

    @property
    def dates(self) -> str:
        return date_range(self.start_date, self.end_date)

    @property
    def dates_html(self) -> SafeString:
        return date_range_html(self.start_date, self.end_date)

    @property
    def times(self) -> str:
        return time_range(self.start_time, self.end_time)

    @property
    def times_html(self) -> SafeString:
        if self.start_time is None:
            return mark_safe("")  # noqa: S308 - an empty string
        start = format_html(
            '<time datetime="{}">{}</time>',
            local_iso(self.start_date, self.start_time, self.tzid),
            clock(self.start_time),
        )
        if self.end_time is None:
            return start
        end = format_html(
            '<time datetime="{}">{}</time>',
            local_iso(self.end_date, self.end_time, self.tzid),
            clock(self.end_time),
        )
        return format_html("{}{}{}", start, DASH, end)

    @property
    def zone(self) -> str:
        return zone_name(self.tzid)

    def __str__(self) -> str:
        """ "12–13 March 2025, 09:00–17:00 (Tunis time)", in the active language."""
        if not self.times:
            return self.dates
        return f"{joined([self.dates, self.times])} ({self.zone})"

    @property
    def html(self) -> SafeString:
        """The same with <time datetime> elements, which carry the venue's offset."""
        if not self.times:
            return self.dates_html
        return format_html(
            '{}{}<span class="event-when__times">{}</span> {}',
            self.dates_html,
            comma(),
            self.times_html,
            format_html('<span class="event-when__zone">({})</span>', self.zone),
        )
