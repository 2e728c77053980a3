# ruff: noqa: F811 - the workshop fixtures of tests/events/conftest.py are imported, then used
"""Where a participant lands after signing up, confirming their address or logging in.

Without a `next`, on their registrations, in the language they were reading (Django's default,
/accounts/profile/, is no page of the site); with the `next` of the workshop registration form
that sent them to sign up, back on that form. The browser tests follow the confirmation link of
the real email in Debian's Chromium (the live server runs in this process: its emails land in
mail.outbox).
"""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from events.models import Registration
from tests.browser import chromium_browser, marks
from tests.events.conftest import (  # noqa: F401 - fixtures
    event_index,
    make_event,
    make_registration,
    open_workshop,
)
from tests.stakeholders.conftest import totp_code

CONFIRMATION_LINK = re.compile(r"https?://\S+/confirm-email/\S+/")


def in_language(language, name, *args):
    with translation.override(language):
        return reverse(name, args=args)


def html_tag(html):
    return re.search(r"<html[^>]*>", html).group(0)


@pytest.fixture
def site_url(live_server, transactional_db, django_db_serialized_rollback, home_page):
    """The site served by a real HTTP server, with its home page (the header's menu).

    The serialized rollback puts back Wagtail's root page, which the flush of a transactional
    test removes.
    """
    return live_server.url


@pytest.fixture
def chromium(site_url):
    """Chromium, opened after the database is set up and closed before it is checked."""
    with chromium_browser() as browser:
        yield browser


@pytest.mark.parametrize("language", [pytest.param(code, marks=marks) for code in ("ar", "fr")])
def test_new_account_confirmed_in_the_browser_lands_on_its_registrations(
    chromium, site_url, password, language
):
    with translation.override(language):
        heading = gettext("My registrations")
    page = chromium.new_page()
    page.goto(site_url + in_language(language, "account_signup"))
    page.fill("input[name=email]", f"new.{language}@example.org")
    page.fill("input[name=password1]", password)
    page.fill("input[name=password2]", password)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()

    link = CONFIRMATION_LINK.search(mail.outbox[-1].body).group(0)
    # The link is on the host the site was served from, in the language of the signup.
    assert link.startswith(site_url + f"/{language}/")
    page.goto(link)
    with page.expect_navigation() as navigation:
        page.locator("main form button[type=submit]").last.click()

    assert navigation.value.status == 200
    assert urlsplit(page.url).path == in_language(language, "events:my_registrations")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").inner_text().strip() == heading


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_login_without_next_lands_on_my_registrations_in_the_login_pages_language(
    client, make_user, password, language
):
    make_user(email="participant@example.org")

    response = client.post(
        in_language(language, "account_login"),
        {"login": "participant@example.org", "password": password},
    )

    assert response.status_code == 302
    assert response.url == in_language(language, "events:my_registrations")
    landing = client.get(response.url)
    assert landing.status_code == 200
    assert f'lang="{language}"' in html_tag(landing.content.decode())


def test_focal_point_login_without_next_lands_on_the_partner_space(
    client, make_organisation, make_focal_point, password
):
    user = make_focal_point(make_organisation(), email="focal@example.org")

    response = client.post(
        in_language("ar", "account_login"), {"login": user.email, "password": password}
    )
    # The second factor first (allauth), then the login's own redirect.
    assert response.status_code == 302
    response = client.post(response.url, {"code": totp_code(user)})

    assert response.status_code == 302
    assert response.url == in_language("ar", "stakeholders:partner_space:home")
    assert client.get(response.url).status_code == 200


def test_signup_from_a_workshop_form_returns_to_the_form_after_confirmation(
    client, open_workshop, password
):
    event = open_workshop()
    with translation.override("ar"):
        form_url = event.url + event.reverse_subpage("register")
    signup_url = f"{in_language('ar', 'account_signup')}?next={form_url}"
    assert client.get(signup_url).status_code == 200

    response = client.post(
        signup_url,
        {
            "email": "new@example.org",
            "password1": password,
            "password2": password,
            "next": form_url,
        },
    )
    assert response.status_code == 302
    link = CONFIRMATION_LINK.search(mail.outbox[-1].body).group(0)
    response = client.post(urlsplit(link).path)

    assert response.status_code == 302
    assert response.url == form_url
    form = client.get(form_url)
    assert form.status_code == 200
    assert 'name="accepts_privacy_notice"' in form.content.decode()


def test_a_cancelled_registration_offers_no_calendar(client, open_workshop, make_registration):
    event = open_workshop()
    registration = make_registration(event)
    manage_url = reverse("events:manage", args=[registration.token])
    calendar_url = event.url + event.reverse_subpage("calendar")
    assert calendar_url in client.get(manage_url).content.decode()

    client.post(reverse("events:cancel", args=[registration.token]))

    assert Registration.objects.get().status == Registration.Status.CANCELLED
    assert calendar_url not in client.get(manage_url).content.decode()


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_account_emails_greet_from_amem_not_from_the_host(client, db, password, language):
    client.post(
        in_language(language, "account_signup"),
        {"email": "new@example.org", "password1": password, "password2": password},
    )

    [message] = mail.outbox
    with translation.override(language):
        greeting = gettext("Hello from %(site_name)s!") % {"site_name": "AMEM"}
    assert message.body.startswith(greeting)
