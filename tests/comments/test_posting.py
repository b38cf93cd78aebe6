"""«ارسال نظر» as readers meet it: post, wait for a moderator, see it published."""

import datetime
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from articles.models import Article
from comments.forms import started_now
from comments.models import Comment
from tests.factories import comment_form, make_article, make_comment, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.cache]

JSON = {"HTTP_ACCEPT": "application/json"}
PENDING = "نظر شما ثبت شد و پس از تأیید منتشر می‌شود."


def post_url(article):
    return f"/comments/{article.code}/"


def test_post_pending_approve_visible(client, article):
    response = client.post(
        post_url(article), comment_form(article, text="نظر من درباره کرمانشاه"), follow=True
    )
    assert response.redirect_chain[-1][0] == article.get_absolute_url() + "#comments"
    assert PENDING in response.text
    assert "نظر من درباره کرمانشاه" not in response.text  # not before a moderator says so
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING

    moderator = Client()
    moderator.force_login(make_user("Moderators"))
    moderator.post(
        reverse("admin:comments_comment_changelist"),
        {"action": "approve", "_selected_action": [comment.pk]},
    )
    page = client.get(article.get_absolute_url()).text
    assert "نظر من درباره کرمانشاه" in page
    assert 'نظرات <span class="comments__count">(۱)</span>' in page


def test_comment_shows_name_jalali_time_and_never_the_email(client, article):
    comment = make_comment(article, name="رضا", email="reza@example.com")
    Comment.objects.filter(pk=comment.pk).update(
        created_at=datetime.datetime(2026, 11, 24, 19, 14, tzinfo=datetime.UTC)
    )
    page = client.get(article.get_absolute_url()).text
    assert '<span class="comment__author">رضا</span>' in page
    assert (
        '<time datetime="2026-11-24T22:44:00+03:30">سه\u200cشنبه ۳ آذر ۱۴۰۵ - ۲۲:۴۴</time>' in page
    )
    assert "reza@example.com" not in page


def test_a_comment_edited_in_bulk_or_by_a_moderator_shows_its_new_words(client, article):
    comment = make_comment(article, text="نوشته نخست")
    Comment.objects.filter(pk=comment.pk).update(text="نوشته در یک‌جا")
    assert "نوشته در یک‌جا" in client.get(article.get_absolute_url()).text
    comment.refresh_from_db()
    comment.name, comment.is_staff_reply = "تحریریه", True
    comment.save(update_fields=["name", "is_staff_reply"])
    page = client.get(article.get_absolute_url()).text
    assert '<span class="comment__author">تحریریه</span>' in page
    assert '<span class="comment__badge">پاسخ تحریریه</span>' in page


def test_a_comment_written_around_the_model_still_shows(client, article):
    comment = make_comment(article, text="نوشته با\nدو سطر")
    Comment._base_manager.filter(pk=comment.pk).update(html="")  # as raw SQL leaves it
    page = client.get(article.get_absolute_url()).text
    assert '<p class="comment__text">نوشته با<br>دو سطر</p>' in page


def test_json_post_answers_in_place(client, article):
    response = client.post(post_url(article), comment_form(article), **JSON)
    assert response.status_code == 201
    assert response.json() == {"message": PENDING, "published": False}


def test_replies_nest_one_level_and_staff_reply_has_a_badge(client, article):
    root = make_comment(article, text="پرسش خواننده")
    client.post(post_url(article), comment_form(article, text="پاسخ خواننده", parent=root.pk))
    first_reply = Comment.objects.get(text="پاسخ خواننده")
    assert first_reply.parent == root
    Comment.objects.update(status=Comment.Status.APPROVED)
    client.post(
        post_url(article), comment_form(article, text="پاسخ به پاسخ", parent=first_reply.pk)
    )
    Comment.objects.update(status=Comment.Status.APPROVED)
    assert Comment.objects.get(text="پاسخ به پاسخ").parent == root  # one level only

    editor = Client()
    editor.force_login(make_user("Moderators"))
    editor.post(reverse("admin:comments_comment_reply", args=[root.pk]), {"text": "پاسخ دبیر"})
    staff_reply = Comment.objects.get(text="پاسخ دبیر")
    assert staff_reply.is_staff_reply and staff_reply.parent == root

    page = client.get(article.get_absolute_url()).text
    thread = page[page.index("پرسش خواننده") :]
    replies = thread[thread.index('class="comments__replies"') :]
    assert replies.index("پاسخ خواننده") < replies.index("پاسخ دبیر")
    assert re.search(
        r'comment--staff">.*?<span class="comment__badge">پاسخ تحریریه</span>', page, re.S
    )


