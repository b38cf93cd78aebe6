"""«چینش صفحه اول» in Chromium: an editor pins stories in the admin — picked through the
autocomplete, ordered with ▲ / ▼, previewed, saved — and a reader sees them at once, on a
1366 px desk and on a 390 px phone, where the lead starts within the first screen."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import ArticleEvent, HomePin
from tests.e2e.conftest import load_axe, log_in, overflow, screenshot, wcag_violations
from tests.factories import make_article, make_section, make_user

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.e2e]

PHONE = (390, 844)
DESK = (1366, 768)
LEAD = "زلزله چهار ریشتری حوالی کرمان را لرزاند"
FIRST = "افتتاح پل معلق مشکین‌شهر"
SECOND = "برداشت زعفران در تربت حیدریه آغاز شد"


@pytest.fixture
def newsroom(db):
    section = make_section(name="اجتماعی", slug="society")
    now = timezone.now()
    for n, title in enumerate([LEAD, FIRST, SECOND]):
        make_article(
            section=section, title=title, published_at=now - datetime.timedelta(days=2 + n)
        )
    for n in range(14):  # newer: without pins they would fill the top of the page
        make_article(section=section, published_at=now - datetime.timedelta(hours=n + 1))
    return make_user("Editors", username="sardabir")


def pick(page, table: str, row: int, word: str, title: str) -> None:
    """In `table`'s row `row`, the story found by typing `word` into the autocomplete."""
    cell = page.locator(f'.curation-table[data-place="{table}"] tr.curation-row').nth(row)
    cell.locator(".select2-selection").click()
    page.locator(".select2-search__field").fill(word)
    page.locator(".select2-results__option", has_text=title).click()
    expect(cell.locator(".select2-selection__rendered")).to_contain_text(title)


def top_titles(page) -> list[str]:
    return page.locator(".top-stories .card__title").all_inner_texts()


def test_an_editor_pins_stories_and_a_reader_sees_them_at_once_on_a_desk_and_a_phone(
    new_page, newsroom
):
    editor = new_page(viewport=DESK).page
    log_in(editor, "sardabir")
    editor.goto("/admin/articles/homepin/")
    expect(editor.locator("h1")).to_have_text("چینش صفحه اول")
    pick(editor, "lead", 0, "زلزله", LEAD)
    pick(editor, "top", 0, "زعفران", SECOND)
    pick(editor, "top", 1, "مشکین‌شهر", FIRST)
    top = editor.locator('.curation-table[data-place="top"] tr.curation-row')
    # ▲ on the second row puts it first, and the places are numbered again, in Persian.
    top.nth(1).get_by_role("button", name="بالاتر: ردیف ۲ تیترهای دوم").click()
    expect(top.nth(0).locator(".select2-selection__rendered")).to_contain_text(FIRST)
    expect(top.nth(0).locator("input[name$='-position']")).to_have_value("۱")
    expect(top.nth(1).locator("input[name$='-position']")).to_have_value("۲")

    with editor.expect_popup() as popup:
        editor.get_by_role("button", name="پیش‌نمایش").click()
    preview = popup.value
    expect(preview.locator(".preview-banner")).to_be_visible()
    expect(preview.locator(".top-story .card__title")).to_have_text(LEAD)
    assert top_titles(preview)[:2] == [FIRST, SECOND]
    assert not HomePin.objects.exists()  # a preview saves nothing
    screenshot(editor, "curation-admin-1366")

    editor.get_by_role("button", name="ذخیره چینش").click()
    expect(editor.locator(".messagelist")).to_contain_text("چینش صفحه اول ذخیره شد")
    assert ArticleEvent.objects.filter(action="pinned", actor__username="sardabir").count() == 3

    desk = new_page(viewport=DESK).page
    desk.goto("/")
    expect(desk.locator(".top-story .card__title")).to_have_text(LEAD)
    assert top_titles(desk)[:2] == [FIRST, SECOND]
    assert desk.locator(".top-stories").bounding_box()["y"] < DESK[1]  # beside the lead
    screenshot(desk, "home-1366-pinned")

    phone = new_page(viewport=PHONE).page
    phone.goto("/")
    lead = phone.locator(".top-story .card")
    expect(lead.locator(".card__title")).to_have_text(LEAD)
    title = lead.locator(".card__title").bounding_box()
    assert lead.bounding_box()["y"] < 844 and title["y"] + title["height"] < 844
    assert top_titles(phone)[:2] == [FIRST, SECOND]
    assert overflow(phone) is None
    screenshot(phone, "home-390-pinned")


def test_the_arrangement_page_has_no_wcag_violations(new_page, newsroom):
    page = new_page(viewport=DESK).page
    load_axe(page)
    log_in(page, "sardabir")
    page.goto("/admin/articles/homepin/")
    assert wcag_violations(page) == []
