"""The site's pages pass axe-core's WCAG 2.1 A and AA rules, in French and Arabic, on a desktop
and on a phone: colour contrast, names of controls and links, landmarks, unique ids, lang.

axe-core (shipped by axe-playwright-python, nothing downloaded) runs in Debian's Chromium over
the whole demo. A participant and the demo focal point are logged in by a session cookie made by
the test client. A failure lists each rule broken, its impact and the elements that break it.
Run only these with `pytest -m browser`.
"""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import iri_to_uri

from amem import demo
from events.models import EventIndexPage, EventPage, Registration
from home.models import (
    ContentPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    PublicationIndexPage,
    PublicationPage,
)
from stakeholders import access, dashboard
from stakeholders.models import (
    PartnersDirectoryPage,
    Protocol,
    ProtocolIndexPage,
    RecommendationTrackerPage,
)
from stakeholders.models.pages import PUBLIC_STATUSES
from tests.browser import chromium_browser, marks, module_server

# django_db: pytest-django sets up the test database only for tests that ask for it.
pytestmark = [*marks, pytest.mark.django_db]

LANGUAGES = ("fr", "ar")
VIEWPORTS = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Each page type and who looks at it: "visitor" (anonymous), "participant", "focal point".
PAGE_TYPES = {
    "home": "visitor",
    "workshops index": "visitor",
    "workshop": "visitor",
    "workshop agenda": "visitor",
    "workshop participants": "visitor",
    "registration form": "participant",
    "registration manage": "participant",
    "my registrations": "participant",
    "my data": "participant",
    "news index": "visitor",
    "news item": "visitor",
    "publications index": "visitor",
    "publication": "visitor",
    "content page": "visitor",
    "country page": "visitor",
    "partners directory": "visitor",
    "recommendations tracker": "visitor",
    "tracker country": "visitor",
    "recommendation": "visitor",
    "protocols index": "visitor",
    "protocol": "visitor",
    "search results": "visitor",
    "login": "visitor",
    "signup": "visitor",
    "password reset": "visitor",
    "partner space": "focal point",
    "partner organisation": "focal point",
    "partner contact form": "focal point",
    "partner person form": "focal point",
    "recommendations dashboard": "focal point",
    "recommendations dashboard list": "focal point",
}


def _page_paths(participant_registration, focal_point):
    """{page type: path in the active language}, found from the demo's content by type."""

    def url(model, **filters):
        # Called in each language: the URL follows the page's slugs in the active one.
        return model.objects.live().filter(**filters).first().url

    workshop = (
        EventPage.objects.live().filter(registration_mode=EventPage.RegistrationMode.OPEN).get()
    )
    tracker = RecommendationTrackerPage.objects.get()
    protocols = ProtocolIndexPage.objects.get()
    recommendation = dashboard.public_recommendations().first()
    protocol = Protocol.objects.filter(status__in=PUBLIC_STATUSES).first()
    organisation = access.organisations_for(focal_point).first()
    affiliation = access.affiliations_of(organisation).first()
    partner = {"organisation": organisation.pk}
    return {
        "home": url(HomePage),
        "workshops index": url(EventIndexPage),
        "workshop": workshop.url,
        "workshop agenda": workshop.url + workshop.reverse_subpage("agenda"),
        "workshop participants": workshop.url + workshop.reverse_subpage("participants"),
        "registration form": workshop.url + workshop.reverse_subpage("register"),
        "registration manage": reverse(
            "events:manage", kwargs={"token": participant_registration.token}
        ),
        "my registrations": reverse("events:my_registrations"),
        "my data": reverse("events:my_data"),
        "news index": url(NewsIndexPage),
        "news item": url(NewsPage),
        "publications index": url(PublicationIndexPage),
        "publication": url(PublicationPage),
        "content page": url(ContentPage, country=""),
        "country page": url(ContentPage, country__gt=""),
        "partners directory": url(PartnersDirectoryPage),
        "recommendations tracker": tracker.url,
        "tracker country": tracker.url + tracker.reverse_subpage("country", args=["tn"]),
        "recommendation": tracker.url
        + tracker.reverse_subpage("recommendation", args=[recommendation.pk]),
        "protocols index": protocols.url,
        "protocol": protocols.url + protocols.reverse_subpage("protocol", args=[protocol.pk]),
        "search results": reverse("search") + "?q=migration",
        "login": reverse("account_login"),
        "signup": reverse("account_signup"),
        "password reset": reverse("account_reset_password"),
        "partner space": reverse("stakeholders:partner_space:home"),
        "partner organisation": reverse("stakeholders:partner_space:organisation", kwargs=partner),
        "partner contact form": reverse("stakeholders:partner_space:contact", kwargs=partner),
        "partner person form": reverse(
            "stakeholders:partner_space:person",
            kwargs={**partner, "affiliation": affiliation.pk},
        ),
        "recommendations dashboard": reverse("stakeholders:dashboard:home"),
        "recommendations dashboard list": reverse("stakeholders:dashboard:list"),
    }


