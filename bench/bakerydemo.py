"""Our 3-day workshop page and home page against Wagtail's bakerydemo blog page and home page.

Issue 18's target: the workshop page's median render is at most half bakerydemo's blog page's,
measured on the same machine in alternated runs.

    .venv/bin/python bench/bakerydemo.py --setup       # once: venv, settings and data of bakerydemo
    .venv/bin/python bench/bakerydemo.py               # 50 requests a page, 3 rounds
    .venv/bin/python bench/bakerydemo.py --requests 20 --rounds 2 --checkout /tmp/bakerydemo

Setup (what --setup does; nothing of bakerydemo goes into this repository):
  1. git clone https://github.com/wagtail/bakerydemo /tmp/bakerydemo   (or --source for a mirror)
  2. a venv /tmp/bakerydemo/.venv on our Python, from requirements/base.txt with only the Django
     and Wagtail pins changed to the versions of our venv, in requirements-bench.txt
  3. bakerydemo/settings/bench.py: its test settings (SQLite, local-memory cache, plain static
     files storage) with DEBUG off, like our amem.settings.test
  4. a fresh bench.sqlite3 in the checkout: `manage.py migrate`, `manage.py load_initial_data`

Each project runs in its own worker process (two Django projects cannot share one), started once:
ours builds its demo with bench/pages.py's `setup` and `pages` (a throwaway SQLite database, the
sub-regional workshop given a third agenda day); bakerydemo's uses the database of step 4. The
rounds alternate between the two workers, the first of each round swapped every round, while the
other worker waits idle. In a round, each page is requested once to warm up, then timed over N
requests with Django's test Client (the whole request through the middleware, no network); its
queries are those of one more request. The overall median pools every round's timings.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote

HERE = Path(__file__).resolve()
BASE_DIR = HERE.parent.parent
DEFAULT_CHECKOUT = Path(tempfile.gettempdir()) / "bakerydemo"
DEFAULT_SOURCE = "https://github.com/wagtail/bakerydemo"
LANGUAGES = ("fr", "ar")
# The pins of bakerydemo's requirements/base.txt replaced by our versions (the rest is its own).
PINNED = {"django": "Django", "wagtail": "wagtail"}
BENCH_SETTINGS = '''"""Written by AMEM's bench/bakerydemo.py: the test settings with DEBUG off."""

from .test import *  # noqa: F403

