"""Scheduling in Chromium as an Iranian editor does it: typing «۱۴۰۵/۰۹/۰۹ ۱۰:۳۰», or
picking from the Jalali picker, «امروز» and «اکنون», on a desk and on a phone."""

import datetime
import re

import jdatetime
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from newsroom.persian import jalali
from newsroom.persian.text import to_persian_digits
from tests.e2e.conftest import ARTIFACTS, log_in, screenshot
from tests.factories import make_article, make_user

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.e2e]

SCREENS = {"desktop": (1366, 800), "phone": (390, 844)}
PERSIAN_ONLY = re.compile("^[۰-۹]+$")


@pytest.fixture
def editor(db):
    return make_user("Editors", username="editors")


def open_form(new_page, screen: str, article: Article):
    page = new_page(viewport=SCREENS[screen]).page
    log_in(page, "editors")
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    return page


def screenshots(page, name: str) -> None:
    """The window as the editor sees it, then the whole page (which scrolls it)."""
    page.screenshot(path=ARTIFACTS / f"{name}-window.png")
    screenshot(page, name)


def tehran_today() -> str:
    return jalali.format_input_date(timezone.now())


@pytest.mark.parametrize("screen", SCREENS)
def test_editor_schedules_by_typing_the_date_the_iranian_way(new_page, editor, screen):
    article = make_article(status=Article.Status.REVIEW, published_at=None)
    # A day ahead of now in Tehran, typed as Iranian desks write it: «۱۴۰۵/۰۹/۰۹».
    day = jalali.to_jalali(timezone.now() + datetime.timedelta(days=2)).date()
    typed_day = to_persian_digits(f"{day.year}/{day.month:02d}/{day.day:02d}")
    page = open_form(new_page, screen, article)

    page.select_option("#id_status", "published")
    page.locator("#id_published_at_0").press_sequentially(typed_day)
    page.locator("#id_published_at_1").press_sequentially("10:30")  # Latin digits work too
    page.locator("#id_published_at_1").blur()
    # Left, each box settles into the one form the desk shows.
    expect(page.locator("#id_published_at_0")).to_have_value(typed_day)
    expect(page.locator("#id_published_at_1")).to_have_value("۱۰:۳۰")
    screenshots(page, f"scheduling-typed-{screen}")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/articles/article/")

    article.refresh_from_db()
    assert article.is_scheduled
    assert article.published_at == jalali.moment(day, datetime.time(10, 30))
    assert jalali.localtime(article.published_at).strftime("%H:%M") == "10:30"  # Tehran's
    screenshot(page, f"scheduling-saved-{screen}")


def test_a_mistyped_date_comes_back_with_a_persian_message(new_page, editor):
    article = make_article(status=Article.Status.REVIEW, published_at=None)
    page = open_form(new_page, "desktop", article)
    page.select_option("#id_status", "published")
    page.locator("#id_published_at_0").press_sequentially("۱۴۰۵/۰۷/۳۱")
    page.locator("#id_published_at_1").press_sequentially("۱۰:۳۰")
    page.click("input[name=_save]")
    expect(page.locator(".field-published_at .errorlist")).to_have_text(
        "مهر ۱۴۰۵ فقط ۳۰ روز دارد؛ روز ۳۱ در آن نیست."
    )
    expect(page.locator("#id_published_at_0")).to_have_value("۱۴۰۵/۰۷/۳۱")
    expect(page.locator("#id_published_at_1")).to_have_value("۱۰:۳۰")
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW


def uncovered_and_inside(page, selector: str) -> list[str]:
    """What of `selector` is off the window or under something else (the side menu…)."""
    return page.evaluate(
        """(selector) => {
            const width = document.documentElement.clientWidth;
            const height = document.documentElement.clientHeight;
            const problems = [];
            for (const element of document.querySelectorAll(selector)) {
                const box = element.getBoundingClientRect();
                const name = `${selector} «${element.textContent.trim().slice(0, 12)}»`;
                if (box.left < 0 || box.top < 0 || box.right > width || box.bottom > height) {
                    problems.push(`${name} off the window: ${JSON.stringify(box)}`);
                    continue;
                }
                for (const [x, y] of [[box.left + 2, box.top + 2], [box.right - 2, box.bottom - 2],
                                      [(box.left + box.right) / 2, (box.top + box.bottom) / 2]]) {
                    const top = document.elementFromPoint(x, y);
                    if (!element.contains(top)) {
                        const cover = top && (top.id || top.className || top.tagName);
                        problems.push(`${name} under ${cover}`);
                        break;
                    }
                }
            }
            return problems;
        }""",
        selector,
    )


@pytest.mark.parametrize("screen", SCREENS)
def test_the_picker_opens_whole_beside_its_box_with_today_and_now(new_page, editor, screen):
    article = make_article(published_at=timezone.now() - datetime.timedelta(days=40))
    page = open_form(new_page, screen, article)
    if screen == "desktop":
        expect(page.locator("#nav-sidebar")).to_be_visible()  # the side menu it hid under

    date_box = page.locator("#id_published_at_0")
    date_box.scroll_into_view_if_needed()
    page.click(".field-published_at .ui-datepicker-trigger")
    picker = page.locator("#ui-datepicker-div")
    expect(picker).to_be_visible()

    days = picker.locator("td a")
    shown = jdatetime.date.fromgregorian(date=jalali.localtime(article.published_at).date())
    assert days.count() == (
        31 if shown.month <= 6 else 30 if shown.month < 12 else 29 + shown.isleap()
    )
    assert all(PERSIAN_ONLY.match(text) for text in days.all_text_contents())
    assert not re.search("[0-9]", picker.inner_text())  # the year, the days: Persian digits
    for part in ("td a", "select.ui-datepicker-month", "select.ui-datepicker-year"):
        assert uncovered_and_inside(page, f"#ui-datepicker-div {part}") == []
    screenshots(page, f"scheduling-picker-{screen}")  # after the checks: it scrolls

    # «امروز» in the picker picks today, Tehran's, whatever zone this browser is in.
    picker.get_by_role("button", name="امروز").click()
    expect(picker).to_be_hidden()
    expect(date_box).to_have_value(tehran_today())
    page.click(".field-published_at .ui-datepicker-trigger")  # today is marked in it
    today = jalali.to_jalali(timezone.now())
    expect(picker.locator("a[aria-current=date]")).to_have_text(to_persian_digits(today.day))
    page.keyboard.press("Escape")
    expect(picker).to_be_hidden()

    # Beside the box, «امروز» and «اکنون» too.
    date_box.fill("")
    page.locator(".field-published_at .datetimeshortcuts").first.get_by_text("امروز").click()
    expect(date_box).to_have_value(tehran_today())
    before = jalali.localtime(timezone.now())
    page.locator(".field-published_at .datetimeshortcuts").last.get_by_text("اکنون").click()
    after = jalali.localtime(timezone.now())
    now_shown = {to_persian_digits(moment.strftime("%H:%M")) for moment in (before, after)}
    assert page.input_value("#id_published_at_1") in now_shown
    screenshots(page, f"scheduling-today-now-{screen}")
