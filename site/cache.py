"""A Redis cache that the site survives losing.

When Redis is unreachable, reads miss and writes are dropped (logged once a minute at most),
so that pages are served uncached, sessions come from the database (`cached_db`) and logins go
on. allauth's login rate limits live in the cache: while Redis is down they are not counted
(the site stays usable; the outage is in the logs and in `/readyz`).
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger(__name__)
UNREACHABLE = (ConnectionError, TimeoutError, OSError)
WARN_EVERY_SECONDS = 60


class ReusingRedisCacheClient(RedisCacheClient):
    """One redis.Redis object per connection pool, instead of Django's new one for every command:
    redis-py fills a table of some 170 response callbacks in each, a quarter of the time of a
    page served from the cache. A redis.Redis object is safe to share between threads (each
    command takes a connection from the pool)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    _last_warning = 0.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    def _tolerate(self, method, fallback, *args, **kwargs):
        try:
            return getattr(super(), method)(*args, **kwargs)
        except UNREACHABLE as error:
            now = time.monotonic()
            if now - ResilientRedisCache._last_warning > WARN_EVERY_SECONDS:
                ResilientRedisCache._last_warning = now
                logger.warning("cache unreachable, serving without it: %s", error)
            return fallback

    def add(self, *args, **kwargs):
        # allauth takes a lock with add() before counting a login attempt: answering "taken"
        # while Redis is down lets logins through instead of refusing every one with a 429.
        return self._tolerate("add", True, *args, **kwargs)

    def get(self, key, default=None, version=None):
        return self._tolerate("get", default, key, default, version)

    def set(self, *args, **kwargs):
        return self._tolerate("set", None, *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._tolerate("touch", False, *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._tolerate("delete", False, *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._tolerate("get_many", {}, *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._tolerate("has_key", False, *args, **kwargs)

    def incr(self, *args, **kwargs):
        # A missing key still raises ValueError, as the cache API says.
        return self._tolerate("incr", 0, *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._tolerate("set_many", [], *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._tolerate("delete_many", None, *args, **kwargs)

    def clear(self):
        return self._tolerate("clear", False)
