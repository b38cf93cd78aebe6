"""The edge in front of the origin (Varnish, a CDN), keeping reader pages and purged exactly.

Every page PageCacheMiddleware hands an anonymous reader names what it shows in a
`Surrogate-Key` header — the scopes of the versions it was built on (versions.py): `content`,
`names`, and `article-<code>` for an article's page — and how long the edge may keep it in
`Surrogate-Control: max-age=…` (browsers keep `Cache-Control: public, no-cache` and
revalidate; the edge strips both Surrogate-* headers before delivery: serving/edge.vcl).

Whenever a version is renewed, the same key is purged, once the change's transaction has
committed (`purge_on_commit`): through the class EDGE_PURGER names — XkeyPurger speaks to
Varnish's xkey over HTTP; another edge (a CDN's purge-by-tag API) is a subclass of Purger.
A purge that fails is logged and its keys kept in the database (newsroom.models.EdgePurge):
the next purge sends them again, and a thread of every worker (started with it, and by a
failure in any other process) tries every EDGE_PURGE_RETRY_SECONDS until the edge takes them.

What changes without anyone's change is never purged, so it bounds the edge's time: the
day in the header (midnight in Tehran), and whatever the apps register with `changes_at`
(the next scheduled article, the rankings' five-minute clock).
"""

import datetime
import functools
import http.client
import logging
import threading
import time
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.http import HttpResponse
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

CONTENT_KEY = "content"
NAMES_KEY = "names"
# Keys a purge request carries at most: Varnish refuses header lines past 8 KB.
KEYS_PER_REQUEST = 200
# A page that was being built when its change committed may reach the edge just after the
# purge: the keys are purged once more after this long.
IN_FLIGHT_SECONDS = 3.0


def scope_key(scope: str) -> str:
    """The surrogate key of a versions' scope: "article:123" → "article-123"."""
    return scope.replace(":", "-")


def keys(article_code: int | None) -> list[str]:
    """What a reader page shows: everything readers see, the names, and its article."""
    shown = [CONTENT_KEY, NAMES_KEY]
    if article_code is not None:
        shown.append(scope_key(f"article:{article_code}"))
    return shown


# -- How long the edge may keep a page ----------------------------------------------------

_next_changes: list[Callable[[float], float | None]] = []


def changes_at(next_change: Callable[[float], float | None]) -> None:
    """Register a change that no one purges: `next_change(now)` answers when (seconds since
    the epoch) the pages may next look different by themselves, or None."""
    _next_changes.append(next_change)


def _next_midnight(now: float) -> float:
    """The next day in Tehran: the header's date, and the archive's «today»."""
    today = timezone.localtime(datetime.datetime.fromtimestamp(now, tz=datetime.UTC))
    tomorrow = (today + datetime.timedelta(days=1)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    return timezone.make_aware(tomorrow.replace(tzinfo=None)).timestamp()


changes_at(_next_midnight)


def edge_seconds(now: float | None = None) -> int:
    """How long the edge may keep a page built now."""
    now = time.time() if now is None else now
    bound = float(settings.EDGE_CACHE_SECONDS)
    for next_change in _next_changes:
        moment = next_change(now)
        if moment is not None:
            bound = min(bound, moment - now)
    return max(0, int(bound))


def enabled() -> bool:
    return bool(settings.EDGE_PURGER)


def mark(response: HttpResponse, article_code: int | None) -> HttpResponse:
    """Name a page anonymous readers get (PageCacheMiddleware) for the edge to keep."""
    if (
        not enabled()
        or response.status_code != 200
        or response.streaming
        or response.cookies
        or "private" in response.get("Cache-Control", "")
    ):
        return response
    seconds = edge_seconds()
    if seconds > 0:
        response["Surrogate-Key"] = " ".join(keys(article_code))
        response["Surrogate-Control"] = f"max-age={seconds}"
    return response


# -- Purging ------------------------------------------------------------------------------


class PurgeFailed(Exception):
    pass


class Purger:
    """Tells the edge to forget every page that carries any of `keys`; raises when the edge
    did not confirm it. A CDN's purge-by-tag API is a subclass, named by EDGE_PURGER."""

    def purge(self, keys: list[str]) -> None:
        raise NotImplementedError


class XkeyPurger(Purger):
    """Varnish with the xkey module (serving/edge.vcl): `PURGE /` with the keys in the
    `xkey-purge` header, to each of EDGE_PURGE_URLS."""

    timeout = 2.0  # an editor's request waits for it

    def purge(self, keys: list[str]) -> None:
        for url in settings.EDGE_PURGE_URLS:
            parts = urlsplit(url)
            for start in range(0, len(keys), KEYS_PER_REQUEST):
                self._send(parts, " ".join(keys[start : start + KEYS_PER_REQUEST]))

    def _send(self, parts, header: str) -> None:
        conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=self.timeout)
        try:
            conn.request("PURGE", parts.path or "/", headers={"xkey-purge": header})
            reply = conn.getresponse()
            reply.read()
        except OSError as exc:
            raise PurgeFailed(f"{parts.geturl()}: {exc!r}") from exc
        finally:
            conn.close()
        if reply.status != 200:
            raise PurgeFailed(f"{parts.geturl()}: {reply.status} {reply.reason}")


