"""Every admin action and bulk action on what readers see shows on a reader's very next
request, although the page was in the cache: articles, sections, tags, comments, banned
words. (Bulk actions run `queryset.delete()` and `update()`, which skip `save()`.)"""

import re

import jdatetime
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Section, Tag
from comments.models import BannedWord, Comment
from tests.factories import comment_form, make_article, make_comment, make_section, make_tag

pytestmark = [pytest.mark.django_db, pytest.mark.cache]

BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 Firefox/130"}


@pytest.fixture
def reader():
    return Client(**BROWSER)


@pytest.fixture
def admin_client(db):
    from tests.factories import make_user

    client = Client()
    client.force_login(make_user("superuser"))
    return client


def cached(reader, url) -> str:
    """The page, from the cache the second time: what a change must get past."""
    reader.get(url)
    again = reader.get(url)
    assert again.wsgi_request.page_cache == "hit"
    return again.text


def url(name, *args) -> str:
    return reverse(f"admin:{name}", args=args)


def bulk(client, model: str, action: str, *objects, **extra):
    data = {"action": action, "_selected_action": [o.pk for o in objects], **extra}
    if action == "delete_selected":
        data["post"] = "yes"  # the confirmation page's answer
    return client.post(url(f"{model}_changelist"), data)


def article_form(article, **changes) -> dict:
    published = jdatetime.datetime.fromgregorian(datetime=timezone.localtime(article.published_at))
    data = {
        "kicker": article.kicker,
        "title": article.title,
        "lead": article.lead,
        "body": article.body,
        "source": article.source,
        "byline": article.byline,
        "section": article.section_id,
        "status": article.status,
        "published_at_0": published.strftime("%Y-%m-%d"),
        "published_at_1": published.strftime("%H:%M:%S"),
        "comments_open": "on",
        "feedback_enabled": "on",
        "opened_version": article.version,
        "tags": [t.pk for t in article.tags.all()],
    }
    data.update(changes)
    return data


# Articles


def test_an_edit_in_the_change_form_shows(reader, admin_client, article):
    cached(reader, "/")
    cached(reader, article.get_absolute_url())
    admin_client.post(
        url("articles_article_change", article.pk),
        article_form(article, title="تیتر تازه", change_kind="typo"),  # on the site: said what
    )
    assert "تیتر تازه" in reader.get("/").text
    assert "تیتر تازه" in reader.get(article.get_absolute_url(), follow=True).text


def test_a_correction_added_and_taken_back_in_the_change_form_shows(reader, admin_client, article):
    pages = [article.get_absolute_url(), "/corrections/"]
    for page in pages:
        cached(reader, page)
    pages.append("/rss/")  # built on each request
    change = url("articles_article_change", article.pk)
    correction = "نام شهر در نسخه نخست اشتباه آمده بود."
    admin_client.post(
        change, article_form(article, change_kind="correction", change_note=correction)
    )
    assert all(correction in reader.get(page).text for page in pages)
    note = article.notes.get()
    article.refresh_from_db()
    taken_back = {
        "notes-TOTAL_FORMS": "1",
        "notes-INITIAL_FORMS": "1",
        "notes-0-id": note.pk,
        "notes-0-article": article.pk,
        "notes-0-kind": "correction",
        "notes-0-text": correction,
        "notes-0-DELETE": "on",
    }
    admin_client.post(change, article_form(article, **taken_back))
    assert not any(correction in reader.get(page).text for page in pages)


@pytest.mark.parametrize("action", ["unpublish", "delete_selected"])
def test_a_bulk_action_that_hides_articles_shows(reader, admin_client, article, action):
    other = make_article(section=article.section, title="خبر دوم برای کار گروهی")
    assert article.title in cached(reader, "/")
    cached(reader, other.get_absolute_url())
    bulk(admin_client, "articles_article", action, article, other)
    home = reader.get("/").text
    assert article.title not in home and other.title not in home
    assert reader.get(other.get_absolute_url()).status_code == 404


def test_publishing_in_bulk_shows(reader, admin_client, section):
    draft = make_article(section=section, title="پیش‌نویس آماده انتشار", status="draft")
    cached(reader, "/")
    bulk(admin_client, "articles_article", "publish_now", draft)
    assert "پیش‌نویس آماده انتشار" in reader.get("/").text


def test_deleting_one_article_shows(reader, admin_client, article):
    cached(reader, article.get_absolute_url())
    admin_client.post(url("articles_article_delete", article.pk), {"post": "yes"})
    assert reader.get(article.get_absolute_url()).status_code == 404


def test_restoring_an_older_revision_takes_the_article_off_the_site(reader, admin_client, article):
    article.title = "تیتر دوم"
    article.save()
    cached(reader, article.get_absolute_url())
    first = article.history.order_by("history_id").first()
    admin_client.post(url("articles_article_restore", article.pk, first.version))
    assert reader.get(article.get_absolute_url()).status_code == 404  # now a draft


def test_the_copy_editors_fixes_show(reader, admin_client, section):
    article = make_article(section=section, lead="این طرح اجرا میشود")
    assert "اجرا میشود" in cached(reader, article.get_absolute_url())
    admin_client.post(
        url("articles_article_copyedit", article.pk),
        {"accept_all": "1", "version": article.version},
    )
    assert "اجرا می\u200cشود" in reader.get(article.get_absolute_url(), follow=True).text


