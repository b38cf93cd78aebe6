"""«آیا این خبر مفید بود؟» as readers use it, with and without JavaScript."""

import re
import uuid

import pytest
from django.core import signing
from django.test import Client, RequestFactory

from articles.models import Article, FeedbackVote
from newsroom.readers.identity import READER_SALT
from tests.factories import make_article, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.cache]

JSON = {"HTTP_ACCEPT": "application/json"}


def vote_url(article):
    return f"/feedback/{article.code}/"


def why_url(article):
    return f"/feedback/{article.code}/why/"


def votes(article) -> tuple[int, int]:
    tally = FeedbackVote.objects.filter(article=article).tally()
    return tally.yes, tally.total


# The widget on the article page


def test_article_page_asks_with_real_buttons_and_a_live_region(client, article):
    page = client.get(article.get_absolute_url()).text
    assert "آیا این خبر مفید بود؟" in page
    assert f'action="/feedback/{article.code}/"' in page
    assert '<button type="submit" name="useful" value="yes"' in page
    assert '<button type="submit" name="useful" value="no"' in page
    assert 'aria-live="polite"' in page


def test_article_page_is_the_same_for_every_reader(article):
    # Nothing of the reader's own state is in the page: it can be cached for everyone.
    voter = Client()
    voter.post(vote_url(article), {"useful": "yes"}, follow=True)  # reads its thank-you once

    def page(client):
        # The comment form's signed start time differs by the second, not by the reader.
        html = client.get(article.get_absolute_url()).text
        return re.sub(r'name="started" value="[^"]*"', "", html)

    assert page(voter) == page(Client())


def test_switched_off_widget_is_not_shown(client, section):
    article = make_article(section=section, feedback_enabled=False)
    assert "آیا این خبر مفید بود؟" not in client.get(article.get_absolute_url()).text


# Without JavaScript: plain forms and redirects


def test_yes_without_javascript_returns_to_the_article_with_thanks(client, article):
    response = client.post(vote_url(article), {"useful": "yes"}, follow=True)
    assert response.redirect_chain[-1][0] == article.get_absolute_url() + "#feedback"
    assert "از پاسخ شما سپاسگزاریم. ۱ نفر از ۱ نفر این خبر را مفید دانستند" in response.text
    assert votes(article) == (1, 1)


def test_no_without_javascript_offers_the_follow_up(client, article):
    response = client.post(vote_url(article), {"useful": "no"}, follow=True)
    assert response.redirect_chain[-1][0] == vote_url(article)
    assert "پاسخ شما: «خیر»" in response.text
    assert "۰ نفر از ۱ نفر این خبر را مفید دانستند" in response.text
    assert "اطلاعات نادرست" in response.text  # the reasons

    response = client.post(
        why_url(article), {"reason": "outdated", "note": "آمار مربوط به سال گذشته است"}, follow=True
    )
    assert "توضیح شما ثبت شد" in response.text
    vote = FeedbackVote.objects.get(article=article)
    assert (vote.useful, vote.reason, vote.note) == (
        False,
        "outdated",
        "آمار مربوط به سال گذشته است",
    )


def test_a_bad_follow_up_comes_back_with_the_note_still_typed(client, article):
    client.post(vote_url(article), {"useful": "no"})
    response = client.post(why_url(article), {"reason": "bogus", "note": "متن من"})
    assert response.status_code == 400
    assert "این دلیل در فهرست نیست." in response.text
    assert "متن من</textarea>" in response.text


def test_note_longer_than_500_characters_is_refused_in_persian(client, article):
    client.post(vote_url(article), {"useful": "no"})
    response = client.post(why_url(article), {"reason": "other", "note": "ب" * 501})
    assert response.status_code == 400
    assert "حداکثر ۵۰۰ نویسه مجاز است؛ این متن ۵۰۱ نویسه دارد." in response.text
    assert FeedbackVote.objects.get().note == ""


# With JavaScript: the JSON endpoint


