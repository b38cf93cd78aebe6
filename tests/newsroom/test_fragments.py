"""An article page the page cache does not hold is built from its cached parts, each kept
under what it shows: quick, and never stale."""

import datetime
import re

import pytest
import time_machine
from django.db import connection, transaction
from django.template import Context, Template, TemplateSyntaxError
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from newsroom import messengers
from newsroom.pagecache import versions
from tests.factories import make_article, make_comment, make_tag, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.cache]

BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 Firefox/130"}


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Every request below misses the page cache, as after a change or with a tracking
    parameter in the link: what is measured is the parts."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def reader():
    return Client(**BROWSER)


def test_a_page_from_its_parts_is_the_page_rendered_afresh(reader, article, settings):
    make_comment(article, text="نظری برای همه")
    article.tags.add(make_tag(name="آموزش"))
    first = reader.get(article.get_absolute_url())
    from_parts = reader.get(article.get_absolute_url())
    settings.FRAGMENT_CACHE_SECONDS = 0
    afresh = reader.get(article.get_absolute_url())
    assert same_page(from_parts) == same_page(first) == same_page(afresh)
    for shown in (article.title, "نظری برای همه", "آموزش", "آیا این خبر مفید بود؟", "ارسال نظر"):
        assert shown in from_parts.text


def test_with_its_parts_cached_an_article_costs_one_query(
    reader, article, django_assert_num_queries
):
    reader.get(article.get_absolute_url())
    with django_assert_num_queries(1):  # the versions: the database says what is current
        again = reader.get(article.get_absolute_url() + "?utm_source=telegram")
    assert again.status_code == 200 and article.title in again.text


def test_after_a_publish_only_what_shows_other_articles_is_rebuilt(reader, article):
    cold = _queries(reader, article.get_absolute_url())
    newcomer = make_article(section=article.section, title="خبر تازه همین سرویس")
    rebuilt = _queries(reader, article.get_absolute_url())
    # The row, the related news and the rankings; not the tags, comments or section menu.
    assert len(rebuilt) < len(cold)
    section_menu, comment_list = 'FROM "articles_section"', '"comments_comment"."parent_id" IS NULL'
    for query in (section_menu, comment_list):
        assert any(query in sql for sql in cold)
        assert not any(query in sql for sql in rebuilt)
    assert newcomer.title in reader.get(article.get_absolute_url()).text  # «اخبار مرتبط»


def same_page(response) -> bytes:
    """The page but for the comment form's fill time, which is stamped on each response."""
    return re.sub(rb'name="started" value="[^"]*"', b"", response.content)


