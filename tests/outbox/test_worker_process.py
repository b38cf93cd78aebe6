"""A real `manage.py db_worker`, killed with SIGKILL while it waits for a channel's answer:
the delivery it held is sent once, by the next worker, when its lease has run out."""

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from articles.models import Article, Delivery
from articles.outbox import tasks
from tests.factories import make_article
from tests.outbox.conftest import run_worker

ROOT = Path(__file__).resolve().parents[2]


def database_url(settings) -> str:
    db = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_send_leaves_the_delivery_to_the_next_once(
    services, editor, settings, tmp_path
):
    services.stall.add("telegram")
    settings.OUTBOX_CHANNELS = {"telegram": settings.OUTBOX_CHANNELS["telegram"]}
    settings.WEBSUB_HUB_URL = ""
    article = make_article(status=Article.Status.DRAFT)
    article.publish(by=editor)  # one delivery, its task in the queue
    telegram = settings.OUTBOX_CHANNELS["telegram"]
    environment = {
        **{k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")},
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "SECRET_KEY": "a-test-worker-key-long-enough-for-the-settings-to-take-it-1234567",
        "DATABASE_URL": database_url(settings),
        "CACHE_DIR": str(tmp_path / "cache"),
        "LOG_LEVEL": "WARNING",
        "TELEGRAM_BOT_TOKEN": telegram["token"],
        "TELEGRAM_CHAT_ID": telegram["chat_id"],
        "TELEGRAM_API_URL": telegram["api_url"],
        "SITE_URL": settings.SITE_URL,
        "OUTBOX_LEASE_SECONDS": "60",
        "OUTBOX_TIMEOUT_SECONDS": "60",
    }
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.1"],
        cwd=ROOT,
        env=environment,
    )
    try:
        deadline = time.monotonic() + 60
        while not services.stalled and time.monotonic() < deadline:
            time.sleep(0.05)
        assert services.stalled, "the worker never posted"
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)

    delivery = Delivery.objects.get()
    assert delivery.state == Delivery.State.SENDING  # held by the dead worker
    tasks.sweep()
    run_worker()  # its lease has not run out: nobody takes it
    assert services.posts == []

    with time_machine.travel(delivery.lease_until + datetime.timedelta(seconds=1), tick=False):
        assert timezone.now() > delivery.lease_until
        tasks.sweep()
        run_worker()
        tasks.sweep()
        run_worker()

    assert len(services.of("telegram")) == 1
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == (Delivery.State.SENT, 2)