def test_json_vote_answers_the_new_tally(client, article):
    Client().post(vote_url(article), {"useful": "no"})
    response = client.post(vote_url(article), {"useful": "yes"}, **JSON)
    assert response.status_code == 200
    assert response.json() == {
        "vote": "yes",
        "yes": 1,
        "total": 2,
        "summary": "۱ نفر از ۲ نفر این خبر را مفید دانستند",
        "message": "از پاسخ شما سپاسگزاریم.",
    }


def test_json_state_tells_a_returning_reader_their_answer(client, article):
    assert client.get(vote_url(article), **JSON).json()["vote"] is None
    client.post(vote_url(article), {"useful": "no"}, **JSON)
    assert client.get(vote_url(article), **JSON).json()["vote"] == "no"


def test_json_follow_up(client, article):
    client.post(vote_url(article), {"useful": "no"}, **JSON)
    response = client.post(why_url(article), {"reason": "unclear", "note": ""}, **JSON)
    assert response.status_code == 200
    assert FeedbackVote.objects.get().reason == "unclear"


# One vote per reader


def test_changing_the_answer_moves_the_one_vote(client, article):
    client.post(vote_url(article), {"useful": "yes"})
    client.post(vote_url(article), {"useful": "no"})
    assert votes(article) == (0, 1)
    client.post(vote_url(article), {"useful": "yes"})
    client.post(vote_url(article), {"useful": "yes"})
    assert votes(article) == (1, 1)


def test_moving_to_yes_drops_the_reason_given_for_no(client, article):
    client.post(vote_url(article), {"useful": "no"})
    client.post(why_url(article), {"reason": "wrong", "note": "غلط است"})
    client.post(vote_url(article), {"useful": "yes"})
    vote = FeedbackVote.objects.get()
    assert (vote.useful, vote.reason, vote.note) == (True, "", "")


def test_reader_cookie_is_signed_long_lived_httponly_and_lax(client, article):
    response = client.post(vote_url(article), {"useful": "yes"})
    cookie = response.cookies["reader"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) >= 365 * 24 * 3600
    request = RequestFactory().get("/")
    request.COOKIES["reader"] = cookie.value
    assert uuid.UUID(request.get_signed_cookie("reader", salt=READER_SALT))
    request.COOKIES["reader"] = cookie.value.replace(cookie.value[-3:], "xyz")
    with pytest.raises(signing.BadSignature):
        request.get_signed_cookie("reader", salt=READER_SALT)


def test_a_forged_reader_cookie_is_a_new_reader(client, article):
    client.post(vote_url(article), {"useful": "yes"})
    client.cookies["reader"] = "not-a-signed-value"
    client.post(vote_url(article), {"useful": "no"})
    assert votes(article) == (1, 2)


def test_logged_in_user_is_one_reader_whatever_their_cookie(article):
    user = make_user()
    first, second = Client(), Client()
    first.force_login(user)
    second.force_login(user)
    first.post(vote_url(article), {"useful": "yes"})
    second.post(vote_url(article), {"useful": "no"})
    assert votes(article) == (0, 1)
    assert FeedbackVote.objects.get().user == user


