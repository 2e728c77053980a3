"""What the home page and a 3-day workshop's page cost in queries, on the demo and on ten times its
workshops, news, publications and registrations, for an anonymous visitor (the page cache is off
in the tests): the site-wide header and footer are computed once per content generation
(home/site_parts.py), and a change to the content shows on the next request: a title in the
menu, a section made private (which sections are private is kept per generation too).
"""

import copy
import re
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import PageViewRestriction
from wagtail.signal_handlers import disable_reference_index_auto_update

from events.models import EventIndexPage, EventPage, Registration
from events.models.registration import new_token
from home.models import HomePage, NewsPage, PublicationPage

pytestmark = pytest.mark.django_db

LANGUAGES = ("fr", "ar")
MAX_QUERIES = 12


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def main_nav(response):
    return re.search(r'<nav class="main-nav".*?</nav>', response.text, re.S).group(0)


def with_third_day(workshop):
    """The workshop's last agenda day again, one day later."""
    days = list(workshop.agenda.raw_data)
    day = copy.deepcopy(days[-1])
    day.pop("id", None)
    day["value"]["date"] = (workshop.end_date + timedelta(days=1)).isoformat()
    with translation.override("fr"):
        workshop.agenda = [*days, day]
        workshop.end_date += timedelta(days=1)
        workshop.save_revision().publish()
    return workshop


def duplicate(page, number):
    """A live copy of `page` beside it, with its own slugs; no revision, unlike Page.copy (and
    so much cheaper)."""
    twin = copy.copy(page)
    twin._state = copy.copy(page._state)
    twin._state.adding = True
    twin.pk = twin.id = twin.page_ptr_id = None
    twin.translation_key = uuid.uuid4()
    twin.latest_revision = twin.live_revision = None
    for language in ("fr", "ar", "en"):
        setattr(twin, f"slug_{language}", f"{getattr(page, f'slug_{language}')}-{number}")
    twin.slug = twin.slug_fr
    page.get_parent().add_child(instance=twin)


def ten_times_the_content():
    with disable_reference_index_auto_update():  # what links to what: no page here needs it
        for model in (EventPage, NewsPage, PublicationPage):
            pages = list(model.objects.all())
            for number in range(1, 10):
                for page in pages:
                    duplicate(page, number)
    registrations = list(Registration.objects.all())
    replaced = {"id", "user_id", "email", "token", "check_in_code"}
    fields = [field for field in Registration._meta.fields if field.attname not in replaced]
    Registration.objects.bulk_create(
        Registration(
            **{field.attname: getattr(registration, field.attname) for field in fields},
            user_id=None,  # one active registration per user and workshop
            email=f"{number}.{registration.email}",
            token=new_token(),
            check_in_code=new_token(),
        )
        for number in range(1, 10)
        for registration in registrations
    )


def test_home_and_workshop_pages_cost_a_few_queries_whatever_the_content(client, demo_loaded):
    workshop = with_third_day(EventPage.objects.get(kind=EventPage.Kind.SUBREGIONAL_WORKSHOP))
    urls = {}
    for language in LANGUAGES:
        with translation.override(language):
            urls["home", language] = HomePage.objects.get().get_url()
            urls["workshop", language] = workshop.get_url()

    def cost():
        for url in urls.values():
            client.get(url)  # the first request of a generation computes the site-wide parts
        return {page: queries(client, url) for page, url in urls.items()}

    demo = cost()
    counts = (EventPage.objects.count(), NewsPage.objects.count(), Registration.objects.count())
    ten_times_the_content()
    assert (
        EventPage.objects.count(),
        NewsPage.objects.count(),
        Registration.objects.count(),
    ) == tuple(10 * count for count in counts)

    assert cost() == demo
    assert max(demo.values()) <= MAX_QUERIES, demo


def test_a_title_published_shows_in_the_menu_on_the_next_request(client, demo_loaded):
    index = EventIndexPage.objects.get()
    before = {language: main_nav(client.get(f"/{language}/")) for language in LANGUAGES}
    assert index.title_fr in before["fr"]
    assert index.title_ar in before["ar"]
    assert "Nos ateliers" not in before["fr"]

    with translation.override("fr"):
        index.title = "Nos ateliers"
        index.save_revision().publish()

    assert "Nos ateliers" in main_nav(client.get("/fr/"))
    arabic = main_nav(client.get("/ar/"))
    assert index.title_ar in arabic
    assert "Nos ateliers" not in arabic


def test_a_section_made_private_is_closed_and_unlisted_on_the_next_request(client, demo_loaded):
    news = NewsPage.objects.live().order_by("path").first()
    assert client.get(news.url).status_code == 200
    assert news.title in client.get("/fr/").text  # the home page's latest news

    PageViewRestriction.objects.create(
        page=news.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )

    assert client.get(news.url).status_code == 302  # to the login page
    assert news.title not in client.get("/fr/").text
