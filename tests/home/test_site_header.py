"""The main navigation of the demo site, through the test client: the recommendations tracker and
the protocols are in it for everyone, the recommendations dashboard only for those it shows more
than the public tracker (staff who see every recommendation, focal points).

tests/home/test_site_header_browser.py shows the header in a browser.
"""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation

from amem.demo import DEMO_ADMIN, DEMO_FOCAL_POINT
from events.models import EventIndexPage, EventPage
from stakeholders.models import ProtocolIndexPage, RecommendationTrackerPage

pytestmark = pytest.mark.django_db


def main_nav(client, url):
    """The main navigation's links: (href, aria-current or None), in order."""
    response = client.get(url)
    assert response.status_code == 200
    nav = re.search(r'<nav class="main-nav".*?</nav>', response.text, re.S).group(0)
    return [
        (href, current)
        for href, current in re.findall(r'<a href="([^"]+)"(?: aria-current="([^"]+)")?', nav)
    ]


def hrefs(links):
    return [href for href, _current in links]


def dashboard_url(language="fr"):
    with translation.override(language):
        return reverse("stakeholders:dashboard:home")


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_tracker_and_protocols_are_in_the_main_navigation(client, demo_loaded, language):
    with translation.override(language):
        tracker = RecommendationTrackerPage.objects.get().url
        protocols = ProtocolIndexPage.objects.get().url

    links = hrefs(main_nav(client, f"/{language}/"))

    assert tracker in links
    assert protocols in links
    assert dashboard_url(language) not in links  # a visitor has no dashboard


def test_the_page_shown_is_marked_current_and_the_section_it_is_in(client, demo_loaded):
    tracker = RecommendationTrackerPage.objects.get().url
    workshops = EventIndexPage.objects.get().url

    links = dict(main_nav(client, tracker))
    in_workshops = dict(main_nav(client, EventPage.objects.live().first().url))

    assert links[tracker] == "page"
    assert [current for current in links.values() if current] == ["page"]
    assert in_workshops[workshops] == "true"
    assert [current for current in in_workshops.values() if current] == ["true"]


def test_focal_point_has_the_dashboard_marked_current_on_it(client, demo_loaded):
    focal_point = get_user_model().objects.get(email=DEMO_FOCAL_POINT[0])
    TOTP.activate(focal_point, generate_totp_secret())  # a focal point's pages require it
    client.force_login(focal_point)

    assert dashboard_url() in hrefs(main_nav(client, "/fr/"))
    assert dict(main_nav(client, dashboard_url()))[dashboard_url()] == "page"


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_staff_who_see_every_recommendation_have_the_dashboard(
    client, demo_loaded, make_user, language
):
    staff = make_user(email="reader@example.org")
    staff.user_permissions.add(Permission.objects.get(codename="view_recommendation"))
    client.force_login(staff)

    assert dashboard_url(language) in hrefs(main_nav(client, f"/{language}/"))


def test_demo_admin_has_the_dashboard(client, demo_loaded):
    client.force_login(get_user_model().objects.get(email=DEMO_ADMIN[0]))

    assert dashboard_url() in hrefs(main_nav(client, "/fr/"))


def test_participant_has_no_dashboard(client, demo_loaded, make_user):
    client.force_login(make_user(email="participant.menu@example.org"))

    assert dashboard_url() not in hrefs(main_nav(client, "/fr/"))
