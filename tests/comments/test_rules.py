"""The rules that act before a moderator sees a comment."""

import pytest
from django.test import Client

from comments.models import BannedWord, Comment
from tests.factories import comment_form, make_user

pytestmark = pytest.mark.django_db


def post(client, article, **fields) -> Comment:
    response = client.post(f"/comments/{article.code}/", comment_form(article, **fields))
    assert response.status_code == 302, response.content[:500]
    return Comment.objects.latest("pk")


def test_pre_moderation_is_the_default(client, article):
    assert post(client, article).status == Comment.Status.PENDING


def test_a_spam_word_sends_the_comment_to_spam(client, article):
    BannedWord.objects.create(word="کازینو", action=BannedWord.Action.SPAM)
    comment = post(client, article, text="بهترین کازینو آنلاین")
    assert (comment.status, comment.held) == (Comment.Status.SPAM, Comment.Held.BANNED_WORD)


def become_trusted(client, article, **fields) -> None:
    """Three comments from this reader (their cookie or account), approved by a moderator."""
    for i in range(3):
        post(client, article, text=f"نظر پیشین {i}", **fields)
    Comment.objects.update(status=Comment.Status.APPROVED)


def test_a_hold_word_keeps_it_in_the_queue_even_for_trusted_commenters(client, article, settings):
    settings.COMMENTS_AUTO_APPROVE = True
    become_trusted(client, article)
    BannedWord.objects.create(word="احمق", action=BannedWord.Action.HOLD)
    comment = post(client, article, text="نویسنده احمق است")
    assert (comment.status, comment.held) == (Comment.Status.PENDING, Comment.Held.BANNED_WORD)


def test_banned_words_match_whole_words_and_arabic_spellings(client, article):
    BannedWord.objects.create(word="بد", action=BannedWord.Action.SPAM)
    assert post(client, article, text="بدون شک خبر خوبی بود").status == Comment.Status.PENDING
    BannedWord.objects.create(word="كثيف", action=BannedWord.Action.SPAM)  # stored as «کثیف»
    assert post(client, article, text="حرف کثيف").status == Comment.Status.SPAM


def test_a_banned_word_in_the_name_counts_too(client, article):
    BannedWord.objects.create(word="تبلیغ", action=BannedWord.Action.SPAM)
    assert post(client, article, name="تبلیغ ارزان").status == Comment.Status.SPAM


def test_more_than_two_links_holds_the_comment(client, article, settings):
    settings.COMMENTS_AUTO_APPROVE = True
    become_trusted(client, article)
    two = post(client, article, text="https://a.ir و www.b.com")
    assert two.status == Comment.Status.APPROVED
    three = post(client, article, text="https://a.ir www.b.com c.org را ببینید")
    assert (three.status, three.held) == (Comment.Status.PENDING, Comment.Held.LINKS)


def test_trusted_commenters_are_auto_approved_only_where_the_site_allows(client, article, settings):
    become_trusted(client, article)
    settings.COMMENTS_AUTO_APPROVE = False
    assert post(client, article).status == Comment.Status.PENDING
    settings.COMMENTS_AUTO_APPROVE = True
    trusted = post(client, article)
    assert (trusted.status, trusted.held) == (Comment.Status.APPROVED, Comment.Held.TRUSTED)


def test_a_stranger_typing_a_trusted_email_is_held(client, article, settings):
    settings.COMMENTS_AUTO_APPROVE = True
    settings.COMMENTS_RATE_LIMIT = (100, 600)
    become_trusted(client, article, email="known@example.com")
    stranger = post(Client(), article, email="Known@Example.com", text="به نام دیگری")
    assert (stranger.status, stranger.held) == (Comment.Status.PENDING, Comment.Held.NONE)
    assert post(client, article, email="").status == Comment.Status.APPROVED


def test_a_logged_in_reader_is_trusted_on_any_device(article, settings):
    settings.COMMENTS_AUTO_APPROVE = True
    user = make_user()
    desk, phone = Client(), Client()
    desk.force_login(user)
    phone.force_login(user)
    become_trusted(desk, article)
    assert post(phone, article).status == Comment.Status.APPROVED


def test_too_few_approved_comments_are_not_trust(client, article, settings):
    settings.COMMENTS_AUTO_APPROVE = True
    for status in (Comment.Status.APPROVED, Comment.Status.REJECTED, Comment.Status.SPAM):
        post(client, article)
        Comment.objects.filter(pk=Comment.objects.latest("pk").pk).update(status=status)
    assert post(client, article).status == Comment.Status.PENDING
