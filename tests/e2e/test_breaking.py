"""«خبر فوری» in Chromium: an editor puts up a bar ending in two minutes; a reader whose page
is open sees it within a minute without reloading, another reader at once; once it has
ended it is gone — on a desk and on a phone."""

import datetime

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import BreakingNews
from newsroom.persian import jalali
from newsroom.persian.text import to_persian_digits
from tests.e2e.conftest import log_in, screenshot
from tests.factories import make_article, make_user

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.e2e]

SCREENS = {"desktop": (1366, 800), "phone": (390, 844)}
TEXT = "انفجار در انبار مهمات غرب تهران؛ 3 نفر مصدوم شدند"
SHOWN = "انفجار در انبار مهمات غرب تهران؛ ۳ نفر مصدوم شدند"
POLL = "00:46"  # site.js asks every 45 seconds


@pytest.mark.parametrize("screen", SCREENS)
def test_a_bar_put_up_shows_to_readers_and_is_gone_after_its_end(new_page, screen):
    make_user("Editors", username="editors")
    article = make_article(title="خبر روز")
    viewport = SCREENS[screen]

    # A reader whose page was open before the bar existed.
    open_before = new_page(viewport=viewport)
    reader = open_before.page
    reader.clock.install()
    reader.goto("/")
    expect(reader.get_by_role("region", name="خبر فوری")).to_have_count(0)

    # The editor: the add form, the end typed the Iranian way, two minutes from now.
    editor = new_page(viewport=viewport).page
    log_in(editor, "editors")
    editor.goto("/admin/articles/breakingnews/add/")
    ends = timezone.now() + datetime.timedelta(minutes=2)
    editor.fill("#id_text", TEXT)
    editor.fill("#id_ends_at_0", jalali.format_input_date(ends))
    editor.fill("#id_ends_at_1", to_persian_digits(jalali.localtime(ends).strftime("%H:%M")))
    screenshot(editor, f"breaking-admin-{screen}")
    editor.click("input[name=_save]")
    editor.wait_for_url("**/admin/articles/breakingnews/")
    expect(editor.locator("#result_list")).to_contain_text("در حال نمایش")
    assert BreakingNews.objects.get().created_by.username == "editors"

    # Within a minute, without reloading.
    reader.clock.fast_forward(POLL)
    bar = reader.get_by_role("region", name="خبر فوری")
    expect(bar).to_contain_text("فوری")
    expect(bar).to_contain_text(SHOWN)

    # Another reader, any page: at once.
    fresh = new_page(viewport=viewport)
    fresh.page.goto(article.get_absolute_url())
    expect(fresh.page.get_by_role("region", name="خبر فوری")).to_contain_text(SHOWN)
    fresh.page.goto("/")
    fresh_bar = fresh.page.get_by_role("region", name="خبر فوری")
    expect(fresh_bar).to_be_visible()
    box = fresh_bar.bounding_box()
    assert box["width"] <= viewport[0]  # not wider than the phone
    assert fresh.page.evaluate("document.documentElement.scrollWidth") <= viewport[0]
    screenshot(fresh.page, f"breaking-home-{screen}")

    # Without JavaScript, the page as served.
    plain = new_page(viewport=viewport, javascript=False).page
    plain.goto(article.get_absolute_url())
    expect(plain.get_by_role("region", name="خبر فوری")).to_contain_text(SHOWN)

    # The bar's end has passed: the open page loses it at its next look, a load shows none.
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=3), tick=True):
        reader.clock.fast_forward(POLL)
        expect(reader.get_by_role("region", name="خبر فوری")).to_have_count(0)
        fresh.page.reload()
        expect(fresh.page.get_by_role("region", name="خبر فوری")).to_have_count(0)
        fresh.page.goto(article.get_absolute_url())
        expect(fresh.page.get_by_role("region", name="خبر فوری")).to_have_count(0)
        plain.reload()
        expect(plain.get_by_role("region", name="خبر فوری")).to_have_count(0)
    assert open_before.csp_violations == [] and fresh.csp_violations == []
