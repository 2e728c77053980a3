"""The demo home page in Debian's Chromium: French reads left to right, Arabic right to left.

Each test leaves a full-page screenshot in screenshots/ (home-fr.png, home-ar.png …) for people
to look at. Run only these with `pytest -m browser`, skip them with `-m "not browser"`.
"""

import pytest

from tests.browser import SCREENSHOTS, bench, chromium_browser, marks, module_server
from tests.routes import route

# Each test in a transaction of its own (rolled back), over the module's demo.
pytestmark = [*marks, pytest.mark.django_db]


@pytest.fixture(scope="module")
def demo_server(django_db_setup, django_db_blocker):
    """The demo's pages, served by a real HTTP server that the browser can reach, for the whole
    module: the tests only read them."""
    from amem.demo import pages as demo

    with module_server(django_db_blocker, demo.load) as server:
        yield server


@pytest.fixture(scope="module")
def chromium(demo_server):
    """Chromium for the module, opened after the demo is loaded and closed before the tables are
    emptied (tests/browser.py says why once per module)."""
    with chromium_browser() as browser:
        yield browser


def open_page(chromium, url, name, viewport="desktop"):
    size = bench.VIEWPORTS["-mobile" if viewport == "mobile" else ""]
    page = chromium.new_page(viewport=size)
    bench.screenshot(page, url, SCREENSHOTS / name)
    return page


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def test_french_home_reads_left_to_right(chromium, demo_server):
    page = open_page(chromium, demo_server.url + "/fr/", "home-fr.png")

    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.locator("h1").evaluate("el => getComputedStyle(el).direction") == "ltr"
    links = page.locator(".main-nav a")
    assert links.count() > 2
    assert links.first.bounding_box()["x"] < links.last.bounding_box()["x"]
    # The brand sits at the left of the header.
    assert box(page, ".brand")["x"] < 1280 / 4
    assert page.evaluate("document.fonts.check('16px \"Noto Sans\"', 'Appui')")


def test_arabic_home_reads_right_to_left(chromium, demo_server):
    page = open_page(chromium, demo_server.url + "/ar/", "home-ar.png")

    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    h1 = page.locator("h1")
    assert h1.evaluate("el => getComputedStyle(el).direction") == "rtl"
    # The main navigation runs from right to left: its first link is the rightmost.
    links = page.locator(".main-nav a")
    assert links.count() > 2
    first, last = links.first.bounding_box(), links.last.bounding_box()
    assert first["x"] > last["x"] + last["width"]
    # The brand and the title hug the right edge of the same container.
    container = box(page, ".hero .container")
    padding = page.locator(".hero .container").evaluate(
        "el => parseFloat(getComputedStyle(el).paddingInlineStart)"
    )
    right_edge = container["x"] + container["width"] - padding
    brand = box(page, ".brand")
    assert abs(brand["x"] + brand["width"] - right_edge) < 2
    title = page.locator("h1").evaluate(
        "el => { const r = document.createRange(); r.selectNodeContents(el);"
        " const b = r.getBoundingClientRect(); return {left: b.left, right: b.right}; }"
    )
    assert title["right"] <= right_edge
    assert title["right"] > right_edge - 40  # the text itself, not only its box, starts right
    assert title["left"] > container["x"] + padding  # and ends before the left edge
    # The bundled Arabic face is in use (not a system fallback).
    assert page.evaluate("document.fonts.check('16px \"Noto Sans Arabic\"', 'عمل')")
    family = h1.evaluate("el => getComputedStyle(el).fontFamily")
    assert family.startswith('"Noto Sans Arabic"')


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_mobile_home_has_no_sideways_scroll(chromium, demo_server, language):
    page = open_page(
        chromium, f"{demo_server.url}/{language}/", f"home-{language}-mobile.png", "mobile"
    )

    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # The navigation, in the menu the button opens, stays within the screen.
    page.click("[data-menu-toggle]")
    for link in page.locator(".main-nav a").all():
        link_box = link.bounding_box()
        assert link_box["x"] >= 0 and link_box["x"] + link_box["width"] <= 390


@pytest.mark.parametrize(
    "path", ["/fr/", "/ar/", f"{route('search')}?q=migration", "/ar/accounts/signup/"]
)
def test_no_page_breaks_the_content_security_policy(chromium, demo_server, path):
    page = chromium.new_page()
    refused = []
    page.on("console", lambda message: refused.append(message.text))
    page.goto(demo_server.url + path)
    page.wait_for_load_state("networkidle")
    assert [text for text in refused if "Content Security Policy" in text] == []
