"""«لحظه‌به‌لحظه» in Chromium: a reporter adds an entry from the admin's «پوشش زنده» page; a
reader whose page is open gets «۱ مطلب تازه» at the next poll, without the page moving, and
the entry on a click; without JavaScript a reload shows it; the editor ends the coverage."""

import pytest
from playwright.sync_api import expect

from articles.models import LiveEntry
from tests.e2e.conftest import load_axe, log_in, overflow, screenshot, wcag_violations
from tests.factories import make_article, make_user

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.e2e]

SCREENS = {"desktop": (1366, 800), "phone": (390, 844)}
POLL = "00:16"  # site.js asks every 15 seconds


@pytest.mark.parametrize("screen", SCREENS)
def test_a_new_entry_reaches_an_open_page_behind_a_button(new_page, screen):
    viewport = SCREENS[screen]
    make_user("Editors", username="editors")
    reporter = make_user("Reporters", username="reporters")
    article = make_article(title="بارش برف در جاده‌های شمال", author=reporter)
    article.start_live()
    article.add_live_entry(text="نخستین گزارش از گردنه کندوان", by=reporter)

    opened = new_page(viewport=viewport)
    reader = opened.page
    load_axe(reader)
    reader.clock.install()
    reader.goto(article.get_absolute_url())
    entries = reader.locator("[data-live-list] > article")
    expect(entries).to_have_count(1)
    assert wcag_violations(reader) == []

    desk = new_page(viewport=viewport).page
    load_axe(desk)
    log_in(desk, "reporters")
    desk.goto(f"/admin/articles/article/{article.pk}/change/")
    desk.get_by_role("link", name="پوشش زنده").click()
    assert wcag_violations(desk) == []
    desk.fill("#id_text", "محور چالوس یک‌طرفه شد <script>alert(1)</script>")
    screenshot(desk, f"live-admin-{screen}")
    desk.click("input[name=_add]")
    expect(desk.locator(".messagelist")).to_contain_text("مطلب افزوده شد")
    assert LiveEntry.objects.filter(article=article).count() == 2
    assert overflow(desk) is None

    scrolled = reader.evaluate("window.scrollY")
    reader.clock.fast_forward(POLL)
    button = reader.get_by_role("button", name="۱ مطلب تازه")
    expect(button).to_be_visible()
    expect(entries).to_have_count(1)  # nothing moved under the reader
    assert reader.evaluate("window.scrollY") == scrolled
    button.click()
    expect(entries).to_have_count(2)
    expect(entries.first).to_contain_text("محور چالوس یک‌طرفه شد <script>alert(1)</script>")
    assert opened.dialogs == [] and opened.csp_violations == []
    assert overflow(reader) is None
    screenshot(reader, f"live-reader-{screen}")

    plain = new_page(viewport=viewport, javascript=False).page
    plain.goto(article.get_absolute_url())
    expect(plain.locator("[data-live-list] > article")).to_have_count(2)

    # The editor ends the coverage: the open page says so at its next poll.
    editor = new_page(viewport=viewport).page
    load_axe(editor)
    log_in(editor, "editors")
    editor.goto(f"/admin/articles/article/{article.pk}/live/")
    assert wcag_violations(editor) == []  # with the end's date and time boxes
    assert overflow(editor) is None
    editor.get_by_role("button", name="پایان پوشش زنده").click()
    expect(editor.locator(".messagelist")).to_contain_text("پوشش زنده پایان یافت")
    reader.clock.fast_forward(POLL)
    expect(reader.locator("[data-live-state]")).to_have_text("پوشش زنده پایان یافت.")
    expect(entries).to_have_count(2)
