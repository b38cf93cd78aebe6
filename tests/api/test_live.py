"""The public API's live coverage: a live article's entries, newest first, a page at a time,
cached under the article's own version (an entry shows on the next request)."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from newsroom.persian import jalali
from tests.factories import make_article, make_image

pytestmark = [pytest.mark.django_db, pytest.mark.cache]

API = "/api/v1"


@pytest.fixture
def live(article, editor):
    article.start_live(by=editor)
    return article


def url(article) -> str:
    return f"{API}/articles/{article.code}/live/"


def test_the_entries_come_newest_first_with_the_pinned_one_apart(live, editor):
    start = timezone.now().replace(microsecond=0)
    first = live.add_live_entry(by=editor, text="نخستین خبر از محل", at=start)
    same_second = live.add_live_entry(by=editor, text="در همان ثانیه", at=start)
    pinned = live.add_live_entry(by=editor, text="خلاصه ماجرا", is_pinned=True, at=start)
    pictured = live.add_live_entry(
        by=editor, image=make_image(), at=start + datetime.timedelta(minutes=1)
    )
    answer = Client().get(url(live))
    assert answer.status_code == 200
    found = answer.json()
    assert found["code"] == live.code and found["is_live"] is True
    assert found["pinned"]["id"] == pinned.pk and found["pinned"]["is_pinned"] is True
    assert [item["id"] for item in found["items"]] == [
        pictured.pk,
        pinned.pk,
        same_second.pk,
        first.pk,
    ]
    newest = found["items"][0]
    assert newest["image"]["renditions"] and newest["embed"] is None
    assert newest["created_at"]["iso"].endswith("+03:30")
    assert newest["created_at"]["jalali"] == jalali.format_datetime(pictured.created_at)
    assert newest["url"].endswith(f"#live-{pictured.pk}")


def test_the_cursor_walks_every_entry_once_even_within_a_second(live, editor):
    start = timezone.now().replace(microsecond=0) - datetime.timedelta(hours=1)
    written = [
        live.add_live_entry(
            by=editor, text=f"مطلب {n}", at=start + datetime.timedelta(seconds=n // 3)
        ).pk
        for n in range(11)
    ]
    seen, address = [], f"{url(live)}?limit=4"
    while address:
        page = Client().get(address).json()
        seen += [item["id"] for item in page["items"]]
        address = page["next"]
    assert seen == written[::-1]


def test_a_new_entry_shows_on_the_next_request(live, editor):
    reader = Client()
    first = reader.get(url(live))
    assert reader.get(url(live), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    entry = live.add_live_entry(by=editor, text="خبر تازه از محل")
    again = reader.get(url(live), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again.json()["items"][0]["id"] == entry.pk


def test_an_ended_coverage_keeps_its_entries_and_says_so(live, editor):
    live.add_live_entry(by=editor, text="آخرین خبر")
    live.end_live(by=editor)
    found = Client().get(url(live)).json()
    assert found["is_live"] is False and found["ended_at"]["iso"]
    assert [item["text"] for item in found["items"]] == ["آخرین خبر"]


@pytest.mark.parametrize("state", ["draft", "scheduled", "never live"])
def test_a_story_readers_may_not_see_or_never_covered_live_is_not_found(section, editor, state):
    if state == "never live":
        story = make_article(section=section)
    else:
        story = make_article(
            section=section,
            status="draft" if state == "draft" else "published",
            published_at=timezone.now() + datetime.timedelta(hours=2),
        )
        story.live_started_at = timezone.now()
        story.save(update_fields=["live_started_at"])
        story.add_live_entry(by=editor, text="نباید دیده شود")
    answer = Client().get(url(story))
    assert answer.status_code == 404
    assert "نباید دیده شود" not in answer.text
    assert "پوشش زنده" in answer.json()["detail"]


@pytest.mark.parametrize("cursor", ["zzz", "MTIz", "\u202e", "x" * 60])
def test_a_bad_cursor_is_a_persian_400(live, cursor):
    answer = Client().get(url(live), {"cursor": cursor})
    assert answer.status_code == 400
    assert "cursor" in answer.text and "درست نیست" in answer.json()["detail"]


def test_the_queries_do_not_grow_with_the_entries(live, editor, django_assert_max_num_queries):
    picture = make_image()
    live.add_live_entry(by=editor, text="خلاصه", is_pinned=True)
    for n in range(3):
        live.add_live_entry(by=editor, text=f"مطلب {n}", image=picture)
    with django_assert_max_num_queries(8) as few:
        Client().get(url(live))
    for n in range(30):
        live.add_live_entry(by=editor, text=f"مطلب بیشتر {n}", image=picture)
    with django_assert_max_num_queries(len(few.captured_queries)):
        Client().get(url(live))