def _queries(client, url) -> list[str]:
    """What a page costs besides the one read of the versions every page makes."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    queries = [query["sql"] for query in captured]
    versions = [sql for sql in queries if 'FROM "newsroom_cacheversion"' in sql]
    assert len(versions) == 1, queries
    return [sql for sql in queries if sql not in versions]


def test_an_edit_shows_on_the_next_request(reader, article):
    reader.get(article.get_absolute_url())
    article.lead = "لید ویرایش‌شده"
    article.save()
    assert "لید ویرایش‌شده" in reader.get(article.get_absolute_url()).text


def test_a_tag_given_without_saving_the_article_shows(reader, article):
    reader.get(article.get_absolute_url())
    article.tags.add(make_tag(name="برچسب افزوده"))
    page = reader.get(article.get_absolute_url()).text
    assert ">برچسب افزوده</a>" in page
    assert '"keywords": ["برچسب افزوده"]' in page  # and in the structured data


def test_renamed_section_tag_and_byline_show(reader, article):
    tag = make_tag(name="برچسب کهنه")
    article.tags.add(tag)
    article.byline = ""
    article.save()
    reader.get(article.get_absolute_url())
    article.section.name = "جامعه"
    article.section.save()
    tag.name = "برچسب نو"
    tag.save()
    article.author.first_name, article.author.last_name = "مریم", "نویسنده"
    article.author.save()
    page = reader.get(article.get_absolute_url()).text
    assert ">جامعه</a>" in page and "اجتماعی" not in page
    assert "برچسب نو" in page and "برچسب کهنه" not in page
    assert "مریم نویسنده" in page


def test_a_writer_logging_in_keeps_the_parts(reader, article, django_assert_num_queries):
    reader.get(article.get_absolute_url())
    Client().force_login(article.author)  # updates last_login
    with django_assert_num_queries(1):  # the versions
        reader.get(article.get_absolute_url())


def test_comments_show_when_approved_and_the_form_goes_when_they_close(reader, article, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 3
    pending = make_comment(article, status="pending", text="نظر در صف")
    assert "نظر در صف" not in reader.get(article.get_absolute_url()).text
    pending.status = "approved"
    pending.save()
    page = reader.get(article.get_absolute_url()).text
    assert "نظر در صف" in page and 'id="comment-form"' in page
    with time_machine.travel(article.published_at + datetime.timedelta(days=3, minutes=1)):
        page = reader.get(article.get_absolute_url()).text
    assert "نظر در صف" in page and 'id="comment-form"' not in page
    assert "امکان ارسال نظر برای این خبر بسته شده است" in page


def test_each_page_of_comments_is_its_own_part(reader, article, settings):
    settings.COMMENTS_PER_PAGE = 2
    for i in range(3):
        make_comment(article, text=f"نظر ردیف {i}")
    first = reader.get(article.get_absolute_url()).text
    second = reader.get(article.get_absolute_url() + "?comments=2").text
    assert "نظر ردیف 2" in first and "نظر ردیف 0" not in first
    assert "نظر ردیف 0" in second and "نظر ردیف 2" not in second
    hostile = reader.get(article.get_absolute_url() + "?comments=<script>alert(1)</script>")
    assert hostile.status_code == 200 and "<script>alert(1)" not in hostile.text


def test_unpublishing_answers_404_at_once(reader, article):
    reader.get(article.get_absolute_url())
    article.unpublish()
    assert reader.get(article.get_absolute_url()).status_code == 404


def test_a_scheduled_article_joins_the_related_news_when_due(reader, article):
    due = datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=10)
    make_article(section=article.section, title="خبر زمان‌بندی‌شده", published_at=due)
    assert "خبر زمان‌بندی‌شده" not in reader.get(article.get_absolute_url()).text
    with time_machine.travel(due + datetime.timedelta(seconds=1)):
        assert "خبر زمان‌بندی‌شده" in reader.get(article.get_absolute_url()).text


def test_the_header_date_follows_the_day(reader, article):
    day = datetime.datetime(2026, 11, 24, 20, 0, tzinfo=datetime.UTC)  # 23:30 Tehran, 3 Azar
    with time_machine.travel(day):
        assert "۳ آذر ۱۴۰۵" in reader.get(article.get_absolute_url()).text
    with time_machine.travel(day + datetime.timedelta(hours=1)):  # 00:30, 4 Azar
        assert "۴ آذر ۱۴۰۵" in reader.get(article.get_absolute_url()).text


def test_absolute_links_follow_the_address_asked(article, settings):
    settings.ALLOWED_HOSTS = ["news.example", "khabar.example"]
    one = Client(SERVER_NAME="news.example", **BROWSER).get(article.get_absolute_url()).text
    two = Client(SERVER_NAME="khabar.example", **BROWSER).get(article.get_absolute_url()).text
    assert 'rel="canonical" href="http://news.example/' in one
    assert 'rel="canonical" href="http://khabar.example/' in two and "news.example" not in two


def test_staff_see_the_database_itself(article):
    Client(**BROWSER).get(article.get_absolute_url())  # parts cached for readers
    Article.objects.filter(pk=article.pk).update(lead="تغییر بی‌سروصدا")  # no signal
    editor = Client(**BROWSER)
    editor.force_login(make_user("Editors"))
    assert "تغییر بی‌سروصدا" in editor.get(article.get_absolute_url()).text


def test_a_preview_neither_uses_nor_leaves_parts(reader, article):
    editor = Client()
    editor.force_login(make_user("Editors"))
    article.title = "تیتر پیش‌نویس"
    article.status = Article.Status.DRAFT
    article.save()
    assert "تیتر پیش‌نویس" in editor.get(article.get_preview_url()).text
    article.title = "تیتر منتشرشده"
    article.publish()
    page = reader.get(article.get_absolute_url()).text
    assert "تیتر منتشرشده" in page and "پیش‌نمایش برای تحریریه" not in page


def test_a_change_rolled_back_leaves_the_version_as_it_was(article):
    """The version is renewed in the change's own transaction: what is not committed has
    not changed, for the pages too."""
    before = versions.content_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        article.title = "تیتری که ثبت نشد"
        article.save()
        assert versions.content_version() != before
        raise RuntimeError
    assert versions.content_version() == before


def test_a_new_deploy_does_not_use_the_last_ones_parts(reader, article, settings):
    reader.get(article.get_absolute_url())
    assert _queries(reader, article.get_absolute_url()) == []
    settings.RELEASE = "next-deploy"
    assert _queries(reader, article.get_absolute_url())  # rebuilt from the database


def test_the_fragment_tag_says_how_it_is_used():
    with pytest.raises(TemplateSyntaxError, match="fragment"):
        Template("{% load fragments %}{% fragment main %}x{% endfragment %}")
    rendered = Template('{% load fragments %}{% fragment "main" %}just {{ x }}{% endfragment %}')
    assert rendered.render(Context({"x": "rendered"})) == "just rendered"


@pytest.mark.parametrize("setting", messengers.CHANNEL_SETTINGS)
def test_a_new_channel_shows_at_once(reader, article, settings, setting):
    setattr(settings, setting, "https://example.ir/old_channel")
    assert "https://example.ir/old_channel" in reader.get(article.get_absolute_url()).text
    setattr(settings, setting, "https://example.ir/new_channel")
    page = reader.get(article.get_absolute_url()).text
    assert "https://example.ir/new_channel" in page and "old_channel" not in page
