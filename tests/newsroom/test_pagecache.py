"""Anonymous readers get pages from the cache; every change they could see shows at once."""

import datetime
import re
from urllib.parse import urlencode

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from articles.models import Article, ViewCount
from articles.popularity import counting as popularity
from comments.models import Comment
from newsroom.persian.jalali import to_jalali
from tests.factories import comment_form, make_article, make_comment, make_tag, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.cache]

BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 Firefox/130"}


@pytest.fixture
def reader():
    return Client(**BROWSER)


def pages(article) -> list[str]:
    return ["/", article.section.get_absolute_url(), article.get_absolute_url()]


def test_second_visit_is_served_from_the_cache_with_one_query(
    reader, article, django_assert_num_queries
):
    day = to_jalali(article.published_at)
    archive = f"/archive/{day.year}/{day.month}/{day.day}/"
    for url in [*pages(article), archive]:
        first = reader.get(url)
        with django_assert_num_queries(1):  # the versions: the database says what is current
            second = reader.get(url)
        # The same page, but for the comment form's fill time stamped on each copy.
        assert _unstamped(second) == _unstamped(first)
        assert "public" in second["Cache-Control"] and "no-cache" in second["Cache-Control"]


def _unstamped(response) -> bytes:
    return re.sub(rb'name="started" value="[^"]*"', b"", response.content)


def test_conditional_get_answers_304(reader, article):
    first = reader.get(article.get_absolute_url())
    assert first["ETag"] and first["Last-Modified"]
    again = reader.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    since = reader.get(article.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_publishing_shows_on_the_next_request(reader, article):
    for url in pages(article):
        reader.get(url)
    draft = make_article(section=article.section, title="خبر تازه منتشرشده", status="draft")
    assert "خبر تازه منتشرشده" not in reader.get("/").text
    draft.publish()
    assert "خبر تازه منتشرشده" in reader.get("/").text
    assert "خبر تازه منتشرشده" in reader.get(article.section.get_absolute_url()).text


def test_an_edit_shows_on_the_next_request(reader, article):
    for url in pages(article):
        reader.get(url)
    article.title = "تیتر ویرایش‌شده"
    article.save()
    assert "تیتر ویرایش‌شده" in reader.get("/").text
    assert "تیتر ویرایش‌شده" in reader.get(article.get_absolute_url()).text


def test_unpublishing_shows_on_the_next_request(reader, article):
    for url in pages(article):
        reader.get(url)
    article.unpublish()
    assert article.title not in reader.get("/").text
    assert reader.get(article.get_absolute_url()).status_code == 404


def test_a_draft_edit_keeps_the_cache(reader, article, django_assert_num_queries):
    reader.get("/")
    draft = make_article(section=article.section, status=Article.Status.DRAFT)
    draft.title = "هنوز پیش‌نویس"
    draft.save()
    with django_assert_num_queries(1):  # the versions, unchanged: the page from the cache
        reader.get("/")


def test_a_scheduled_article_appears_when_its_time_comes(reader, article):
    due = datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=10)
    make_article(section=article.section, title="خبر زمان‌بندی‌شده", published_at=due)
    assert "خبر زمان‌بندی‌شده" not in reader.get("/").text
    with time_machine.travel(due + datetime.timedelta(seconds=1)):
        assert "خبر زمان‌بندی‌شده" in reader.get("/").text


def test_an_approved_comment_shows_on_the_next_request(reader, article):
    pending = make_comment(article, status=Comment.Status.PENDING, text="نظر در صف")
    assert "نظر در صف" not in reader.get(article.get_absolute_url()).text
    moderator = Client()
    moderator.force_login(make_user("Moderators"))
    moderator.post(
        reverse("admin:comments_comment_changelist"),
        {"action": "approve", "_selected_action": [pending.pk]},
    )
    assert "نظر در صف" in reader.get(article.get_absolute_url()).text


def test_a_comment_change_expires_only_its_article(reader, article, django_assert_num_queries):
    other = make_article(section=article.section)
    reader.get(other.get_absolute_url())
    make_comment(article, text="نظر تازه")
    with django_assert_num_queries(1):  # the versions, unchanged for this one
        reader.get(other.get_absolute_url())
    assert "نظر تازه" in reader.get(article.get_absolute_url()).text


