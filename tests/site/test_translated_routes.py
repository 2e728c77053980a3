"""The site's own routes speak the language of their prefix (/fr/espace-partenaires/, /ar/بحث/),
their former English paths (in emails already sent, on printed badges) redirect permanently to
them, and the language switcher leads to the same route in each language."""

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.urls import resolve, reverse
from django.utils import translation

from events.models import Registration
from tests.events import conftest as events

pytestmark = pytest.mark.django_db

# The events fixtures, here too.
event_index = events.event_index
make_event = events.make_event
open_workshop = events.open_workshop
make_registration = events.make_registration

TOKEN = "t" * 43  # the shape of a token; the route, not the registration, is what is tested here
# Every route of the site's own (not allauth's, not Wagtail's pages), with arguments.
ROUTES = [
    ("search", {}),
    ("events:my_registrations", {}),
    ("events:manage", {"token": TOKEN}),
    ("events:edit", {"token": TOKEN}),
    ("events:cancel", {"token": TOKEN}),
    ("events:badge", {"token": TOKEN}),
    ("events:invitation_letter", {"token": TOKEN}),
    ("events:certificate", {"token": TOKEN}),
    ("events:my_data", {}),
    ("events:export", {}),
    ("events:erase", {}),
    ("events:check_in", {"code": "c0de"}),
    ("stakeholders:partner_space:home", {}),
    ("stakeholders:partner_space:organisation", {"organisation": 7}),
    ("stakeholders:partner_space:contact", {"organisation": 7}),
    ("stakeholders:partner_space:add_person", {"organisation": 7}),
    ("stakeholders:partner_space:person", {"organisation": 7, "affiliation": 8}),
    ("stakeholders:partner_space:end_affiliation", {"organisation": 7, "affiliation": 8}),
    ("stakeholders:recommendations:list", {}),
    ("stakeholders:recommendations:detail", {"pk": 9}),
    ("stakeholders:recommendations:propose", {"pk": 9}),
    ("stakeholders:recommendations:evidence", {"pk": 9}),
    ("stakeholders:dashboard:home", {}),
    ("stakeholders:dashboard:list", {}),
    ("stakeholders:protocol_designations", {}),
    ("stakeholders:protocol_sign", {"pk": 3}),
    ("stakeholders:protocol_signing_text", {"pk": 3, "language": "fr"}),
    ("stakeholders:protocol_certificate", {"pk": 3}),
]
# Answered to anyone with the usual login redirect.
LOGIN_ROUTES = [
    "events:my_registrations",
    "events:my_data",
    "events:export",
    "events:erase",
    "stakeholders:partner_space:home",
    "stakeholders:recommendations:list",
    "stakeholders:dashboard:home",
    "stakeholders:dashboard:list",
    "stakeholders:protocol_designations",
]


def url(name, language, kwargs=None):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def segments(path):
    """The words of a path: its segments without the language prefix nor the arguments."""
    return [
        s for s in unquote(path).split("/")[2:] if s and not re.fullmatch(r"t{43}|\d+|c0de|fr", s)
    ]


