import datetime
import re

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db

MARCH_12 = datetime.date(2025, 3, 12)


def html_tag(response):
    return re.search(r"<html[^>]*>", response.text).group(0)


def test_event_page_shows_dates_and_times_in_the_venue_zone(client, make_event, page_text):
    page = make_event(start=MARCH_12, days=2)

    response = client.get(f"/fr/ateliers/{page.slug_fr}/")

    assert response.status_code == 200
    text = page_text(response)
    assert "12–13 mars 2025, 09:00–17:00" in text
    assert "(heure de Tunis)" in text
    assert '<time datetime="2025-03-12T09:00+01:00">09:00</time>' in response.text
    assert '<time datetime="2025-03-13T17:00+01:00">17:00</time>' in response.text


def test_event_page_prints_local_times_of_a_zone_other_than_the_sites(
    client, make_event, page_text
):
    """Nouakchott is UTC+0, the site's zone (Tunis) UTC+1: a converted time would read 10:00."""
    page = make_event(start=MARCH_12, days=1, sessions=1, time_zone="Africa/Nouakchott")
    assert timezone.localtime(page.starts_at).strftime("%H:%M") == "10:00"

    response = client.get("/en/workshops/" + page.slug_en + "/")

    text = page_text(response)
    assert "12 March 2025, 09:00–17:00 (Nouakchott time)" in text
    assert "10:00" not in text
    assert '<time datetime="2025-03-12T09:00+00:00">09:00</time>' in response.text
    # The agenda's sessions too: the first starts at 09:00 local, its datetime at +00:00.
    assert '<time datetime="2025-03-12T09:00+00:00">09:00</time>–<time' in response.text


def test_event_page_in_cairo_keeps_cairos_offset(client, make_event):
    page = make_event(start=MARCH_12, days=1, time_zone="Africa/Cairo")

    response = client.get(f"/fr/ateliers/{page.slug_fr}/")

    assert '<time datetime="2025-03-12T09:00+02:00">09:00</time>' in response.text
    assert "08:00" not in response.text


def test_event_page_without_times_names_no_zone(client, make_event, page_text):
    page = make_event(start=MARCH_12, days=3, start_time=None, end_time=None, with_agenda=False)

    text = page_text(client.get("/en/workshops/" + page.slug_en + "/"))

    assert "12–14 March 2025" in text
    assert "Tunis time" not in text


def test_event_page_in_arabic_is_right_to_left_with_arabic_months(client, make_event, page_text):
    page = make_event(start=MARCH_12)

    response = client.get("/ar/ورش-العمل/" + page.slug_ar + "/")

    assert response.status_code == 200
    assert html_tag(response) == '<html lang="ar" dir="rtl">'
    text = page_text(response)
    assert page.title_ar in text
    assert "مارس 2025" in text
    assert "الجلسة الثانية في اليوم الأول" in text


def test_event_page_names_organisers_and_partners_in_the_language(
    client, make_event, make_organisation, page_text
):
    ministry = make_organisation(
        fr="Ministère de l'Emploi", ar="وزارة التشغيل", en="Ministry of Employment"
    )
    ilo = make_organisation(
        fr="Organisation internationale du Travail",
        ar="منظمة العمل الدولية",
        en="International Labour Organization",
    )
    page = make_event(organisers=[ministry], partners=[ilo])

    english = page_text(client.get("/en/workshops/" + page.slug_en + "/"))
    arabic = page_text(client.get("/ar/ورش-العمل/" + page.slug_ar + "/"))

    assert "Organisers Ministry of Employment" in english
    assert "Partners International Labour Organization" in english
    assert "وزارة التشغيل" in arabic and "منظمة العمل الدولية" in arabic


def test_event_page_shows_venue_languages_and_interpretation(client, make_event, page_text):
    page = make_event(
        working_languages=["fr", "ar"],
        interpretation_en="Simultaneous interpretation Arabic–French",
        venue_en="Laico Hotel",
        city_en="Tunis",
    )

    text = page_text(client.get("/en/workshops/" + page.slug_en + "/"))

    assert "Working languages French, Arabic" in text
    assert "Simultaneous interpretation Arabic–French" in text
    assert "Laico Hotel Tunis, Tunisia" in text
    assert "Workshop" in text  # the kind


