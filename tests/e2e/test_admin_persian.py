"""The admin's JavaScript speaks Persian: the time-zone note on an office PC whose clock is
set to another zone, the action counter, and CKEditor's image dialog."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in, screenshot
from tests.factories import make_article, make_section, make_user

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.e2e]


@pytest.fixture
def editor_page(browser, live_server):
    """An editor's page in a browser whose clock is set to UTC: 3.5 hours behind Tehran."""
    make_user("Editors", username="editor")
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 1366, "height": 900},
        locale="fa-IR",
        timezone_id="UTC",
    )
    page = context.new_page()
    log_in(page, "editor")
    yield page
    context.close()


def test_a_wrong_time_zone_is_explained_in_persian(editor_page):
    page = editor_page
    make_section(name="اجتماعی", slug="society")
    page.goto("/admin/articles/article/add/")
    note = page.locator(".timezonewarning").first
    expect(note).to_be_visible()
    expect(note).to_have_text(
        "توجه: ساعت را به وقت تهران بنویسید؛ ساعت رایانهٔ شما ۳٫۵ ساعت از آن عقب‌تر است."
    )
    note.scroll_into_view_if_needed()
    screenshot(page, "admin-time-zone-note")
    page.set_viewport_size({"width": 390, "height": 844})
    expect(note).to_be_visible()
    screenshot(page, "admin-time-zone-note-phone")


def test_the_action_counter_counts_in_persian(editor_page):
    page = editor_page
    section = make_section(name="اجتماعی", slug="society")
    for n in range(12):
        make_article(section=section, title=f"خبر آزمایشی شماره {'یک دو سه'.split()[n % 3]}")
    page.goto("/admin/articles/article/")
    counter = page.locator(".action-counter")
    expect(counter).to_have_text("۰ از ۱۲ انتخاب شده")
    page.locator("input.action-select").nth(0).check()
    page.locator("input.action-select").nth(1).check()
    expect(counter).to_have_text("۲ از ۱۲ انتخاب شده")
    expect(page.locator(".paginator")).to_contain_text("۱۲ خبر")
    expect(page.locator("select[name=action]")).to_contain_text("حذف موارد انتخاب‌شده")
    screenshot(page, "admin-action-counter")
    page.set_viewport_size({"width": 390, "height": 844})
    expect(counter).to_have_text("۲ از ۱۲ انتخاب شده")
    screenshot(page, "admin-action-counter-phone")


def test_the_image_dialog_says_nashani_with_its_half_spaces(editor_page):
    page = editor_page
    make_section(name="اجتماعی", slug="society")
    page.goto("/admin/articles/article/add/")
    page.wait_for_selector("iframe.cke_wysiwyg_frame")
    page.locator(".cke_button__image").click()
    dialog = page.locator(".cke_dialog").first
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("ویژگی‌های تصویر")
    expect(dialog).to_contain_text("نشانی")
    assert "URL" not in dialog.inner_text()
    screenshot(page, "admin-image-dialog")
