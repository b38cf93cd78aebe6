"""Hostile comments are rendered harmless; the page costs the same with 0 or 500 comments."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from comments.models import Comment, CommentReaction
from tests.factories import comment_form, make_comment

pytestmark = pytest.mark.django_db

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    "https://evil.example/?q=<script>",
    "<a href='https://evil.example'>click</a>",
    "{{ request.META }} {% debug %}",
    "' OR 1=1 --",
    "\u202eتست وارونه\u202c",
    "\u2066isolated\u2069 \u200f\u200e",
    "zero\u200bwidth\u200djoiner\ufeff",
    "null\x00byte",
    "ي ك ى — Arabic letters",
    "<iframe src=//evil.example></iframe>",
    "&lt;script&gt;already escaped&lt;/script&gt;",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_stored_clean_and_rendered_escaped(client, article, text):
    response = client.post(
        f"/comments/{article.code}/", comment_form(article, text=text, name=text[:60])
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    for invisible in "\u202e\u202c\u2066\u2069\u200f\u200e\u200b\u200d\ufeff\x00":
        assert invisible not in comment.text and invisible not in comment.name
    assert "ي" not in comment.text and "ك" not in comment.text
    Comment.objects.update(status=Comment.Status.APPROVED)

    page = client.get(article.get_absolute_url()).text
    body = page[page.index('id="comments"') :]
    assert "<script>alert" not in body
    assert "<img src=x" not in body and "<svg/onload" not in body and "<iframe" not in body
    assert 'href="https://evil.example' not in body
    assert 'href="javascript:' not in body
    assert "{% debug %}" in body or "{{" not in text  # template syntax is just text


def test_urls_in_comments_are_never_links(client, article):
    make_comment(article, text="ببینید https://example.com/page")
    page = client.get(article.get_absolute_url()).text
    assert "ببینید https://example.com/page" in page
    assert 'href="https://example.com/page"' not in page


def test_line_breaks_are_kept_as_breaks(client, article):
    make_comment(article, text="سطر یک\nسطر دو")
    assert "سطر یک<br>سطر دو" in client.get(article.get_absolute_url()).text


def count_queries(client, url) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_comments(article, threads: int, replies: int) -> list[Comment]:
    roots = Comment.objects.bulk_create(
        Comment(article=article, name=f"خواننده {i}", text=f"نظر {i}", status="approved")
        for i in range(threads)
    )
    Comment.objects.bulk_create(
        Comment(article=article, parent=roots[-1 - i % 10], name="پاسخ‌دهنده", text=f"پاسخ {i}",
                status="approved")
        for i in range(replies)
    )  # fmt: skip
    CommentReaction.objects.bulk_create(
        CommentReaction(
            comment=roots[-1 - i % min(30, len(roots))], reader=f"a:{i}:{len(roots)}", value=1
        )
        for i in range(200)
    )
    return roots


def test_article_page_queries_are_bounded_with_0_50_and_500_comments(
    client, article, django_assert_max_num_queries, settings
):
    settings.COMMENTS_PER_PAGE = 30
    url = article.get_absolute_url()
    # Cold: nothing of the page in the cache (the test client's cache is cleared per test).
    with django_assert_max_num_queries(14):
        client.get(url)
    add_comments(article, 25, 25)
    fifty = count_queries(client, url)
    add_comments(article, 250, 200)
    with django_assert_max_num_queries(14):
        five_hundred = count_queries(client, url)
    assert five_hundred == fifty

    page = client.get(url).text
    assert 'نظرات <span class="comments__count">(۵۰۰)</span>' in page
    shown_threads = Comment.objects.filter(parent=None).order_by("-created_at", "-pk")[:30]
    shown = 30 + Comment.objects.filter(parent__in=shown_threads).count()
    assert page.count('<article id="comment-') == shown
    second = Client().get(url, {"comments": 2})
    assert "صفحه ۲ از ۱۰" in second.text
