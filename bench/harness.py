"""What the benches that drive a real server share: a fresh PostgreSQL database, a workshop open
for registration, logged-in accounts, gunicorn on a free port, and N registrations at once.

The functions that touch models need Django set up by the calling bench (its own settings).
"""

import contextlib
import http.client
import secrets
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

BASE_DIR = Path(__file__).resolve().parent.parent
# What a participant types in the registration form of a workshop without questions of its own.
FORM = {
    "first_name": "Amina",
    "last_name": "Ben Salah",
    "phone": "+216 71 000 000",
    "organisation": "",
    "proposed_organisation": "Union des travailleurs",
    "constituency": "workers",
    "position": "Chargée d'études",
    "gender": "woman",
    "country": "TN",
    "nationality": "TN",
    "preferred_language": "fr",
    "accepts_privacy_notice": "on",
}


def fresh_database(server, name):
    """Drop and create the database; returns its URL."""
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


def drop_database(server, name):
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def translated(name, fr, ar, en):
    return {name: fr, f"{name}_fr": fr, f"{name}_ar": ar, f"{name}_en": en}


def workshop(index, slug, capacity):
    """A workshop taking registrations; returns it and its registration form's path."""
    from datetime import time as clock
    from datetime import timedelta

    from django.utils import timezone, translation

    from events.models import EventPage

    with translation.override("fr"):
        start = timezone.localdate() + timedelta(days=30)
        event = EventPage(
            **translated("title", f"Atelier {slug}", f"ورشة {slug}", f"Workshop {slug}"),
            **translated("slug", slug, slug, slug),
            start_date=start,
            end_date=start + timedelta(days=1),
            start_time=clock(9),
            end_time=clock(17),
            country="TN",
            registration_mode=EventPage.RegistrationMode.OPEN,
            capacity=capacity,
        )
        index.add_child(instance=event)
        return event, event.get_url() + event.reverse_subpage("register")


def accounts(count, prefix):
    """N verified accounts, each with a session: [(user, session key)].

    The sessions are written through the settings' session engine (the database, and the cache
    too with cached_db): the login form's rate limit would refuse N logins from one address, and
    logging in is not what is measured.
    """
    from importlib import import_module

    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from stakeholders.models import User

    session_store = import_module(settings.SESSION_ENGINE).SessionStore
    users = User.objects.bulk_create(
        [User(email=f"{prefix}{n}@example.org", password="!") for n in range(count)]  # noqa: S106
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]
    )
    sessions = []
    for user in users:
        session = session_store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        sessions.append((user, session.session_key))
    return sessions


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def gunicorn(port, env, options, probe="/healthz", stderr=None):
    """gunicorn serving the site on the port with these options, once `probe` answers."""
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and gunicorn
        [
            sys.executable,
            "-m",
            "gunicorn",
            "amem.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            *options,
        ],
        cwd=BASE_DIR,
        env=env,
        stderr=stderr,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        with contextlib.suppress(OSError):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", probe)
            connection.getresponse().read()
            return server
        time.sleep(0.2)
    server.terminate()
    server.wait(timeout=30)
    raise RuntimeError(f"gunicorn did not answer {probe} within 60 s")


def post_all(port, path, sessions):
    """Every client POSTs the registration form at once; [(status, seconds)] and total seconds.

    Each client has its own connection, session cookie and CSRF token (an unmasked 32-character
    token, also set as the cookie); a Barrier releases them together.
    """
    barrier = threading.Barrier(len(sessions) + 1)
    answers = [None] * len(sessions)

    def client(number, session_key):
        csrf = secrets.token_hex(16)
        body = urlencode({**FORM, "last_name": f"Ben Salah {number}", "csrfmiddlewaretoken": csrf})
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"sessionid={session_key}; csrftoken={csrf}",
        }
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        connection.connect()
        barrier.wait()
        start = time.perf_counter()
        try:
            connection.request("POST", path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            answers[number] = (response.status, time.perf_counter() - start)
        except OSError as error:
            answers[number] = (type(error).__name__, time.perf_counter() - start)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=client, args=(number, key))
        for number, (_user, key) in enumerate(sessions)
    ]
    for thread in threads:
        thread.start()
    barrier.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    return answers, time.perf_counter() - start