@functools.lru_cache(maxsize=4)
def _purger(name: str) -> Purger:
    return import_string(name)()


_waiting = threading.local()  # the keys of this thread's transaction, not yet purged


def purge_on_commit(key: str) -> None:
    """Purge `key` once the current transaction commits (at once outside one)."""
    if not enabled():
        return
    waiting = getattr(_waiting, "keys", None)
    if waiting is None:
        waiting = _waiting.keys = set()
    waiting.add(key)
    # One callback per renewal, but the first takes them all: one request per commit. A
    # rollback drops the callbacks and leaves its keys to the next purge: purged for nothing,
    # which costs a rebuild, never a stale page.
    transaction.on_commit(_purge_waiting)


def _purge_waiting() -> None:
    waiting = getattr(_waiting, "keys", None)
    if waiting:
        taken = sorted(waiting)
        waiting.clear()
        if purge(taken):
            _again_later(taken)


def purge(keys: Iterable[str]) -> bool:
    """Purge `keys`, and whatever earlier purges left; keep them all when it fails."""
    from newsroom.models import EdgePurge

    keys = set(keys)
    left = set(EdgePurge.objects.values_list("key", flat=True)[:1000])
    if not keys | left:
        return True
    try:
        _purger(settings.EDGE_PURGER).purge(sorted(keys | left))
    except Exception as exc:  # whatever the purger raised: kept, said, and tried again
        _keep(keys)
        logger.warning(
            "The edge did not take a purge; kept to try again: %s (%s)",
            " ".join(sorted(keys | left)),
            exc,
        )
        _retry_soon()
        return False
    if left:
        EdgePurge.objects.filter(key__in=left).delete()
        logger.info("The edge took the purges kept before: %s", " ".join(sorted(left)))
    return True


def _keep(keys: set[str]) -> None:
    from newsroom.models import EdgePurge

    for key in keys:
        if not EdgePurge.objects.filter(key=key).update(tries=F("tries") + 1):
            EdgePurge.objects.bulk_create([EdgePurge(key=key)], ignore_conflicts=True)


def _again_later(keys: list[str]) -> None:
    timer = threading.Timer(IN_FLIGHT_SECONDS, _in_thread, args=(lambda: purge(keys),))
    timer.daemon = True
    timer.start()


def _in_thread(work: Callable[[], object]) -> None:
    try:
        work()
    except Exception:
        logger.exception("Purging the edge failed")
    finally:
        connection.close()  # this thread's own connection


_watching: threading.Thread | None = None
_watching_lock = threading.Lock()


def _retry_soon() -> None:
    """Start this process's thread that retries kept purges, unless it runs."""
    global _watching
    with _watching_lock:
        if _watching is not None and _watching.is_alive():
            return
        _watching = threading.Thread(target=_watch, name="edge-purges", daemon=True)
        _watching.start()


def resume() -> None:
    """At a worker's start: its thread tries again what any process could not purge."""
    if enabled():
        _retry_soon()


def _watch() -> None:
    """Every EDGE_PURGE_RETRY_SECONDS, the purges kept in the database, until the edge
    takes them (one small query while there are none)."""
    from newsroom.models import EdgePurge

    while True:
        time.sleep(settings.EDGE_PURGE_RETRY_SECONDS)
        try:
            connection.close_if_unusable_or_obsolete()
            if EdgePurge.objects.exists():
                purge(())
        except Exception:
            logger.exception("Retrying the edge's purges failed")
            connection.close()
