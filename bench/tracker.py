"""Render times and SQL queries of the recommendations tracker and dashboard, at 500 and 5 000
recommendations.

    .venv/bin/python bench/tracker.py      # 20 requests a page, /tmp/amem-tracker.sqlite3
    .venv/bin/python bench/tracker.py --requests 5 --sizes 500 5000 20000

Builds the demo afresh in a throwaway SQLite database (deleted first, migrated, `load_demo`), with
the test settings (DEBUG off), then adds recommendations with bulk_create until there are as many
as asked (a third of them public, spread over the countries, axes and statuses, each with a
validated update), and measures the public tracker (French and Arabic), a country view, the JSON
open data and the staff dashboard and its list, as the demo superuser.

Each page is requested once to warm up, then timed over N requests with Django's test Client
(median, in ms: the whole request through the middleware, no network); the queries are those of
one more request, captured with CaptureQueriesContext.
"""

import argparse
import contextlib
import itertools
import logging
import os
import statistics
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path


def setup(database):
    """Django on a fresh SQLite file, migrated, with the demo loaded."""
    Path(database).unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "amem.settings.test"
    import django

    django.setup()
    from django.core.management import call_command

    logging.disable(logging.INFO)  # Wagtail logs every page it creates
    with contextlib.redirect_stdout(StringIO()):
        call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo", stdout=StringIO())


def grow_to(size):
    """Bulk-creates recommendations (and a validated update each) until there are `size`."""
    import datetime

    from django.utils import timezone

    from home.vocabulary import Axis, Scope
    from stakeholders.models import (
        Organisation,
        ProgressReview,
        ProgressUpdate,
        Recommendation,
        RecommendationStatus,
    )

    existing = Recommendation.objects.count()
    if existing >= size:
        return
    organisations = list(Organisation.objects.values_list("pk", flat=True))
    combinations = itertools.cycle(
        itertools.product(Scope.values, Axis.values, RecommendationStatus.values)
    )
    today = timezone.localdate()
    recommendations = []
    for number in range(existing, size):
        country, axis, status = next(combinations)
        recommendations.append(
            Recommendation(
                reference=f"BENCH-{number:06}",
                title=f"Recommandation {number}",
                title_fr=f"Recommandation {number}",
                title_ar=f"التوصية {number}",
                title_en=f"Recommendation {number}",
                text=f"Texte {number}",
                text_fr=f"Texte {number}",
                axis=axis,
                country=country,
                status=status,
                progress=number % 101,
                lead_organisation_id=organisations[number % len(organisations)],
                target_date=today + datetime.timedelta(days=number % 400 - 200),
                is_public=number % 3 == 0,
            )
        )
    created = Recommendation.objects.bulk_create(recommendations, batch_size=500)
    updates = ProgressUpdate.objects.bulk_create(
        [
            ProgressUpdate(
                recommendation=item,
                proposed_status=item.status,
                proposed_progress=item.progress,
                narrative="Avancement.",
            )
            for item in created
        ],
        batch_size=500,
    )
    ProgressReview.objects.bulk_create(
        [ProgressReview(update=u, decision=ProgressReview.Decision.VALIDATED) for u in updates],
        batch_size=500,
    )


def urls():
    """(label, url) of the pages measured."""
    from django.urls import reverse
    from django.utils import translation

    from stakeholders.models import RecommendationTrackerPage

    tracker = RecommendationTrackerPage.objects.get()
    found = []
    for language in ("fr", "ar"):
        with translation.override(language):
            found.append((f"tracker ({language})", tracker.get_url()))
    with translation.override("fr"):
        base = tracker.get_url()
        found += [
            ("tracker, Tunisia", base + tracker.reverse_subpage("country", args=["tn"])),
            ("open data, JSON", base + tracker.reverse_subpage("json")),
            ("dashboard (staff)", reverse("stakeholders:dashboard:home")),
            ("dashboard list (staff)", reverse("stakeholders:dashboard:list") + "?status=planned"),
        ]
    return found


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
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000])
    parser.add_argument(
        "--database", default=str(Path(tempfile.gettempdir()) / "amem-tracker.sqlite3")
    )
    args = parser.parse_args(argv)
    setup(args.database)

    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth import get_user_model
    from django.test import Client

    from amem.demo import DEMO_ADMIN

    client = Client()
    # The demo superuser sees every recommendation; the test settings require TOTP of staff.
    admin = get_user_model().objects.get(email=DEMO_ADMIN[0])
    TOTP.activate(admin, generate_totp_secret())
    client.force_login(admin)

    rows = []
    for size in sorted(args.sizes):
        grow_to(size)
        for label, url in urls():
            status, median, queries = measure(client, url, args.requests)
            if status != 200:
                rows.append((str(size), label, f"HTTP {status}", "-"))
            else:
                rows.append((str(size), label, f"{median:.1f}", str(queries)))

    header = ("recommendations", "page", "median ms", "queries")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
    print(f"{args.requests} requests a page, SQLite, {args.database}")
    for row in [header, *rows]:
        print(
            f"{row[0]:>{widths[0]}}  {row[1]:<{widths[1]}}  "
            f"{row[2]:>{widths[2]}}  {row[3]:>{widths[3]}}"
        )
    return 0 if all(row[3] != "-" for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
