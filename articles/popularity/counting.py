"""Page views counted in each worker's memory, written in batches; «پربازدیدترین» read back.

A page view adds one to a counter in the worker's memory: no query, pages from the cache
included. Every few seconds (VIEW_COUNT_PUSH_SECONDS) a thread of the worker adds what it
counted to the ViewCount rows, one per article per hour, in one transaction — `views +
n`, so workers and machines never overwrite each other — and so does the process when it
exits. Counts are taken out of memory under a lock and put back if the write fails: none
is written twice or dropped, and a view counted just before an hour ends is added to that
hour whenever it is written. A worker killed outright loses at most its last few seconds.
"""

import atexit
import datetime
import functools
import logging
import os
import re
import threading
import time
from collections import Counter

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from articles.models import Article
from articles.popularity.models import ViewCount
from newsroom.pagecache import versions

logger = logging.getLogger(__name__)

HOUR = 3600
RANKING_SECONDS = 300  # how old a ranking's counting may be
BOTS = re.compile(
    r"bot|crawl|spider|slurp|archiver|preview|fetch|monitor|scan|headless|lighthouse|"
    r"facebookexternalhit|whatsapp|telegram|curl|wget|httpie|python-|go-http|java/|okhttp|axios",
    re.IGNORECASE,
)


def is_bot(request: HttpRequest) -> bool:
    return _is_bot_agent(request.META.get("HTTP_USER_AGENT", ""))


@functools.lru_cache(maxsize=1024)
def _is_bot_agent(agent: str) -> bool:
    # Asked on every view of an article, cached pages included; most readers share a few
    # dozen browsers' agents.
    return not agent or bool(BOTS.search(agent))


def _bucket(now: float | None = None) -> int:
    return int((now or time.time()) // HOUR)


_pending: Counter = Counter()  # (hour bucket, article id) → views not yet written
_pending_lock = threading.Lock()
_pusher_pid: int | None = None  # the process whose thread writes the counts
_pusher: threading.Thread | None = None


def record_view(request: HttpRequest, article_id: int) -> None:
    """Count one reader's view of an article, in this worker's memory."""
    if is_bot(request):
        return
    with _pending_lock:
        _pending[(_bucket(), article_id)] += 1
    if _pusher_pid != os.getpid() and settings.VIEW_COUNT_PUSH_SECONDS > 0:
        _start_pusher()


def _start_pusher() -> None:
    """One thread per process (a forked worker starts its own) writes the counts."""
    global _pusher_pid, _pusher
    with _pending_lock:
        if _pusher_pid == os.getpid():
            return
        _pusher_pid = os.getpid()
        _pusher = threading.Thread(target=_push_forever, name="view-counts", daemon=True)
    _pusher.start()


def _push_forever() -> None:
    global _pusher_pid
    while (every := settings.VIEW_COUNT_PUSH_SECONDS) > 0:
        time.sleep(every)
        try:
            close_old_connections()
            flush()
        except Exception:  # kept for the next round; the thread goes on
            logger.exception("view counts: the write failed; kept for the next try")
    connection.close()
    _pusher_pid = None  # turned off: the next view starts it again if it is turned on


def flush() -> int:
    """Add this process's counts to the database now; how many views were written."""
    with _pending_lock:
        counts = dict(_pending)
        _pending.clear()
    if not counts:
        return 0
    try:
        _save(counts)
    except Exception:
        with _pending_lock:  # not written: counted again next time, never lost
            _pending.update(counts)
        raise
    return sum(counts.values())


@atexit.register
def _push_at_exit() -> None:
    try:
        flush()
    except Exception:
        logger.exception("view counts: lost at exit")
    finally:
        connection.close()


def _save(counts: dict[tuple[int, int], int]) -> None:
    existing = set(
        Article.objects.filter(pk__in={article_id for _, article_id in counts}).values_list(
            "pk", flat=True
        )
    )
    with transaction.atomic():
        for (bucket, article_id), views in sorted(counts.items()):
            if article_id not in existing:  # deleted since it was read
                continue
            hour = datetime.datetime.fromtimestamp(bucket * HOUR, tz=datetime.UTC)
            rows = ViewCount.objects.filter(article_id=article_id, hour=hour)
            if rows.update(views=F("views") + views):
                continue
            try:
                with transaction.atomic():
                    ViewCount.objects.create(article_id=article_id, hour=hour, views=views)
            except IntegrityError:  # another worker made it first
                rows.update(views=F("views") + views)


def most_read(hours: int, limit: int = 5) -> list[Article]:
    """The most viewed published articles of the last `hours` hours (a query per 5 minutes)."""
    return most_read_spans((hours,), limit)[hours]


def most_read_spans(spans: tuple[int, ...], limit: int = 5) -> dict[int, list[Article]]:
    """`most_read` of each span of hours, their articles read together."""
    # The counting, which reads the windows' rows, on a five-minute clock; which of the
    # counted are visible, and as they stand, under the content version too: an edited,
    # unpublished or deleted article shows at once, and after a publish only that one small
    # query (compiled once: Article.objects.ranked) runs again, not the counting; the lists'
    # HTML is kept under what it shows (articles/apps.py), so it is not rendered again.
    clock = int(time.time() // RANKING_SECONDS)
    key = f"most_read:{','.join(map(str, spans))}:{limit}:{clock}:{versions.content_version()}"
    counts_key = f"most_read:views:{','.join(map(str, spans))}:{limit}:{clock}"

    def views() -> dict[int, dict[int, int]]:
        now = timezone.now()
        return {
            hours: ViewCount.objects.views_since(now - datetime.timedelta(hours=hours), limit)
            for hours in spans
        }

    def ranked() -> dict[int, list[Article]]:
        counted = cache.get_or_set(counts_key, views, RANKING_SECONDS)
        return ViewCount.objects.ranked_spans(counted, limit)

    return cache.get_or_set(key, ranked, RANKING_SECONDS)
