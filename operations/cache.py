"""The cache is an accelerator, never a dependency: when Redis is down or frozen, pages
are rendered without it and the site recovers by itself when it returns."""

import hashlib
import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT, default_key_func
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Longer keys are hashed: memcached refuses them, and Django's warning about them would
# repeat the whole key (a page's URL, megabytes for a hostile one) in the log.
MAX_KEY_LENGTH = 200


def make_key(key, key_prefix, version):
    full = default_key_func(key, key_prefix, version)
    if len(full) <= MAX_KEY_LENGTH:
        return full
    digest = hashlib.sha256(full.encode()).hexdigest()
    return default_key_func(f"{key[:40]}…{digest}", key_prefix, version)


class ObjectCache(LocMemCache):
    """Django's in-process cache, keeping values as they are rather than pickled: for
    what a process renders and reads until an edit (fragments, cards, menus), never
    changed once cached. Unpickling model instances on each get would cost more
    than the query they save. Its keys never leave the process: any string will do."""

    def validate_key(self, key):
        pass

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._set(key, value, timeout)
                return True
            return False

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                return default
            self._cache.move_to_end(key, last=False)
            return self._cache[key]

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            self._set(key, value, timeout)


class ForgivingRedisCache(RedisCache):
    """Django's Redis cache, except that an unreachable server is a cache miss. After a
    failure the server is left alone for `RETRY_SECONDS`, so a frozen Redis costs one
    socket timeout per process every few seconds rather than one per cache call."""

    RETRY_SECONDS = 5
    # Shared by every thread's instance: the server is down for all of them.
    _down_until = {}

    @property
    def _server(self):
        return tuple(self._servers)

    def is_available(self):
        """False for a few seconds after the server failed to answer."""
        return time.monotonic() >= self._down_until.get(self._server, 0.0)

    def _failed(self, error):
        if self.is_available():
            logger.warning("Cache unavailable, serving without it: %s", error)
        self._down_until[self._server] = time.monotonic() + self.RETRY_SECONDS


def _forgiving(name, fallback):
    method = getattr(RedisCache, name)

    def call(self, *args, **kwargs):
        if self.is_available():
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                self._failed(error)
        return fallback(*args, **kwargs)

    call.__name__ = name
    return call


def _default(key, default=None, version=None):
    return default


for _name, _fallback in {
    "add": lambda *args, **kwargs: False,
    "get": _default,
    "set": lambda *args, **kwargs: None,
    "touch": lambda *args, **kwargs: False,
    "delete": lambda *args, **kwargs: False,
    "get_many": lambda *args, **kwargs: {},
    "has_key": lambda *args, **kwargs: False,
    "set_many": lambda data, *args, **kwargs: list(data),
    "delete_many": lambda *args, **kwargs: None,
    "clear": lambda *args, **kwargs: False,
}.items():
    setattr(ForgivingRedisCache, _name, _forgiving(_name, _fallback))