def test_event_page_agenda_is_a_list_of_days_with_timed_sessions(client, make_event):
    page = make_event(start=MARCH_12, days=2, sessions=3)

    html = client.get("/en/workshops/" + page.slug_en + "/").text

    agenda = re.search(r'<ol class="agenda">(.*?)</ol>\s*</section>', html, re.S).group(1)
    days = re.findall(r'<h3 class="agenda-day__title">.*?<time datetime="([\d-]+)">', agenda)
    assert days == ["2025-03-12", "2025-03-13"]
    titles = re.findall(r'<h4 class="session__title">([^<]+)</h4>', agenda)
    assert titles == [f"Session {d}.{n} (en)" for d in (1, 2) for n in (1, 2, 3)]
    assert '<time datetime="2025-03-13T11:00+01:00">11:00</time>' in agenda


def test_event_page_labels_a_panels_speakers_panellists(client, make_event):
    page = make_event(sessions=2)

    html = client.get("/en/workshops/" + page.slug_en + "/").text

    sessions = re.findall(
        r'<li class="session session--(\w+)">(.*?)</li>\s*(?=<li class="session|</ol>)', html, re.S
    )
    kinds = dict(sessions)
    assert "<dt>Panellists</dt>" in kinds["panel"]
    assert "<dt>Speakers</dt>" in kinds["plenary"]
    assert "<dt>Moderator</dt>" in kinds["panel"]


def test_event_page_links_calendar_printable_views_and_pdfs(client, make_event):
    page = make_event()
    base = "/en/workshops/" + page.slug_en + "/"

    html = client.get(base).text

    for route in ("calendar.ics", "agenda/", "agenda.pdf", "concept-note/", "concept-note.pdf"):
        assert f'href="{base}{route}"' in html
    assert "Add to calendar" in html


def test_event_page_without_agenda_or_note_offers_neither(client, make_event):
    page = make_event(with_agenda=False, concept_note_fr="", concept_note_ar="", concept_note_en="")
    base = "/en/workshops/" + page.slug_en + "/"

    html = client.get(base).text

    assert "agenda.pdf" not in html and "concept-note" not in html
    for route in ("agenda/", "agenda.pdf", "concept-note/", "concept-note.pdf"):
        assert client.get(base + route).status_code == 404


def test_event_page_breadcrumb_leads_home_through_the_index(client, make_event):
    page = make_event()

    html = client.get("/en/workshops/" + page.slug_en + "/").text

    crumbs = re.search(r'<nav class="breadcrumb".*?</nav>', html, re.S).group(0)
    assert re.findall(r'<a href="([^"]+)"', crumbs) == [
        "/en/",
        "/en/workshops/",
        "/en/workshops/" + page.slug_en + "/",
    ]
    assert 'aria-current="page">' + page.title_en in crumbs


def test_printable_agenda_lists_every_session_in_a_table(client, make_event, page_text):
    page = make_event(start=MARCH_12, days=2, sessions=3)

    response = client.get("/en/workshops/" + page.slug_en + "/agenda/")

    assert response.status_code == 200
    rows = re.findall(
        r'<tr class="session[^"]*">.*?<strong class="agenda-table__title">([^<]+)<',
        response.text,
        re.S,
    )
    assert rows == [f"Session {d}.{n} (en)" for d in (1, 2) for n in (1, 2, 3)]
    assert "Wednesday 12 March 2025" in page_text(response)


def test_printable_concept_note_shows_the_note(client, make_event, page_text):
    page = make_event()

    response = client.get("/ar/ورش-العمل/" + page.slug_ar + "/concept-note/")

    assert response.status_code == 200
    assert html_tag(response) == '<html lang="ar" dir="rtl">'
    assert "المذكرة المفاهيمية للورشة." in page_text(response)


def test_unpublished_event_page_and_its_routes_are_not_found(client, make_event):
    page = make_event(publish=False)
    base = "/fr/ateliers/" + page.slug_fr + "/"

    for route in ("", "agenda/", "agenda.pdf", "calendar.ics"):
        assert client.get(base + route).status_code == 404


def test_regional_workshop_shows_its_city_alone(client, make_event, page_text):
    page = make_event(country="XM", city_en="Tunis", venue_en="City of Culture")

    text = page_text(client.get("/en/workshops/" + page.slug_en + "/"))

    assert "City of Culture Tunis" in text
    assert "Regional (Maghreb)" not in text


def test_language_switcher_on_the_printable_agenda_stays_on_the_agenda(client, make_event):
    page = make_event(start=MARCH_12, days=1, sessions=1)

    response = client.get("/en/workshops/" + page.slug_en + "/agenda/")

    nav = re.search(r'<nav class="language-switcher".*?</nav>', response.text, re.S).group(0)
    links = dict(re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', nav))
    assert f"/fr/ateliers/{page.slug_fr}/agenda/" in links
    for url in links:
        assert client.get(url).status_code == 200
