"""The comment form's fill-time stamp: per response, for one article, good for a day."""

import datetime
import re
import time

import pytest
import time_machine
from django.core import signing

from comments.forms import STARTED_PLACEHOLDER, STARTED_SALT, started_at, started_now
from comments.models import Comment
from tests.factories import comment_form, make_article, make_comment

pytestmark = [pytest.mark.django_db, pytest.mark.cache]

JSON = {"HTTP_ACCEPT": "application/json"}
STAMP = re.compile(r'name="started" value="([^"]+)"')
OLD = "این فرم قدیمی شده بود"
INCOMPLETE = "فرم کامل نرسید"


def stamp_on(page) -> str:
    return STAMP.search(page.text)[1]


def post(client, article, **fields):
    return client.post(f"/comments/{article.code}/", comment_form(article, **fields))


def test_a_stamp_is_good_for_its_own_article_only(client, article):
    other = make_article()
    started = stamp_on(client.get(other.get_absolute_url()))
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=1)):
        elsewhere = post(client, article, text="نظری با مهر خبر دیگر", started=started)
        at_home = post(client, other, text="نظری با مهر همین خبر", started=started)
    assert elsewhere.status_code == 400
    assert INCOMPLETE in elsewhere.text
    assert "نظری با مهر خبر دیگر" in elsewhere.text
    assert at_home.status_code == 302
    assert list(Comment.objects.values_list("text", flat=True)) == ["نظری با مهر همین خبر"]


def test_a_stamp_without_its_article_as_handed_out_before_is_refused(client, article):
    timeless = signing.Signer(salt=STARTED_SALT).sign("1764000000.000")
    response = post(client, article, started=timeless)
    assert response.status_code == 400 and INCOMPLETE in response.text


def test_a_form_older_than_a_day_comes_back_filled_with_a_fresh_stamp(client, article, settings):
    now = datetime.datetime.now(datetime.UTC)
    handed_out = started_at(article.code, (now - datetime.timedelta(days=1, minutes=1)).timestamp())
    with time_machine.travel(now, tick=False):
        old = post(client, article, text="نوشتم و رفتم چای بریزم", started=handed_out)
    assert old.status_code == 400
    assert OLD in old.text
    assert "نوشتم و رفتم چای بریزم" in old.text
    fresh = stamp_on(old)
    assert fresh != handed_out and STARTED_PLACEHOLDER not in old.text
    later = now + datetime.timedelta(seconds=settings.COMMENTS_MIN_FILL_SECONDS + 1)
    with time_machine.travel(later, tick=False):
        again = post(client, article, text="نوشتم و رفتم چای بریزم", started=fresh)
    assert again.status_code == 302
    assert Comment.objects.get().text == "نوشتم و رفتم چای بریزم"


def test_a_form_a_little_under_a_day_old_is_taken(client, article):
    now = datetime.datetime.now(datetime.UTC)
    handed_out = started_at(article.code, (now - datetime.timedelta(hours=23)).timestamp())
    with time_machine.travel(now, tick=False):
        assert post(client, article, started=handed_out).status_code == 302


def test_the_script_gets_a_fresh_stamp_with_the_refusal(client, article):
    now = datetime.datetime.now(datetime.UTC)
    handed_out = started_at(article.code, (now - datetime.timedelta(days=2)).timestamp())
    with time_machine.travel(now, tick=False):
        response = client.post(
            f"/comments/{article.code}/", comment_form(article, started=handed_out), **JSON
        )
        assert response.status_code == 400
        assert OLD in response.json()["error"]
        assert response.json()["started"] == started_now(article.code)


def test_a_form_shown_again_gets_a_stamp_of_its_own_not_the_one_it_was_sent_with(client, article):
    sent = started_at(article.code, time.time() - 600)
    with time_machine.travel(datetime.datetime.now(datetime.UTC), tick=False):
        response = post(client, article, text="", started=sent)
        assert response.status_code == 400
        assert sent not in response.text
        assert STARTED_PLACEHOLDER not in response.text
        assert stamp_on(response) == started_now(article.code)


def test_the_reply_page_hands_out_a_stamp_for_its_article(client, article, settings):
    parent = make_comment(article, text="نظر اصلی")
    start = datetime.datetime.now(datetime.UTC)
    with time_machine.travel(start, tick=False):
        page = client.get(f"/comments/reply/{parent.pk}/")
    assert page.status_code == 200 and STARTED_PLACEHOLDER not in page.text
    later = start + datetime.timedelta(seconds=settings.COMMENTS_MIN_FILL_SECONDS + 1)
    with time_machine.travel(later, tick=False):
        reply = post(client, article, text="پاسخ من", parent=parent.pk, started=stamp_on(page))
    assert reply.status_code == 302
    assert Comment.objects.get(text="پاسخ من").parent == parent


def test_every_article_page_carries_a_stamp_and_never_the_placeholder(client, article):
    page = client.get(article.get_absolute_url())
    assert STARTED_PLACEHOLDER not in page.text
    value = signing.Signer(salt=STARTED_SALT).unsign(stamp_on(page))
    assert value.split(":")[0] == str(article.code)


def test_the_stamp_is_signed_once_a_second_for_each_article():
    with time_machine.travel(datetime.datetime(2026, 11, 24, 19, 14, 5, 100_000), tick=False):
        assert started_now(100001) is started_now(100001)  # the very same string: memoised
        assert started_now(100001) != started_now(100002)


def test_a_page_kept_for_minutes_gets_a_fresh_stamp_as_the_reader_starts_to_write(
    client, article, settings
):
    """Behind an edge the page's own stamp is as old as the page: the script asks for one as
    the reader starts to write, and the minimum fill time counts from then."""
    built = datetime.datetime.now(datetime.UTC)
    with time_machine.travel(built, tick=False):
        kept = stamp_on(client.get(article.get_absolute_url()))
    starts = built + datetime.timedelta(minutes=4)
    with time_machine.travel(starts, tick=False):
        answer = client.get(f"/comments/{article.code}/started/", **JSON)
    assert answer.status_code == 200
    assert "no-store" in answer["Cache-Control"]
    fresh = answer.json()["started"]
    assert fresh != kept and STARTED_PLACEHOLDER not in fresh
    too_soon = starts + datetime.timedelta(seconds=settings.COMMENTS_MIN_FILL_SECONDS - 1)
    with time_machine.travel(too_soon, tick=False):
        assert post(client, article, started=kept).status_code == 302  # the old stamp: let by
        hurried = post(client, article, text="تند و تیز", started=fresh)
    assert hurried.status_code == 400 and "خیلی سریع" in hurried.text
    assert "تند و تیز" in hurried.text
