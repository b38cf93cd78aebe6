"""«لحظه‌به‌لحظه»: live coverage of an article — entries newest first, one pinned, written by
editors and by reporters on their own articles, each change with its history; readers get
new entries from a poll answered from the page cache (one render per entry, a 304 while
nothing changed); LiveBlogPosting while live, NewsArticle after."""

import datetime
import json
import re

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleEvent, LiveEntry
from articles.views import live as live_views
from newsroom.persian import jalali
from newsroom.persian.text import to_persian_digits
from tests.factories import make_image, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(article, editor):
    article.start_live(by=editor)
    return article


def admin_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def live_url(article) -> str:
    return reverse("admin:articles_article_live", args=[article.pk])


def poll_url(article) -> str:
    return reverse("articles:live_poll", kwargs={"code": article.code})


def entry_ids(html: str) -> list[int]:
    """The entries' ids in the order a reader reads them on the page."""
    return [int(n) for n in re.findall(r'data-live-id="(\d+)"', html)]


def json_ld(html: str) -> list[dict]:
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


# -- Who may write -------------------------------------------------------------------------


def test_an_editor_adds_an_entry_from_the_short_form_and_readers_see_it(live, editor):
    response = admin_client(editor).post(live_url(live), {"text": "انفجار در بندر شهید رجایی"})
    assert response.status_code == 302
    entry = live.live_entries.get()
    assert entry.by == editor
    page = Client().get(live.get_absolute_url()).content.decode()
    assert "انفجار در بندر شهید رجایی" in page
    assert ArticleEvent.objects.filter(article=live, action="live_added", actor=editor).exists()


def test_a_reporter_writes_entries_on_their_own_article_only(live, section):
    own_reporter = live.author
    response = admin_client(own_reporter).post(live_url(live), {"text": "از محل حادثه"})
    assert response.status_code == 302
    other = make_user("Reporters")
    response = admin_client(other).post(live_url(live), {"text": "از جای دیگر"})
    assert response.status_code == 403
    assert list(live.live_entries.values_list("text", flat=True)) == ["از محل حادثه"]


@pytest.mark.parametrize("role", ["Moderators", "Analysts"])
def test_moderators_and_analysts_may_not_write_entries(live, role):
    response = admin_client(make_user(role)).post(live_url(live), {"text": "نباید"})
    assert response.status_code == 403
    assert not live.live_entries.exists()


def test_only_editors_start_and_end_coverage(article, editor):
    reporter = article.author
    assert admin_client(reporter).post(live_url(article), {"_start": "1"}).status_code == 403
    article.refresh_from_db()
    assert not article.is_live
    assert admin_client(editor).post(live_url(article), {"_start": "1"}).status_code == 302
    article.refresh_from_db()
    assert article.is_live
    assert admin_client(reporter).post(live_url(article), {"_end": "1"}).status_code == 403
    article.refresh_from_db()
    assert article.is_live