def test_reply_link_without_javascript_opens_a_form_with_the_parent(client, article):
    root = make_comment(article, text="نظر اصلی")
    page = client.get(f"/comments/reply/{root.pk}/")
    assert page.status_code == 200
    assert "نظر اصلی" in page.text
    assert f'name="parent" value="{root.pk}"' in page.text


def test_auto_approved_comment_is_shown_at_once(client, article, settings):
    settings.COMMENTS_AUTO_APPROVE = True
    for i in range(3):
        client.post(post_url(article), comment_form(article, text=f"نظر پیشین {i}"))
    Comment.objects.update(status=Comment.Status.APPROVED)
    response = client.post(post_url(article), comment_form(article, text="نظر آشنا"), **JSON)
    assert response.json()["published"] is True
    assert "نظر آشنا" in response.json()["html"]
    assert "نظر آشنا" in client.get(article.get_absolute_url()).text


# Closed articles and refusals


def test_closed_by_the_editor_says_so_and_refuses(client, section):
    article = make_article(section=section, comments_open=False)
    make_comment(article, text="نظر قدیمی")
    page = client.get(article.get_absolute_url()).text
    assert "امکان ارسال نظر برای این خبر بسته شده است." in page
    assert 'id="comment-form"' not in page
    assert "نظر قدیمی" in page
    response = client.post(post_url(article), comment_form(article, text="دیر رسیدم"))
    assert response.status_code == 400
    assert "دیر رسیدم" in response.text  # nothing typed is lost
    assert Comment.objects.count() == 1


def test_comments_close_by_themselves_after_n_days(client, section, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 7
    now = datetime.datetime.now(datetime.UTC)
    fresh = make_article(section=section, published_at=now - datetime.timedelta(days=6))
    old = make_article(section=section, published_at=now - datetime.timedelta(days=8))
    assert fresh.accepts_comments() and not old.accepts_comments()
    assert client.post(post_url(old), comment_form(old)).status_code == 400
    assert client.post(post_url(fresh), comment_form(fresh)).status_code == 302


@pytest.mark.parametrize(
    "status", [Article.Status.DRAFT, Article.Status.REVIEW, Article.Status.UNPUBLISHED]
)
def test_comment_on_unpublished_article_is_404(client, status):
    article = make_article(status=status)
    assert client.post(post_url(article), comment_form(article)).status_code == 404


def test_comment_on_unknown_article_is_404(client):
    for url in ("/comments/999999/", "/comments/9999999999999999999999999/"):
        assert client.post(url, comment_form(started="")).status_code == 404


def test_reply_to_a_comment_of_another_article_is_refused(client, article):
    elsewhere = make_comment(make_article())
    response = client.post(
        post_url(article), comment_form(article, parent=elsewhere.pk, text="پاسخ گم")
    )
    assert response.status_code == 400
    assert "پیدا نشد" in response.text
    assert "پاسخ گم" in response.text
    assert not Comment.objects.filter(text="پاسخ گم").exists()


def test_reply_to_an_unpublished_comment_is_refused(client, article):
    pending = make_comment(article, status=Comment.Status.PENDING)
    assert (
        client.post(post_url(article), comment_form(article, parent=pending.pk)).status_code == 400
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": ""}, "نام خود را بنویسید."),
        ({"name": "   "}, "نام خود را بنویسید."),
        ({"text": ""}, "متن نظر خالی است."),
        ({"text": " \n\t "}, "متن نظر خالی است."),
        ({"text": "\u200b\u200c\u202e\ufeff"}, "متن نظر خالی است."),
        ({"text": "ب" * 1501}, "حداکثر ۱۵۰۰ نویسه مجاز است؛ این متن ۱۵۰۱ نویسه دارد."),
        ({"text": "ب" * 10_000}, "حداکثر ۱۵۰۰ نویسه مجاز است"),
        ({"name": "ن" * 61}, "حداکثر ۶۰ نویسه مجاز است"),
        ({"email": "not-an-email"}, "نشانی ایمیل درست نیست."),
        ({"parent": "abc"}, "نظری که به آن پاسخ می‌دهید پیدا نشد."),
        ({"started": "forged"}, "فرم کامل نرسید"),
        ({"started": ""}, "فرم کامل نرسید"),
    ],
)
def test_bad_submissions_get_a_persian_message_and_keep_the_form_filled(
    client, article, fields, message
):
    data = comment_form(article, **{"name": "سارا", "text": "متن من که نباید گم شود", **fields})
    response = client.post(post_url(article), data)
    assert response.status_code == 400
    assert message in response.text
    kept = data["text"][:100] if len(data["text"]) < 3000 else None
    if kept and kept.strip() and "\u202e" not in kept:
        assert kept in response.text
    assert not Comment.objects.exists()


