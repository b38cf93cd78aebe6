"""«پربازدیدترین» and «پربحث‌ترین»: counted in each worker's memory, written in batches."""

import datetime
import re
import time

import pytest
import time_machine
from django.core.cache import cache
from django.db import OperationalError, connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from articles.models import ViewCount
from articles.popularity import counting as popularity
from articles.views import pages
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
    assert popularity.flush() == 4
    assert ViewCount.objects.get(article=article).views == 3
    # A second flush adds only what came since.
    read(article, 2, **BROWSER)
    popularity.flush()
    popularity.flush()
    assert ViewCount.objects.get(article=article).views == 5


def test_a_view_counted_as_an_hour_ends_is_written_to_that_hour(article):
    next_hour = (datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=1)).replace(
        minute=0, second=0, microsecond=0
    )
    with time_machine.travel(next_hour - datetime.timedelta(seconds=1), tick=False):
        read(article, 2, **BROWSER)
    with time_machine.travel(next_hour + datetime.timedelta(hours=2)):
        popularity.flush()  # written late, to the hour the views belong to
    assert ViewCount.objects.get(article=article).hour == next_hour - datetime.timedelta(hours=1)
    assert ViewCount.objects.get(article=article).views == 2


def test_views_whose_write_fails_are_kept_for_the_next(article, monkeypatch):
    read(article, 3, **BROWSER)

    def database_gone(counts):
        raise OperationalError("database is locked")

    with monkeypatch.context() as patched:
        patched.setattr(popularity, "_save", database_gone)
        with pytest.raises(OperationalError):
            popularity.flush()
    read(article, 1, **BROWSER)
    popularity.flush()
    assert ViewCount.objects.get(article=article).views == 4


@pytest.mark.django_db(transaction=True)
def test_workers_counting_at_once_lose_and_double_nothing(run_in_processes):
    """Four worker processes, 500 views each, writing in batches as they go: every view is
    in the database once."""
    article = make_article()
    request = RequestFactory().get("/", **BROWSER)

    def worker():
        for n in range(500):
            popularity.record_view(request, article.pk)
            if n % 50 == 0:
                popularity.flush()
        popularity.flush()

    popularity._pending.clear()
    run_in_processes([worker] * 4)
    assert ViewCount.objects.get(article=article).views == 2000


@pytest.mark.django_db(transaction=True)
def test_a_worker_writes_its_views_by_itself(settings, monkeypatch):
    """No reader, no cron: the worker's own thread writes what it counted."""
    settings.VIEW_COUNT_PUSH_SECONDS = 0.05
    monkeypatch.setattr(popularity, "_pusher_pid", None)
    article = make_article()
    popularity.record_view(RequestFactory().get("/", **BROWSER), article.pk)
    deadline = time.monotonic() + 10
    while not ViewCount.objects.filter(article=article).exists():
        assert time.monotonic() < deadline, "the worker's thread wrote nothing"
        time.sleep(0.05)
    settings.VIEW_COUNT_PUSH_SECONDS = 0  # the thread stops
    popularity._pusher.join(timeout=10)
    assert not popularity._pusher.is_alive()
    assert ViewCount.objects.get(article=article).views == 1


def beacon_of(page: str) -> str:
    """The address of the one-pixel image the article page asks for, if any."""
    found = re.search(r'<img[^>]* src="(/seen/[^"]+)"[^>]* alt=""', page)
    return found[1] if found else ""


@pytest.fixture
def beacon_on(settings, monkeypatch):
    settings.VIEW_BEACON = True
    # News codes are never used twice, but each test's database starts them again.
    monkeypatch.setattr(pages, "_seen_ids", {})


def test_behind_an_edge_each_reader_is_counted_by_the_page_beacon(article, beacon_on):
    """With an edge, a page served from it never reaches the origin: the view is counted when
    the reader's browser asks for the page's one-pixel image, never when the page is built."""
    pages = [Client().get(article.get_absolute_url(), **BROWSER) for _ in range(3)]
    assert popularity.flush() == 0  # built once, then from the page cache: not counted
    beacon = beacon_of(pages[0].text)
    assert beacon == f"/seen/{article.code}.gif"
    assert {beacon_of(page.text) for page in pages} == {beacon}
    for _ in range(3):
        pixel = Client().get(beacon, **BROWSER)
        assert pixel.status_code == 200
        assert pixel["Content-Type"] == "image/gif"
        assert pixel.content.startswith(b"GIF89a")
        assert "no-store" in pixel["Cache-Control"] and "private" in pixel["Cache-Control"]
        assert "Surrogate-Control" not in pixel
    assert Client().get(beacon, HTTP_USER_AGENT="Googlebot/2.1").status_code == 200
    assert popularity.flush() == 3
    assert ViewCount.objects.get(article=article).views == 3


