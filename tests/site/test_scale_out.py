"""Two app servers behind one address share what they must: sessions, the page cache, the login
rate limits and the seats of a workshop.

Two gunicorn processes (2 workers of 4 threads each) serve the pytest-django test database on
PostgreSQL and one Redis database, as two app servers behind a load balancer do in production,
with the test settings plus the page cache and cached sessions (tests/site/scale_out_settings.py).
Every request carries the same Host, as a balancer forwards it. The test process points its own
cache at the same Redis database, so that what it writes (a publish, sessions) reaches the servers
the way a write made by another app server would.
"""

import contextlib
import html
import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import psycopg
import pytest
import redis
from allauth.account.models import EmailAddress
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.cached_db import SessionStore
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Site

from events.models import Registration
from home.models import ContentPage
from home.models.site_settings import SiteFooter
from tests.events import conftest as workshops
from tests.events.conftest import participant_fields

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/9"
# The servers' cache (site/settings/base.py from REDIS_URL, and scale_out_settings.py), for the
# test process too.
SHARED_CACHE = {
    "default": {
        "BACKEND": "amem.cache.ResilientRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "amem",
        "OPTIONS": {"socket_connect_timeout": 5, "socket_timeout": 5},
    }
}
# The workshop fixtures of tests/events, used here too.
event_index = workshops.event_index
make_event = workshops.make_event
open_workshop = workshops.open_workshop
HOST = "localhost"  # the address of the site, whichever server answers
WORKERS, THREADS = 2, 4
TOO_MANY_FAILURES = "Too many failed login attempts. Try again later."


def redis_answers():
    try:
        return redis.Redis.from_url(
            REDIS_URL, socket_connect_timeout=0.5, socket_timeout=0.5
        ).ping()
    except redis.RedisError:
        return False


pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the app servers share the test database: needs PostgreSQL (DATABASE_URL=postgres://…)",
    ),
    pytest.mark.skipif(not redis_answers(), reason=f"the app servers share Redis at {REDIS_URL}"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@dataclass
class Server:
    name: str
    port: int


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    text: str


class Visitor:
    """A browser's cookies, sent to whichever server it is given; redirects are not followed."""

    def __init__(self, **cookies):
        self.cookies = dict(cookies)

    def get(self, server, path):
        return self.request(server, "GET", path)

    def post(self, server, path, data):
        return self.request(server, "POST", path, data)

    def request(self, server, method, path, data=None):
        headers = {"Host": HOST}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        http_connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
        try:
            http_connection.request(method, path, body=body, headers=headers)
            response = http_connection.getresponse()
            answer = Answer(response.status, response.headers, response.read().decode())
        finally:
            http_connection.close()
        for header in answer.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return answer

    def log_in(self, server, email, password):
        """Through allauth's form, as a browser does: the form first, for its CSRF token."""
        form = self.get(server, "/fr/accounts/login/")
        assert form.status == 200
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
        return self.post(
            server,
            "/fr/accounts/login/",
            {"login": email, "password": password, "csrfmiddlewaretoken": token},
        )


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url(database):
    credentials = database["USER"] or ""
    if database["PASSWORD"]:
        credentials += f":{database['PASSWORD']}"
    host = database["HOST"] or "127.0.0.1"
    return f"postgres://{credentials}@{host}:{database['PORT'] or 5432}/{database['NAME']}"


def _wait_until_up(server, process, log, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        with contextlib.suppress(OSError):
            if Visitor().get(server, "/healthz").status == 200:
                return
        time.sleep(0.2)
    raise AssertionError(f"server {server.name} did not start:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def servers(django_db_setup, tmp_path_factory):
    """Servers A and B, on the test database (created by now) and the shared Redis."""
    logs = tmp_path_factory.mktemp("scale-out")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.site.scale_out_settings",
        "DATABASE_URL": _database_url(connection.settings_dict),
        "DB_CONN_MAX_AGE": "0",
        "REDIS_URL": REDIS_URL,
        "LOG_LEVEL": "WARNING",
    }
    started = []
    try:
        for name in ("A", "B"):
            server = Server(name, _free_port())
            log = logs / f"{name}.log"
            with log.open("wb") as stderr:
                process = subprocess.Popen(  # noqa: S603 - this repository's app server
                    [
                        sys.executable,
                        "-m",
                        "gunicorn",
                        "amem.wsgi:application",
                        f"--bind=127.0.0.1:{server.port}",
                        f"--workers={WORKERS}",
                        f"--threads={THREADS}",
                        # CPU may be shared with other runs: no worker is killed for being slow.
                        "--timeout=120",
                        "--log-level=warning",
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=stderr,
                )
            started.append((server, process, log))
        for server, process, log in started:
            _wait_until_up(server, process, log)
        yield [server for server, _process, _log in started]
    finally:
        for _server, process, _log in started:
            process.terminate()
        for _server, process, _log in started:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=30)


@pytest.fixture(autouse=True)
def shared_cache(settings):
    """Each test starts from an empty Redis, which the test process uses as the servers do."""
    shared = redis.Redis.from_url(REDIS_URL)
    shared.flushdb()
    settings.CACHES = SHARED_CACHE
    yield
    shared.flushdb()
    shared.close()


@pytest.fixture
def content_page(home_page):
    page = ContentPage(
        title="Le projet", slug="le-projet", title_fr="Le projet", slug_fr="le-projet"
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    # Wagtail creates the footer setting on its first read: a write that would bump the cache.
    SiteFooter.for_site(Site.objects.get(is_default_site=True))
    return page


def test_a_session_opened_through_one_server_is_valid_through_the_other(
    servers, home_page, make_user, password
):
    a, b = servers
    make_user(email="amina@example.org")
    visitor = Visitor()

    assert visitor.log_in(a, "amina@example.org", password).status == 302

    seen = visitor.get(b, "/fr/accounts/email/")
    assert seen.status == 200
    assert "amina@example.org" in seen.text
    # Logging out through B ends the session on A too.
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', seen.text).group(1)
    assert visitor.post(b, "/fr/accounts/logout/", {"csrfmiddlewaretoken": token}).status == 302
    assert visitor.get(a, "/fr/accounts/email/").status == 302


def test_a_publish_through_one_server_is_seen_through_the_other(servers, content_page):
    a, b = servers
    anonymous = Visitor()
    first = anonymous.get(a, "/fr/le-projet/")
    second = anonymous.get(b, "/fr/le-projet/")
    assert (first.status, first.headers["X-Cache"]) == (200, "miss")
    # B serves the copy A stored.
    assert (second.status, second.headers["X-Cache"]) == (200, "hit")
    assert "Le projet AMEM" not in second.text

    # A publish bumps the generation in Redis, wherever it is made: this process is one more
    # app server.
    content_page.title = content_page.title_fr = "Le projet AMEM"
    content_page.save_revision().publish()

    after = anonymous.get(b, "/fr/le-projet/")
    assert (after.status, after.headers["X-Cache"]) == (200, "miss")
    assert "Le projet AMEM" in after.text
    again = anonymous.get(a, "/fr/le-projet/")
    assert (again.status, again.headers["X-Cache"]) == (200, "hit")
    assert "Le projet AMEM" in again.text


def test_failed_logins_through_both_servers_count_together(servers, home_page, make_user, password):
    a, b = servers
    make_user(email="karim@example.org")
    with translation.override("fr"):
        too_many = gettext(TOO_MANY_FAILURES)

    # Three failures through A and two through B: neither server alone has seen five.
    for attempt in range(5):
        visitor = Visitor()
        answer = visitor.log_in(servers[attempt % 2], "karim@example.org", "wrong")
        assert answer.status == 200
        assert too_many not in html.unescape(answer.text)

    visitor = Visitor()
    refused = visitor.log_in(b, "karim@example.org", password)
    assert refused.status == 200
    assert too_many in html.unescape(refused.text)
    assert visitor.get(a, "/fr/accounts/email/").status == 302


def _sessions(users):
    """A logged-in session per user, in the store the servers read (Redis, then the database)."""
    keys = []
    for user in users:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        keys.append(session.session_key)
    return keys


def _registration_form(**overrides):
    data = participant_fields(**overrides)
    data.pop("email")  # the account's, never typed
    return {name: ("on" if value is True else value) for name, value in data.items()}


def test_registrations_through_both_servers_never_overbook(servers, open_workshop):
    event = open_workshop(capacity=20)
    with translation.override("fr"):
        path = event.url + "register/"
    User = get_user_model()
    users = User.objects.bulk_create(
        [User(email=f"scale{n}@example.org", password="!") for n in range(60)]
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]
    )
    session_keys = _sessions(users)
    barrier = threading.Barrier(len(users), timeout=60)
    answers = [None] * len(users)

    def register(number, session_key):
        csrf = secrets.token_hex(16)  # an unmasked token, sent as the cookie and in the form
        visitor = Visitor(sessionid=session_key, csrftoken=csrf)
        data = {**_registration_form(), "csrfmiddlewaretoken": csrf}
        barrier.wait()
        try:
            answers[number] = visitor.post(servers[number % 2], path, data)
        except OSError as error:
            answers[number] = error

    threads = [
        threading.Thread(target=register, args=(number, key))
        for number, key in enumerate(session_keys)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a request never returned"

    assert Counter(getattr(answer, "status", answer) for answer in answers) == {302: 60}
    # Each was registered, not sent to sign up: the session was valid on either server.
    assert all("/accounts/" not in answer.headers["Location"] for answer in answers)
    statuses = Counter(
        Registration.objects.filter(event=event).values_list("status", flat=True).order_by()
    )
    assert statuses == {Registration.Status.CONFIRMED: 20, Registration.Status.WAITLISTED: 40}
    assert Registration.objects.filter(event=event).values("user").distinct().count() == 60


def test_pages_are_served_while_registrations_wait_for_the_workshop_lock(servers, open_workshop):
    """A registration waiting for its workshop's lock holds a thread, not its whole process."""
    a, _b = servers
    event = open_workshop(capacity=20)
    with translation.override("fr"):
        path = event.url + "register/"
    User = get_user_model()
    users = User.objects.bulk_create(
        [User(email=f"waiting{n}@example.org", password="!") for n in range(WORKERS)]
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]
    )
    answers = {}

    def register(number, session_key):
        csrf = secrets.token_hex(16)
        visitor = Visitor(sessionid=session_key, csrftoken=csrf)
        answers[number] = visitor.post(
            a, path, {**_registration_form(), "csrfmiddlewaretoken": csrf}
        )

    # Another transaction holds the workshop's row, as a registration in its critical section does.
    with psycopg.connect(_database_url(connection.settings_dict)) as holder:
        holder.execute(
            "SELECT 1 FROM events_eventpage WHERE page_ptr_id = %s FOR UPDATE", [event.pk]
        )
        # As many waiting registrations as server A has processes: with one request a process,
        # nothing else could be served until the lock is released.
        threads = [
            threading.Thread(target=register, args=(number, key))
            for number, key in enumerate(_sessions(users))
        ]
        for thread in threads:
            thread.start()
        waiting = (
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        for _ in range(300):
            holder.execute("SELECT pg_stat_clear_snapshot()")  # fresh figures in a transaction
            if holder.execute(waiting).fetchone()[0] >= WORKERS:
                break
            time.sleep(0.1)
        else:
            raise AssertionError("the registrations never reached the workshop's lock")

        page = Visitor().get(a, "/fr/")
        assert page.status == 200
        assert not answers, "a registration was answered while its workshop was locked"
        holder.rollback()

    for thread in threads:
        thread.join(timeout=60)
    assert sorted(answer.status for answer in answers.values()) == [302] * WORKERS
    assert Registration.objects.filter(event=event, status="confirmed").count() == WORKERS
