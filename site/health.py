"""Health endpoints for the load balancer and the orchestrator.

`/healthz` says the process answers (liveness: restart it if not); `/readyz` says it can serve
(readiness: send it traffic) by touching the database and the cache. Neither needs a session,
a language or a login, and neither is ever cached.
"""

import logging
import time
import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    checks = {"database": _database(), "cache": _cache()}
    ready = all(check == "ok" for check in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503
    )


def _database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("readiness: database unreachable: %s", error)
        # A broken connection is dropped so that the next request opens a new one.
        connection.close_if_unusable_or_obsolete()
        return "unreachable"
    return "ok"


def _cache():
    key = f"readyz:{uuid.uuid4().hex}"
    value = str(time.time())
    cache.set(key, value, timeout=10)
    ok = cache.get(key) == value
    cache.delete(key)
    return "ok" if ok else "unreachable"
