"""«پربازدیدترین»: page views counted in the cache and written to the database in batches.

A page view costs a few cache increments and never a database write. `flush` (run by
`manage.py flush_view_counts`, every few minutes from cron or a timer) moves the counts
into ViewCount rows, one per article per hour.
"""

import datetime
import re
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.http import HttpRequest
from django.utils import timezone

from articles.models import Article, ViewCount

HOUR = 3600
KEEP = 60 * 60 * 24 * 3  # counters outlive any flush schedule by far
LOOKBACK_HOURS = 48
BOTS = re.compile(
    r"bot|crawl|spider|slurp|archiver|preview|fetch|monitor|scan|headless|lighthouse|"
    r"facebookexternalhit|whatsapp|telegram|curl|wget|httpie|python-|go-http|java/|okhttp|axios",
    re.IGNORECASE,
)


def is_bot(request: HttpRequest) -> bool:
    agent = request.headers.get("User-Agent", "")
    return not agent or bool(BOTS.search(agent))


def _bucket(now: float | None = None) -> int:
    return int((now or time.time()) // HOUR)


def record_view(request: HttpRequest, article_id: int) -> None:
    """Count one reader's view of an article, in the cache only."""
    if is_bot(request):
        return
    bucket = _bucket()
    counter = f"views:{bucket}:{article_id}"
    if cache.add(counter, 1, KEEP):
        # The first view of this article this hour: put it on the hour's list.
        cache.add(f"views:log:{bucket}", 0, KEEP)
        position = cache.incr(f"views:log:{bucket}")
        cache.set(f"views:log:{bucket}:{position}", article_id, KEEP)
    else:
        cache.incr(counter)


@dataclass
class FlushResult:
    hours: int = 0
    articles: int = 0
    views: int = 0


def flush(progress=None) -> FlushResult:
    """Move the cached counts of the last hours into the database."""
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
        since = timezone.now() - datetime.timedelta(hours=hours)
        return list(
            Article.objects.published()
            .filter(view_counts__hour__gte=since)
            .annotate(recent_views=Sum("view_counts__views"))
            .select_related("section")
            .order_by("-recent_views", "-published_at")[:limit]
        )

    return cache.get_or_set(f"most_read:{hours}:{limit}", compute, 300)
