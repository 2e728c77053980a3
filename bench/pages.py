"""Server render time and SQL queries of each type of page of the demo, in French and Arabic.

    .venv/bin/python bench/pages.py                  # 50 requests a page, /tmp/amem-bench.sqlite3
    .venv/bin/python bench/pages.py --requests 20 --database /tmp/other.sqlite3

Builds the demo afresh in a throwaway SQLite database (deleted first, migrated, `load_demo`), with
the test settings (DEBUG off). In that database only, the sub-regional workshop gets a third agenda
day (a copy of its second day, on the next date) and ends a day later, so that its page is
measured with a 3-day agenda; the demo itself has two days.

Each page is requested once to warm up, then timed over N requests with Django's test Client
(median, in ms: the whole request through the middleware, no network); the queries are those of
one more request, captured with CaptureQueriesContext. The warm-up also fills the site-wide
parts (header, menu, footer: home/site_parts.py), which are computed once per language and
content generation.
"""

import argparse
import contextlib
import copy
import logging
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from io import StringIO
from pathlib import Path

LANGUAGES = ("fr", "ar")
THIRD_DAY = {"fr": "Jour 3", "ar": "اليوم الثالث", "en": "Day 3"}


def setup(database):
    """Django on a fresh SQLite file, migrated, with the demo loaded."""
    Path(database).unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "amem.settings.test"
    import django

    django.setup()
    from django.core.management import call_command

    logging.disable(logging.INFO)  # Wagtail logs every page it creates
    # wagtail-modeltranslation's migrate prints the SQL that adds the translated columns.
    with contextlib.redirect_stdout(StringIO()):
        call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo", stdout=StringIO())


def add_third_day(page):
    """The workshop's second agenda day again, one day later (its texts in every language)."""
    from django.utils import translation

    new_date = page.end_date + timedelta(days=1)
    days = list(page.agenda.raw_data)
    day = copy.deepcopy(days[-1])
    day.pop("id", None)
    day["value"].update(date=new_date.isoformat())
    day["value"].update({f"title_{language}": title for language, title in THIRD_DAY.items()})
    with translation.override("fr"):  # the translated fields' original is the French one
        page.agenda = days + [day]
        page.end_date = new_date
        page.save_revision().publish()
    return page


def pages():
    """(label, page) for the pages measured: one of each type the demo has."""
    from events.models import EventIndexPage, EventPage
    from home.models import (
        ContentPage,
        HomePage,
        NewsIndexPage,
        NewsPage,
        PublicationIndexPage,
        PublicationPage,
    )
    from stakeholders.models import (
        PartnersDirectoryPage,
        ProtocolIndexPage,
        RecommendationTrackerPage,
    )

    workshop = add_third_day(EventPage.objects.get(kind=EventPage.Kind.SUBREGIONAL_WORKSHOP))
    measured = [
        ("home page", HomePage.objects.get()),
        ("workshops index", EventIndexPage.objects.get()),
        (f"sub-regional workshop ({len(workshop.agenda)} days)", workshop),
        ("news index", NewsIndexPage.objects.get()),
        ("news item", NewsPage.objects.live().order_by("path").first()),
        ("publications index", PublicationIndexPage.objects.get()),
        (
            "publication (a study)",
            PublicationPage.objects.filter(related_event__isnull=False, kind="study").first(),
        ),
        ("content page", ContentPage.objects.live().filter(country="").order_by("path").first()),
        ("country page", ContentPage.objects.live().exclude(country="").order_by("path").first()),
        ("partners directory", PartnersDirectoryPage.objects.live().first()),
        ("protocols index", ProtocolIndexPage.objects.live().first()),
        ("recommendations tracker", RecommendationTrackerPage.objects.live().first()),
    ]
    return [(label, page) for label, page in measured if page is not None]


def measure(client, url, requests):
    """(status, median ms, queries) for `url`."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)
    if response.status_code != 200:
        return response.status_code, None, None
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return 200, statistics.median(timings), len(queries.captured_queries)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument(
        "--database", default=str(Path(tempfile.gettempdir()) / "amem-bench.sqlite3")
    )
    args = parser.parse_args(argv)
    setup(args.database)

    from django.test import Client
    from django.utils import translation

    client = Client()
    rows = []
    for label, page in pages():
        for language in LANGUAGES:
            with translation.override(language):
                url = page.get_url()
            status, median, queries = measure(client, url, args.requests)
            if status != 200:
                rows.append((label, language, f"HTTP {status}", "-"))
            else:
                rows.append((label, language, f"{median:.1f}", str(queries)))

    header = ("page", "lang", "median ms", "queries")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
    print(f"{args.requests} requests a page, SQLite, {args.database}")
    for row in [header, *rows]:
        print(
            f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  "
            f"{row[2]:>{widths[2]}}  {row[3]:>{widths[3]}}"
        )
    return 0 if all(row[3] != "-" for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
