"""Readers reacting and reporting at once: exact counts, one each."""

import pytest
from django.test import Client

from comments.models import Comment, CommentReaction, CommentReport
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_concurrent_reactions_are_counted_exactly(settings, run_together):
    settings.FEEDBACK_RATE_LIMIT = (10_000, 600)
    comment = make_comment(make_article())
    url = f"/comments/react/{comment.pk}/"
    values = ["like" if i % 4 else "dislike" for i in range(24)]
    clicker = Client()
    clicker.post(url, {"value": "dislike"})

    def reader(value):
        return lambda: Client().post(url, {"value": value})

    def double_click():
        clicker.post(url, {"value": "like"})

    run_together([reader(v) for v in values] + [double_click] * 5)
    counts = Comment.objects.with_reactions().get(pk=comment.pk)
    assert counts.likes == values.count("like") + 1
    assert counts.dislikes == values.count("dislike")
    assert CommentReaction.objects.count() == len(values) + 1


def test_concurrent_reports_count_once_per_reader_and_hold_the_comment(settings, run_together):
    settings.COMMENTS_RATE_LIMIT = (10_000, 600)
    settings.COMMENTS_REPORT_THRESHOLD = 9  # reached by the last distinct reader, not before
    comment = make_comment(make_article())
    url = f"/comments/report/{comment.pk}/"
    same = Client(REMOTE_ADDR="192.0.2.100")
    same.post(url)
    others = [Client(REMOTE_ADDR=f"192.0.2.{i}") for i in range(8)]  # one address each
    run_together([lambda c=c: c.post(url) for c in others] + [lambda: same.post(url)] * 4)
    assert CommentReport.objects.count() == 9
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