def switcher(response):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', response.text, re.S).group(0)
    return {code: href for href, code in re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', nav)}


@pytest.fixture
def registration(open_workshop, make_registration):
    made = make_registration(open_workshop())
    assert made.status == Registration.Status.CONFIRMED
    return made


@pytest.mark.parametrize(("name", "kwargs"), ROUTES)
def test_every_route_has_its_own_words_in_french_and_arabic(name, kwargs):
    english, french, arabic = (url(name, code, kwargs) for code in ("en", "fr", "ar"))
    assert english.startswith("/en/")
    # No English word left in the French path ("badge.pdf", "export.json" are French too).
    assert not set(segments(french)) & set(segments(english)) - {"badge.pdf", "export.json"}
    assert segments(arabic)
    assert all(re.search(r"[\u0600-\u06FF]", segment) for segment in segments(arabic))
    for language, path in (("fr", french), ("ar", arabic)):
        with translation.override(language):
            match = resolve(unquote(path))
        assert (match.view_name, match.kwargs) == (name, kwargs)


def demo_slugs(tree):
    """Every {language: slug} of the demo's pages."""
    if isinstance(tree, dict):
        if isinstance(tree.get("slug"), dict):
            yield tree["slug"]
        tree = list(tree.values())
    if isinstance(tree, list):
        for item in tree:
            yield from demo_slugs(item)


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_no_route_hides_a_page_of_the_demo(language):
    """The routes come before Wagtail's pages: a page whose slug is a route's first segment in
    the same language could not be reached (the protocols index is /ar/مذكرات-التفاهم/)."""
    data = Path(__file__).resolve().parents[2] / "site" / "demo" / "data"
    slugs = {
        slugs[language]
        for path in data.glob("*.json")
        for slugs in demo_slugs(json.loads(path.read_text("utf-8")))
    }
    first_segments = {unquote(url(name, language, kwargs)).split("/")[2] for name, kwargs in ROUTES}
    assert len(slugs) > 20
    assert slugs & first_segments == set()


@pytest.mark.parametrize("language", ["fr", "ar"])
@pytest.mark.parametrize("name", LOGIN_ROUTES)
def test_a_private_route_sends_a_visitor_to_log_in_and_back(client, name, language):
    path = url(name, language)
    response = client.get(path)
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == url("account_login", language)
    assert parse_qs(location.query)["next"] == [path]


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_participants_routes_answer_in_each_language(client, registration, language):
    client.force_login(registration.user)
    token = {"token": registration.token}
    for name, kwargs in [
        ("search", {}),
        ("events:my_registrations", {}),
        ("events:my_data", {}),
        ("events:manage", token),
        ("events:edit", token),
        ("events:cancel", token),
    ]:
        response = client.get(url(name, language, kwargs))
        assert response.status_code == 200, name
        assert f'<html lang="{language}"' in response.text
    badge = client.get(url("events:badge", language, token))
    assert (badge.status_code, badge["Content-Type"]) == (200, "application/pdf")
    export = client.get(url("events:export", language))
    assert len(export.json()["registrations"]) == 1


@pytest.mark.parametrize("language", ["fr", "ar"])
@pytest.mark.parametrize(("name", "kwargs"), ROUTES)
def test_every_former_path_redirects_permanently_to_the_translated_one(
    client, name, kwargs, language
):
    former = url(name, "en", kwargs).replace("/en/", f"/{language}/", 1)
    response = client.get(f"{former}?q=migration%20de%20travail&page=2")
    assert response.status_code == 301
    assert (
        response["Location"] == f"{url(name, language, kwargs)}?q=migration%20de%20travail&page=2"
    )


def test_a_link_in_an_email_already_sent_still_opens_the_registration(client, registration):
    # What the confirmation email held before the segments were translated.
    former = f"/ar/registrations/{registration.token}/"
    response = client.get(former, follow=True)
    assert response.redirect_chain == [
        (url("events:manage", "ar", {"token": registration.token}), 301)
    ]
    assert response.status_code == 200
    assert response.context["registration"] == registration


def test_a_form_posted_to_a_former_path_is_posted_again_to_the_new_one(client, registration):
    client.force_login(registration.user)
    former = f"/fr/registrations/{registration.token}/cancel/"
    response = client.post(former, {"confirm": "on"})
    assert response.status_code == 308  # the browser posts the same data to the new URL
    assert response["Location"] == url("events:cancel", "fr", {"token": registration.token})


def test_the_search_query_survives_the_redirect(client, home_page):
    response = client.get("/ar/search/?q=%D9%87%D8%AC%D8%B1%D8%A9", follow=True)
    assert response.redirect_chain == [(f"{url('search', 'ar')}?q=%D9%87%D8%AC%D8%B1%D8%A9", 301)]
    assert response.context["query"] == "هجرة"


def test_a_path_that_names_no_route_stays_a_404(client, home_page):
    assert client.get("/fr/partner-spaces/").status_code == 404
    # A route that says 404 itself (an unknown token) is not sent round in circles.
    assert client.get(url("events:manage", "ar", {"token": TOKEN})).status_code == 404
    assert client.get(f"/fr/registrations/{TOKEN}/", follow=True).status_code == 404


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_the_language_switcher_leads_to_the_same_route_in_each_language(
    client, registration, language
):
    client.force_login(registration.user)
    token = {"token": registration.token}
    for name, kwargs, query in [
        ("search", {}, "?q=migration"),
        ("events:manage", token, ""),
        ("events:my_data", {}, ""),
    ]:
        links = switcher(client.get(f"{url(name, language, kwargs)}{query}"))
        assert links == {code: f"{url(name, code, kwargs)}{query}" for code in ("fr", "ar", "en")}
        for code, link in links.items():
            target = client.get(link)
            assert target.status_code == 200
            assert f'<html lang="{code}"' in target.text
