import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation
from icalendar import Calendar

from events import ical

pytestmark = pytest.mark.django_db

MARCH_12 = datetime.date(2025, 3, 12)
FEED = "/fr/ateliers/calendar.ics"


def parse(content):
    return Calendar.from_ical(content)


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def test_event_calendar_parses_back_with_the_venue_zone(make_event):
    page = make_event(start=MARCH_12, days=2)

    with translation.override("fr"):
        content = ical.event_calendar(page, url="https://amem.example/fr/ateliers/x/")
    calendar = parse(content)

    assert calendar["METHOD"] == "PUBLISH"
    [event] = calendar.events
    assert event.start == datetime.datetime(2025, 3, 12, 9, 0, tzinfo=ZoneInfo("Africa/Tunis"))
    assert event.end == datetime.datetime(2025, 3, 13, 17, 0, tzinfo=ZoneInfo("Africa/Tunis"))
    assert b"DTSTART;TZID=Africa/Tunis:20250312T090000" in content
    assert [zone.tz_name for zone in calendar.timezones] == ["Africa/Tunis"]
    assert event["UID"] == f"event-{page.pk}@amem"
    assert event["SUMMARY"] == page.title_fr
    assert event["DESCRIPTION"] == "Résumé de l'atelier."
    assert event["LOCATION"] == "Hôtel Laico, Tunis, Tunisie"
    assert event["URL"] == "https://amem.example/fr/ateliers/x/"
    assert event["DTSTAMP"].dt == page.last_published_at.replace(microsecond=0)


@pytest.mark.parametrize("zone", ["Africa/Tripoli", "Africa/Casablanca", "Europe/Paris"])
def test_event_calendar_uses_any_venue_zone(make_event, zone):
    page = make_event(start=MARCH_12, days=1, time_zone=zone)

    content = ical.event_calendar(page)
    calendar = parse(content)

    assert f"DTSTART;TZID={zone}:20250312T090000".encode() in content
    assert [tz.tz_name for tz in calendar.timezones] == [zone]
    assert calendar.events[0].start == datetime.datetime(2025, 3, 12, 9, tzinfo=ZoneInfo(zone))


def test_event_calendar_writes_a_utc_equivalent_zone_as_utc(make_event):
    """icalendar writes Nouakchott (UTC+0 all year) in UTC form: the same instant, 09:00 local."""
    page = make_event(start=MARCH_12, days=1, time_zone="Africa/Nouakchott")

    content = ical.event_calendar(page)
    [event] = parse(content).events

    assert b"DTSTART:20250312T090000Z" in content
    assert event.start == datetime.datetime(2025, 3, 12, 9, tzinfo=ZoneInfo("Africa/Nouakchott"))


def test_event_calendar_without_times_is_whole_days(make_event):
    page = make_event(start=MARCH_12, days=3, start_time=None, end_time=None)

    content = ical.event_calendar(page)
    [event] = parse(content).events

    assert b"DTSTART;VALUE=DATE:20250312" in content
    assert event.start == MARCH_12
    assert event.end == datetime.date(2025, 3, 15)  # exclusive: the day after the last one
    assert parse(content).timezones == []


def test_event_calendar_uid_survives_edits_and_republishing(make_event):
    page = make_event(start=MARCH_12)
    before = parse(ical.event_calendar(page)).events[0]

    page.title_fr = "Nouveau titre"
    page.slug_fr = "nouveau-titre"
    page.save_revision().publish()
    page.refresh_from_db()
    after = parse(ical.event_calendar(page)).events[0]

    assert after["UID"] == before["UID"] == f"event-{page.pk}@amem"
    assert after["SUMMARY"] == "Nouveau titre"
    assert after["DTSTAMP"].dt >= before["DTSTAMP"].dt


def test_event_ics_route_speaks_the_urls_language(client, make_event):
    page = make_event(start=MARCH_12)

    response = client.get("/ar/ورش-العمل/" + page.slug_ar + "/calendar.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{page.slug_fr}.ics"'
    [event] = parse(response.content).events
    assert event["SUMMARY"] == page.title_ar
    assert event["DESCRIPTION"] == "ملخص الورشة."
    with translation.override("ar"):
        assert event["URL"] == page.get_full_url()


def test_feed_holds_every_live_workshop_future_and_past(client, make_event):
    future = make_event(start=days(20))
    past = make_event(start=days(-200))
    draft = make_event(start=days(30), publish=False)
    withdrawn = make_event(start=days(40))
    withdrawn.unpublish()

    response = client.get(FEED)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="amem-workshops-all.ics"'
    uids = {str(event["UID"]) for event in parse(response.content).events}
    assert uids == {ical.uid(future), ical.uid(past)}
    assert ical.uid(draft) not in uids and ical.uid(withdrawn) not in uids


def test_feed_filters_by_country(client, make_event):
    tunis = make_event(start=days(20), country="TN")
    nouakchott = make_event(start=days(-20), country="MR", time_zone="Africa/Nouakchott")

    def uids(params):
        response = client.get(FEED, params)
        assert response.status_code == 200
        return {str(event["UID"]) for event in parse(response.content).events}

    assert uids({"country": "MR"}) == {ical.uid(nouakchott)}
    assert uids({"country": "TN"}) == {ical.uid(tunis)}
    assert uids({"country": "ZZ"}) == {ical.uid(tunis), ical.uid(nouakchott)}


def test_feed_adds_one_vtimezone_per_zone(client, make_event):
    make_event(start=days(10), time_zone="Africa/Tunis")
    make_event(start=days(20), time_zone="Africa/Tunis")
    make_event(start=days(30), time_zone="Africa/Casablanca")

    calendar = parse(client.get(FEED).content)

    assert sorted(zone.tz_name for zone in calendar.timezones) == [
        "Africa/Casablanca",
        "Africa/Tunis",
    ]
    assert calendar.get_missing_tzids() == set()


def test_feed_without_workshops_is_still_a_calendar(client, event_index):
    response = client.get(FEED)

    assert response.status_code == 200
    calendar = parse(response.content)
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar.events == []
