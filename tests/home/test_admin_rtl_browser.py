"""The page editor in Debian's Chromium: the inputs of blocks added to an agenda or a body read
in their language's direction, and the rich text editors of Arabic fields write right to left
(home/static/home/admin/field_language.js, home/field_language.py). Run with `pytest -m browser`.
"""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.test import Client
from wagtail.users.models import UserProfile

from events.models import EventIndexPage, EventPage
from home.models import NewsIndexPage, NewsPage
from tests.browser import bench, chromium_browser, marks

from .conftest import translated

pytestmark = marks

DIRECTION = "element => getComputedStyle(element).direction"


@pytest.fixture
def pages(live_server, transactional_db, django_db_serialized_rollback, home_page):
    """{"workshop": its edit view's URL, "news": …}, served by a real HTTP server. The serialized
    rollback puts back Wagtail's root page, which the flush of a transactional test removes."""
    events = EventIndexPage(
        **translated("title", "Ateliers", "ورش العمل", "Workshops"),
        **translated("slug", "ateliers", "ورش-العمل", "workshops"),
    )
    home_page.add_child(instance=events)
    workshop = EventPage(
        **translated("title", "Atelier national", "ورشة وطنية", "National workshop"),
        **translated("slug", "atelier-national", "ورشة-وطنية", "national-workshop"),
        start_date="2026-03-12",
        end_date="2026-03-13",
        country="TN",
        axis="data",
    )
    events.add_child(instance=workshop)
    news_index = NewsIndexPage(
        **translated("title", "Actualités", "الأخبار", "News"),
        **translated("slug", "actualites", "الأخبار", "news"),
    )
    home_page.add_child(instance=news_index)
    news = NewsPage(
        **translated("title", "Réunion", "اجتماع", "Meeting"),
        **translated("slug", "reunion", "اجتماع", "meeting"),
    )
    news_index.add_child(instance=news)
    return {
        name: f"{live_server.url}/admin/pages/{page.pk}/edit/"
        for name, page in (("workshop", workshop), ("news", news))
    }


@pytest.fixture
def session_cookie(pages, live_server, make_user):
    """The session of a staff member with TOTP who reads the admin in English (block labels)."""
    user = make_user(email="editor@example.org", is_staff=True, is_superuser=True)
    TOTP.activate(user, generate_totp_secret())
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client = Client()
    client.force_login(user)
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {"name": settings.SESSION_COOKIE_NAME, "value": value, "url": live_server.url}


@pytest.fixture
def chromium(pages, session_cookie):
    """Chromium, opened after the database is set up and closed before it is flushed."""
    with chromium_browser() as browser:
        yield browser


def open_editor(chromium, url, session_cookie):
    """The editor, showing the Arabic fields beside the French ones (wagtail-modeltranslation's
    locale picker shows only French at first)."""
    context = chromium.new_context(viewport=bench.VIEWPORTS[""])
    context.add_cookies([session_cookie])
    page = context.new_page()
    page.goto(url)
    page.locator("button.locale-toggle", has_text="AR").click()
    return page


def add_block(page, field, label=None):
    """Adds a block to the StreamField `field` through its "+" button, as editors do; `label`
    picks the block type when the field offers several."""
    page.locator(f"[data-contentpath='{field}'] button.c-sf-add-button").first.click()
    if label:
        page.locator("[role='option']", has_text=label).first.click()


def language(locator):
    return locator.get_attribute("lang"), locator.get_attribute("dir"), locator.evaluate(DIRECTION)


def test_block_inputs_follow_their_language(chromium, pages, session_cookie):
    page = open_editor(chromium, pages["workshop"], session_cookie)
    # The agenda is one for the three languages, each text typed in sub-blocks `…_fr`, `…_ar`.
    add_block(page, "agenda")
    arabic = page.locator("input[name='agenda-0-value-title_ar']")
    french = page.locator("input[name='agenda-0-value-title_fr']")
    assert language(arabic) == ("ar", "rtl", "rtl")
    assert language(french) == ("fr", "ltr", "ltr")
    # The related documents are translated fields: one StreamField per language.
    add_block(page, "related_documents_ar")
    add_block(page, "related_documents_fr")
    arabic = page.locator("input[name='related_documents_ar-0-value-title']")
    french = page.locator("input[name='related_documents_fr-0-value-title']")
    assert language(arabic) == ("ar", "rtl", "rtl")
    assert language(french) == ("fr", "ltr", "ltr")


def editor(page, field):
    return page.locator(f"[data-contentpath='{field}'] [data-draftail-editor-wrapper]").first


def first_paragraph_direction(page, field):
    return editor(page, field).locator("[data-block]").first.evaluate(DIRECTION)


def test_rich_text_of_arabic_fields_is_written_right_to_left(chromium, pages, session_cookie):
    page = open_editor(chromium, pages["news"], session_cookie)
    for field in ("body_ar", "body_fr"):
        add_block(page, field, "Paragraph")
    arabic = editor(page, "body_ar")
    assert arabic.get_attribute("lang") == "ar"
    arabic.locator("[contenteditable='true']").click()
    # A paragraph that starts with a Latin acronym stays right to left in the Arabic body.
    page.keyboard.type("ILO منظمة العمل الدولية")
    assert first_paragraph_direction(page, "body_ar") == "rtl"
    assert first_paragraph_direction(page, "body_fr") == "ltr"

    # A translated rich text field, drawn from the server's options (the workshop's concept note).
    page = open_editor(chromium, pages["workshop"], session_cookie)
    assert first_paragraph_direction(page, "concept_note_ar") == "rtl"
    assert first_paragraph_direction(page, "concept_note_fr") == "ltr"
