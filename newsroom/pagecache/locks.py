"""One rebuild per change: when a page's versions change, the readers who ask for it at
once wait for the one who builds it, instead of each building it too.

The first reader to miss takes a lock in the shared cache (an atomic `cache.add`, with an
expiry) named after the page and the versions it will be built on, builds the page,
stores it, then lets the lock go if it still owns it. Whoever misses meanwhile watches the
lock and, once it is gone, takes the page it left in the cache. A reader never waits
longer than PAGE_BUILD_WAIT_SECONDS: past it, or when the lock went without leaving a page
(the page was not one to keep, the builder failed), it builds the page itself.

Waiting, not serving the page built on the versions before: a cached page counts only
while its versions are current ("never stale"), and an older one may show a story an
editor has just unpublished. The wait costs a reader no more than the one rebuild.

Nothing here can make a reader wait on a cache that cannot lock: a cache that does not
keep the lock (Redis unreachable: the forgiving cache answers `add` with False and `get`
with nothing; a dummy cache) shows no holder to wait for, so the reader builds at once.
Across workers and machines the lock is where the cache is: Redis, or one machine's
file cache.
"""

import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache

POLL_SECONDS = 0.005  # how often a waiting reader looks at the lock


def lock_key(page_key: str, versions: tuple) -> str:
    """The lock of a page built on these versions: a reader that has already read newer
    ones does not wait for a build it could not use."""
    return f"{page_key}:building:{'.'.join(str(part) for part in versions)}"


def built_once(
    page_key: str,
    versions: tuple,
    build: Callable[[], object],
    cached: Callable[[], object | None],
) -> tuple[object, bool]:
    """`build()`'s result, built here, or `cached()`'s once another reader has built it:
    (the answer, whether it was built here). `build` stores what others should find.

    `cached()` answers what the cache holds for these versions, or None."""
    wait = settings.PAGE_BUILD_WAIT_SECONDS
    if wait <= 0:
        return build(), True
    key = lock_key(page_key, versions)
    token = uuid.uuid4().hex
    if cache.add(key, token, wait):
        try:
            # Built and let go between our miss and our lock: take what it left.
            found = cached()
            if found is not None:
                return found, False
            return build(), True
        finally:
            _let_go(key, token)
    # No holder to wait for: just let go, or a cache that keeps nothing (Redis unreachable).
    holder = cache.get(key)
    deadline = time.monotonic() + wait
    while holder is not None and time.monotonic() < deadline and cache.get(key) == holder:
        time.sleep(POLL_SECONDS)
    # Let go (or expired, or the cache went away), or waited enough: built by now?
    found = cached()
    if found is not None:
        return found, False
    return build(), True


def _let_go(key: str, token: str) -> None:
    """Delete the lock if it is still ours: one that expired and was taken again by
    another reader is left to it. Atomic on Redis (newsroom.serving.cache), a look and a
    delete elsewhere."""
    delete_if_equal = getattr(cache, "delete_if_equal", None)
    if delete_if_equal is not None:
        delete_if_equal(key, token)
    elif cache.get(key) == token:
        cache.delete(key)
