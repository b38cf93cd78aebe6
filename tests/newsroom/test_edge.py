"""What the edge is told: each page names what it shows and how long it may be kept, each
change purges exactly its keys once committed, and a purge the edge missed is kept."""

import datetime
import logging

import pytest
import time_machine
from django.db import transaction
from django.test import Client
from django.utils import timezone

from articles.models import Section
from comments.models import Comment
from newsroom.models import EdgePurge
from newsroom.pagecache import edge
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db

TEHRAN = datetime.timezone(datetime.timedelta(hours=3, minutes=30))


class Recording(edge.Purger):
    """An edge that takes every purge, or none while `down`."""

    purged: list[list[str]] = []
    down = False

    def purge(self, keys):
        if Recording.down:
            raise edge.PurgeFailed("the edge does not answer")
        Recording.purged.append(keys)


@pytest.fixture(autouse=True)
def an_edge(settings, monkeypatch):
    settings.EDGE_PURGER = "tests.newsroom.test_edge.Recording"
    Recording.purged, Recording.down = [], False
    # The threads that retry and purge again later are the real server's (tests/production).
    monkeypatch.setattr(edge, "_retry_soon", lambda: None)
    monkeypatch.setattr(edge, "_again_later", lambda keys: None)


def purged() -> set[str]:
    return {key for keys in Recording.purged for key in keys}


def test_an_article_page_names_what_it_shows_for_the_edge(article):
    # Mid-way through the rankings' five minutes: at their end a page may be kept no longer
    # (below), and carries no surrogate headers.
    now = timezone.now()
    window = now.replace(minute=now.minute - now.minute % 5, second=0, microsecond=0)
    with time_machine.travel(window + datetime.timedelta(seconds=150), tick=False):
        for _ in ("built", "from the page cache"):
            page = Client().get(article.get_absolute_url())
            assert page["Surrogate-Key"].split() == ["content", "names", f"article-{article.code}"]
            assert page["Surrogate-Control"].startswith("max-age=")
            assert "no-cache" in page["Cache-Control"]  # browsers still ask each time


def test_staff_pages_and_a_site_without_an_edge_carry_no_surrogate_headers(
    article, editor, settings
):
    staff = Client()
    staff.force_login(editor)
    assert not staff.get("/").has_header("Surrogate-Key")
    settings.EDGE_PURGER = ""
    assert not Client().get("/").has_header("Surrogate-Control")


@time_machine.travel(datetime.datetime(2026, 11, 30, 12, 0, 10, tzinfo=TEHRAN), tick=False)
def test_the_edge_keeps_a_page_no_longer_than_the_rankings_five_minutes(article, settings):
    settings.EDGE_CACHE_SECONDS = 86400
    assert Client().get("/")["Surrogate-Control"] == "max-age=290"


@time_machine.travel(datetime.datetime(2026, 11, 30, 12, 0, 10, tzinfo=TEHRAN), tick=False)
def test_the_edge_keeps_a_page_no_longer_than_the_next_scheduled_article(section):
    make_article(section=section, published_at=datetime.datetime.now(TEHRAN))
    due = datetime.datetime.now(TEHRAN) + datetime.timedelta(seconds=45)
    make_article(section=section, published_at=due)  # scheduled
    assert Client().get("/")["Surrogate-Control"] == "max-age=45"


def test_the_day_in_tehran_ends_at_its_midnight_for_the_edge():
    late = datetime.datetime(2026, 11, 30, 23, 58, 30, tzinfo=TEHRAN).timestamp()
    assert edge._next_midnight(late) - late == 90


# Committed for real, as the site's writes are: the purge follows each commit.
committed = pytest.mark.django_db(transaction=True)


@committed
def test_a_publish_purges_the_content_once_committed(section, editor):
    draft = make_article(section=section, status="draft")
    Recording.purged.clear()
    draft.publish(by=editor)
    assert Recording.purged == [["content"]]


@committed
def test_a_comment_approved_purges_its_article_only(article):
    comment = make_comment(article=article, status=Comment.Status.PENDING)
    Recording.purged.clear()
    Comment.objects.filter(pk=comment.pk).set_status(Comment.Status.APPROVED)
    assert Recording.purged == [[f"article-{article.code}"]]


@committed
def test_a_rename_purges_the_names_and_the_content_in_one_request(section):
    Recording.purged.clear()
    Section.objects.filter(pk=section.pk).update(name="سیاست خارجی")
    assert Recording.purged == [["content", "names"]]


@committed
def test_a_change_rolled_back_purges_nothing(section):
    Recording.purged.clear()
    with pytest.raises(RuntimeError), transaction.atomic():
        Section.objects.filter(pk=section.pk).update(name="سیاست خارجی")
        raise RuntimeError
    assert Recording.purged == []


@committed
def test_a_purge_the_edge_missed_is_kept_said_and_sent_with_the_next(section, caplog):
    comment = make_comment(article=make_article(section=section), status=Comment.Status.PENDING)
    Recording.down = True
    with caplog.at_level(logging.WARNING, logger="newsroom.pagecache.edge"):
        section.name = "ورزش"
        section.save()
    assert sorted(EdgePurge.objects.values_list("key", flat=True)) == ["content", "names"]
    assert "kept to try again" in caplog.text

    Recording.down = False
    Recording.purged.clear()
    Comment.objects.filter(pk=comment.pk).set_status(Comment.Status.APPROVED)
    assert purged() == {"content", "names", f"article-{comment.article.code}"}
    assert not EdgePurge.objects.exists()
