"""The Redis cache: django-redis, where a Redis that cannot be reached is an empty cache;
and the file cache a server without Redis uses, whose `add` is atomic.

Readers must not notice Redis failing. Every page can be built from the database, so when
Redis refuses, drops or does not answer in time, the cache answers as an empty one that
keeps nothing: `get` gives the default, `get_many` nothing, `set`/`add`/`delete` keep
nothing (False), and a counter starts afresh (`incr` gives the delta), so flood limits let
readers through and the page views of that time are lost. Other errors still raise.

After such an error this process leaves Redis alone for PAUSE seconds, answering at once,
so a Redis that hangs costs a reader one timeout now and then rather than one per cache
call; deletes are tried all the same, since they expire what editors changed. Each outage
is logged at WARNING, at most once every WARN_EVERY seconds per process.

`check()` forgives nothing: /healthz asks Redis itself.

django-redis's own IGNORE_EXCEPTIONS is not used: it answers None from `add` and `incr`
(which callers compare with numbers), and logs every error or none.
"""

import functools
import logging
import os
import tempfile
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django_redis.cache import RedisCache as DjangoRedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
PAUSE = 5.0  # seconds a process leaves Redis alone after it failed to answer
WARN_EVERY = 60.0  # seconds between two warnings of one process
HEALTH_KEY = "healthz"


class Outage:
    """This process's view of Redis: when to ask it again, when it last said so."""

    until = 0.0
    warned = float("-inf")

    @classmethod
    def begin(cls, error: Exception) -> None:
        now = time.monotonic()
        cls.until = now + PAUSE
        if now - cls.warned >= WARN_EVERY:
            cls.warned = now
            logger.warning(
                "Redis cannot be reached (%s): pages are built without the cache "
                "(said once every %d s per process).",
                error,
                WARN_EVERY,
            )

    @classmethod
    def ongoing(cls) -> bool:
        return time.monotonic() < cls.until


def forgiving(answer: Callable[..., Any], *, always_try: bool = False):
    """A cache method that gives `answer(*its arguments)` when Redis cannot be reached."""

    def decorate(method):
        @functools.wraps(method)
        def forgiven(self, *args, **kwargs):
            if Outage.ongoing() and not always_try:
                return answer(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except UNREACHABLE as error:
                Outage.begin(error)
                return answer(*args, **kwargs)

        return forgiven

    return decorate


def _nothing(*args, **kwargs) -> bool:
    return False


class RedisCache(DjangoRedisCache):
    """django-redis; Redis unreachable is an empty cache that keeps nothing (see above)."""

    @forgiving(lambda key, default=None, *args, **kwargs: default)
    def get(self, key, default=None, version=None, client=None):
        return super().get(key, default, version, client)

    @forgiving(lambda *args, **kwargs: {})
    def get_many(self, *args, **kwargs):
        return super().get_many(*args, **kwargs)

    @forgiving(_nothing)
    def set(self, *args, **kwargs):
        return super().set(*args, **kwargs)

    @forgiving(lambda data, *args, **kwargs: list(data))  # the keys not kept: all
    def set_many(self, *args, **kwargs):
        return super().set_many(*args, **kwargs)

    @forgiving(_nothing)
    def add(self, *args, **kwargs):
        return super().add(*args, **kwargs)

    @forgiving(_nothing)
    def has_key(self, *args, **kwargs):
        return super().has_key(*args, **kwargs)

    @forgiving(_nothing)
    def touch(self, *args, **kwargs):
        return super().touch(*args, **kwargs)

    @forgiving(lambda key, delta=1, *args, **kwargs: delta)
    def incr(self, key, delta=1, *args, **kwargs):
        return super().incr(key, delta, *args, **kwargs)

    @forgiving(lambda key, delta=1, *args, **kwargs: -delta)
    def decr(self, key, delta=1, *args, **kwargs):
        return super().decr(key, delta, *args, **kwargs)

    @forgiving(_nothing, always_try=True)
    def delete(self, *args, **kwargs):
        return super().delete(*args, **kwargs)

    @forgiving(lambda *args, **kwargs: None, always_try=True)
    def delete_many(self, *args, **kwargs):
        return super().delete_many(*args, **kwargs)

    @forgiving(_nothing)
    def delete_if_equal(self, key, value, version=None) -> bool:
        """Delete `key` only if it holds `value`, in one step: a lock is let go by its
        holder alone (newsroom/pagecache/locks.py). Unreachable, the lock just expires."""
        client = self.client.get_client(write=True)
        return bool(
            client.eval(
                _DELETE_IF_EQUAL,
                1,
                self.client.make_key(key, version=version),
                self.client.encode(value),
            )
        )


_DELETE_IF_EQUAL = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0
"""


class CacheUnavailable(Exception):
    pass


def check(alias: str = "default") -> None:
    """Raise unless the cache keeps what it is given, now: for /healthz. A RedisCache is
    asked through django-redis's own methods, past its forgiveness, so its error shows."""
    backend = caches[alias]
    store = super(RedisCache, backend) if isinstance(backend, RedisCache) else backend
    store.set(HEALTH_KEY, "ok", 10)
    if store.get(HEALTH_KEY) != "ok":
        raise CacheUnavailable("the cache did not keep what it was given")


class FileCache(FileBasedCache):
    """Django's file cache, with an `add` that one process alone wins: the workers of a
    machine without Redis take a page's rebuild lock in it (newsroom/pagecache/locks.py).
    Django's looks, then writes, so two workers can both take the lock. Here the entry is
    written aside and linked into place, which fails if the key is already there."""

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if self.has_key(key, version):  # an expired entry is deleted on the way
            return False
        self._createdir()  # the folder can be deleted at any time
        self._cull()
        fd, written = tempfile.mkstemp(dir=self._dir)
        try:
            with open(fd, "wb") as file:
                self._write_content(file, timeout, value)
            try:
                os.link(written, self._key_to_file(key, version))
            except FileExistsError:
                return False
            return True
        finally:
            os.remove(written)
