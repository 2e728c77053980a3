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
MEDIA_ROOT = Path(os.environ.get("TEST_MEDIA_ROOT", BASE_DIR / "var" / "test-media"))  # noqa: F405
# Tests that read a page twice expect it rendered twice; tests/site/test_page_cache.py turns
# the page cache on.
AMEM_PAGE_CACHE = False