def test_an_update_with_no_save_at_all_shows(reader, article):
    """Scripts and data fixes use update(): it expires pages as a save does."""
    cached(reader, article.get_absolute_url())
    Article.objects.filter(pk=article.pk).update(lead="لیدی که با update نوشته شد")
    assert "لیدی که با update نوشته شد" in reader.get(article.get_absolute_url()).text


# Sections and tags


def test_renaming_a_section_shows(reader, admin_client, article):
    cached(reader, "/")
    admin_client.post(
        url("articles_section_change", article.section.pk),
        {"name": "جامعه و مردم", "slug": article.section.slug, "order": 0},
    )
    assert "جامعه و مردم" in reader.get("/").text


def test_reordering_sections_in_the_list_shows(reader, admin_client, article):
    first, second = article.section, make_section(name="ورزشی", slug="sports", order=5)
    first.order = 1
    first.save()
    make_article(section=second)
    menu = re.compile(r'<a href="/section/([a-z-]+)/">')
    assert menu.findall(cached(reader, "/"))[:2] == [first.slug, "sports"]
    sections = list(Section.objects.all())
    data = {
        "form-TOTAL_FORMS": len(sections),
        "form-INITIAL_FORMS": len(sections),
        "_save": "ذخیره",
    }
    for n, section in enumerate(sections):
        data[f"form-{n}-id"] = section.pk
        data[f"form-{n}-order"] = 9 if section == first else 0
    admin_client.post(url("articles_section_changelist"), data)
    assert menu.findall(reader.get("/").text)[:2] == ["sports", first.slug]


def test_deleting_sections_in_bulk_shows(reader, admin_client, article):
    empty = make_section(name="سرویس بی‌خبر", slug="empty")
    assert "سرویس بی‌خبر" in cached(reader, "/")
    bulk(admin_client, "articles_section", "delete_selected", empty)
    assert not Section.objects.filter(pk=empty.pk).exists()
    assert "سرویس بی‌خبر" not in reader.get("/").text


def test_renaming_a_tag_shows(reader, admin_client, article):
    tag = make_tag(name="برچسب کهنه")
    article.tags.add(tag)
    cached(reader, article.get_absolute_url())
    admin_client.post(url("articles_tag_change", tag.pk), {"name": "برچسب نو"})
    assert "برچسب نو" in reader.get(article.get_absolute_url()).text


def test_deleting_tags_in_bulk_shows(reader, admin_client, article):
    tag = make_tag(name="برچسب رفتنی")
    article.tags.add(tag)
    assert "برچسب رفتنی" in cached(reader, article.get_absolute_url())
    bulk(admin_client, "articles_tag", "delete_selected", tag)
    assert not Tag.objects.filter(pk=tag.pk).exists()
    assert "برچسب رفتنی" not in reader.get(article.get_absolute_url()).text


# Comments


@pytest.mark.parametrize("action", ["reject", "mark_spam", "delete_selected"])
def test_a_bulk_moderation_that_hides_a_comment_shows(reader, admin_client, article, action):
    comment = make_comment(article, text="نظری که باید برود")
    assert "نظری که باید برود" in cached(reader, article.get_absolute_url())
    bulk(admin_client, "comments_comment", action, comment)
    assert "نظری که باید برود" not in reader.get(article.get_absolute_url()).text


def test_approving_in_bulk_shows(reader, admin_client, article):
    comment = make_comment(article, text="نظری در صف", status=Comment.Status.PENDING)
    cached(reader, article.get_absolute_url())
    bulk(admin_client, "comments_comment", "approve", comment)
    assert "نظری در صف" in reader.get(article.get_absolute_url()).text


def test_deleting_one_comment_shows(reader, admin_client, article):
    comment = make_comment(article, text="نظری برای حذف")
    assert "نظری برای حذف" in cached(reader, article.get_absolute_url())
    admin_client.post(url("comments_comment_delete", comment.pk), {"post": "yes"})
    assert "نظری برای حذف" not in reader.get(article.get_absolute_url()).text


def test_rejecting_in_the_change_form_shows(reader, admin_client, article):
    comment = make_comment(article, text="نظری برای رد")
    assert "نظری برای رد" in cached(reader, article.get_absolute_url())
    admin_client.post(url("comments_comment_change", comment.pk), {"status": "rejected"})
    assert "نظری برای رد" not in reader.get(article.get_absolute_url()).text


def test_a_staff_reply_shows(reader, admin_client, article):
    comment = make_comment(article, text="پرسش خواننده")
    cached(reader, article.get_absolute_url())
    admin_client.post(url("comments_comment_reply", comment.pk), {"text": "پاسخ تحریریه به پرسش"})
    assert "پاسخ تحریریه به پرسش" in reader.get(article.get_absolute_url()).text


# Banned words: they decide what a new comment becomes.


def test_a_banned_word_added_in_the_admin_holds_the_next_comment(admin_client, article, settings):
    settings.COMMENTS_AUTO_APPROVE = False
    admin_client.post(url("comments_bannedword_add"), {"word": "ناسزا", "action": "spam"})
    Client().post(f"/comments/{article.code}/", comment_form(article, text="این یک ناسزا است"))
    assert Comment.objects.get(text="این یک ناسزا است").status == Comment.Status.SPAM


def test_a_banned_word_deleted_in_bulk_no_longer_holds(admin_client, article):
    word = BannedWord.objects.create(word="واژه‌ای", action="hold")
    bulk(admin_client, "comments_bannedword", "delete_selected", word)
    Client().post(f"/comments/{article.code}/", comment_form(article, text="واژه‌ای معمولی"))
    assert Comment.objects.get(text="واژه‌ای معمولی").held == ""