def _session_cookie(user):
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _people():
    """A participant with a registration of their own, and the demo focal point with TOTP set up
    (focal points reach the partner space only with it; force_login passes its code)."""
    User = get_user_model()
    email = "participant.a11y@example.org"
    participant = User.objects.create_user(email=email, first_name="Amina", last_name="Ben Salah")
    EmailAddress.objects.create(user=participant, email=email, verified=True, primary=True)
    # A registration to a workshop other than the open one, whose form stays a form.
    open_mode = EventPage.RegistrationMode.OPEN
    registration = Registration.objects.exclude(event__registration_mode=open_mode).first()
    Registration.objects.filter(pk=registration.pk).update(user=participant, email=email)
    focal_point = User.objects.get(email=demo.DEMO_FOCAL_POINT[0])
    TOTP.activate(focal_point, generate_totp_secret())
    return participant, registration, focal_point


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """The whole demo on a live server; the paths of every page type by language, and the
    session cookies of the participant and of the focal point."""
    paths, sessions = {}, {}

    def load():
        demo.load()
        participant, registration, focal_point = _people()
        for language in LANGUAGES:
            with translation.override(language):
                paths[language] = _page_paths(registration, focal_point)
        sessions.update(participant=_session_cookie(participant))
        sessions["focal point"] = _session_cookie(focal_point)

    with module_server(django_db_blocker, load) as server:
        yield server, paths, sessions


@pytest.fixture(scope="module")
def tabs(site):
    """tabs(language, viewport, who): one browser tab for each, opened when first asked for, then
    reused; Chromium opened after the demo is loaded and closed before the tables are emptied."""
    server, _paths, sessions = site
    opened = {}
    with chromium_browser() as chromium:

        def tab(language, viewport, who):
            if (language, viewport, who) not in opened:
                # Reduced motion: no colour transition in progress while axe measures contrast.
                context = chromium.new_context(
                    viewport=VIEWPORTS[viewport], locale=language, reduced_motion="reduce"
                )
                if who in sessions:
                    cookie = {"name": settings.SESSION_COOKIE_NAME, "value": sessions[who]}
                    context.add_cookies([{**cookie, "url": server.url}])
                opened[language, viewport, who] = context.new_page()
            return opened[language, viewport, who]

        yield tab


def _report(violations):
    """Each rule broken, its impact, and the CSS selectors of the elements that break it."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(f"    {node['target']}" for node in violation["nodes"])
    return "\n".join(lines)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_has_no_accessibility_violations(site, tabs, page_type, language, viewport):
    server, paths, _sessions = site
    url = iri_to_uri(server.url + paths[language][page_type])
    page = tabs(language, viewport, PAGE_TYPES[page_type])
    response = page.goto(url)
    # The page itself, not a login form or a TOTP setup it was sent to.
    assert (response.status, response.url) == (200, url)

    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]},
    )

    violations = results.response["violations"]
    assert not violations, f"{page.url}\n{_report(violations)}"


@pytest.mark.parametrize("who", ["visitor", "participant"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_phone_menu_open_has_no_accessibility_violations(site, tabs, language, who):
    """The phone's menu panel, open: its links, the countries, the languages, the account."""
    server, paths, _sessions = site
    page = tabs(language, "phone", who)
    page.goto(iri_to_uri(server.url + paths[language]["home"]))
    page.click("[data-menu-toggle]")
    assert page.get_attribute("[data-menu-toggle]", "aria-expanded") == "true"

    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]},
    )

    violations = results.response["violations"]
    assert not violations, f"{page.url} (menu open)\n{_report(violations)}"