def test_the_database_refuses_a_second_vote_by_the_same_reader(article):
    from django.db import IntegrityError, transaction

    FeedbackVote.objects.create(article=article, reader="a:x", useful=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        FeedbackVote.objects.create(article=article, reader="a:x", useful=False)


def test_address_is_stored_only_as_a_keyed_hash(client, article):
    client.post(vote_url(article), {"useful": "yes"}, REMOTE_ADDR="203.0.113.7")
    stored = FeedbackVote.objects.get().address_hash
    assert "203.0.113.7" not in stored and len(stored) == 64


# Refusals


@pytest.mark.parametrize(
    "status", [Article.Status.DRAFT, Article.Status.REVIEW, Article.Status.UNPUBLISHED]
)
def test_votes_on_unpublished_articles_are_404(client, status):
    article = make_article(status=status)
    assert client.post(vote_url(article), {"useful": "yes"}).status_code == 404
    assert not FeedbackVote.objects.exists()


def test_votes_on_unknown_codes_are_404(client, article):
    for url in ("/feedback/999999/", "/feedback/99999999999999999999999999/", "/feedback/x/"):
        assert client.post(url, {"useful": "yes"}).status_code == 404


def test_votes_on_switched_off_articles_are_400(client, section):
    article = make_article(section=section, feedback_enabled=False)
    response = client.post(vote_url(article), {"useful": "yes"}, **JSON)
    assert response.status_code == 400
    assert "بسته است" in response.json()["error"]
    assert not FeedbackVote.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"useful": ""},
        {"useful": "maybe"},
        {"useful": "YES"},
        {"useful": "<script>alert(1)</script>"},
        {"useful": "yes\x00"},
        {"useful": "\u202eyes"},
        {"useful": "y" * 100_000},
    ],
)
def test_malformed_votes_are_400_with_a_persian_message(client, article, data):
    response = client.post(vote_url(article), data)
    assert response.status_code == 400
    assert "«بله» یا «خیر»" in response.text
    assert "<script>alert(1)</script>" not in response.text
    assert not FeedbackVote.objects.exists()


def test_follow_up_without_a_no_vote_is_400(client, article):
    assert client.post(why_url(article), {"reason": "wrong"}).status_code == 400
    client.post(vote_url(article), {"useful": "yes"})
    assert client.post(why_url(article), {"reason": "wrong"}).status_code == 400
    assert FeedbackVote.objects.get().reason == ""


@pytest.mark.parametrize(
    "note",
    [
        "<script>alert(1)</script>",
        "\u202eمتن وارونه\u202c",
        "متن\x00با\x00نال",
        "zero\u200bwidth\ufeff",
    ],
)
def test_hostile_notes_are_stored_clean_and_shown_escaped(client, article, note):
    client.post(vote_url(article), {"useful": "no"})
    assert client.post(why_url(article), {"reason": "other", "note": note}).status_code == 302
    stored = FeedbackVote.objects.get().note
    assert stored
    assert not any(c in stored for c in "\u202e\u202c\x00\u200b\ufeff")
    analyst = Client()
    analyst.force_login(make_user("Analysts"))
    page = analyst.get(f"/admin/articles/usefulnessreport/{article.pk}/change/").text
    assert "<script>alert(1)</script>" not in page
    assert stored.replace("<", "&lt;").replace(">", "&gt;") in page


def test_get_on_follow_up_is_not_allowed(client, article):
    assert client.get(why_url(article)).status_code == 405


def test_cross_site_posts_are_refused(client, article):
    response = client.post(vote_url(article), {"useful": "yes"}, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert (
        client.post(
            vote_url(article), {"useful": "yes"}, HTTP_ORIGIN="http://testserver"
        ).status_code
        == 302
    )


def test_flood_from_one_address_is_429_in_persian(client, settings, section):
    settings.FEEDBACK_RATE_LIMIT = (3, 600)
    articles = [make_article(section=section) for _ in range(4)]
    codes = [
        Client(REMOTE_ADDR="198.51.100.9").post(vote_url(a), {"useful": "yes"}, **JSON)
        for a in articles
    ]
    assert [r.status_code for r in codes] == [200, 200, 200, 429]
    assert "چند دقیقه دیگر" in codes[-1].json()["error"]
    # Another address is not held back.
    assert (
        Client(REMOTE_ADDR="198.51.100.10")
        .post(vote_url(articles[-1]), {"useful": "yes"})
        .status_code
        == 302
    )


def test_vote_endpoint_query_count_is_bounded(client, article, django_assert_max_num_queries):
    for i in range(30):
        FeedbackVote.objects.create(article=article, reader=f"a:{i}", useful=i % 2 == 0)
    # The vote, the article's kept vote count (read by the usefulness report), the flood
    # limit's count and, once a minute, the sweep of old counts.
    with django_assert_max_num_queries(11):
        assert client.post(vote_url(article), {"useful": "yes"}, **JSON).status_code == 200
    with django_assert_max_num_queries(3):
        client.get(vote_url(article), **JSON)
