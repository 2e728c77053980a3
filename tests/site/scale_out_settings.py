"""The app servers of tests/site/test_scale_out.py: the test settings, as production shares state.

The page cache on (the test settings turn it off for the in-process tests), and sessions in the
cache backed by the database, as in production; REDIS_URL comes from the environment.
"""

import os

from amem.settings.test import *  # noqa: F403 - a settings module extends another

AMEM_PAGE_CACHE = True
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# CPU may be shared with other runs: Redis answering late must not pass for Redis being down
# (production gives up after half a second, tests/site/test_failures.py tests that).
CACHES["default"]["OPTIONS"] = {"socket_connect_timeout": 5, "socket_timeout": 5}  # noqa: F405
# The Redis database the test gives, not the one the test settings derive for a pytest-xdist
# worker (this process inherits PYTEST_XDIST_WORKER): the servers and the test share it.
CACHES["default"]["LOCATION"] = os.environ["REDIS_URL"]  # noqa: F405
