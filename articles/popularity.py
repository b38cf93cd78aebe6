"""«پربازدیدترین»: page views counted in batches, never written per view.

A page view adds one to a counter in the worker's memory; every couple of seconds the
worker adds what it counted to the shared cache. `flush` (run by `manage.py
flush_view_counts`, every few minutes from cron or a timer) moves the cache's counts into
ViewCount rows, one per article per hour. A worker that dies loses at most its last couple
of seconds of counting.
"""

import datetime
import functools
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.http import HttpRequest
from django.utils import timezone

from articles.models import Article, ViewCount
from newsroom import pagecache

HOUR = 3600
KEEP = 60 * 60 * 24 * 3  # counters outlive any flush schedule by far
LOOKBACK_HOURS = 48
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


PUSH_EVERY = 2.0  # seconds a worker keeps its counts before adding them to the cache
_pending: Counter = Counter()
_pending_lock = threading.Lock()
_last_push = time.monotonic()


def record_view(request: HttpRequest, article_id: int) -> None:
    """Count one reader's view of an article, in this worker's memory."""
    global _last_push
    if is_bot(request):
        return
    with _pending_lock:
        _pending[(_bucket(), article_id)] += 1
        due = time.monotonic() - _last_push >= PUSH_EVERY
        if due:
            _last_push = time.monotonic()
    if due:
        push()


def push() -> None:
    """Add this worker's counts to the shared cache."""
    with _pending_lock:
        counts = dict(_pending)
        _pending.clear()
    for (bucket, article_id), views in counts.items():
        counter = f"views:{bucket}:{article_id}"
        if cache.add(counter, views, KEEP):
            # The first views of this article this hour: put it on the hour's list.
            cache.add(f"views:log:{bucket}", 0, KEEP)
            position = cache.incr(f"views:log:{bucket}")
            cache.set(f"views:log:{bucket}:{position}", article_id, KEEP)
        else:
            cache.incr(counter, views)


@dataclass
class FlushResult:
    hours: int = 0
    articles: int = 0
    views: int = 0


def flush(progress=None) -> FlushResult:
    """Move the cached counts of the last hours into the database."""
    push()  # this process's own counts, too
    result = FlushResult()
    current = _bucket()
    buckets = [b for b in range(current - LOOKBACK_HOURS, current + 1)]
    for done, bucket in enumerate(buckets, start=1):
        if progress:
            progress(done, len(buckets))
        if cache.get(f"views:closed:{bucket}"):
            continue
        length = cache.get(f"views:log:{bucket}") or 0
        if length:
            ids = cache.get_many([f"views:log:{bucket}:{i}" for i in range(1, length + 1)])
            counters = {f"views:{bucket}:{article_id}": article_id for article_id in ids.values()}
            deltas = {
                counters[key]: count
                for key, count in cache.get_many(list(counters)).items()
                if count
            }
            _save(bucket, deltas)
            for article_id, count in deltas.items():
                cache.decr(f"views:{bucket}:{article_id}", count)
            result.hours += bool(deltas)
            result.articles += len(deltas)
            result.views += sum(deltas.values())
        if bucket < current:  # a past hour gets no more views: never look at it again
            cache.set(f"views:closed:{bucket}", 1, KEEP)
    return result


def _save(bucket: int, deltas: dict[int, int]) -> None:
    hour = datetime.datetime.fromtimestamp(bucket * HOUR, tz=datetime.UTC)
    existing = set(Article.objects.filter(pk__in=deltas).values_list("pk", flat=True))
    for article_id, count in deltas.items():
        if article_id not in existing:
            continue
        rows = ViewCount.objects.filter(article_id=article_id, hour=hour)
        if not rows.update(views=F("views") + count):
            try:
                with transaction.atomic():
                    ViewCount.objects.create(article_id=article_id, hour=hour, views=count)
            except IntegrityError:  # another flush made it first
                rows.update(views=F("views") + count)


def most_read(hours: int, limit: int = 5) -> list[Article]:
    """The most viewed published articles of the last `hours` hours (a query per 5 minutes)."""

    def compute():
        # From the window's counts to their articles: the archive is never read.
        since = timezone.now() - datetime.timedelta(hours=hours)
        views = dict(
            ViewCount.objects.filter(hour__gte=since)
            .values_list("article")
            .annotate(total=Sum("views"))
            .order_by("-total")
            .values_list("article", "total")[: limit * 3]
        )
        articles = list(Article.objects.published().filter(pk__in=views).select_related("section"))
        articles.sort(key=lambda a: (-views[a.pk], -a.published_at.timestamp()))
        return articles[:limit]

    # Under the content version too: an unpublished article leaves the list at once.
    key = f"most_read:{hours}:{limit}:{pagecache.content_version()}"
    return cache.get_or_set(key, compute, 300)
