"""Local development: SQLite, console email, immediate tasks, the demo superuser."""

import os

from .base import *  # noqa: F403 - a settings module extends the base one
from .base import env_bool, env_list

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
# The demo admin gets in at once; set AMEM_STAFF_MFA_REQUIRED=1 to try the production rule.
AMEM_STAFF_MFA_REQUIRED = env_bool("AMEM_STAFF_MFA_REQUIRED", False)
AMEM_DEMO_CONTENT_ALLOWED = True
