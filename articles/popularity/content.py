"""The view counts' share of the content the articles' commands make (articles/plugins.py):
the demo's readers, so «پربازدیدترین» has a day and a week to show."""

import datetime

from django.utils import timezone

from articles import demo
from articles.models import Article
from articles.popularity.models import ViewCount

HOURS = 7 * 24


def load_demo(users: dict) -> None:
    """A week of hourly views of the published demo articles, the newest read most, a few
    read all week long; once."""
    if ViewCount.objects.exists():
        return
    articles = (
        Article.objects.published()
        .filter(title__in=demo.published_titles())
        .order_by("-published_at")
    )
    this_hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    rows = []
    for n, article in enumerate(articles):
        steady = n % 4 == 1  # read all week, not only when new
        for hours_ago in range(0, HOURS, 3):
            hour = this_hour - datetime.timedelta(hours=hours_ago)
            if hour < article.published_at:
                break
            views = (40 if steady else 120 // (1 + hours_ago // 6)) + (n * 37 + hours_ago) % 11
            rows.append(ViewCount(article=article, hour=hour, views=views))
    ViewCount.objects.bulk_create(rows)