DEBUG = False
'''
BAKERYDEMO_DATABASE = "bench.sqlite3"  # relative to the checkout (bakerydemo's DATABASE_NAME)
TARGET_RATIO = 0.5


# --- Workers: one process per project, answering one JSON line per command on stdin ---------------


def measure(client, url, requests):
    """Timings (ms) of `requests` requests after one warm-up, and the queries of one more."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered HTTP {response.status_code}")
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return timings, len(queries.captured_queries)


def our_targets(database, languages):
    """(key, label, url) of our home page and 3-day workshop page, in each language."""
    sys.path.insert(0, str(HERE.parent))
    os.chdir(BASE_DIR)
    import pages as bench_pages
    from django.utils import translation

    bench_pages.setup(database)
    from events.models import EventPage
    from home.models import HomePage

    found = {}
    for label, page in bench_pages.pages():
        page = page.specific
        if isinstance(page, HomePage):
            found["home"] = (label, page)
        elif isinstance(page, EventPage) and page.kind == EventPage.Kind.SUBREGIONAL_WORKSHOP:
            found["workshop"] = (label, page)
    if set(found) != {"home", "workshop"}:
        raise RuntimeError(
            f"bench/pages.py's pages() gave no {sorted({'home', 'workshop'} - set(found))}"
        )
    targets = []
    for key in ("workshop", "home"):
        label, page = found[key]
        for language in languages:
            with translation.override(language):
                targets.append((f"{key} {language}", f"{label} [{language}]", page.get_url()))
    return targets


def bakerydemo_targets(checkout, blog_slug):
    """(key, label, url) of bakerydemo's home page and a blog page (the first, or `blog_slug`)."""
    # This file's folder holds bakerydemo.py, which would shadow bakerydemo's package.
    sys.path[:] = [path for path in sys.path if Path(path or ".").resolve() != HERE.parent]
    sys.path.insert(0, str(checkout))
    os.chdir(checkout)  # its TEMPLATES DIRS is relative to the checkout
    os.environ.pop("DATABASE_URL", None)  # it would take precedence over DATABASE_NAME
    os.environ["DATABASE_NAME"] = BAKERYDEMO_DATABASE
    os.environ["DJANGO_SETTINGS_MODULE"] = "bakerydemo.settings.bench"
    import logging

    import django

    django.setup()
    logging.disable(logging.INFO)
    from bakerydemo.base.models import HomePage
    from bakerydemo.blog.models import BlogPage

    blogs = BlogPage.objects.live().order_by("path")
    blog = blogs.get(slug=blog_slug) if blog_slug else blogs.first()
    home = HomePage.objects.live().get()
    return [
        ("blog", f"blog page ({blog.title})", blog.get_url()),
        ("home", "home page", home.get_url()),
    ]


def worker(args):
    """Set up the project, then measure its pages each time a round is asked for."""
    # Anything the projects print goes to stderr; stdout carries the JSON lines only.
    protocol = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    if args.worker == "ours":
        targets = our_targets(args.database, args.languages.split(","))
    else:
        targets = bakerydemo_targets(Path(args.checkout), args.blog_slug)
    import django
    import wagtail
    from django.test import Client

    pages = [{"key": key, "label": label, "url": url} for key, label, url in targets]
    protocol.write(
        json.dumps({"django": django.__version__, "wagtail": wagtail.__version__, "pages": pages})
        + "\n"
    )
    client = Client()
    for line in sys.stdin:
        command = json.loads(line)
        if command.get("quit"):
            break
        results = []
        for page in pages:
            timings, queries = measure(client, page["url"], command["requests"])
            results.append({"key": page["key"], "timings": timings, "queries": queries})
        protocol.write(json.dumps(results) + "\n")
    return 0


# --- Setup of bakerydemo ------------------------------------------------------------------------


def bakerydemo_python(checkout):
    return checkout / ".venv" / "bin" / "python"


def missing(checkout):
    """What the measure needs of bakerydemo and is not there, as sentences."""
    if not (checkout / "manage.py").exists():
        return [f"no bakerydemo checkout at {checkout}"]
    needs = {
        bakerydemo_python(checkout): "its venv",
        checkout / "bakerydemo" / "settings" / "bench.py": "its bench settings",
        checkout / BAKERYDEMO_DATABASE: "its demo database",
    }
    return [f"{what} ({path}) is missing" for path, what in needs.items() if not path.exists()]


def run(command, **kwargs):
    print("$", " ".join(str(part) for part in command), flush=True)
    subprocess.run(command, check=True, **kwargs)  # noqa: S603 - our own commands


def setup_bakerydemo(checkout, source):
    """Clone (if needed), venv with our Django and Wagtail, bench settings, fresh demo data."""
    from importlib.metadata import version

    if not (checkout / "manage.py").exists():
        run(["git", "clone", "--quiet", source, checkout])
    requirements = []
    for line in (checkout / "requirements" / "base.txt").read_text().splitlines():
        name = line.split(">")[0].split("<")[0].split("=")[0].strip().lower()
        requirements.append(f"{PINNED[name]}=={version(name)}" if name in PINNED else line)
    (checkout / "requirements-bench.txt").write_text("\n".join(requirements) + "\n")
    python = bakerydemo_python(checkout)
    if not python.exists():
        # From our venv's interpreter, venv builds on the same base Python as ours.
        run([sys.executable, "-m", "venv", checkout / ".venv"])
    run([python, "-m", "pip", "install", "--quiet", "-r", checkout / "requirements-bench.txt"])
    (checkout / "bakerydemo" / "settings" / "bench.py").write_text(BENCH_SETTINGS)
    (checkout / BAKERYDEMO_DATABASE).unlink(missing_ok=True)
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env |= {
        "DJANGO_SETTINGS_MODULE": "bakerydemo.settings.bench",
        "DATABASE_NAME": BAKERYDEMO_DATABASE,
    }
    for command in (["migrate", "--verbosity", "0"], ["load_initial_data"]):
        run([python, "manage.py", *command], cwd=checkout, env=env, stdout=subprocess.DEVNULL)


# --- The comparison -----------------------------------------------------------------------------


class Worker:
    def __init__(self, name, python, args):
        self.name = name
        self.log = tempfile.TemporaryFile("w+")  # noqa: SIM115 - kept open for the worker's life
        command = [python, HERE, "--worker", name, "--checkout", args.checkout]
        command += ["--database", args.database, "--languages", args.languages]
        if args.blog_slug:
            command += ["--blog-slug", args.blog_slug]
        self.process = subprocess.Popen(  # noqa: S603 - our own script
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log, text=True
        )
        self.ready = self.answer()

    def answer(self):
        line = self.process.stdout.readline()
        if not line:
            self.process.wait()
            self.log.seek(0)
            tail = "".join(self.log.readlines()[-30:])
            sys.exit(f"The {self.name} worker stopped (exit {self.process.returncode}):\n{tail}")
        return json.loads(line)

    def measure(self, requests):
        self.process.stdin.write(json.dumps({"requests": requests}) + "\n")
        self.process.stdin.flush()
        return {result["key"]: result for result in self.answer()}

    def stop(self):
        self.process.stdin.write(json.dumps({"quit": True}) + "\n")
        self.process.stdin.close()
        self.process.wait()


def comparisons(languages):
    """(our key, bakerydemo's key) of each ratio, the workshop page against the blog page first."""
    return [(f"workshop {language}", "blog") for language in languages] + [
        (f"home {language}", "home") for language in languages
    ]


def report(title, ours, theirs, languages):
    """Print the medians and queries of both projects and the ratios; returns the ratios."""
    print(f"\n{title}")
    median = {}
    for project, results in (("ours", ours), ("bakerydemo", theirs)):
        for key, result in results.items():
            median[project, key] = statistics.median(result["timings"])
            print(
                f"  {project:<10}  {key:<12}  {median[project, key]:8.1f} ms"
                f"  {result['queries']:4} queries  ({len(result['timings'])} requests)"
            )
    ratios = {}
    for our_key, their_key in comparisons(languages):
        ratios[our_key] = median["ours", our_key] / median["bakerydemo", their_key]
        print(f"  ratio ours {our_key} / bakerydemo {their_key}: {ratios[our_key]:.2f}")
    return ratios


def pooled(rounds):
    """Each page's timings of every round together, with its queries of the last round."""
    keys = rounds[0].keys()
    return {
        key: {
            "timings": [timing for results in rounds for timing in results[key]["timings"]],
            "queries": rounds[-1][key]["queries"],
        }
        for key in keys
    }


def compare(args):
    checkout = Path(args.checkout)
    problems = missing(checkout)
    if problems:
        sys.exit(
            "bakerydemo is not ready: "
            + "; ".join(problems)
            + f".\nRun `{sys.executable} {HERE} --setup --checkout {checkout}` (steps in --help)."
        )
    languages = args.languages.split(",")
    load = os.getloadavg()
    print(
        f"Load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} CPUs"
    )
    print("Setting up both projects (ours builds its demo database)…", flush=True)
    ours = Worker("ours", sys.executable, args)
    theirs = Worker("bakerydemo", bakerydemo_python(checkout), args)
    for worker_ in (ours, theirs):
        versions = f"Django {worker_.ready['django']}, Wagtail {worker_.ready['wagtail']}"
        print(f"{worker_.name}: {versions}")
        for page in worker_.ready["pages"]:
            print(f"  {page['key']:<12}  {page['label']}  {unquote(page['url'])}")
    print(f"{args.requests} requests a page a round, {args.rounds} rounds, SQLite, DEBUG off")

    rounds = {"ours": [], "bakerydemo": []}
    for number in range(args.rounds):
        order = (ours, theirs) if number % 2 == 0 else (theirs, ours)
        for worker_ in order:
            rounds[worker_.name].append(worker_.measure(args.requests))
        report(
            f"Round {number + 1} ({order[0].name} first)",
            rounds["ours"][-1],
            rounds["bakerydemo"][-1],
            languages,
        )
    ours.stop()
    theirs.stop()

    ratios = report(
        f"Overall (medians of the {args.rounds * args.requests} requests of each page)",
        pooled(rounds["ours"]),
        pooled(rounds["bakerydemo"]),
        languages,
    )
    for language in languages:
        ratio = ratios[f"workshop {language}"]
        verdict = "met" if ratio <= TARGET_RATIO else "NOT met"
        print(f"Target workshop [{language}] ≤ {TARGET_RATIO} × blog page: {verdict} ({ratio:.2f})")
    load = os.getloadavg()
    print(f"Load average at end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--checkout", default=str(DEFAULT_CHECKOUT), help="bakerydemo's checkout")
    parser.add_argument("--requests", type=int, default=50, help="timed requests a page a round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--languages", default=",".join(LANGUAGES), help="of our pages")
    parser.add_argument("--blog-slug", help="bakerydemo's blog page measured (default: the first)")
    parser.add_argument(
        "--database",
        default=str(Path(tempfile.gettempdir()) / "amem-bench-bakerydemo.sqlite3"),
        help="our throwaway SQLite database (deleted first)",
    )
    parser.add_argument("--setup", action="store_true", help="build bakerydemo's side, then stop")
    parser.add_argument("--source", default=DEFAULT_SOURCE, help="where --setup clones from")
    parser.add_argument("--worker", choices=("ours", "bakerydemo"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker(args)
    if args.setup:
        setup_bakerydemo(Path(args.checkout), args.source)
        return 0
    return compare(args)


if __name__ == "__main__":
    sys.exit(main())
