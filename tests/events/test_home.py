import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

pytestmark = pytest.mark.django_db


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def upcoming_section(response):
    found = re.search(r'<section class="[^"]*event-upcoming.*?</section>', response.text, re.S)
    return found.group(0) if found else None


def test_home_page_lists_the_next_three_upcoming_workshops(client, make_event):
    fourth = make_event(start=days(40), title_en="Fourth")
    make_event(start=days(30), title_en="Third")
    make_event(start=days(10), title_en="First")
    make_event(start=days(20), title_en="Second")
    make_event(start=days(-10), title_en="Past one")
    make_event(start=days(5), title_en="Draft one", publish=False)

    section = upcoming_section(client.get("/en/"))

    assert section is not None
    assert "Upcoming workshops" in section
    titles = re.findall(r'<h3 class="card__title"><a href="[^"]*">([^<]+)</a>', section)
    assert titles == ["First", "Second", "Third"]
    assert fourth.title_en not in section
    assert 'href="/en/workshops/"' in section


def test_home_page_shows_no_workshop_section_when_none_is_coming(client, make_event):
    make_event(start=days(-10), title_en="Past one")

    response = client.get("/en/")

    assert response.status_code == 200
    assert upcoming_section(response) is None
    assert "Past one" not in response.text


def test_home_page_workshops_in_arabic(client, make_event):
    page = make_event(start=days(10))

    section = upcoming_section(client.get("/ar/"))

    assert page.title_ar in section
    assert "/ar/ورش-العمل/" in section or "/ar/%D9%88%D8%B1%D8%B4" in section


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_home_page_workshops_cost_fixed_queries(
    client, make_event, make_organisation, django_assert_max_num_queries
):
    ministry = make_organisation(acronym="MAS")
    make_event(start=days(10), organisers=[ministry])
    client.get("/fr/")
    with_one = count_queries(client, "/fr/")

    for offset in range(11, 16):
        make_event(start=days(offset), organisers=[ministry])
    client.get("/fr/")

    assert count_queries(client, "/fr/") == with_one
    with django_assert_max_num_queries(with_one):
        client.get("/fr/")
