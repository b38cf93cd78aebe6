"""The rules that act before a moderator sees a comment."""

import pytest

from comments.models import BannedWord, Comment
from tests.factories import comment_form, make_comment

pytestmark = pytest.mark.django_db


def post(client, article, **fields) -> Comment:
    response = client.post(f"/comments/{article.code}/", comment_form(**fields))
    assert response.status_code == 302, response.content[:500]
    return Comment.objects.latest("pk")


def test_pre_moderation_is_the_default(client, article):
    assert post(client, article).status == Comment.Status.PENDING


def test_a_spam_word_sends_the_comment_to_spam(client, article):
    BannedWord.objects.create(word="کازینو", action=BannedWord.Action.SPAM)
    comment = post(client, article, text="بهترین کازینو آنلاین")
    assert (comment.status, comment.held) == (Comment.Status.SPAM, Comment.Held.BANNED_WORD)


def test_a_hold_word_keeps_it_in_the_queue_even_for_trusted_commenters(client, article, settings):
    settings.COMMENTS_AUTO_APPROVE = True
    for _ in range(3):
        make_comment(article, email="a@example.com")
    BannedWord.objects.create(word="احمق", action=BannedWord.Action.HOLD)
    comment = post(client, article, email="a@example.com", text="نویسنده احمق است")
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
    for _ in range(3):
        make_comment(article, email="b@example.com")
    two = post(client, article, email="b@example.com", text="https://a.ir و www.b.com")
    assert two.status == Comment.Status.APPROVED
    three = post(
        client, article, email="b@example.com", text="https://a.ir www.b.com c.org را ببینید"
    )
    assert (three.status, three.held) == (Comment.Status.PENDING, Comment.Held.LINKS)


def test_trusted_commenters_are_auto_approved_only_where_the_site_allows(client, article, settings):
    for _ in range(3):
        make_comment(article, email="c@example.com")
    settings.COMMENTS_AUTO_APPROVE = False
    assert post(client, article, email="c@example.com").status == Comment.Status.PENDING
    settings.COMMENTS_AUTO_APPROVE = True
    trusted = post(client, article, email="C@Example.com")
    assert (trusted.status, trusted.held) == (Comment.Status.APPROVED, Comment.Held.TRUSTED)


def test_too_few_approved_comments_are_not_trust(client, article, settings):
    settings.COMMENTS_AUTO_APPROVE = True
    make_comment(article, email="d@example.com")
    make_comment(article, email="d@example.com", status=Comment.Status.REJECTED)
    make_comment(article, email="d@example.com", status=Comment.Status.SPAM)
    assert post(client, article, email="d@example.com").status == Comment.Status.PENDING