def test_a_reported_comment_leaves_the_page_at_once(reader, article, settings):
    settings.COMMENTS_REPORT_THRESHOLD = 1
    comment = make_comment(article, text="نظر گزارش‌شده")
    assert "نظر گزارش‌شده" in reader.get(article.get_absolute_url()).text
    Client().post(f"/comments/report/{comment.pk}/")
    assert "نظر گزارش‌شده" not in reader.get(article.get_absolute_url()).text


def test_a_renamed_section_shows_on_every_page(reader, article):
    for url in pages(article):
        reader.get(url)
    article.section.name = "جامعه"
    article.section.save()
    for url in pages(article):
        assert ">جامعه</a>" in reader.get(url).text


def test_a_renamed_tag_shows_on_the_next_request(reader, article):
    tag = make_tag(name="برچسب کهنه")
    article.tags.add(tag)
    reader.get(article.get_absolute_url())
    tag.name = "برچسب نو"
    tag.save()
    assert "برچسب نو" in reader.get(article.get_absolute_url()).text


def test_logged_in_staff_always_get_fresh_private_pages(article, django_assert_max_num_queries):
    editor = Client(**BROWSER)
    editor.force_login(make_user("Editors"))
    Client(**BROWSER).get(article.get_absolute_url())  # cached for readers
    Article.objects.filter(pk=article.pk).update(lead="تغییر بی‌سروصدا")  # no signal
    page = editor.get(article.get_absolute_url())
    assert "تغییر بی‌سروصدا" in page.text
    assert "private" in page["Cache-Control"]


def test_a_reader_with_a_message_waiting_gets_it(article):
    reader = Client(**BROWSER)
    reader.get(article.get_absolute_url())
    response = reader.post(f"/feedback/{article.code}/", {"useful": "yes"}, follow=True)
    assert "از پاسخ شما سپاسگزاریم" in response.text


def test_views_are_counted_on_cached_pages_too(reader, article):
    for _ in range(3):
        reader.get(article.get_absolute_url())
    popularity.flush()
    assert ViewCount.objects.get(article=article).views == 3


def test_day_change_renews_the_header_date(reader, article):
    day = datetime.datetime(2026, 11, 24, 20, 0, tzinfo=datetime.UTC)  # 23:30 Tehran, 3 Azar
    with time_machine.travel(day):
        assert "۳ آذر ۱۴۰۵" in reader.get("/section/society/").text
    with time_machine.travel(day + datetime.timedelta(hours=1)):  # 00:30, 4 Azar
        assert "۴ آذر ۱۴۰۵" in reader.get("/section/society/").text


def test_a_form_from_the_cache_counts_the_fill_time_from_now(reader, article, settings):
    """The comment form's fill time is not frozen in the cached page: a bot posting at once
    is held back however old the cached page is, and a reader who took their time is not."""
    settings.COMMENTS_MIN_FILL_SECONDS = 5
    url = article.get_absolute_url()
    start = datetime.datetime.now(datetime.UTC)
    with time_machine.travel(start, tick=False):
        reader.get(url)
    with time_machine.travel(start + datetime.timedelta(seconds=200), tick=False):
        page = reader.get(url)
        assert page.wsgi_request.page_cache == "hit"
        started = re.search(r'name="started" value="([^"]+)"', page.text).group(1)
        hasty = reader.post(
            f"/comments/{article.code}/", comment_form(text="بی‌درنگ", started=started)
        )
    assert hasty.status_code == 400 and "ثانیه صبر کنید" in hasty.text
    with time_machine.travel(start + datetime.timedelta(seconds=230), tick=False):
        patient = reader.post(
            f"/comments/{article.code}/", comment_form(text="با حوصله", started=started)
        )
    assert patient.status_code in (200, 302)
    assert Comment.objects.filter(text="با حوصله").exists()


