"""What the browser tests share: bench/screenshots.py, the one place that knows how to launch
Debian's Chromium, and the marks that skip a browser test when Chromium is missing."""

import importlib.util
from pathlib import Path

import pytest

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
