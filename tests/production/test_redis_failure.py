"""When Redis fails, readers keep reading: gunicorn on a private Redis that is killed and
started again while readers are asking for pages."""

import json
import subprocess
import sys
import time
from urllib.parse import urlencode

import pytest
from django.test import override_settings

from comments.forms import started_at
from tests.production.conftest import (
    REPO,
    SECRET_KEY,
    Load,
    new_request_id,
    start_server,
    stop_server,
)

pytestmark = pytest.mark.production

HEALTHY = {"status": "ok", "database": "ok", "cache": "ok"}
FORM = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"}


@pytest.fixture
def site(built, tmp_path):
    running = start_server(
        built,
        tmp_path / "site",
        "redis",
        # Flood limits are not what these tests are about.
        extra_env={"FEEDBACK_RATE_LIMIT": "100000/60", "COMMENTS_RATE_LIMIT": "100000/60"},
    )
    yield running
    stop_server(running)


def reader_pages(site) -> list[str]:
    pages = site.pages
    return [
        "/",
        pages["article_with_comments"],
        pages["article_without_comments"],
        pages["section"],
    ]


def vote(site):
    code = site.pages["article_with_comments_code"]
    return site.get(f"/feedback/{code}/", method="POST", headers=FORM, body=b"useful=yes")


def comment(site):
    code = site.pages["article_with_comments_code"]
    with override_settings(SECRET_KEY=SECRET_KEY):  # stamped as the server stamps a form
        started = started_at(code, time.time() - 60)  # handed out a minute ago
    body = urlencode({"name": "خواننده", "text": "نظری از یک خواننده.", "started": started})
    return site.get(f"/comments/{code}/", method="POST", headers=FORM, body=body.encode())


def wait_for(condition, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_with_redis_down_readers_get_pages_and_may_vote_and_comment(site):
    for path in reader_pages(site):
        assert site.get(path).status == 200  # in the cache before Redis goes
    with Load(site, reader_pages(site)) as load:
        wait_for(lambda: load.total() > 20)
        site.redis.kill()
        before = load.total()

        home = site.get("/")
        article = site.get(site.pages["article_with_comments"])
        voted, commented = vote(site), comment(site)
        health = site.get("/healthz")

        wait_for(lambda: load.total() > before + 100)  # a while of readers with Redis down
    assert (home.status, article.status) == (200, 200)
    assert article.body.rstrip().endswith(b"</html>")
    assert 200 <= voted.status < 400, voted.body[:300]
    assert 200 <= commented.status < 400, commented.body[:300]
    assert health.status == 503
    assert json.loads(health.body) == {
        "status": "unavailable",
        "database": "ok",
        "cache": "unavailable",
    }
    assert not load.failures, load.failures[:5]


def test_after_redis_comes_back_every_workers_first_request_succeeds(site):
    # Each worker holds a connection to Redis; Redis restarts while they are idle.
    site.on_each_worker("/")
    site.redis.kill()
    site.redis.start()  # on the same port, empty
    # Its first request finds that connection dead. /healthz forgives nothing: it fails
    # unless the command is tried again on a new connection.
    for reply in site.on_each_worker("/healthz"):
        assert (reply.status, json.loads(reply.body)) == (200, HEALTHY)

    site.redis.kill()
    site.redis.start()
    since = len(site.log())
    for reply in site.on_each_worker("/"):
        assert reply.status == 200
    for _ in range(3 * site.workers):
        for path in reader_pages(site):
            assert site.get(path).status == 200
        assert 200 <= vote(site).status < 400
        assert site.get("/healthz").status == 200
    # None of it went without Redis, and the pages come from it again.
    assert '"level": "WARNING"' not in site.log()[since:]
    request_id = new_request_id()
    site.get("/", headers={"X-Request-ID": request_id})
    assert site.request_line(request_id)["page_cache"] == "hit"


def test_a_redis_that_hangs_costs_readers_a_moment_not_seconds(site):
    pages = reader_pages(site) * 3
    for path in pages:
        site.get(path)
    site.redis.pause()
    try:
        started = time.monotonic()
        statuses = [site.get(path).status for path in pages]
        elapsed = time.monotonic() - started
        health = site.get("/healthz")
    finally:
        site.redis.resume()
    assert set(statuses) == {200}
    # A worker waits out one timeout, then leaves Redis alone for a while; asking it on
    # every cache call would cost seconds a page.
    assert elapsed < 0.5 * len(pages), elapsed
    assert health.status == 503


EDIT_LEAD = """
from articles.models import Article
article = Article.objects.get(code={code})
article.lead = "خلاصه‌ای تازه پس از ویرایش"
article.save()
"""


def test_an_edit_made_while_redis_was_away_shows_when_it_is_back(site):
    path = site.pages["article_without_comments"]
    assert site.get(path).status == 200
    site.redis.client().save()  # Redis keeps what it holds, the cached page included
    site.redis.kill()

    env = site.built.env()
    env.update(DATABASE_URL=f"sqlite:///{site.folder / 'db.sqlite3'}", REDIS_URL=site.redis.url)
    code = path.split("/")[2]
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", EDIT_LEAD.format(code=code)],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
    )
    assert (
        "خلاصه‌ای تازه پس از ویرایش" in site.get(path).body.decode()
    )  # Redis away: from the database

    site.redis.start()  # from its snapshot
    assert "خلاصه‌ای تازه پس از ویرایش" in site.get(path).body.decode()
