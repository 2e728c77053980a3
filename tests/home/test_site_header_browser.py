"""The site header in Debian's Chromium, over the whole demo: on a 390 px phone a menu button opens
and closes the navigation, by keyboard and by touch, the header leaves the page's content in the
first 200 px and no page scrolls sideways; at 1366 px the main navigation holds on one line.

Run only the browser tests with `pytest -m browser`; `make screenshots` shows the same pages.
"""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from tests.browser import bench, chromium_browser, marks, module_server

pytestmark = [*marks, pytest.mark.django_db]

PHONE = bench.VIEWPORTS["-mobile"]
LAPTOP = bench.VIEWPORTS[""]
TOGGLE = "[data-menu-toggle]"
FOCUSED_IS_TOGGLE = "document.activeElement.matches('[data-menu-toggle]')"


@pytest.fixture(scope="module")
def demo_server(django_db_setup, django_db_blocker):
    """The whole demo (as `make run` loads it) behind a real HTTP server, for the module."""
    from amem import demo

    with module_server(django_db_blocker, demo.load) as server:
        yield server


@pytest.fixture(scope="module")
def chromium(demo_server):
    with chromium_browser() as browser:
        yield browser


@pytest.fixture(scope="module")
def demo_paths(chromium, demo_server):
    """The home page, a workshop, its registration form and the tracker, by language."""
    page = chromium.new_page()
    paths = bench.demo_paths(page, demo_server.url)
    page.close()
    return paths


@pytest.fixture
def phone(chromium):
    context = chromium.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


def open_home(page, demo_server, language):
    page.goto(f"{demo_server.url}/{language}/")
    return page.locator(TOGGLE)


def menu_is_open(page):
    """Whether the navigation can be seen, and the button says so."""
    expanded = page.locator(TOGGLE).get_attribute("aria-expanded")
    visible = page.locator("#site-menu .main-nav a").first.is_visible()
    assert expanded == ("true" if visible else "false")
    return visible


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_menu_opens_and_closes_with_the_keyboard(phone, demo_server, language):
    toggle = open_home(phone, demo_server, language)
    with translation.override(language):
        assert toggle.inner_text().strip() == gettext("Menu")
    assert toggle.get_attribute("aria-controls") == "site-menu"
    assert not menu_is_open(phone)

    # The skip link and the brand come first.
    for _ in range(3):
        phone.keyboard.press("Tab")
        if phone.evaluate(FOCUSED_IS_TOGGLE):
            break
    assert phone.evaluate(FOCUSED_IS_TOGGLE)

    phone.keyboard.press("Enter")
    assert menu_is_open(phone)
    phone.keyboard.press("Space")
    assert not menu_is_open(phone)
    phone.keyboard.press("Space")
    assert menu_is_open(phone)

    # From within the panel, Escape closes it and brings the focus back to the button.
    while not phone.evaluate("document.activeElement.closest('#site-menu') !== null"):
        phone.keyboard.press("Tab")
    phone.keyboard.press("Escape")
    assert not menu_is_open(phone)
    assert phone.evaluate(FOCUSED_IS_TOGGLE)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_menu_opens_and_closes_by_touch(chromium, demo_server, language):
    context = chromium.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    toggle = open_home(page, demo_server, language)

    toggle.tap()
    assert menu_is_open(page)
    # Everything the wide header shows is in the panel, and fits the phone's width.
    for part in (".main-nav", ".countries", ".account-nav", ".language-switcher"):
        assert page.locator(f"#site-menu {part}").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    toggle.tap()
    assert not menu_is_open(page)
    context.close()


def test_without_javascript_the_navigation_is_open(chromium, demo_server):
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{demo_server.url}/fr/")

    assert page.locator("#site-menu .main-nav a").first.is_visible()
    assert page.locator(TOGGLE).is_hidden()  # a button that would do nothing
    context.close()


@pytest.mark.parametrize("language", ["fr", "ar"])
@pytest.mark.parametrize("name", ["home", "workshop", "registration", "tracker"])
def test_phone_page_starts_high_and_never_scrolls_sideways(
    phone, demo_server, demo_paths, name, language
):
    phone.goto(f"{demo_server.url}/{language}/{demo_paths[name][language]}")
    phone.evaluate("document.fonts.ready.then(() => true)")

    assert phone.locator("main").bounding_box()["y"] <= 200
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_laptop_main_navigation_holds_on_one_line(chromium, demo_server, language):
    page = chromium.new_page(viewport=LAPTOP)
    page.goto(f"{demo_server.url}/{language}/")
    page.evaluate("document.fonts.ready.then(() => true)")

    assert page.locator(TOGGLE).is_hidden()
    tops = page.locator(".main-nav li").evaluate_all("items => items.map(i => i.offsetTop)")
    assert len(tops) > 10
    assert len(set(tops)) == 1
    # The search box is wide enough for its placeholder, in the page's font.
    placeholder, room = page.locator("#site-search-q").evaluate(
        """input => {
            const style = getComputedStyle(input);
            const context = document.createElement("canvas").getContext("2d");
            context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
            const padding = [style.paddingInlineStart, style.paddingInlineEnd].map(parseFloat);
            const room = input.clientWidth - padding[0] - padding[1];
            return [context.measureText(input.placeholder).width, room];
        }"""
    )
    assert placeholder <= room
    page.close()
