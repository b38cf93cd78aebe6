"""Corrections and updates (اصلاحیه، به‌روزرسانی): dated notes on published articles, and
the rule that nothing readers read changes silently once they have seen it."""

import datetime
import io
import json
import re
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, ArticleEvent, ArticleNote
from tests.factories import article_change_form as change_form
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

TEHRAN = zoneinfo.ZoneInfo("Asia/Tehran")
# Tuesday 3 Azar 1405, 22:44 in Tehran.
NOTED = datetime.datetime(2026, 11, 24, 22, 44, tzinfo=TEHRAN)
CORRECTIONS = reverse("articles:corrections")


def change_url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def json_ld(page: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return next(json.loads(block) for block in blocks if '"NewsArticle"' in block)


def section_of(page: str, css_class: str) -> str:
    return page.split(f'<section class="notes {css_class}"', 1)[1].split("</section>", 1)[0]


# The reader's page


def test_a_correction_shows_after_the_body_with_its_jalali_time_in_persian_digits(client):
    article = make_article(body="<p>متن اصلی خبر</p>")
    article.add_note("correction", "شمار درست ۸۵ نفر است.", at=NOTED)
    page = client.get(article.get_absolute_url()).text
    correction = section_of(page, "notes--correction")
    assert "<h2" in correction and "اصلاحیه" in correction
    assert "شمار درست ۸۵ نفر است." in correction
    assert '<time datetime="2026-11-24T22:44:00+03:30">سه‌شنبه ۳ آذر ۱۴۰۵ - ۲۲:۴۴</time>' in (
        correction
    )
    assert page.index("متن اصلی خبر") < page.index('class="notes notes--correction"')
    assert f'href="{CORRECTIONS}"' in correction


def test_an_update_shows_under_the_lead_and_dates_the_article(client):
    article = make_article(lead="لید این خبر", body="<p>متن اصلی خبر</p>")
    article.add_note("update", "ساعت کار ایستگاه‌ها اعلام شد.", at=NOTED)
    page = client.get(article.get_absolute_url()).text
    update = section_of(page, "notes--update")
    assert "به‌روزرسانی" in update and "ساعت کار ایستگاه‌ها اعلام شد." in update
    assert page.index("لید این خبر") < page.index("ساعت کار ایستگاه‌ها") < page.index("متن اصلی")
    assert "notes--correction" not in page
    header = page.split('<header class="article__header">', 1)[1].split("</header>", 1)[0]
    assert (
        'به‌روزرسانی: <time datetime="2026-11-24T22:44:00+03:30">سه‌شنبه ۳ آذر ۱۴۰۵ - ۲۲:۴۴</time>'
    ) in header


def test_an_article_without_notes_shows_no_update_time(client, article):
    page = client.get(article.get_absolute_url()).text
    assert "به‌روزرسانی" not in page and 'class="notes' not in page


def test_a_note_changes_the_json_ld_date_modified_and_the_cached_page(client, time_machine):
    time_machine.move_to(NOTED - datetime.timedelta(days=1), tick=False)
    article = make_article()
    first = client.get(article.get_absolute_url()).text  # now in the page cache
    assert json_ld(first)["dateModified"] == "2026-11-23T22:44:00+03:30"
    time_machine.move_to(NOTED, tick=False)
    article.add_note("correction", "نام روستا اشتباه نوشته شده بود.")
    page = client.get(article.get_absolute_url()).text
    assert "نام روستا اشتباه نوشته شده بود." in page
    assert json_ld(page)["dateModified"] == "2026-11-24T22:44:00+03:30"
    assert '<meta property="article:modified_time" content="2026-11-24T22:44:00+03:30">' in page


def test_the_feed_item_says_when_it_changed_and_what_was_corrected(client, time_machine):
    time_machine.move_to(NOTED - datetime.timedelta(days=1), tick=False)
    article = make_article(lead="لید خبر مترو")
    client.get("/rss/")  # cached
    time_machine.move_to(NOTED, tick=False)
    article.add_note("correction", "ایستگاه‌ها دو تا بودند، نه سه تا.")
    feed = client.get("/rss/").text
    item = feed.split("<item>", 1)[1].split("</item>", 1)[0]
    assert "<atom:updated>2026-11-24T22:44:00+03:30</atom:updated>" in item
    assert "ایستگاه‌ها دو تا بودند، نه سه تا." in item
    assert "اصلاحیه (سه‌شنبه ۳ آذر ۱۴۰۵ - ۲۲:۴۴)" in item
    assert "لید خبر مترو" in item


def test_the_sitemap_dates_the_article_by_its_note(client, time_machine):
    time_machine.move_to(NOTED - datetime.timedelta(days=1), tick=False)
    article = make_article()
    client.get("/sitemap-articles.xml")  # cached
    time_machine.move_to(NOTED, tick=False)
    article.add_note("update", "خبر تازه افزوده شد.")
    sitemap = client.get("/sitemap-articles.xml").text
    entry = sitemap.split(f"/news/{article.code}/", 1)[1].split("</url>", 1)[0]
    assert "<lastmod>2026-11-24" in entry


def test_the_article_page_costs_the_same_queries_with_one_note_or_many(
    client, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 0
    one, many = make_article(), make_article()
    one.add_note("update", "یک یادداشت")
    for n in range(8):
        many.add_note("correction" if n % 2 else "update", f"یادداشت {n}")
    client.get(one.get_absolute_url())  # warm what every page reads once a process
    with CaptureQueriesContext(connection) as queries:
        client.get(one.get_absolute_url())
    with django_assert_max_num_queries(len(queries)):
        page = client.get(many.get_absolute_url()).text
    assert page.count('class="note"') == 8


# The corrections page


def test_corrections_page_lists_only_published_articles_corrections_newest_first(client):
    shown = make_article(title="خبر منتشرشده")
    shown.add_note("correction", "اصلاحیه قدیمی‌تر", at=NOTED - datetime.timedelta(hours=2))
    shown.add_note("correction", "اصلاحیه تازه‌تر", at=NOTED)
    shown.add_note("update", "به‌روزرسانی در فهرست نمی‌آید", at=NOTED)
    gone = make_article(title="خبر برداشته‌شده")
    gone.add_note("correction", "اصلاحیه خبر برداشته‌شده", at=NOTED)
    gone.unpublish()
    page = client.get(CORRECTIONS).text
    assert "<h1" in page and "اصلاحیه‌ها" in page
    assert page.index("اصلاحیه تازه‌تر") < page.index("اصلاحیه قدیمی‌تر")
    assert "به‌روزرسانی در فهرست نمی‌آید" not in page
    assert "خبر برداشته‌شده" not in page
    note = shown.notes.get(text="اصلاحیه تازه‌تر")
    assert f'href="{shown.get_absolute_url()}#note-{note.pk}"' in page
    assert "سه‌شنبه ۳ آذر ۱۴۰۵ - ۲۲:۴۴" in page


def test_corrections_page_is_paginated_and_its_queries_do_not_grow(
    client, settings, section, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    article = make_article(section=section)
    article.add_note("correction", "نخستین")
    client.get(CORRECTIONS)
    with CaptureQueriesContext(connection) as few:
        client.get(CORRECTIONS)
    budget = len(few)  # read now: the next request clears the log it reads
    for n in range(30):
        make_article(section=section).add_note("correction", f"اصلاحیه {n}")
    client.get(CORRECTIONS + "?page=2")  # the «خبر فوری» bar read at this version, as before
    with django_assert_max_num_queries(budget):
        first = client.get(CORRECTIONS).text
    assert "اصلاحیه 29" in first and "نخستین" not in first
    assert 'aria-current="page"' in first and "?page=3" in first  # ۱ ۲ ۳
    assert "نخستین" in client.get(CORRECTIONS + "?page=3").text


def test_every_page_links_to_the_corrections_page_from_its_footer(client, article):
    footer = client.get("/").text.split('<footer class="site-footer">', 1)[1]
    assert f'href="{CORRECTIONS}"' in footer


# Keeping the pages in step


def test_a_note_reworded_or_deleted_in_bulk_shows_on_the_next_load(client):
    article = make_article()
    note = article.add_note("correction", "متن نخست اصلاحیه")
    url = article.get_absolute_url()
    assert "متن نخست اصلاحیه" in client.get(url).text
    assert "متن نخست اصلاحیه" in client.get(CORRECTIONS).text
    ArticleNote.objects.filter(pk=note.pk).update(text="متن درست اصلاحیه")
    assert "متن درست اصلاحیه" in client.get(url).text
    assert "متن درست اصلاحیه" in client.get(CORRECTIONS).text
    assert "متن درست اصلاحیه" in client.get("/rss/").text
    ArticleNote.objects.filter(article=article).delete()  # as the admin's bulk delete does
    assert "متن درست اصلاحیه" not in client.get(url).text
    assert "متن درست اصلاحیه" not in client.get(CORRECTIONS).text
    assert "متن درست اصلاحیه" not in client.get("/rss/").text


# Who may add them


def test_an_editor_adds_a_correction_from_the_change_form(client, editor):
    article = make_article()
    client.force_login(editor)
    form = client.get(change_url(article)).text
    assert "این تغییر چیست؟" in form
    response = client.post(
        change_url(article),
        change_form(article, change_kind="correction", change_note="نام شهر اشتباه بود."),
    )
    assert response.status_code == 302
    note = article.notes.get()
    assert (note.kind, note.text, note.by) == ("correction", "نام شهر اشتباه بود.", editor)
    event = article.events.first()
    assert (event.action, event.actor) == (ArticleEvent.Action.CORRECTED, editor)
    client.logout()
    assert "نام شهر اشتباه بود." in client.get(article.get_absolute_url()).text


@pytest.mark.parametrize("role", ["Moderators", "Analysts"])
def test_moderators_and_analysts_cannot_open_or_post_the_change_form(client, role):
    article = make_article()
    client.force_login(make_user(role))
    assert client.get(change_url(article)).status_code == 403
    response = client.post(
        change_url(article), change_form(article, change_kind="correction", change_note="نه")
    )
    assert response.status_code == 403
    assert not ArticleNote.objects.exists()


def test_a_reporter_adds_no_note_even_to_their_own_published_article(client, reporter):
    article = make_article(author=reporter)
    client.force_login(reporter)
    response = client.post(
        change_url(article), change_form(article, change_kind="update", change_note="تازه")
    )
    assert response.status_code == 403
    with pytest.raises(ValidationError):
        article.add_note("update", "تازه", by=reporter)
    assert not ArticleNote.objects.exists()


def test_a_reporter_sees_their_articles_notes_but_no_box_to_change_them(client, reporter):
    article = make_article(author=reporter)
    article.add_note("correction", "یک اصلاحیه")
    client.force_login(reporter)
    form = client.get(change_url(article)).text
    assert "یک اصلاحیه" in form
    assert 'name="notes-0-text"' not in form and 'name="change_kind"' not in form


def test_an_editor_rewords_and_deletes_a_note_in_the_inline(client, editor):
    article = make_article()
    note = article.add_note("correction", "متن با غلط")
    client.force_login(editor)
    inline = {
        "notes-TOTAL_FORMS": "1",
        "notes-INITIAL_FORMS": "1",
        "notes-0-id": note.pk,
        "notes-0-article": article.pk,
        "notes-0-kind": "correction",
        "notes-0-text": "متن بی‌غلط",
    }
    assert client.post(change_url(article), change_form(article, **inline)).status_code == 302
    assert "متن بی‌غلط" in client.get(article.get_absolute_url()).text
    deleted = {**inline, "notes-0-DELETE": "on"}
    assert client.post(change_url(article), change_form(article, **deleted)).status_code == 302
    assert not article.notes.exists()
    logged = [(e.action, e.actor) for e in article.events.order_by("pk")][1:]
    assert logged == [
        (ArticleEvent.Action.NOTE_EDITED, editor),
        (ArticleEvent.Action.NOTE_REMOVED, editor),
    ]


# No silent change


def test_a_published_title_changed_without_saying_why_comes_back_with_the_text_kept(client, editor):
    article = make_article(title="تیتر منتشرشده")
    client.force_login(editor)
    response = client.post(change_url(article), change_form(article, title="تیتر تازه"))
    assert response.status_code == 200
    page = response.text
    assert "خوانندگان این خبر را دیده‌اند و «تیتر» را تغییر داده‌اید" in page
    assert 'value="تیتر تازه"' in page
    article.refresh_from_db()
    assert article.title == "تیتر منتشرشده"


def test_a_typo_fix_is_saved_and_the_history_says_so(client, editor):
    article = make_article(title="تیتر با غلط تایپی")
    client.force_login(editor)
    response = client.post(
        change_url(article), change_form(article, title="تیتر بی غلط تایپی", change_kind="typo")
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "تیتر بی غلط تایپی"
    assert not article.notes.exists()
    revision = article.history.order_by("-history_id").first()
    assert revision.history_change_reason == "اصلاح جزئی (ویرایش نگارشی)"
    assert article.events.first().action == ArticleEvent.Action.TYPO_FIXED
    history = client.get(reverse("admin:articles_article_history", args=[article.pk])).text
    assert "اصلاح جزئی (ویرایش نگارشی)" in history


def test_a_body_changed_with_a_correction_is_saved_and_the_correction_shown(client, editor):
    article = make_article(body="<p>۵۸ پزشک</p>")
    client.force_login(editor)
    response = client.post(
        change_url(article),
        change_form(
            article, body="<p>۸۵ پزشک</p>", change_kind="correction", change_note="۸۵ نه ۵۸."
        ),
    )
    assert response.status_code == 302
    revision = article.history.order_by("-history_id").first()
    assert revision.history_change_reason == "اصلاحیه: ۸۵ نه ۵۸."
    client.logout()
    page = client.get(article.get_absolute_url()).text
    assert "۸۵ پزشک" in page and "۸۵ نه ۵۸." in section_of(page, "notes--correction")


def test_a_correction_without_its_text_comes_back(client, editor):
    article = make_article(title="تیتر")
    client.force_login(editor)
    response = client.post(
        change_url(article), change_form(article, title="تیتر دیگر", change_kind="correction")
    )
    assert response.status_code == 200
    assert "متن اصلاحیه را بنویسید" in response.text
    assert not ArticleNote.objects.exists()


def test_a_save_that_changes_nothing_readers_read_needs_no_choice(client, editor):
    article = make_article(body="<p>متن</p>")
    client.force_login(editor)
    # The editor's HTML may come back with other whitespace; the article stays as it reads.
    data = change_form(article, body="<p>متن</p>\n\n", is_featured="on")
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.is_featured
    assert not article.notes.exists() and not article.events.exists()


def test_a_draft_is_edited_freely(client, editor):
    draft = make_article(status=Article.Status.DRAFT, title="پیش‌نویس")
    client.force_login(editor)
    assert 'name="change_kind"' not in client.get(change_url(draft)).text
    response = client.post(change_url(draft), change_form(draft, title="پیش‌نویس دیگر"))
    assert response.status_code == 302


def test_a_scheduled_article_readers_have_not_seen_is_edited_freely(client, editor):
    ahead = datetime.datetime.now(tz=TEHRAN) + datetime.timedelta(days=1)
    scheduled = make_article(published_at=ahead, title="زمان‌بندی‌شده")
    client.force_login(editor)
    response = client.post(change_url(scheduled), change_form(scheduled, title="تیتر دیگر"))
    assert response.status_code == 302


def test_the_copy_editors_accepted_changes_to_a_published_article_are_a_typo_fix(client, editor):
    article = make_article(title="کتاب ها را خواندند")
    client.force_login(editor)
    url = reverse("admin:articles_article_copyedit", args=[article.pk])
    response = client.post(url, {"version": article.version, "accept_all": "1"})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "کتاب\u200cها را خواندند"
    assert article.events.first().action == ArticleEvent.Action.TYPO_FIXED


# The demo


def test_the_demo_has_an_article_with_a_correction_and_one_with_an_update(settings, client):
    settings.DEBUG = True
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    with time_machine.travel(NOTED, tick=False):
        call_command("load_demo", stdout=io.StringIO())
    corrected = Article.objects.get(notes__kind="correction")
    updated = Article.objects.get(notes__kind="update")
    assert corrected.is_visible() and updated.is_visible()
    assert corrected.events.filter(action=ArticleEvent.Action.CORRECTED).exists()
    assert "۸۵ نفر" in client.get(corrected.get_absolute_url()).text
    assert corrected.title in client.get(CORRECTIONS).text
