"""«پربازدیدترین» and «پربحث‌ترین»: counted in the cache, written in batches."""

import datetime
import io

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles import popularity
from articles.models import ViewCount
from tests.factories import make_article, make_comment

pytestmark = [pytest.mark.django_db, pytest.mark.cache]

BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/130"}


def read(article, times: int, **headers) -> None:
    for _ in range(times):
        assert Client().get(article.get_absolute_url(), **headers).status_code == 200


def test_page_views_never_write_to_the_database(article):
    with CaptureQueriesContext(connection) as captured:
        read(article, 5, **BROWSER)
    writes = [q["sql"] for q in captured if q["sql"].split()[0] in {"INSERT", "UPDATE", "DELETE"}]
    assert writes == []
    assert not ViewCount.objects.exists()


def test_the_batch_moves_views_into_the_database(article, section):
    other = make_article(section=section)
    read(article, 3, **BROWSER)
    read(other, 1, **BROWSER)
    out = io.StringIO()
    call_command("flush_view_counts", stdout=out)
    assert "Flushed 4 views of 2 articles" in out.getvalue()
    assert ViewCount.objects.get(article=article).views == 3
    # A second flush adds only what came since.
    read(article, 2, **BROWSER)
    popularity.flush()
    popularity.flush()
    assert ViewCount.objects.get(article=article).views == 5


@pytest.mark.parametrize(
    "agent",
    [
        "",
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "TelegramBot (like TwitterBot)",
        "WhatsApp/2.23",
        "facebookexternalhit/1.1",
        "curl/8.5.0",
        "python-requests/2.32",
        "Mozilla/5.0 HeadlessChrome/120",
    ],
)
def test_obvious_bots_are_not_counted(article, agent):
    read(article, 2, HTTP_USER_AGENT=agent)
    popularity.flush()
    assert not ViewCount.objects.exists()


def test_most_read_ranks_by_views_in_the_window(client, section):
    now = datetime.datetime.now(datetime.UTC)
    steady = make_article(
        section=section, title="پربازدید هفته", published_at=now - datetime.timedelta(days=5)
    )
    today = make_article(section=section, title="پربازدید امروز")
    with time_machine.travel(now - datetime.timedelta(days=3)):
        read(steady, 6, **BROWSER)
        popularity.flush()
    read(today, 2, **BROWSER)
    popularity.flush()
    cache.clear()  # the rankings now, not in five minutes
    assert [a.title for a in popularity.most_read(24)] == ["پربازدید امروز"]
    assert [a.title for a in popularity.most_read(24 * 7)] == ["پربازدید هفته", "پربازدید امروز"]
    page = client.get("/").text
    block = page[page.index("پربازدیدترین") :]
    assert block.index("پربازدید امروز") < block.index("هفته گذشته") < block.index("پربازدید هفته")


def test_unpublished_articles_never_rank(section):
    article = make_article(section=section)
    read(article, 3, **BROWSER)
    popularity.flush()
    cache.clear()  # the ranking the pages just showed was computed before the flush
    assert popularity.most_read(24) == [article]
    article.unpublish()
    assert popularity.most_read(24) == []  # at once, not when the ranking expires


def test_most_commented_counts_recent_approved_comments(client, section):
    lively = make_article(section=section, title="خبر پربحث")
    quiet = make_article(section=section, title="خبر کم‌بحث")
    for _ in range(3):
        make_comment(lively)
    make_comment(quiet)
    for _ in range(5):
        make_comment(quiet, status="pending")
    page = client.get("/").text
    block = page[page.index("پربحث‌ترین") :]
    assert block.index("خبر پربحث") < block.index("خبر کم‌بحث")
    assert "(۳ نظر)" in block
