"""Full-page screenshots of the running site, desktop (1366 px) and mobile (390 px).

    make run                      # in one terminal: the demo site on http://127.0.0.1:8000
    make screenshots              # in another: PNGs in screenshots/
    .venv/bin/python bench/screenshots.py --base-url http://127.0.0.1:8010 --path accounts/login/
    .venv/bin/python bench/screenshots.py --workshop

By default: the demo's home page, its sub-regional workshop, that workshop's registration form and
the recommendations tracker, in French and Arabic, at both widths (home-fr.png,
home-fr-mobile.png, workshop-ar.png, registration-fr-mobile.png, tracker-ar.png …), and the top of
the home page on a phone with the menu open (home-fr-mobile-menu.png, home-ar-mobile-menu.png).
--path shoots the given paths instead, in French, Arabic and English unless --language says.

--workshop shoots the demo's sub-regional workshop instead: its page in French and Arabic
(desktop), and the first page of its Arabic agenda PDF as a PNG (poppler's pdftoppm,
`apt-get install -y poppler-utils`): workshop-fr.png, workshop-ar.png, workshop-agenda-ar.png.

Playwright drives Debian's Chromium (`apt-get install chromium`), never a downloaded browser.
The test suite (tests/home/test_browser.py) launches the browser with `launch()` from here.
"""

import argparse
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.error import URLError
from urllib.parse import quote
from urllib.request import urlopen

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
LANGUAGES = ("fr", "ar", "en")
VIEWPORTS = {"": {"width": 1366, "height": 900}, "-mobile": {"width": 390, "height": 844}}
# The default set: what a reader meets first, in the languages of both directions.
DEFAULT_LANGUAGES = ("fr", "ar")


def launch(playwright):
    """Debian's Chromium, headless."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)


def screenshot(page, url, path):
    """Loads url in page and writes a full-page PNG to path, once the web fonts are in."""
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    return Path(path)


def pdf_first_page(url, path):
    """Downloads the PDF at url beside path, and writes its first page to path as an 80 dpi PNG."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = path.with_suffix(".pdf")
    with urlopen(url, timeout=60) as response:  # noqa: S310 - a local URL
        pdf.write_bytes(response.read())
    command = ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile"]
    subprocess.run([*command, str(pdf), str(path.with_suffix(""))], check=True)  # noqa: S603
    return path


def workshop_paths():
    """The demo's sub-regional workshop, by language: its path after /<language>/."""
    from amem.demo import data

    workshops = data("workshops")
    spec = next(spec for spec in workshops["workshops"] if spec["kind"] == "subregional_workshop")
    index = workshops["index"]
    return {
        language: quote(f"{index['slug'][language]}/{spec['text']['slug'][language]}/")
        for language in LANGUAGES
    }


def demo_paths(page, base_url):
    """The default set's pages by name, each a dict of language -> path after /<language>/:
    the home page, the sub-regional workshop, its registration form (the link of the workshop
    page's registration box) and the recommendations tracker."""
    from amem.demo import data

    workshops = workshop_paths()
    tracker = data("recommendations")["tracker"]["slug"]
    registration = {}
    for language in DEFAULT_LANGUAGES:
        page.goto(f"{base_url}/{language}/{workshops[language]}")
        href = page.locator(".registration-box a.button").first.get_attribute("href")
        registration[language] = href.removeprefix(f"/{language}/")
    return {
        "home": dict.fromkeys(DEFAULT_LANGUAGES, ""),
        "workshop": workshops,
        "registration": registration,
        "tracker": {language: quote(f"{tracker[language]}/") for language in DEFAULT_LANGUAGES},
    }


def demo_set(browser, base_url, out):
    """The default set (see the module's docstring)."""
    written = []
    for suffix, viewport in VIEWPORTS.items():
        context = browser.new_context(viewport=viewport, device_scale_factor=1)
        page = context.new_page()
        paths = demo_paths(page, base_url)
        for name, by_language in paths.items():
            for language in DEFAULT_LANGUAGES:
                url = f"{base_url}/{language}/{by_language[language]}"
                written.append(screenshot(page, url, out / f"{name}-{language}{suffix}.png"))
        if suffix == "-mobile":
            for language in DEFAULT_LANGUAGES:
                written.append(menu_open(page, f"{base_url}/{language}/", out, language))
        context.close()
    return written


def menu_open(page, url, out, language):
    """The top of the page on a phone, its menu open: the panel as a visitor first sees it."""
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    page.click("[data-menu-toggle]")
    path = out / f"home-{language}-mobile-menu.png"
    page.screenshot(path=str(path), animations="disabled")  # the button's colours, changed
    return path


def workshop(browser, base_url, out):
    """The sub-regional workshop's page in French and Arabic, and its Arabic agenda PDF."""
    paths = workshop_paths()
    context = browser.new_context(viewport=VIEWPORTS[""], device_scale_factor=1)
    page = context.new_page()
    written = []
    for language in ("fr", "ar"):
        url = f"{base_url}/{language}/{paths[language]}"
        written.append(screenshot(page, url, out / f"workshop-{language}.png"))
    context.close()
    agenda = f"{base_url}/ar/{paths['ar']}agenda.pdf"
    written.append(pdf_first_page(agenda, out / "workshop-agenda-ar.png"))
    return written


def given_paths(browser, base_url, out, paths, languages):
    """Each path (after /<language>/) in each language, at both widths."""
    written = []
    for suffix, viewport in VIEWPORTS.items():
        context = browser.new_context(viewport=viewport, device_scale_factor=1)
        page = context.new_page()
        for path in paths:
            for language in languages:
                url = f"{base_url}/{language}/{path.lstrip('/')}"
                written.append(screenshot(page, url, out / _name(path, language, suffix)))
        context.close()
    return written


def _name(path, language, suffix):
    stem = path.strip("/").replace("/", "-") or "home"
    return f"{stem}-{language}{suffix}.png"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default="screenshots/", type=Path)
    parser.add_argument(
        "--path",
        action="append",
        dest="paths",
        help="a path after /<language>/ (repeatable); default: the demo's pages (see above)",
    )
    parser.add_argument(
        "--language",
        action="append",
        dest="languages",
        choices=LANGUAGES,
        help="with --path: a language to shoot them in (repeatable); default: fr, ar and en",
    )
    parser.add_argument(
        "--workshop",
        action="store_true",
        help="the demo's sub-regional workshop in fr and ar, and its Arabic agenda PDF's page 1",
    )
    args = parser.parse_args(argv)
    base_url = args.base_url.rstrip("/")
    languages = args.languages or list(LANGUAGES if args.paths else DEFAULT_LANGUAGES)

    if not CHROMIUM.exists():
        sys.exit(f"{CHROMIUM} is missing: apt-get install -y chromium")
    if args.workshop and not shutil.which("pdftoppm"):
        sys.exit("pdftoppm is missing: apt-get install -y poppler-utils")
    try:
        urlopen(f"{base_url}/{languages[0]}/", timeout=10).close()  # noqa: S310 - a local URL
    except (URLError, OSError) as error:
        sys.exit(f"The site does not answer at {base_url} ({error}): start it with `make run`.")

    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            if args.workshop:
                written = workshop(browser, base_url, args.out)
            elif args.paths:
                written = given_paths(browser, base_url, args.out, args.paths, languages)
            else:
                written = demo_set(browser, base_url, args.out)
            print(*written, sep="\n")
        finally:
            browser.close()
    return written


if __name__ == "__main__":
    main()