def test_editing_and_deleting_an_entry_keeps_its_history(live, editor):
    reporter = live.author
    entry = live.add_live_entry(by=reporter, text="دو کشته")
    url = reverse("admin:articles_article_live_entry", args=[live.pk, entry.pk])
    response = admin_client(editor).post(url, {"text": "سه کشته", "_save": "1"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.text == "سه کشته"
    page = admin_client(editor).get(url).content.decode()
    assert "دو کشته" in page and "سه کشته" in page  # the revisions
    response = admin_client(editor).post(url, {"_delete": "1"})
    assert response.status_code == 302
    assert not LiveEntry.objects.filter(pk=entry.pk).exists()
    kept = LiveEntry.history.filter(id=entry.pk).order_by("history_id")
    assert [r.history_type for r in kept] == ["+", "~", "-"]
    assert [r.history_user for r in kept] == [reporter, editor, editor]
    actions = set(ArticleEvent.objects.filter(article=live).values_list("action", flat=True))
    assert {"live_added", "live_edited", "live_removed"} <= actions


def test_another_reporter_may_not_edit_or_delete_an_entry(live):
    entry = live.add_live_entry(text="متن")
    url = reverse("admin:articles_article_live_entry", args=[live.pk, entry.pk])
    other = admin_client(make_user("Reporters"))
    assert other.post(url, {"text": "دستکاری", "_save": "1"}).status_code == 403
    assert other.post(url, {"_delete": "1"}).status_code == 403
    entry.refresh_from_db()
    assert entry.text == "متن"


# -- What people type ----------------------------------------------------------------------


def test_a_script_in_an_entry_is_shown_as_text(live, editor):
    admin_client(editor).post(live_url(live), {"text": "<script>alert(1)</script> هشدار"})
    page = Client().get(live.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; هشدار" in page


def test_bidi_overrides_and_null_bytes_are_dropped(live, editor):
    admin_client(editor).post(live_url(live), {"text": "خبر\u202e فوری\x00 يك"})
    assert live.live_entries.get().text == "خبر فوری یک"


def test_a_huge_entry_is_refused_in_persian_and_the_form_kept(live, editor):
    text = "ب" * 6000
    response = admin_client(editor).post(live_url(live), {"text": text})
    assert response.status_code == 400
    page = response.content.decode()
    assert "حداکثر ۵۰۰۰ نویسه مجاز است" in page
    assert text in page
    assert not live.live_entries.exists()


def test_an_empty_entry_and_an_embed_off_the_list_are_refused(live, editor):
    response = admin_client(editor).post(live_url(live), {"text": "  "})
    assert response.status_code == 400
    assert "مطلب خالی است" in response.content.decode()
    response = admin_client(editor).post(
        live_url(live), {"text": "ویدیو", "embed": "https://youtube.com.evil.example/watch?v=x"}
    )
    assert response.status_code == 400
    assert "فهرست جاسازی‌های مجاز" in response.content.decode()
    assert not live.live_entries.exists()


def test_an_entry_with_a_library_picture_and_an_embed(live, editor):
    image = make_image(alt="آتش‌نشانان در محل")
    response = admin_client(editor).post(
        live_url(live),
        {"image": str(image.pk), "embed": "https://www.youtube.com/watch?v=dQw4w9WgXcQ"},
    )
    assert response.status_code == 302
    page = Client().get(live.get_absolute_url())
    html = page.content.decode()
    assert 'alt="آتش‌نشانان در محل"' in html
    assert "youtube" in html and "data-embed-src" in html
    assert "youtube-nocookie.com" in page["Content-Security-Policy"]


def test_no_entry_before_coverage_starts_or_after_it_ends(article, editor):
    response = admin_client(editor).post(live_url(article), {"text": "زود است"})
    assert response.status_code == 400
    assert "پوشش زندهٔ این خبر برقرار نیست" in response.content.decode()
    article.start_live(by=editor)
    article.end_live(by=editor)
    response = admin_client(editor).post(live_url(article), {"text": "دیر است"})
    assert response.status_code == 400
    assert not article.live_entries.exists()


# -- Order, pinning ------------------------------------------------------------------------


def test_entries_of_the_same_second_keep_the_order_they_were_written_in(live):
    second = timezone.now().replace(microsecond=0)
    written = [live.add_live_entry(text=f"مطلب {n}", at=second).pk for n in range(5)]
    page = Client().get(live.get_absolute_url()).content.decode()
    assert entry_ids(page) == list(reversed(written))


def test_a_list_that_goes_on_from_an_entry_misses_none_of_the_same_second(live):
    second = timezone.now().replace(microsecond=0)
    written = [live.add_live_entry(text=f"مطلب {n}", at=second).pk for n in range(4)]
    third = LiveEntry.objects.get(pk=written[2])
    rest = live.live_entries.for_page().older_than(third.created_at, third.pk)
    assert list(rest.values_list("pk", flat=True)) == [written[1], written[0]]


def test_one_pinned_entry_shows_above_the_rest(live, editor):
    first = live.add_live_entry(text="خلاصه", is_pinned=True)
    newer = live.add_live_entry(text="تازه")
    second_pin = live.add_live_entry(text="خلاصهٔ تازه", is_pinned=True)
    first.refresh_from_db()
    assert not first.is_pinned
    html = Client().get(live.get_absolute_url()).content.decode()
    assert entry_ids(html) == [second_pin.pk, newer.pk, first.pk]
    assert html.count("سنجاق‌شده") == 1


def test_entries_show_jalali_times_in_persian_digits_with_iso_datetimes(live):
    at = datetime.datetime(2026, 12, 7, 14, 5, tzinfo=datetime.UTC)
    live.add_live_entry(text="ساعت", at=at)
    html = Client().get(live.get_absolute_url()).content.decode()
    assert '<time id="live-' in html
    assert 'datetime="2026-12-07T17:35:00+03:30"' in html
    assert "۱۷:۳۵" in html
    assert 'aria-live="polite"' in html


# -- The poll ------------------------------------------------------------------------------


def test_the_poll_answers_304_while_nothing_changed_and_the_new_entry_after(live):
    live.add_live_entry(text="اول")
    client = Client()
    first = client.get(poll_url(live))
    assert first.status_code == 200
    assert "public" in first["Cache-Control"]
    etag = first["ETag"]
    again = client.get(poll_url(live), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    live.add_live_entry(text="دوم")
    after = client.get(poll_url(live), HTTP_IF_NONE_MATCH=etag)
    assert after.status_code == 200
    entries = after.json()["entries"]
    assert "دوم" in entries[0]["html"] and "اول" in entries[1]["html"]
    assert after.json()["live"] is True


def test_many_pollers_cost_one_render_per_new_entry(live, monkeypatch):
    renders = []
    real_html = live_views._entry_html
    monkeypatch.setattr(live_views, "_entry_html", lambda e: renders.append(e.pk) or real_html(e))
    for entry_number in range(3):
        live.add_live_entry(text=f"مطلب {entry_number}")
        before = len(renders)
        for _reader in range(50):
            assert Client().get(poll_url(live)).status_code == 200
        # One render of the poll: each of its entries' HTML made once, whatever the readers.
        assert len(renders) - before == entry_number + 1


def test_an_entry_renews_only_its_article_not_the_home_page(live, django_assert_max_num_queries):
    client = Client()
    client.get("/")
    client.get(live.get_absolute_url())  # kept in the page cache
    with django_assert_max_num_queries(1):  # the versions; the page from the cache
        client.get("/")
    live.add_live_entry(text="مطلب تازه")
    with django_assert_max_num_queries(1):
        client.get("/")
    assert "مطلب تازه" in client.get(live.get_absolute_url()).content.decode()


def test_an_entry_purges_its_article_at_the_edge(live, settings, monkeypatch):
    from newsroom.pagecache import edge

    purged = []
    monkeypatch.setattr(edge, "purge_on_commit", purged.append)
    live.add_live_entry(text="مطلب")
    assert purged == [f"article-{live.code}"]


def test_the_poll_of_an_article_never_covered_live_is_404(article):
    assert Client().get(poll_url(article)).status_code == 404


# -- The page's cost -----------------------------------------------------------------------


def test_the_article_page_reads_as_many_queries_at_200_entries_as_at_none(
    live, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 0  # every part rendered from the database
    client = Client()
    with CaptureQueriesContext(connection) as none:
        client.get(live.get_absolute_url())
    second = timezone.now() - datetime.timedelta(hours=1)
    LiveEntry.objects.bulk_create(
        LiveEntry(article=live, text=f"مطلب {n}", created_at=second + datetime.timedelta(seconds=n))
        for n in range(200)
    )
    with django_assert_max_num_queries(len(none)):
        html = client.get(live.get_absolute_url()).content.decode()
    assert len(entry_ids(html)) == 50  # the newest fifty, the rest a link away
    assert "مطالب قدیمی‌تر" in html
    assert entry_ids(html)[0] == LiveEntry.objects.order_by("-created_at").first().pk


def test_the_poll_and_the_cached_page_cost_one_query(live, django_assert_max_num_queries):
    live.add_live_entry(text="مطلب")
    client = Client()
    client.get(poll_url(live))
    client.get(live.get_absolute_url())
    with django_assert_max_num_queries(1):  # the versions' read
        assert client.get(poll_url(live)).status_code == 200
    with django_assert_max_num_queries(1):
        assert client.get(live.get_absolute_url()).status_code == 200


def test_older_entries_are_a_page_away(live):
    second = timezone.now() - datetime.timedelta(hours=1)
    LiveEntry.objects.bulk_create(
        LiveEntry(article=live, text=f"مطلب {n}", created_at=second + datetime.timedelta(seconds=n))
        for n in range(60)
    )
    page_two = Client().get(
        reverse("articles:live_entries", kwargs={"code": live.code}) + "?page=2"
    )
    assert page_two.status_code == 200
    assert len(entry_ids(page_two.content.decode())) == 10


# -- Structured data, and the end ----------------------------------------------------------


def test_json_ld_is_a_live_blog_posting_while_live(live):
    live.add_live_entry(text="نخستین گزارش\nجزئیات")
    data = json_ld(Client().get(live.get_absolute_url()).content.decode())[0]
    assert data["@type"] == "LiveBlogPosting"
    assert data["coverageStartTime"].endswith("+03:30")
    assert "coverageEndTime" not in data
    update = data["liveBlogUpdate"][0]
    assert update["@type"] == "BlogPosting"
    assert update["headline"] == "نخستین گزارش"
    assert update["url"].endswith(f"#live-{live.live_entries.get().pk}")


def test_ending_coverage_makes_an_ordinary_article_with_its_entries_kept(live, editor):
    live.add_live_entry(text="آخرین گزارش")
    client = Client()
    assert "زنده" in client.get("/").content.decode()
    response = admin_client(editor).post(live_url(live), {"_end": "1"})
    assert response.status_code == 302
    live.refresh_from_db()
    assert not live.is_live and live.live_ended_at is not None
    html = client.get(live.get_absolute_url()).content.decode()
    assert "آخرین گزارش" in html
    assert "پایان یافت" in html
    assert "data-live-poll" not in html
    assert json_ld(html)[0]["@type"] == "NewsArticle"
    assert 'class="live-badge"' not in client.get("/").content.decode()
    assert client.get(poll_url(live)).json()["live"] is False
    assert ArticleEvent.objects.filter(article=live, action="live_ended", actor=editor).exists()


def test_the_home_page_marks_a_live_article(live):
    html = Client().get("/").content.decode()
    assert '<span class="live-badge">زنده</span>' in html


def test_entries_of_an_unpublished_article_are_not_shown(live):
    live.add_live_entry(text="محرمانه")
    Article.objects.filter(pk=live.pk).update(status=Article.Status.DRAFT)
    assert Client().get(poll_url(live)).status_code == 404
    assert not LiveEntry.objects.published().exists()


def test_an_end_set_ahead_is_announced_and_comes_by_itself(live, editor):
    live.add_live_entry(text="آخرین گزارش پیش از پایان")
    # Two minutes ahead, to the minute: well within the page cache's five, so only the end's
    # own due moment can take the pages built before it out of the cache.
    ends = (timezone.now() + datetime.timedelta(minutes=3)).replace(second=0, microsecond=0)
    form = {
        "_end": "1",
        "ends_at_0": jalali.format_input_date(ends),
        "ends_at_1": to_persian_digits(jalali.localtime(ends).strftime("%H:%M")),
    }
    assert admin_client(editor).post(live_url(live), form).status_code == 302
    client = Client()
    html = client.get(live.get_absolute_url()).content.decode()
    data = json_ld(html)[0]
    assert data["@type"] == "LiveBlogPosting"
    assert data["coverageEndTime"] == jalali.isoformat(ends)
    assert "data-live-poll" in html
    assert 'class="live-badge"' in client.get("/").content.decode()
    client.get(poll_url(live))
    with time_machine.travel(ends + datetime.timedelta(seconds=5), tick=False):
        html = client.get(live.get_absolute_url()).content.decode()  # cached pages expired
        assert json_ld(html)[0]["@type"] == "NewsArticle"
        assert "data-live-poll" not in html and "آخرین گزارش پیش از پایان" in html
        assert 'class="live-badge"' not in client.get("/").content.decode()
        assert client.get(poll_url(live)).json()["live"] is False


def test_an_end_in_the_past_is_refused_in_persian(live, editor):
    past = timezone.now() - datetime.timedelta(hours=1)
    form = {
        "_end": "1",
        "ends_at_0": jalali.format_input_date(past),
        "ends_at_1": to_persian_digits(jalali.localtime(past).strftime("%H:%M")),
    }
    response = admin_client(editor).post(live_url(live), form)
    assert response.status_code == 400
    assert "زمان پایان باید پیش رو باشد" in response.content.decode()
    live.refresh_from_db()
    assert live.is_live and live.live_ended_at is None
