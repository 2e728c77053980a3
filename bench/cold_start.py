"""Cold start: the wall time of `manage.py check` and the imports that take it.

    .venv/bin/python bench/cold_start.py                      # 5 runs, top 15, amem.settings.dev
    .venv/bin/python bench/cold_start.py --runs 9 --top 30 --settings amem.settings.test

`manage.py check` loads what every process loads before its first request (settings, apps,
models, wagtail_hooks, the URLconf and the views it names). It is run N times in a fresh
interpreter (median wall time, and CPU time, steadier on a busy machine), then N times more under
`python -X importtime`: the modules with the largest median cumulative import time are listed,
self time alongside, with the chain of modules that first imported each (a heavy library should
only load where it is used).
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cpu_of_children():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(settings, importtime=False):
    """(wall seconds, CPU seconds, stderr) of one `manage.py check` in a fresh interpreter."""
    command = [sys.executable, *(["-X", "importtime"] if importtime else []), "manage.py", "check"]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings}
    start, cpu = time.perf_counter(), cpu_of_children()
    result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return time.perf_counter() - start, cpu_of_children() - cpu, result.stderr


def parse(stderr):
    """[(module, depth, self µs, cumulative µs)] in the order importtime prints them."""
    rows = []
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        own, cumulative, name = line.split(":", 1)[1].split("|")
        depth = (len(name) - len(name.lstrip()) - 1) // 2
        rows.append((name.strip(), depth, int(own), int(cumulative)))
    return rows


def importers(rows):
    """Each module's chain of importers (a child is printed before its parent)."""
    chains = {}
    for index, (name, depth, _own, _cumulative) in enumerate(rows):
        chain, level = [], depth
        for parent, parent_depth, _, _ in rows[index + 1 :]:
            if level == 0:
                break
            if parent_depth < level:
                chain.append(parent)
                level = parent_depth
        chains[name] = chain
    return chains


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--settings", default="amem.settings.dev")
    args = parser.parse_args()

    run(args.settings)  # warm-up: .pyc files written, the OS's file cache filled
    runs = [run(args.settings) for _ in range(args.runs)]
    print(f"manage.py check ({args.settings}), {args.runs} runs:")
    for label, values in (("wall", [r[0] for r in runs]), ("CPU", [r[1] for r in runs])):
        median, low, high = statistics.median(values), min(values), max(values)
        print(f"  {label:>4}: median {median:.2f} s  (min {low:.2f}, max {high:.2f})")

    own, cumulative, chains = defaultdict(list), defaultdict(list), {}
    totals = []
    for _ in range(args.runs):
        rows = parse(run(args.settings, importtime=True)[2])
        totals.append(sum(row[2] for row in rows))
        chains.update(importers(rows))
        for name, _depth, own_us, cumulative_us in rows:
            own[name].append(own_us)
            cumulative[name].append(cumulative_us)
    print(f"  all imports: median {statistics.median(totals) / 1e6:.2f} s, -X importtime")
    print(f"\nTop {args.top} by median cumulative import time (ms):")
    print(f"  {'cumul.':>7} {'self':>7}  module  [imported by]")
    medians = {name: statistics.median(values) for name, values in cumulative.items()}
    for name in sorted(medians, key=medians.get, reverse=True)[: args.top]:
        chain = " <- ".join(chains[name][:3])
        print(
            f"  {medians[name] / 1000:7.1f} {statistics.median(own[name]) / 1000:7.1f}  {name}"
            + (f"  [{chain}]" if chain else "")
        )


if __name__ == "__main__":
    main()
