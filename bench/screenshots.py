"""Full-page screenshots of the running site, in French, Arabic and English, desktop and mobile.

    make run                      # in one terminal: the demo site on http://127.0.0.1:8000
    make screenshots              # in another: PNGs in screenshots/
    .venv/bin/python bench/screenshots.py --base-url http://127.0.0.1:8010 --path accounts/login/
    .venv/bin/python bench/screenshots.py --workshop

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
VIEWPORTS = {"": {"width": 1280, "height": 900}, "-mobile": {"width": 390, "height": 844}}


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
        help="a path after /<language>/ (repeatable); default: the home page",
    )
    parser.add_argument("--language", action="append", dest="languages", choices=LANGUAGES)
    parser.add_argument(
        "--workshop",
        action="store_true",
        help="the demo's sub-regional workshop in fr and ar, and its Arabic agenda PDF's page 1",
    )
    args = parser.parse_args(argv)
    base_url = args.base_url.rstrip("/")
    paths = args.paths or [""]
    languages = args.languages or list(LANGUAGES)

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
                print(*written, sep="\n")
                return written
            for suffix, viewport in VIEWPORTS.items():
                context = browser.new_context(viewport=viewport, device_scale_factor=1)
                page = context.new_page()
                for path in paths:
                    for language in languages:
                        url = f"{base_url}/{language}/{path.lstrip('/')}"
                        target = args.out / _name(path, language, suffix)
                        written.append(screenshot(page, url, target))
                        print(target)
                context.close()
        finally:
            browser.close()
    return written


if __name__ == "__main__":
    main()
