"""A new participant registers in Arabic, in Debian's Chromium, from the form to the manage page.

The visitor fills in the form before having an account, signs up, confirms their address with
the link of the email (the live server runs in this process: its emails land in mail.outbox),
comes back to the form filled in as they left it, and sends it. The manage page reads right to
left; screenshots/registration-ar.png shows it. Run with `pytest -m browser`.
"""

import re
from urllib.parse import unquote, urlsplit

import pytest
from django.core import mail
from django.urls import resolve
from django.utils import translation
from django.utils.translation import gettext

from tests.browser import SCREENSHOTS, bench, chromium_browser, marks

SCREENSHOT = SCREENSHOTS / "registration-ar.png"

pytestmark = marks


@pytest.fixture
def workshop_url(live_server, transactional_db, django_db_serialized_rollback, open_workshop):
    """An open workshop's registration form in Arabic, served by a real HTTP server.

    The serialized rollback puts back Wagtail's root page, which the flush of a transactional
    test removes.
    """
    event = open_workshop(capacity=20, with_agenda=False)
    with translation.override("ar"):
        return live_server.url + event.url + "register/"


@pytest.fixture
def chromium(workshop_url):
    """Chromium, opened after the database is set up and closed before it is checked."""
    with chromium_browser() as browser:
        yield browser


def register_in_arabic(chromium, workshop_url, password):
    page = chromium.new_page(viewport=bench.VIEWPORTS[""])
    page.goto(workshop_url)
    page.fill("#id_first_name", "Amina")
    page.fill("#id_last_name", "Ben Salah")
    page.fill("#id_first_name_ar", "أمينة")
    page.fill("#id_last_name_ar", "بن صالح")
    page.select_option("#id_gender", "woman")
    page.select_option("#id_nationality", "TN")
    page.select_option("#id_country", "TN")
    page.fill("#id_proposed_organisation", "الاتحاد العام التونسي للشغل")
    page.select_option("#id_constituency", "workers")
    page.fill("#id_position", "مكلفة بالدراسات")
    page.select_option("#id_preferred_language", "ar")
    page.check("#id_accepts_privacy_notice")
    page.click("form.registration-form button[type=submit]")

    # No account yet: the sign-up page, which brings the visitor back to the form.
    assert "/ar/accounts/signup/" in page.url
    page.fill("input[name=email]", "amina.browser@example.org")
    page.fill("input[name=password1]", password)
    page.fill("input[name=password2]", password)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()

    link = re.search(r"https?://\S+/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(workshop_url.split("/ar/")[0] + urlsplit(link).path)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()

    assert urlsplit(page.url).path == urlsplit(workshop_url).path
    assert page.input_value("#id_position") == "مكلفة بالدراسات"
    assert page.is_checked("#id_accepts_privacy_notice")
    page.click("form.registration-form button[type=submit]")
    page.wait_for_load_state()
    return page


def test_new_participant_registers_in_arabic_and_lands_on_a_right_to_left_page(
    chromium, workshop_url, password
):
    with translation.override("ar"):
        confirmed = gettext("Confirmed")
        heading = gettext("Your registration")

    page = register_in_arabic(chromium, workshop_url, password)

    with translation.override("ar"):
        assert resolve(unquote(urlsplit(page.url).path)).view_name == "events:manage"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("h1").inner_text().strip() == heading
    assert page.locator("h1").evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert page.locator(".registration-status").inner_text().strip() == confirmed
    details = page.locator("main").inner_text()
    assert "مكلفة بالدراسات" in details
    assert "amina.browser@example.org" in details
    page.evaluate("document.fonts.ready.then(() => true)")
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