def test_bad_json_submission_answers_field_errors(client, article):
    response = client.post(post_url(article), comment_form(article, text=""), **JSON)
    assert response.status_code == 400
    assert response.json()["errors"]["text"] == ["متن نظر خالی است."]


def test_too_fast_a_submission_is_held_back_with_the_text_kept(client, article):
    data = comment_form(article, text="خیلی سریع", started=started_now(article.code))
    response = client.post(post_url(article), data)
    assert response.status_code == 400
    assert "ثانیه صبر کنید" in response.text
    assert "خیلی سریع" in response.text


def test_honeypot_looks_accepted_but_stores_nothing(client, article):
    response = client.post(
        post_url(article), comment_form(article, website="http://spam.example"), **JSON
    )
    assert response.status_code == 201
    assert not Comment.objects.exists()


def test_flood_per_address_is_429_and_keeps_the_text(article, settings):
    settings.COMMENTS_RATE_LIMIT = (2, 600)
    statuses = []
    for i in range(3):
        reader = Client(REMOTE_ADDR="192.0.2.5")  # a new cookie each time: same address
        statuses.append(reader.post(post_url(article), comment_form(article, text=f"نظر {i}")))
    assert [r.status_code for r in statuses] == [302, 302, 429]
    assert "کمی بعد دوباره بفرستید" in statuses[-1].text
    assert "نظر 2" in statuses[-1].text
    assert Comment.objects.count() == 2


def test_flood_per_reader_is_429_whatever_the_address(article, settings):
    settings.COMMENTS_RATE_LIMIT = (2, 600)
    reader = Client()
    codes = [
        reader.post(
            post_url(article), comment_form(article), REMOTE_ADDR=f"192.0.2.{i}"
        ).status_code
        for i in range(3)
    ]
    assert codes == [302, 302, 429]


def test_address_is_kept_only_as_a_keyed_hash(client, article):
    client.post(post_url(article), comment_form(article), REMOTE_ADDR="203.0.113.50")
    comment = Comment.objects.get()
    assert len(comment.address_hash) == 64 and "203.0.113" not in comment.address_hash


def test_cross_site_comment_posts_are_refused(client, article):
    response = client.post(
        post_url(article), comment_form(article), HTTP_ORIGIN="https://evil.example"
    )
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_a_body_too_big_to_read_is_a_persian_413(client, article):
    response = client.post(post_url(article), comment_form(article, text="ب" * 3_000_000))
    assert response.status_code == 413
    assert "بیش از اندازه بزرگ است" in response.text
    assert not Comment.objects.exists()


def test_the_fill_time_counts_whole_seconds_and_never_in_the_sender_s_favour(
    client, article, settings
):
    now = datetime.datetime.now(datetime.UTC)
    handed_out = now.replace(microsecond=900_000) + datetime.timedelta(minutes=1)
    with time_machine.travel(handed_out, tick=False):
        started = started_now(article.code)
    almost = handed_out + datetime.timedelta(seconds=settings.COMMENTS_MIN_FILL_SECONDS - 0.5)
    with time_machine.travel(almost, tick=False):
        hasty = client.post(
            post_url(article), comment_form(article, text="کمی زود", started=started)
        )
    assert hasty.status_code == 400 and "ثانیه صبر کنید" in hasty.text
    later = handed_out + datetime.timedelta(seconds=settings.COMMENTS_MIN_FILL_SECONDS + 1)
    with time_machine.travel(later, tick=False):
        patient = client.post(
            post_url(article), comment_form(article, text="به‌موقع", started=started)
        )
    assert patient.status_code == 302


def test_with_no_minimum_fill_time_a_form_sent_at_once_is_taken(client, article, settings):
    settings.COMMENTS_MIN_FILL_SECONDS = 0
    response = client.post(
        post_url(article), comment_form(article, text="بی‌درنگ", started=started_now(article.code))
    )
    assert response.status_code == 302
    assert Comment.objects.filter(text="بی‌درنگ").exists()
