"""A correction in Chromium: an editor adds it in the admin; the reader's article shows it,
its JSON-LD's dateModified moves, and the feed's item says it."""

import datetime
import json

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import ArticleEvent
from newsroom.persian import jalali
from tests.e2e.conftest import log_in, screenshot
from tests.factories import make_article, make_section, make_user

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.e2e]

CORRECTION = "در نسخه نخست این خبر شمار پزشکان ۵۸ نفر آمده بود؛ شمار درست ۸۵ نفر است."


@pytest.fixture
def article():
    return make_article(
        section=make_section(name="سلامت", slug="health"),
        title="بیمارستان کودکان مشهد افتتاح شد",
        lead="بیمارستان تخصصی کودکان مشهد با ۳۲۰ تخت به بهره‌برداری رسید.",
        body="<p>۵۸ پزشک متخصص در این بیمارستان مشغول به کار شده‌اند.</p>",
        published_at=timezone.now() - datetime.timedelta(days=1),
    )


def date_modified(page) -> str:
    for block in page.locator('script[type="application/ld+json"]').all_text_contents():
        data = json.loads(block)
        if data.get("@type") == "NewsArticle":
            return data["dateModified"]
    raise AssertionError("no NewsArticle on the page")


def test_an_editors_correction_shows_on_the_article_its_json_ld_and_its_feed_item(
    new_page, article
):
    reader = new_page().page
    reader.goto(article.get_absolute_url())
    modified_before = date_modified(reader)
    assert not reader.locator(".notes").count()

    editor = make_user("Editors", username="editor", first_name="دبیر")
    page = new_page(viewport=(1366, 900)).page
    log_in(page, editor.username)
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    # A changed title, saved without saying what the change is, comes back with it kept.
    page.fill("#id_title", "بیمارستان تخصصی کودکان مشهد افتتاح شد")
    page.click("input[name=_save]")
    expect(page.locator(".errorlist")).to_contain_text("اصلاحیه است، به‌روزرسانی یا اصلاح جزئی")
    expect(page.locator("#id_title")).to_have_value("بیمارستان تخصصی کودکان مشهد افتتاح شد")

    page.get_by_label("اصلاحیه: چیزی نادرست بود و درست شد").check()
    page.fill("#id_change_note", CORRECTION)
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_be_visible()
    expect(page.locator(".notes-inline")).to_contain_text(CORRECTION)
    screenshot(page, "corrections-admin-1366")
    note = article.notes.get()
    assert note.by == editor
    assert article.events.first().action == ArticleEvent.Action.CORRECTED

    reader.goto(article.get_absolute_url())
    correction = reader.locator("section.notes--correction")
    expect(correction).to_contain_text("اصلاحیه")
    expect(correction).to_contain_text(CORRECTION)
    when = correction.locator("time")
    expect(when).to_have_attribute("datetime", jalali.isoformat(note.noted_at))
    expect(when).to_have_text(jalali.format_datetime(note.noted_at))
    expect(reader.locator("h1")).to_have_text("بیمارستان تخصصی کودکان مشهد افتتاح شد")
    modified = date_modified(reader)
    assert modified > modified_before and modified >= jalali.isoformat(note.noted_at)
    screenshot(reader, "corrections-article-1366")

    reader.goto("/corrections/")
    expect(reader.locator(".correction")).to_contain_text(CORRECTION)
    reader.click(".correction a")
    expect(reader.locator(f"#note-{note.pk}")).to_contain_text(CORRECTION)

    feed = reader.request.get("/rss/").text()
    item = feed.split("<item>", 1)[1].split("</item>", 1)[0]
    assert CORRECTION in item
    assert f"<atom:updated>{modified}</atom:updated>" in item
