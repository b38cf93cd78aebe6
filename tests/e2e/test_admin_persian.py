"""The admin's JavaScript speaks Persian: the time-zone note on an office PC whose clock is
set to another zone, the action counter, CKEditor's dialogs, and every page each role
opens, read in the browser at 1366 and 390 px wide."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from articles.models import Article, BreakingNews, Image, Section, UsefulnessReport
from comments.models import Comment
from tests.e2e.conftest import log_in, screenshot
from tests.factories import make_article, make_section, make_user
from tests.newsroom.test_admin_language import (
    a_newsrooms_day,
    latin_words,
    missing_half_spaces,
)

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


# Every role's pages as the browser shows them, scripts run: what the server-side walk
# (tests/newsroom/test_admin_language.py) cannot see — text the admin's scripts write (the
# permission and group pickers, the date shortcuts, the calendar, CKEditor's dialogs).

# What a person sees or hears: visible text, and the spoken attributes of what is shown.
# CKEditor's element path (.cke_path: «body p») names HTML elements by their tags: code.
READ_PAGE = """() => {
  const unread = "script, style, textarea, template, bdi, noscript, .cke_path";
  const seen = (el) => el.checkVisibility({visibilityProperty: true});
  const out = [document.title];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    const text = walker.currentNode.data.replace(/\\s+/g, " ").trim();
    if (text && !el.closest(unread) && (el.tagName === "OPTION" || seen(el))) out.push(text);
  }
  for (const el of document.body.querySelectorAll("*")) {
    if (el.closest(unread) || !seen(el)) continue;
    for (const name of ["title", "alt", "placeholder", "aria-label"]) {
      const value = (el.getAttribute(name) || "").trim();
      if (value) out.push(value);
    }
    if (el.matches("input[type=submit], input[type=button], input[type=text]") && el.value) {
      out.push(el.value);
    }
  }
  return out;
}"""


def unread_words(page, data: set[str]) -> list[str]:
    found = []
    for chunk in page.evaluate(READ_PAGE):
        # A shortcut's key is printed on the keyboard as a Latin letter: «(کنترل+B)»; a
        # link's protocol is code: «ftp://».
        chunk = re.sub(r"(?<=\+)[A-Z](?![A-Za-z])|^[a-z]+://\u200e?$", "", chunk)
        found += [f"{word} — «{chunk[:80]}»" for word in latin_words(chunk, data)]
        found += [f"{word} (نیم‌فاصله) — «{chunk[:80]}»" for word in missing_half_spaces(chunk)]
    return found


@pytest.fixture
def desk():
    """A newsroom's day (the server-side walk's), and the pages each role opens in it."""
    users, objects, data = a_newsrooms_day()
    article, comment = objects[Article], objects[Comment]
    user, group = users["Editors"], objects[Group]
    report = objects[UsefulnessReport]
    pages = {
        "superuser": {
            "index": "/admin/",
            "users": "/admin/auth/user/",
            "user": f"/admin/auth/user/{user.pk}/change/",
            "user-add": "/admin/auth/user/add/",
            "password": f"/admin/auth/user/{user.pk}/password/",
            "group": f"/admin/auth/group/{group.pk}/change/",
            "group-delete": f"/admin/auth/group/{group.pk}/delete/",
        },
        "Editors": {
            "index": "/admin/",
            "articles": "/admin/articles/article/",
            "article": f"/admin/articles/article/{article.pk}/change/",
            "history": f"/admin/articles/article/{article.pk}/history/",
            "compare": f"/admin/articles/article/{article.pk}/compare/",
            "article-delete": f"/admin/articles/article/{objects['published'].pk}/delete/",
            "sections": "/admin/articles/section/",
            "tags": "/admin/articles/tag/",
            "report": "/admin/articles/usefulnessreport/",
            "report-article": f"/admin/articles/usefulnessreport/{report.pk}/change/",
            "breaking": "/admin/articles/breakingnews/",
            "breaking-add": "/admin/articles/breakingnews/add/",
            "breaking-history": f"/admin/articles/breakingnews/{objects[BreakingNews].pk}/history/",
        },
        "Reporters": {
            "index": "/admin/",
            "articles": "/admin/articles/article/",
            "article-add": "/admin/articles/article/add/",
            "article": f"/admin/articles/article/{article.pk}/change/",
            "sections": "/admin/articles/section/",
            "section": f"/admin/articles/section/{objects[Section].pk}/change/",
            "images": "/admin/articles/image/",
            "image": f"/admin/articles/image/{objects[Image].pk}/change/",
        },
        "Moderators": {
            "index": "/admin/",
            "comments": "/admin/comments/comment/",
            "comment": f"/admin/comments/comment/{comment.pk}/change/",
            "reply": f"/admin/comments/comment/{comment.pk}/reply/",
            "history": "/admin/comments/moderationevent/",
            "banned-words": "/admin/comments/bannedword/",
        },
        "Analysts": {
            "index": "/admin/",
            "report": "/admin/articles/usefulnessreport/",
            "report-article": f"/admin/articles/usefulnessreport/{report.pk}/change/",
        },
    }
    return users, pages, data | {user.username for user in users.values()}


@pytest.mark.parametrize("role", ["superuser", "Editors", "Reporters", "Moderators", "Analysts"])
def test_every_page_a_role_opens_reads_in_persian_in_the_browser(role, desk, new_page):
    users, pages, data = desk
    found = []
    for width, height in ((1366, 900), (390, 844)):
        page = new_page(viewport=(width, height)).page
        log_in(page, users[role].username)
        for name, url in pages[role].items():
            response = page.goto(url)
            assert response.status == 200, f"{role} could not open {url}"
            page.wait_for_load_state("load")
            found += [f"{url} ({width}px): {problem}" for problem in unread_words(page, data)]
            screenshot(page, f"persian-{role}-{name}-{width}")
    assert found == [], "\n".join(sorted(set(found)))


def test_the_article_forms_widgets_read_in_persian(desk, new_page):
    """What only a click shows: the date picker, CKEditor's menus and every tab of its
    dialogs."""
    users, pages, data = desk
    page = new_page(viewport=(1366, 900)).page
    log_in(page, users["Editors"].username)
    page.goto(pages["Editors"]["article"])
    page.wait_for_selector("iframe.cke_wysiwyg_frame")
    found = []

    def read(what: str) -> None:
        for frame in page.frames:  # CKEditor's menus live in frames of their own
            found.extend(f"{what}: {problem}" for problem in unread_words(frame, data))
        screenshot(page, f"persian-widget-{what}")

    page.click(".field-published_at .ui-datepicker-trigger")
    expect(page.locator("#ui-datepicker-div")).to_be_visible()
    read("date-picker")
    page.keyboard.press("Escape")

    page.locator(".cke_combo__format .cke_combo_button").click()
    expect(page.locator(".cke_combopanel").first).to_be_visible()
    read("format-menu")
    page.keyboard.press("Escape")

    for button in ("link", "image", "table"):
        page.locator(f".cke_button__{button}").click()
        dialog = page.locator(".cke_dialog").locator("visible=true").first
        expect(dialog).to_be_visible()
        for n in range(dialog.locator(".cke_dialog_tab").locator("visible=true").count()):
            dialog.locator(".cke_dialog_tab").locator("visible=true").nth(n).click()
            read(f"{button}-dialog-{n + 1}")
        dialog.locator(".cke_dialog_ui_button_cancel").click()
        expect(dialog).to_be_hidden()

    page.locator(".cke_button__source").click()
    read("source")
    assert found == [], "\n".join(sorted(set(found)))


def test_a_tables_size_reads_in_persian_digits_and_may_be_typed_in_them(desk, new_page):
    users, pages, _ = desk
    page = new_page(viewport=(1366, 900)).page
    log_in(page, users["Editors"].username)
    page.goto(pages["Editors"]["article"])
    page.wait_for_selector("iframe.cke_wysiwyg_frame")
    page.locator(".cke_button__table").click()
    rows = page.locator(".cke_dialog input.cke_dialog_ui_input_text").first
    expect(rows).to_have_value("۳")  # CKEditor's default, in Persian digits
    rows.fill("۴")  # as a Persian keyboard types it
    page.locator(".cke_dialog .cke_dialog_ui_button_ok").click()
    body = page.frame_locator("iframe.cke_wysiwyg_frame").locator("body")
    expect(body.locator("table tr")).to_have_count(4)
    expect(body.locator("table tr").first.locator("td")).to_have_count(2)
