"""Readers see an article on every page only once it is published and its time has come."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article
from newsroom.persian import jalali
from tests.factories import make_article, make_tag

pytestmark = pytest.mark.django_db

PUBLISHED_AT = datetime.datetime(2026, 11, 24, 19, 14, tzinfo=datetime.UTC)  # 3 Azar 1405


def reader_pages(article):
    """Every reader page that could list or show `article`."""
    start = jalali.to_jalali(article.published_at or PUBLISHED_AT)
    return [
        "/",
        article.section.get_absolute_url(),
        article.tags.get().get_absolute_url(),
        f"/archive/{start.year}/{start.month}/{start.day}/",
        article.get_absolute_url(),
        f"/news/{article.code}/",
        f"/n/{article.code}",
    ]


def shown(client, article) -> list[bool]:
    """For each reader page: does it answer and show the article's title?"""
    results = []
    for url in reader_pages(article):
        response = client.get(url, follow=True)
        results.append(response.status_code == 200 and article.title in response.text)
    return results


@pytest.mark.parametrize(
    "status", [Article.Status.DRAFT, Article.Status.REVIEW, Article.Status.UNPUBLISHED]
)
def test_unpublished_states_are_hidden_everywhere(client, status):
    article = make_article(
        title="خبر پنهان", status=status, published_at=PUBLISHED_AT, tags=[make_tag()]
    )
    with time_machine.travel(PUBLISHED_AT + datetime.timedelta(hours=1)):
        assert shown(client, article) == [False] * 7


def test_published_article_is_shown_everywhere(client):
    article = make_article(title="خبر منتشرشده", published_at=PUBLISHED_AT, tags=[make_tag()])
    with time_machine.travel(PUBLISHED_AT + datetime.timedelta(hours=1)):
        assert shown(client, article) == [True] * 7


def test_scheduled_article_is_hidden_until_its_time(client):
    with time_machine.travel(PUBLISHED_AT - datetime.timedelta(hours=1)):
        article = make_article(
            title="خبر زمان‌بندی‌شده", published_at=PUBLISHED_AT, tags=[make_tag()]
        )
    with time_machine.travel(PUBLISHED_AT - datetime.timedelta(seconds=1)):
        assert shown(client, article) == [False] * 7
    with time_machine.travel(PUBLISHED_AT + datetime.timedelta(seconds=1)):
        assert shown(client, article) == [True] * 7


def test_published_queryset_is_the_one_rule():
    visible = make_article()
    make_article(status=Article.Status.DRAFT)
    make_article(published_at=timezone.now() + datetime.timedelta(minutes=5))
    assert list(Article.objects.published()) == [visible]
