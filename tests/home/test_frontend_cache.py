"""A CDN or proxy in front of the site is purged, in every language, when a page changes."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from home.models import ContentPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def proxy(settings):
    """A caching proxy's purge endpoint that records what it is asked to purge."""
    purged = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):  # noqa: N802 - the HTTP method's name
            purged.append((self.headers["Host"], self.path))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    yield purged
    server.shutdown()


def test_publishing_a_page_purges_it_in_every_language(
    home_page, proxy, django_capture_on_commit_callbacks
):
    page = ContentPage(
        title="Le projet",
        title_fr="Le projet",
        slug="le-projet",
        slug_fr="le-projet",
        slug_ar="المشروع",
        slug_en="the-project",
    )
    home_page.add_child(instance=page)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    paths = {path for _host, path in proxy}
    assert {"/fr/le-projet/", "/en/the-project/"} <= paths
    assert any(path.startswith("/ar/") and path != "/ar/" for path in paths)


def test_nothing_is_purged_without_a_proxy(home_page, django_capture_on_commit_callbacks):
    page = ContentPage(title="Le projet", slug="le-projet", slug_fr="le-projet")
    home_page.add_child(instance=page)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        page.save_revision().publish()
    from home.frontend_cache import purge_page

    assert all(getattr(callback, "func", None) is not purge_page for callback in callbacks)
