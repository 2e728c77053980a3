"""Registrations per second through the real register view, on PostgreSQL, N clients at once.

    .venv/bin/python bench/registration.py                  # 300 clients, 100 seats
    .venv/bin/python bench/registration.py --clients 500 --capacity 100 --workers 5 --threads 4

Builds a fresh PostgreSQL database (dropped first; `amem_bench_registration` on
postgres://root@127.0.0.1:5432 unless --server/--database say otherwise), migrated, with a home
page, a workshops index and one workshop open for registration with the capacity given, and N
verified accounts. Each account gets a session written through the production session engine
(cached_db: the database and Redis, --redis, db 13 by default, flushed first and last): the login
form's rate limit would refuse N logins from one address, and logging in is not what is measured.

Then gunicorn serves the site as docs/deploy.md says (production settings, 2 x cores + 1 workers of
2 threads; emails queued in the database for the worker, as in production), and N threads, each
with its own http.client connection, session cookie and CSRF token, are released together by a
Barrier to POST the registration form once. Printed: registrations per second (N over the time
from the release to the last answer), the median and 95th percentile answer times, the answers'
status codes, and the confirmed and waitlisted counts read back from the database; then the time
one task worker (`manage.py db_worker --batch`) takes to lay out and hand over the N confirmation
emails (to Django's dummy backend: nothing leaves the machine).
"""

import argparse
import contextlib
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from io import StringIO

from harness import (
    BASE_DIR,
    accounts,
    free_port,
    fresh_database,
    gunicorn,
    post_all,
    translated,
    workshop,
)

SETTINGS = "amem.settings.production"


def environment(database_url, redis_url):
    """The production environment of the server, the worker and this process."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "SECRET_KEY": "bench-registration-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "DB_CONN_MAX_AGE": "60",  # as docs/deploy.md
        "REDIS_URL": redis_url,
        "SECURE_SSL_REDIRECT": "0",  # plain HTTP here; nginx terminates TLS in production
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",  # nothing leaves
        "LOG_LEVEL": "WARNING",  # one log line per request would be measured too
        "STATIC_ROOT": tempfile.mkdtemp(prefix="amem-bench-static-"),  # no page is rendered
    }


def setup(env):
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    logging.disable(logging.INFO)  # Wagtail logs every page it creates
    # wagtail-modeltranslation's migrate prints the SQL that adds the translated columns.
    with contextlib.redirect_stdout(StringIO()):
        call_command("migrate", interactive=False, verbosity=0)


def site():
    """A home page and the workshops index; returns the index."""
    from django.utils import translation
    from wagtail.models import Page, Site

    from events.models import EventIndexPage
    from home.models import HomePage

    with translation.override("fr"):
        root = Page.get_first_root_node()
        home = HomePage(
            **translated("title", "Accueil", "الرئيسية", "Home"),
            **translated("slug", "accueil", "الرئيسية", "home"),
            **translated("hero_title", "Migration équitable", "الهجرة العادلة", "Fair migration"),
        )
        root.add_child(instance=home)
        Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home})
        Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
        index = EventIndexPage(
            **translated("title", "Ateliers", "ورش العمل", "Workshops"),
            **translated("slug", "ateliers", "ورش-العمل", "workshops"),
        )
        home.add_child(instance=index)
        return index


def serve(env, port, workers, threads):
    """gunicorn as docs/deploy.md runs it, once it answers."""
    options = [f"--workers={workers}", f"--threads={threads}", "--log-level=warning"]
    return gunicorn(port, env, options)


def send_emails(env):
    """Seconds one worker takes to run every queued task (the registrations' emails)."""
    started = time.perf_counter()
    subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
        cwd=BASE_DIR,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=300)
    parser.add_argument("--capacity", type=int, default=100)
    cores = os.cpu_count() or 1
    parser.add_argument("--workers", type=int, default=2 * cores + 1, help="gunicorn processes")
    parser.add_argument("--threads", type=int, default=2, help="threads per gunicorn process")
    parser.add_argument("--server", default="postgres://root@127.0.0.1:5432")
    parser.add_argument("--database", default="amem_bench_registration")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/13")
    args = parser.parse_args(argv)
    load_average = " ".join(f"{value:.2f}" for value in os.getloadavg())

    import redis

    cache = redis.Redis.from_url(args.redis)
    cache.flushdb()
    database_url = fresh_database(args.server, args.database)
    env = environment(database_url, args.redis)
    setup(env)
    index = site()
    event, path = workshop(index, "mesure", args.capacity)
    sessions = accounts(args.clients, "bench")
    # Each server thread's first request imports, compiles templates and connects: a warm-up
    # round on another workshop keeps that out of the figures.
    warm_up_clients = 2 * args.workers * args.threads
    _warm_up_event, warm_up_path = workshop(index, "echauffement", warm_up_clients)
    warm_up_sessions = accounts(warm_up_clients, "warmup")
    from django.db import connection

    connection.close()  # the server's workers need the connections, not this process

    port = free_port()
    server = serve(env, port, args.workers, args.threads)
    try:
        post_all(port, warm_up_path, warm_up_sessions)
        answers, seconds = post_all(port, path, sessions)
    finally:
        server.terminate()
        server.wait(timeout=30)
    emails_seconds = send_emails(env)
    cache.flushdb()

    from events.models import Registration

    statuses = Counter(
        Registration.objects.filter(event=event).values_list("status", flat=True).order_by()
    )
    timings = sorted(duration for _status, duration in answers)
    codes = Counter(status for status, _duration in answers)
    print(
        f"{args.clients} clients at once, capacity {args.capacity}, PostgreSQL "
        f"{args.database}, gunicorn {args.workers} workers x {args.threads} threads, "
        f"{cores} cores, load average at start {load_average}"
    )
    print(f"registrations per second  {args.clients / seconds:.1f}  ({seconds:.2f} s in all)")
    print(
        f"answer time (ms)          median {statistics.median(timings) * 1000:.0f}, "
        f"95th percentile {timings[int(len(timings) * 0.95) - 1] * 1000:.0f}"
    )
    print(f"answers                   {dict(sorted(codes.items(), key=str))}")
    confirmed, waitlisted = statuses.pop("confirmed", 0), statuses.pop("waitlisted", 0)
    print(
        f"registrations             confirmed {confirmed}, waitlisted {waitlisted}, "
        f"other {dict(statuses)}"
    )
    print(
        f"emails                    one worker ran the {args.clients + warm_up_clients} queued "
        f"tasks in {emails_seconds:.1f} s"
    )
    expected_confirmed = min(args.capacity, args.clients)
    ok = (
        codes == {302: args.clients}
        and confirmed == expected_confirmed
        and waitlisted == args.clients - expected_confirmed
        and not statuses
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
