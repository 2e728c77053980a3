"""Full-page screenshots of the running site, in French, Arabic and English, desktop and mobile.

    make run                      # in one terminal: the demo site on http://127.0.0.1:8000
    make screenshots              # in another: PNGs in screenshots/
    .venv/bin/python bench/screenshots.py --base-url http://127.0.0.1:8010 --path accounts/login/

Playwright drives Debian's Chromium (`apt-get install chromium`), never a downloaded browser.
The test suite (tests/home/test_browser.py) launches the browser with `launch()` from here.
"""

import argparse
import sys
from pathlib import Path
from urllib.error import URLError
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
    args = parser.parse_args(argv)
    base_url = args.base_url.rstrip("/")
    paths = args.paths or [""]
    languages = args.languages or list(LANGUAGES)

    if not CHROMIUM.exists():
        sys.exit(f"{CHROMIUM} is missing: apt-get install -y chromium")
    try:
        urlopen(f"{base_url}/{languages[0]}/", timeout=10).close()  # noqa: S310 - a local URL
    except (URLError, OSError) as error:
        sys.exit(f"The site does not answer at {base_url} ({error}): start it with `make run`.")

    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
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
