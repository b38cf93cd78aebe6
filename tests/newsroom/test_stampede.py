"""One rebuild per change: readers who miss a page together wait for the one who builds it
(newsroom/pagecache/locks.py), on a live server, each reader on a connection of its own.
The same through gunicorn's workers, on Redis and on the file cache, is in
tests/production/test_stampede.py."""

import logging
import threading
import time
import urllib.request

import pytest
from django.core.cache import cache

from articles.models import Article
from newsroom.pagecache import locks
from newsroom.serving.cache import FileCache
from tests.factories import make_article

pytestmark = [pytest.mark.cache]

READERS = 32
BROWSER = {"User-Agent": "Mozilla/5.0 Firefox/130"}


class Builds(logging.Handler):
    """The request log's lines (newsroom.requests): how each page was answered."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.lines: list[tuple[str, str | None]] = []
        self._lock = threading.Lock()

    def emit(self, record):
        with self._lock:
            self.lines.append((record.path, getattr(record, "page_cache", None)))

    def of(self, path: str) -> list[str | None]:
        with self._lock:
            return [how for where, how in self.lines if where == path]


@pytest.fixture
def builds():
    logger = logging.getLogger("newsroom.requests")
    handler, level = Builds(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield handler
    logger.removeHandler(handler)
    logger.setLevel(level)


@pytest.fixture(params=["default", "files"])
def shared_cache(request, settings, tmp_path):
    """The suite's cache (local memory, or Redis where REDIS_URL is set), and the file
    cache a server without Redis uses."""
    if request.param == "files":
        settings.CACHES = {
            "default": {
                "BACKEND": "newsroom.serving.cache.FileCache",
                "LOCATION": str(tmp_path / "cache"),
            }
        }
    return request.param


def get(url: str) -> tuple[int, str, float]:
    started = time.monotonic()
    with urllib.request.urlopen(urllib.request.Request(url, headers=BROWSER), timeout=60) as r:
        return r.status, r.read().decode(), time.monotonic() - started


def together(url: str, readers: int = READERS) -> list[tuple[int, str, float]]:
    """`readers` requests for `url`, sent at one instant, each on its own connection."""
    barrier = threading.Barrier(readers)
    answers, errors = [], []

    def read():
        try:
            barrier.wait()
            answers.append(get(url))
        except Exception as exc:  # reported below, not lost in the thread
            errors.append(exc)

    threads = [threading.Thread(target=read) for _ in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return answers


def publish(section, title: str) -> None:
    draft = make_article(section=section, title=title, status=Article.Status.DRAFT)
    draft.publish()


@pytest.fixture
def slow_home(monkeypatch):
    """A home page that takes a fifth of a second to build, as on a busy server: the readers'
    requests surely arrive while it is built, however fast this machine builds it."""
    from articles.views import pages

    kept = pages.Cards.kept

    def slowly(*args, **kwargs):
        time.sleep(0.2)
        return kept(*args, **kwargs)

    monkeypatch.setattr(pages.Cards, "kept", slowly)


def home_after_a_publish(live_server, section, builds, title) -> list[tuple[int, str, float]]:
    for n in range(12):
        make_article(section=section, title=f"خبر پیشین {n}")
    assert get(live_server.url + "/")[0] == 200  # the home page, in the cache
    publish(section, title)
    builds.lines.clear()
    return together(live_server.url + "/")


def test_32_readers_right_after_a_publish_cause_one_rebuild(
    live_server, section, builds, shared_cache, slow_home
):
    answers = home_after_a_publish(live_server, section, builds, "خبر فوری تازه")
    assert [status for status, _, _ in answers] == [200] * READERS
    # Every reader gets the page with the news: the wait is for it, never for an old page.
    assert all("خبر فوری تازه" in body for _, body, _ in answers)
    answered = builds.of("/")
    assert len(answered) == READERS
    assert answered.count("miss") <= 2, answered
    assert set(answered) <= {"miss", "waited", "hit"}


def test_without_the_wait_the_same_readers_each_rebuild_the_page(
    live_server, section, builds, settings, slow_home
):
    """What the lock saves: the readers above really miss together."""
    settings.PAGE_BUILD_WAIT_SECONDS = 0
    home_after_a_publish(live_server, section, builds, "خبر فوری تازه")
    assert builds.of("/").count("miss") > 2


@pytest.fixture
def dead_holder(monkeypatch):
    """Every page's lock is one a builder took and died holding: it outlives the test."""
    monkeypatch.setattr(locks, "lock_key", lambda page_key, versions: "lock-of-the-dead")
    assert cache.add("lock-of-the-dead", "a builder that died", 600)


def test_a_builder_that_died_holds_readers_no_longer_than_the_bound(
    live_server, section, builds, settings, shared_cache, dead_holder
):
    settings.PAGE_BUILD_WAIT_SECONDS = 0.5
    answers = home_after_a_publish(live_server, section, builds, "خبر پس از مرگ سازنده")
    assert all(status == 200 and "خبر پس از مرگ سازنده" in body for status, body, _ in answers)
    # They waited the bound, not the ten minutes of the lock, and built the page themselves.
    assert all(seconds < 20 for _, _, seconds in answers), [s for _, _, s in answers]
    assert "miss" in builds.of("/")


def test_with_redis_unreachable_no_reader_waits_for_a_lock(
    live_server, section, builds, settings, unreachable_redis
):
    """The forgiving cache answers `add` with False during an outage: that is no holder,
    and readers build at once rather than wait for one."""
    settings.CACHES = {"default": unreachable_redis}
    settings.PAGE_BUILD_WAIT_SECONDS = 30
    answers = home_after_a_publish(live_server, section, builds, "خبر بی‌ردیس")
    assert all(status == 200 and "خبر بی‌ردیس" in body for status, body, _ in answers)
    assert all(seconds < 10 for _, _, seconds in answers), [s for _, _, s in answers]
    assert builds.of("/").count("miss") == READERS


def test_one_process_alone_takes_a_lock_in_the_file_cache(tmp_path, run_in_processes):
    """Django's file cache looks, then writes: two workers could both take a lock."""
    store = FileCache(str(tmp_path / "cache"), {})
    won = tmp_path / "won"
    won.mkdir()

    def take(n):
        def job():
            if store.add("lock", n, 30):
                (won / str(n)).touch()

        return job

    for attempt in range(5):
        store.clear()
        for path in won.iterdir():
            path.unlink()
        run_in_processes([take(n) for n in range(8)])
        assert len(list(won.iterdir())) == 1, attempt
        assert store.get("lock") == int(next(won.iterdir()).name)
