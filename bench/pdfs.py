"""How long the PDFs staff and visitors wait for take to render: the figures the tests do not time.

    .venv/bin/python bench/pdfs.py                 # 5 runs each, /tmp/amem-bench-pdfs.sqlite3
    .venv/bin/python bench/pdfs.py --runs 3 --badges 300

On the demo (built afresh as bench/pages.py builds it, the sub-regional workshop given a third
agenda day), prints the median, minimum and maximum wall time of:
- the 3-day agenda PDF, French and Arabic, through the test Client (the whole request); the
  first request of the process, which loads WeasyPrint and its fonts, is not counted;
- N badges in one PDF (`participant_documents.badges_pdf`, laid out in parallel parts), with the
  CPU time its part processes used;
- a page with Redis unreachable (a cache on a port where nothing listens): what a visitor waits
  while the cache is down.
"""

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pages as demo_pages


def timed(function, runs):
    """(median, min, max) seconds of `runs` calls, after one call to warm up."""
    function()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings), min(timings), max(timings)


def get_pdf(client, url):
    def call():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        assert response["Content-Type"] == "application/pdf"

    return call


def badges(count):
    """A call that renders `count` badges of the sub-regional workshop, and its event."""
    from events import participant_documents
    from events.models import EventPage, Registration

    event = EventPage.objects.get(kind=EventPage.Kind.SUBREGIONAL_WORKSHOP)
    Registration.objects.bulk_create(
        Registration(
            event=event,
            status=Registration.Status.CONFIRMED,
            first_name=f"Prénom{n:03d}",
            last_name=f"Nom{n:03d}",
            first_name_ar="سامي",
            last_name_ar="منصور",
            email=f"bench-badge{n}@example.org",
            proposed_organisation="Union des travailleurs",
            constituency="workers",
            position="Chargé d'études",
            gender="man",
            country="TN",
            nationality="TN",
            preferred_language=("fr", "ar", "en")[n % 3],
        )
        for n in range(count)
    )
    registrations = list(
        Registration.objects.filter(event=event, email__startswith="bench-badge")
        .select_related("organisation")
        .order_by("last_name")
    )
    return lambda: participant_documents.badges_pdf(registrations, event=event)


def page_with_redis_down(client, url):
    from django.test import override_settings

    unreachable = {
        "default": {
            "BACKEND": "amem.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }

    def call():
        with override_settings(CACHES=unreachable):
            assert client.get(url).status_code == 200

    return call


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--badges", type=int, default=300)
    parser.add_argument(
        "--database", default=str(Path(tempfile.gettempdir()) / "amem-bench-pdfs.sqlite3")
    )
    args = parser.parse_args(argv)
    demo_pages.setup(args.database)

    from django.test import Client
    from django.utils import translation

    from events.models import EventPage
    from home.models import HomePage

    client = Client()
    workshop = demo_pages.add_third_day(
        EventPage.objects.get(kind=EventPage.Kind.SUBREGIONAL_WORKSHOP)
    )
    rows = []
    for language in ("fr", "ar"):
        with translation.override(language):
            url = workshop.get_url()
            home = HomePage.objects.get().get_url()
        label = f"{len(workshop.agenda)}-day workshop's agenda PDF ({language})"
        rows.append((label, timed(get_pdf(client, f"{url}agenda.pdf"), args.runs)))
        label = f"home page with Redis unreachable ({language})"
        rows.append((label, timed(page_with_redis_down(client, home), args.runs)))

    render = badges(args.badges)
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    figures = timed(render, args.runs)
    cpu = (resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - children) / (args.runs + 1)
    rows.append((f"{args.badges} badges in one PDF (parts' CPU {cpu:.1f} s a run)", figures))

    width = max(len(label) for label, _ in rows)
    print(f"{args.runs} runs each after a warm-up, SQLite, {args.database}")
    print(f"{'what':<{width}}  {'median s':>8}  {'min s':>6}  {'max s':>6}")
    for label, (median, least, most) in rows:
        print(f"{label:<{width}}  {median:>8.2f}  {least:>6.2f}  {most:>6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