def test_a_page_from_the_cache_keeps_its_security_headers(reader, article):
    first = reader.get(article.get_absolute_url())
    again = reader.get(article.get_absolute_url())
    assert again.wsgi_request.page_cache == "hit"
    for header in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"):
        assert again[header] == first[header]
    assert "script-src 'self'" in again["Content-Security-Policy"]


def test_junk_in_the_query_string_gets_the_one_page_from_the_cache(reader, article):
    """utm_*, fbclid, gclid or anything unknown cannot make a page render again, or fill
    the cache: a thousand distinct query strings cost one render."""
    junk = ["x", "utm_source", "fbclid", "gclid", "_"]
    renders = 0
    for n in range(1000):
        response = reader.get(f"/?{junk[n % len(junk)]}={n}")
        assert response.status_code == 200
        renders += response.wsgi_request.page_cache == "miss"
    assert renders == 1


def test_the_parameters_a_page_uses_still_make_their_own_pages(reader, section):
    for n in range(14):
        make_article(section=section, title=f"خبر فهرست {n}")
    first = reader.get("/section/society/?utm_source=x").text
    second = reader.get("/section/society/?page=2&fbclid=y").text
    assert "خبر فهرست 13" in first and "خبر فهرست 13" not in second
    again = reader.get("/section/society/?page=02")
    assert again.wsgi_request.page_cache == "hit" and again.text == second


def test_an_unpublished_article_leaves_the_sitemaps_at_once(reader, article):
    assert article.get_absolute_url() in reader.get("/sitemap-articles.xml").text
    assert article.get_absolute_url() in reader.get("/news-sitemap.xml").text
    article.unpublish()
    assert article.get_absolute_url() not in reader.get("/sitemap-articles.xml").text
    assert article.get_absolute_url() not in reader.get("/news-sitemap.xml").text


class CacheSnapshot:
    """Everything the cache holds, to put back later: a Redis restarted from an older
    snapshot, or a failover to a replica that lags."""

    def __init__(self, settings):
        from django.core.cache import cache

        self.cache = cache
        self.redis = None
        if settings.REDIS_URL:
            import redis

            self.redis = redis.Redis.from_url(settings.REDIS_URL)
            self.saved = {key: self.redis.dump(key) for key in self.redis.keys("*")}
        else:  # the local-memory cache of the tests
            self.saved = (dict(cache._cache), dict(cache._expire_info))

    def restore(self):
        if self.redis is not None:
            self.redis.flushdb()
            for key, value in self.saved.items():
                self.redis.restore(key, 0, value, replace=True)
        else:
            self.cache.clear()
            self.cache._cache.update(self.saved[0])
            self.cache._expire_info.update(self.saved[1])


def test_a_cache_rolled_back_never_brings_back_an_unpublished_article(reader, article, settings):
    for url in pages(article):
        reader.get(url)
    snapshot = CacheSnapshot(settings)
    article.unpublish()
    reader.get("/")
    snapshot.restore()  # the cache as it was while the article was published
    assert article.title not in reader.get("/").text
    assert reader.get(article.get_absolute_url()).status_code == 404
    assert article.title not in reader.get(article.section.get_absolute_url()).text


def test_a_search_comes_from_the_cache_until_something_readers_see_changes(reader, article):
    url = "/search/?" + urlencode({"q": "یونسکو", "utm_source": "x"})
    assert article.get_absolute_url() in reader.get(url).text
    again = reader.get(url + "&fbclid=y")
    assert again.wsgi_request.page_cache == "hit"
    other = make_article(section=article.section, title="یونسکو و میراث جهانی")
    fresh = reader.get(url)
    assert fresh.wsgi_request.page_cache == "miss" and other.get_absolute_url() in fresh.text


def test_searches_typed_differently_are_pages_of_their_own(reader, section):
    zero = make_article(section=section, title="گزارش 02 آبان")
    make_article(section=section, title="گزارش 2 آذر")
    long = "آبان " * 30
    answers = [reader.get("/search/", {"q": q}).text for q in ("02", "2", long, long + "آذر")]
    assert zero.get_absolute_url() in answers[0] and zero.get_absolute_url() not in answers[1]
    assert f"«{long.strip()}»" in answers[2] and f"«{long}آذر»" in answers[3]
