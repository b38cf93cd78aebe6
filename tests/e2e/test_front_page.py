"""The front page an editor runs, in Chromium: an editor pins two stories and puts up a
«خبر فوری» ending in two minutes; a reader sees both at once and, once the bar's end has
passed (the server's clock moved on), the stories still pinned and the bar gone — on a desk
and on a phone."""

import datetime

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from newsroom.persian import jalali
from newsroom.persian.text import to_persian_digits
from tests.e2e.conftest import log_in, overflow, screenshot
from tests.e2e.test_curation import DESK, FIRST, PHONE, SECOND, newsroom, pick, top_titles

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.e2e]

__all__ = ["newsroom"]  # the stories and the editor, as the curation test has them

BAR = "آتش‌سوزی در بازار تاریخی تبریز مهار شد"


@pytest.mark.parametrize("screen", {"desktop": DESK, "phone": PHONE}.items(), ids=lambda s: s[0])
def test_pins_and_a_breaking_bar_show_at_once_and_the_bar_leaves_at_its_end(
    new_page, newsroom, screen
):
    name, viewport = screen
    editor = new_page(viewport=DESK).page
    log_in(editor, "sardabir")

    editor.goto("/admin/articles/homepin/")
    pick(editor, "top", 0, "مشکین‌شهر", FIRST)
    pick(editor, "top", 1, "زعفران", SECOND)
    editor.get_by_role("button", name="ذخیره چینش").click()
    expect(editor.locator(".messagelist")).to_contain_text("چینش صفحه اول ذخیره شد")

    editor.goto("/admin/articles/breakingnews/add/")
    ends = timezone.now() + datetime.timedelta(minutes=2)
    editor.fill("#id_text", BAR)
    editor.fill("#id_ends_at_0", jalali.format_input_date(ends))
    editor.fill("#id_ends_at_1", to_persian_digits(jalali.localtime(ends).strftime("%H:%M")))
    editor.click("input[name=_save]")
    editor.wait_for_url("**/admin/articles/breakingnews/")

    reader = new_page(viewport=viewport)
    page = reader.page
    page.goto("/")
    bar = page.get_by_role("region", name="خبر فوری")
    expect(bar).to_contain_text(BAR)
    assert top_titles(page)[:2] == [FIRST, SECOND]
    assert overflow(page) is None
    screenshot(page, f"front-page-pinned-with-bar-{name}")

    # The bar ends within two minutes (its end typed to the minute); three on, it is gone from
    # the page the reader loads next, and the pins are not.
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=3), tick=True):
        page.reload()
        expect(page.get_by_role("region", name="خبر فوری")).to_have_count(0)
        assert top_titles(page)[:2] == [FIRST, SECOND]
    assert reader.csp_violations == []
