"""The moderation desk, role by role."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from comments.models import BannedWord, Comment
from tests.factories import make_article, make_comment, make_section, make_user

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:comments_comment_changelist")


def logged_in(role) -> Client:
    client = Client()
    client.force_login(make_user(role))
    return client


@pytest.mark.parametrize("action", ["approve", "reject", "mark_spam"])
def test_bulk_decisions(article, action):
    comments = [make_comment(article, status=Comment.Status.PENDING) for _ in range(3)]
    logged_in("Moderators").post(
        QUEUE, {"action": action, "_selected_action": [c.pk for c in comments[:2]]}
    )
    expected = {"approve": "approved", "reject": "rejected", "mark_spam": "spam"}[action]
    assert [Comment.objects.get(pk=c.pk).status for c in comments] == [
        expected,
        expected,
        "pending",
    ]


def test_queue_shows_the_article_title_and_filters_by_status_section_and_date(article):
    other_section = make_section(slug="other")
    waiting = make_comment(article, status=Comment.Status.PENDING, text="در صف")
    make_comment(
        make_article(section=other_section), status=Comment.Status.PENDING, text="جای دیگر"
    )
    make_comment(article, text="منتشرشده")
    old = make_comment(article, status=Comment.Status.PENDING, text="قدیمی")
    Comment.objects.filter(pk=old.pk).update(
        created_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    )
    moderator = logged_in("Moderators")
    page = moderator.get(
        QUEUE,
        {
            "status__exact": "pending",
            "article__section__id__exact": article.section_id,
            "created_at__jfrom": "1405/01/01",
        },
    )
    assert list(page.context["cl"].result_list) == [waiting]
    assert article.title[:30] in page.text


def test_queue_search_and_article_filter(article):
    make_comment(article, text="درباره يونسكو")  # Arabic yeh and kaf, stored Persian
    other = make_article()
    make_comment(other, text="یونسکو در خبر دیگر")
    moderator = logged_in("Moderators")
    found = moderator.get(QUEUE, {"q": "يونسكو", "article__id__exact": article.pk})
    assert [c.text for c in found.context["cl"].result_list] == ["درباره یونسکو"]


def test_admin_index_shows_how_many_wait(article):
    for _ in range(3):
        make_comment(article, status=Comment.Status.PENDING)
    page = logged_in("Moderators").get(reverse("admin:index")).text
    assert "<strong>۳ نظر</strong> در انتظار بررسی است." in page
    assert "در انتظار بررسی" not in logged_in("Reporters").get(reverse("admin:index")).text


def test_moderator_replies_as_staff_from_the_admin(article):
    question = make_comment(article, status=Comment.Status.PENDING, text="چرا؟")
    moderator = logged_in("Moderators")
    response = moderator.post(
        reverse("admin:comments_comment_reply", args=[question.pk]), {"text": "چون..."}
    )
    assert response.status_code == 302
    reply = Comment.objects.get(text="چون...")
    assert reply.is_staff_reply and reply.status == Comment.Status.APPROVED
    question.refresh_from_db()
    assert question.status == Comment.Status.APPROVED


def test_empty_staff_reply_is_refused_in_persian(article):
    question = make_comment(article)
    page = logged_in("Moderators").post(
        reverse("admin:comments_comment_reply", args=[question.pk]), {"text": "  "}
    )
    assert page.status_code == 200
    assert "متن پاسخ خالی است." in page.text
    assert Comment.objects.count() == 1


def test_banned_words_are_kept_in_the_admin():
    moderator = logged_in("Moderators")
    response = moderator.post(
        reverse("admin:comments_bannedword_add"), {"word": "قمار", "action": "spam"}
    )
    assert response.status_code == 302
    assert BannedWord.objects.get().word == "قمار"


@pytest.mark.parametrize("role", ["Moderators", "Editors", "superuser"])
def test_the_desk_is_open_to_moderators_and_editors(article, role):
    comment = make_comment(article)
    client = logged_in(role)
    assert client.get(QUEUE).status_code == 200
    assert (
        client.get(reverse("admin:comments_comment_change", args=[comment.pk])).status_code == 200
    )
    assert client.get(reverse("admin:comments_comment_reply", args=[comment.pk])).status_code == 200
    assert client.get(reverse("admin:comments_bannedword_changelist")).status_code == 200


@pytest.mark.parametrize("role", ["Reporters", "Analysts"])
def test_reporters_and_analysts_have_no_rights_on_comments(article, role):
    comment = make_comment(article, status=Comment.Status.PENDING)
    client = logged_in(role)
    assert client.get(QUEUE).status_code == 403
    assert client.get(reverse("admin:comments_comment_reply", args=[comment.pk])).status_code == 403
    client.post(reverse("admin:comments_comment_reply", args=[comment.pk]), {"text": "x"})
    client.post(QUEUE, {"action": "approve", "_selected_action": [comment.pk]})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert Comment.objects.count() == 1


def test_moderators_have_no_rights_on_articles(article):
    moderator = logged_in("Moderators")
    assert moderator.get(reverse("admin:articles_article_changelist")).status_code == 403
    assert (
        moderator.get(reverse("admin:articles_article_change", args=[article.pk])).status_code
        == 403
    )


def test_readers_cannot_reach_the_desk(client, article):
    assert client.get(QUEUE).status_code == 302
