import datetime

import pytest
from django.utils import translation

from events.dates import When, date_range, time_range
from events.models.pages import TIME_ZONES
from home.time_zones import zone_name

D = datetime.date
T = datetime.time


@pytest.mark.parametrize(
    ("language", "start", "end", "expected"),
    [
        ("fr", D(2025, 3, 12), D(2025, 3, 12), "12 mars 2025"),
        ("fr", D(2025, 3, 12), D(2025, 3, 13), "12–13 mars 2025"),
        ("fr", D(2025, 3, 30), D(2025, 4, 2), "30 mars – 2 avril 2025"),
        ("fr", D(2024, 12, 30), D(2025, 1, 2), "30 décembre 2024 – 2 janvier 2025"),
        ("en", D(2025, 3, 12), D(2025, 3, 13), "12–13 March 2025"),
        ("ar", D(2025, 3, 12), D(2025, 3, 13), "12–13 مارس 2025"),
        ("ar", D(2025, 3, 30), D(2025, 4, 2), "30 مارس – 2 إبريل 2025"),
    ],
)
def test_date_range_reads_naturally_in_each_language(language, start, end, expected):
    with translation.override(language):
        assert date_range(start, end) == expected


def test_time_range_with_and_without_an_end():
    assert time_range(T(9), T(17, 30)) == "09:00–17:30"
    assert time_range(T(9), None) == "09:00"
    assert time_range(None, None) == ""


def test_when_names_the_zone_with_the_times_only():
    with translation.override("en"):
        timed = When(D(2025, 3, 12), D(2025, 3, 13), T(9), T(17), "Africa/Tunis")
        assert str(timed) == "12–13 March 2025, 09:00–17:00 (Tunis time)"
        all_day = When(D(2025, 3, 12), D(2025, 3, 13), None, None, "Africa/Tunis")
        assert str(all_day) == "12–13 March 2025"
        utc = When(D(2025, 3, 12), D(2025, 3, 12), T(9), T(10), "UTC")
        assert str(utc) == "12 March 2025, 09:00–10:00 (UTC)"


def test_when_html_marks_up_dates_and_local_times_with_that_days_offset():
    with translation.override("ar"):
        may = When(D(2025, 5, 12), D(2025, 5, 12), T(9), T(17), "Africa/Casablanca").html
        # Morocco puts its clocks back an hour during Ramadan (March 2025).
        ramadan = When(D(2025, 3, 12), D(2025, 3, 12), T(9), T(17), "Africa/Casablanca").html

    assert '<time datetime="2025-05-12">12 مايو 2025</time>' in may
    assert '<time datetime="2025-05-12T09:00+01:00">09:00</time>' in may
    assert '<time datetime="2025-03-12T09:00+00:00">09:00</time>' in ramadan
    assert '<span class="event-when__zone">(بتوقيت الرباط)</span>' in may
    assert "\u060c " in may  # the Arabic comma


def test_every_venue_zone_reads_as_a_city_in_each_language():
    for tzid, _label in TIME_ZONES:
        for language in ("fr", "ar", "en"):
            with translation.override(language):
                assert "/" not in zone_name(tzid), (tzid, language)
    # Whole phrases, not a city slotted into "heure de …".
    with translation.override("fr"):
        assert zone_name("Africa/Cairo") == "heure du Caire"
    with translation.override("ar"):
        assert zone_name("Europe/Zurich") == "بتوقيت جنيف"
    # A site TIME_ZONE of its own, outside the venues' list, gets CLDR's name.
    with translation.override("en"):
        assert zone_name("Asia/Tokyo") == "Japan Time"
