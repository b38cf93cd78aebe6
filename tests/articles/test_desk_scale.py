"""The desk at newsroom scale: every admin page asks the same few queries, and the queue the
same HTML, whether the archive holds a few articles or many times more."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.feedback.models import (
    FeedbackVote,
    UsefulnessReport,
    VoteCount,
    wilson_lower_bound,
)
from articles.models import Article
from comments.models import Comment, ModerationEvent
from tests.factories import make_user

pytestmark = pytest.mark.django_db

PAGES = {
    "desk": "/admin/",
    "articles": "/admin/articles/article/",
    "articles, searched": "/admin/articles/article/?q=خبر",
    "articles, filtered": "/admin/articles/article/?status__exact=published&is_featured__exact=0",
    "comments": "/admin/comments/comment/",
    "queue": "/admin/comments/comment/?status__exact=pending",
    "report": "/admin/articles/usefulnessreport/",
    "report, every article": "/admin/articles/usefulnessreport/?min_votes=0",
    "moderation log": "/admin/comments/moderationevent/",
}
BUDGET = 14


def grow_to(count: int, voted: int = 6) -> None:
    """`count` generated articles with their comments; a few comments waiting, a few
    articles voted on, a few moderation events: the same few at every size."""
    call_command("generate_articles", count=count - Article.objects.count(), verbosity=0)
    Comment.objects.filter(status=Comment.Status.PENDING).update(status=Comment.Status.APPROVED)
    waiting = Comment.objects.order_by("-created_at", "-pk").values_list("pk", flat=True)[:5]
    Comment.objects.filter(pk__in=list(waiting)).update(status=Comment.Status.PENDING)
    for article in Article.objects.order_by("-published_at")[:voted]:
        for i in range(6 - FeedbackVote.objects.filter(article=article).count()):
            FeedbackVote.objects.create(article=article, reader=f"a:{article.pk}:{i}", useful=i > 1)
    cache.clear()


def visit(client: Client) -> dict[str, tuple[int, int]]:
    """(queries, bytes) of each page, as a second visit (the session warm) asks them."""
    seen = {}
    for name, url in PAGES.items():
        assert client.get(url).status_code == 200, name
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, name
        seen[name] = (len(queries), len(response.content))
    return seen


def test_admin_pages_ask_as_many_queries_at_ten_times_the_articles(django_assert_max_num_queries):
    client = Client()
    client.force_login(make_user("superuser"))
    ModerationEvent.objects.bulk_create(
        ModerationEvent(action="approved", comment_id=n, comment_name="خواننده", excerpt="نظر")
        for n in range(3)
    )
    grow_to(12)
    small = visit(client)
    grow_to(120)
    large = visit(client)
    for name, url in PAGES.items():
        with django_assert_max_num_queries(BUDGET):
            client.get(url)
        assert large[name][0] == small[name][0], f"{name}: {small[name][0]} → {large[name][0]}"


def test_the_moderation_queue_does_not_grow_with_the_commented_articles():
    client = Client()
    client.force_login(make_user("Moderators"))
    grow_to(12)
    commented = Comment.objects.values("article").distinct().count()
    small = len(client.get(PAGES["queue"]).content)
    grow_to(150)
    assert Comment.objects.values("article").distinct().count() > 5 * commented
    large = len(client.get(PAGES["queue"]).content)
    assert large <= small * 1.02, f"{small} → {large} bytes"


def test_the_reports_counts_follow_every_vote_cast_moved_and_removed():
    grow_to(3, voted=0)
    article = Article.objects.order_by("pk").first()
    FeedbackVote.record(article, "a:1", True)
    FeedbackVote.record(article, "a:2", True)
    FeedbackVote.record(article, "a:2", False)  # changed their mind
    FeedbackVote.record(article, "a:3", False)
    FeedbackVote.objects.filter(reader="a:3").delete()
    counted = VoteCount.objects.get(article=article)
    assert (counted.yes, counted.total) == (1, 2)
    assert counted.wilson == pytest.approx(wilson_lower_bound(1, 2))
    row = UsefulnessReport.objects.with_usefulness().get(pk=article.pk)
    assert (row.yes, row.no, row.total) == (1, 1, 2)
    spanned = UsefulnessReport.objects.with_usefulness(voted_from=article.created_at).get(
        pk=article.pk
    )
    assert (spanned.yes, spanned.total) == (row.yes, row.total)