def test_the_beacon_counts_published_articles_only(article, beacon_on, settings, section):
    draft = make_article(section=section, status="draft")
    assert Client().get(f"/seen/{draft.code}.gif", **BROWSER).status_code == 404
    assert Client().get("/seen/999999999.gif", **BROWSER).status_code == 404
    assert Client().post(f"/seen/{article.code}.gif", **BROWSER).status_code == 405
    settings.VIEW_BEACON = False  # pages count themselves: a beacon would count twice
    assert Client().get(f"/seen/{article.code}.gif", **BROWSER).status_code == 404
    assert beacon_of(Client().get(article.get_absolute_url(), **BROWSER).text) == ""
    assert popularity.flush() == 1
    assert "Disallow: /seen/" in Client().get("/robots.txt").text


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


def _rankings(page: str) -> str:
    return page[page.index("پربازدیدترین") : page.index("پربحث‌ترین")]


@pytest.fixture
def ranked(client, section):
    """An article that ranks, its page read and counted, the home page built once."""
    article = make_article(section=section, title="خبر پربازدید")
    make_comment(article)
    read(article, 3, **BROWSER)
    popularity.flush()
    cache.clear()  # the counting now, not in five minutes
    built = client.get("/")
    assert "خبر پربازدید" in _rankings(built.text)
    assert _ranking_templates(built) == list(RANKING_TEMPLATES)  # rendered, then kept
    return article


def _ranking_templates(response) -> list[str]:
    return [t.name for t in response.templates if t.name in RANKING_TEMPLATES]


RANKING_TEMPLATES = ("includes/most_read.html", "includes/most_commented.html")


def test_a_publish_leaves_the_rankings_as_they_were_rendered(client, ranked):
    make_article(section=ranked.section, title="خبر تازه")  # renews the content version
    with CaptureQueriesContext(connection) as captured:
        rebuilt = client.get("/")
    assert "خبر تازه" in rebuilt.text  # the page was built again
    assert "خبر پربازدید" in _rankings(rebuilt.text)
    assert _ranking_templates(rebuilt) == []  # the rankings' lists from the cache
    assert not any("popularity_viewcount" in q["sql"] for q in captured)  # nor counted again


@pytest.mark.parametrize("where", ["/", "article"])
def test_a_ranked_articles_new_title_shows_in_the_rankings_at_once(client, ranked, where):
    url = ranked.get_absolute_url() if where == "article" else where
    client.get(url)
    ranked.title = "عنوان تازه خبر پربازدید"
    ranked.edit()
    page = client.get(ranked.get_absolute_url() if where == "article" else url).text
    block = page[page.index('class="rankings"') :] if where == "article" else page
    assert "عنوان تازه خبر پربازدید" in _rankings(block)
    assert "عنوان تازه خبر پربازدید" in block[block.index("پربحث‌ترین") :]


def test_an_unpublished_ranked_article_leaves_the_rankings_at_once(client, ranked, section):
    other = make_article(section=section, title="خبر دیگر")
    ranked.unpublish()
    page = client.get(other.get_absolute_url()).text
    assert "خبر پربازدید" not in page
    assert "خبر پربازدید" not in client.get("/").text


def test_a_deleted_ranked_article_leaves_the_rankings_at_once(client, ranked):
    ranked.delete()
    assert "خبر پربازدید" not in client.get("/").text


def test_a_title_changed_by_a_bulk_update_shows_in_the_rankings(client, ranked):
    type(ranked).objects.filter(pk=ranked.pk).update(title="عنوان از به‌روزرسانی گروهی")
    assert "عنوان از به‌روزرسانی گروهی" in _rankings(client.get("/").text)
