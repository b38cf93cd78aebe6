"""One rebuild per change across gunicorn's workers: readers who miss the home page together
right after a publish wait for the one worker that rebuilds it, whether the lock is in Redis
or in the file cache a server without Redis uses."""

import subprocess
import sys
import threading

import pytest

from tests.production.conftest import REPO, new_request_id, start_server, stop_server

pytestmark = pytest.mark.production

READERS = 32
WORKERS = 4

PUBLISH = """
from articles.models import Article
known = Article.objects.published().first()
news = Article.objects.create(
    title={title!r}, lead="لید خبر فوری", body="<p>متن خبر فوری</p>",
    section=known.section, author=known.author, status=Article.Status.DRAFT,
)
news.publish()
"""


@pytest.fixture(params=["redis", "files"])
def site(request, built, tmp_path):
    running = start_server(
        built,
        tmp_path / "site",
        request.param,
        workers=WORKERS,
        # Every reader in a worker at once: each of them would rebuild the page.
        extra_env={"GUNICORN_THREADS": str(READERS // WORKERS)},
    )
    yield running
    stop_server(running)


def publish(site, title: str) -> None:
    env = site.built.env()
    env.update(
        DATABASE_URL=f"sqlite:///{site.folder / 'db.sqlite3'}",
        REDIS_URL=site.redis.url if site.redis else "",
        CACHE_DIR=str(site.folder / "cache"),
    )
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PUBLISH.format(title=title)],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
    )


def test_32_readers_right_after_a_publish_cause_one_rebuild(site):
    assert site.get("/").status == 200  # the home page, in the cache
    publish(site, "خبر فوری در همه کارگرها")
    barrier = threading.Barrier(READERS)
    ids = [new_request_id() for _ in range(READERS)]
    replies, errors = [], []

    def read(request_id):
        try:
            barrier.wait()
            replies.append(site.get("/", headers={"X-Request-ID": request_id}, timeout=60))
        except Exception as exc:  # reported below, not lost in the thread
            errors.append(exc)

    threads = [threading.Thread(target=read, args=(request_id,)) for request_id in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    assert [reply.status for reply in replies] == [200] * READERS
    assert all("خبر فوری در همه کارگرها" in reply.body.decode() for reply in replies)
    answered = [site.request_line(request_id)["page_cache"] for request_id in ids]
    assert answered.count("miss") <= 2, answered
