import multiprocessing
import socket
import threading

import pytest
from django.core.cache import cache
from django.db import connection, connections

from articles.popularity import counting as popularity
from newsroom.serving.cache import Outage
from tests.factories import make_article, make_section, make_user


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded files go to a throwaway folder, never into the project."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def renditions_later(settings):
    """Pictures' renditions enqueued, not made, as before the worker gets to them: the
    demo's gallery holds twelve, which would take a minute to make in the test's thread."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (flood counters, cached pages, view counts)."""
    cache.clear()
    popularity._pending.clear()
    yield
    cache.clear()
    popularity._pending.clear()


@pytest.fixture
def section(db):
    return make_section(name="اجتماعی", slug="society")


@pytest.fixture
def article(db, section):
    return make_article(section=section, title="«کرمانشاه» به شبکه شهرهای یادگیرنده یونسکو پیوست")


@pytest.fixture
def reporter(db):
    return make_user("Reporters")


@pytest.fixture
def editor(db):
    return make_user("Editors")


@pytest.fixture
def moderator(db):
    return make_user("Moderators")


@pytest.fixture
def analyst(db):
    return make_user("Analysts")


@pytest.fixture
def run_together():
    """Start every job at the same instant, each in its own thread and connection."""

    def run_all(jobs):
        barrier = threading.Barrier(len(jobs))
        errors = []

        def run(job):
            try:
                barrier.wait()
                job()
            except Exception as exc:  # reported below, not lost in the thread
                errors.append(exc)
            finally:
                connection.close()

        threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert not errors, errors

    return run_all


@pytest.fixture
def run_in_processes():
    """Run each job in a process of its own (forked, as gunicorn's workers are), all at
    once, each with its own database connection; for tests of what threads would hide.
    The test must commit what the jobs read: mark it django_db(transaction=True)."""

    def run_all(jobs, timeout=120):
        context = multiprocessing.get_context("fork")
        start = context.Barrier(len(jobs))
        connections.close_all()  # a child must not share the parent's connection

        def run(job):
            try:
                start.wait()
                job()
            finally:
                connections.close_all()

        processes = [context.Process(target=run, args=(job,)) for job in jobs]
        for process in processes:
            process.start()
        for process in processes:
            process.join(timeout=timeout)
        assert [p.exitcode for p in processes] == [0] * len(jobs)

    return run_all


@pytest.fixture
def unreachable_redis(settings, monkeypatch) -> dict:
    """The production cache settings, for a Redis on a port nothing listens on."""
    monkeypatch.setattr(Outage, "until", 0.0)
    monkeypatch.setattr(Outage, "warned", float("-inf"))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return {
        "BACKEND": "newsroom.serving.cache.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{port}/0",
        "OPTIONS": settings.REDIS_CACHE_OPTIONS,
    }
