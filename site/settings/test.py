"""The test suite: fast hashing, in-memory email, immediate tasks, the production MFA rule."""

import os
from pathlib import Path

from .base import *  # noqa: F403 - a settings module extends the base one

SECRET_KEY = "test-only-key"  # noqa: S105 - used by the test suite only
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
AMEM_STAFF_MFA_REQUIRED = True
AMEM_DEMO_CONTENT_ALLOWED = True
AMEM_BACKUP_KEY = "test-only-backup-key"  # noqa: S105 - used by the test suite only
MEDIA_ROOT = Path(os.environ.get("TEST_MEDIA_ROOT", BASE_DIR / "var" / "test-media"))  # noqa: F405

# pytest-xdist runs the suite in worker processes gw0, gw1, … Each gets its own media folder and,
# when the cache is Redis, its own Redis database counting down from REDIS_URL's: every test
# clears the cache, which must not empty another worker's under its feet. (pytest-django gives
# each worker its own test database.) Databases 8 and 9 are the production-stack tests'.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if WORKER:
    MEDIA_ROOT = MEDIA_ROOT / WORKER
    if REDIS_URL:  # noqa: F405
        base, _, number = REDIS_URL.rpartition("/")  # noqa: F405
        CACHES["default"]["LOCATION"] = f"{base}/{int(number) - int(WORKER.removeprefix('gw'))}"  # noqa: F405
# Tests that read a page twice expect it rendered twice; tests/site/test_page_cache.py turns
# the page cache on.
AMEM_PAGE_CACHE = False
# Sweeps over every page and route of the demo (tests/events/test_time_zone_names.py…) render
# more PDFs than one visitor may; tests/site/test_rate_limits.py sets its own low limits.
AMEM_RATE_LIMITS = dict.fromkeys(AMEM_RATE_LIMITS, (10_000, 60))  # noqa: F405
