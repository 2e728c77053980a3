"""What the browser tests share: bench/screenshots.py, the one place that knows how to launch
Debian's Chromium, the marks that skip a browser test when Chromium is missing, and a live server
whose content is loaded once for a whole test module.

Chromium is started once per test module (module-scoped fixtures), not once per session:
Playwright's sync API marks an asyncio loop as running in the test thread for as long as it is
open, and there Django refuses ORM calls unless DJANGO_ALLOW_ASYNC_UNSAFE is set (as Playwright
advises for Django) and asgiref refuses async_to_sync whatever is set. A browser open for the
whole session would put every test of the process under that loop; one per module confines it,
and the variable, to the browser tests, whose ORM calls (their test transaction) never run while
Playwright does.
"""

import contextlib
import importlib.util
from pathlib import Path

import pytest
from pytest_django.live_server_helper import LiveServer

from tests import database

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "screenshots"


def _load_bench_module():
    spec = importlib.util.spec_from_file_location(
        "amem_bench_screenshots", ROOT / "bench" / "screenshots.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _load_bench_module()

marks = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not bench.CHROMIUM.exists(),
        reason=f"{bench.CHROMIUM} is missing (apt-get install chromium) for the browser tests",
    ),
]


@contextlib.contextmanager
def module_server(django_db_blocker, load):
    """A live server over what `load()` writes, for the tests of one module; then the database as
    the migrations left it (tests/database.py).

    `load` runs outside any test transaction, so the server's own database connection sees it
    (PostgreSQL); the database stays open to the server's thread until the module ends.
    """
    with django_db_blocker.unblock():
        load()
        server = LiveServer("localhost")
        try:
            yield server
        finally:
            server.stop()
            database.restore()


@contextlib.contextmanager
def chromium_browser():
    """Debian's Chromium through Playwright's sync API, with ORM calls allowed in this thread
    while it is open (see the module's docstring)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_api.sync_playwright() as playwright:
            browser = bench.launch(playwright)
            try:
                yield browser
            finally:
                browser.close()
