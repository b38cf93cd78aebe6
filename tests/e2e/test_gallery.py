"""«گزارش تصویری» in Chromium: swiped and stepped through on a 390 px phone, read without
JavaScript, checked by axe and the Nu Html Checker; and ordered in the change form."""

import json
import shutil
import subprocess

import pytest
from playwright.sync_api import expect

from articles import demo
from articles.management.commands.load_demo import demo_photo
from articles.models import Article, GalleryItem
from tests.e2e.conftest import ROOT, load_axe, log_in, overflow, screenshot, wcag_violations
from tests.factories import make_article, make_image, make_user

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.e2e]

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PHONE = (390, 844)
DESK = (1366, 900)


def photos(count: int) -> list:
    """The demo's pictures, small (their renditions are made as they are uploaded)."""
    return [
        make_image(
            demo_photo(picture["sky"], picture["field"], seed=n, size=(640, 427)).read(),
            name=f"gallery-{n}.jpg",
            alt=picture["alt"],
            caption=picture["caption"],
            credit=picture["credit"],
        )
        for n, picture in enumerate(demo.GALLERY["pictures"][:count], start=1)
    ]


def shown(page, n: int) -> None:
    """Wait until picture `n` has glided to the row's start edge (its right, right to left)."""
    page.wait_for_function(
        """(n) => {
          const slide = document.querySelector(`#gallery-${n}`).getBoundingClientRect();
          const row = document.querySelector('.gallery__list').getBoundingClientRect();
          return Math.abs(slide.right - row.right) < 2;
        }""",
        arg=n,
    )


@pytest.fixture
def gallery_article(settings):
    settings.SERVE_MEDIA = True  # the live server shows the pictures, as `make serve` does
    article = make_article(
        title=demo.GALLERY["article"],
        lead="نشاکاری برنج در شالیزارهای گیلان با حضور هزاران کشاورز آغاز شد.",
        body="<p>" + "کشاورزان گیلانی از بامداد امروز کار نشاکاری را آغاز کردند. " * 8 + "</p>",
    )
    for position, image in enumerate(photos(12), start=1):
        GalleryItem.objects.create(article=article, image=image, position=position)
    return article


def test_on_a_phone_the_gallery_is_swiped_and_stepped_through(new_page, gallery_article):
    page = new_page(viewport=PHONE).page
    # A slow phone: presses come faster than the row glides.
    page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.goto(gallery_article.get_absolute_url())
    gallery = page.locator("section.gallery")
    gallery.scroll_into_view_if_needed()
    expect(page.locator(".gallery__status")).to_have_text("۱ از ۱۲")
    previous = page.get_by_role("button", name="عکس قبلی")
    following = page.get_by_role("button", name="عکس بعدی")
    expect(previous).to_be_disabled()
    screenshot(page, "gallery-390-first")

    following.click()
    expect(page.locator(".gallery__status")).to_have_text("۲ از ۱۲")
    expect(previous).to_be_enabled()
    shown(page, 2)

    # A swipe: the row scrolls sideways (leftwards is onwards, right to left) and snaps.
    page.locator(".gallery__list").hover()
    page.mouse.wheel(-250, 0)
    expect(page.locator(".gallery__status")).to_have_text("۳ از ۱۲")
    shown(page, 3)

    # The keyboard: ← is the next picture, → the one before.
    page.locator(".gallery__list").focus()
    page.keyboard.press("ArrowLeft")
    expect(page.locator(".gallery__status")).to_have_text("۴ از ۱۲")
    page.keyboard.press("ArrowRight")
    expect(page.locator(".gallery__status")).to_have_text("۳ از ۱۲")
    shown(page, 3)
    screenshot(page, "gallery-390-third")
    page.locator("section.gallery").screenshot(path=ROOT / ".artifacts" / "gallery-390-detail.png")

    # Pressed to the end, the button is disabled and its focus moves to the other one.
    following.focus()
    for _ in range(9):  # from the third to the twelfth, as fast as keys are pressed
        page.keyboard.press("Enter")
    expect(page.locator(".gallery__status")).to_have_text("۱۲ از ۱۲")
    expect(previous).to_be_focused()
    page.wait_for_function(  # the last picture in full view
        """() => {
          const slide = document.querySelector('#gallery-12').getBoundingClientRect();
          const row = document.querySelector('.gallery__list').getBoundingClientRect();
          return slide.left >= row.left - 1 && slide.right <= row.right + 1;
        }"""
    )
    assert overflow(page) is None


def test_not_every_picture_is_fetched_at_once(new_page, gallery_article):
    page = new_page(viewport=PHONE).page
    page.goto(gallery_article.get_absolute_url())
    page.locator("section.gallery").scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    fetched = page.evaluate(
        "performance.getEntriesByType('resource').filter(e => e.name.includes('/images/')).length"
    )
    assert 1 <= fetched < 12


def test_without_javascript_the_gallery_is_a_row_of_figures(new_page, gallery_article):
    page = new_page(viewport=PHONE, javascript=False).page
    page.goto(gallery_article.get_absolute_url())
    expect(page.locator("section.gallery h2")).to_have_text("گزارش تصویری")
    assert page.locator(".gallery__list > li > figure").count() == 12
    assert page.locator(".gallery__controls").count() == 0
    snap = page.evaluate(
        "getComputedStyle(document.querySelector('.gallery__list')).scrollSnapType"
    )
    assert snap.startswith("x")
    page.locator("section.gallery").scroll_into_view_if_needed()
    screenshot(page, "gallery-390-no-js")


@pytest.mark.parametrize("viewport", [PHONE, DESK], ids=["390", "1366"])
def test_axe_finds_nothing_on_a_gallery_article(new_page, gallery_article, viewport):
    page = new_page(viewport=viewport).page
    load_axe(page)
    page.goto(gallery_article.get_absolute_url())
    page.locator("section.gallery").scroll_into_view_if_needed()
    page.get_by_role("button", name="عکس بعدی").click()
    assert wcag_violations(page) == []
    screenshot(page, f"gallery-{viewport[0]}")


def test_the_nu_html_checker_finds_no_errors_on_a_gallery_article(
    new_page, gallery_article, tmp_path
):
    if not VNU.exists():
        pytest.skip("vnu-jar is not installed (make install runs npm ci)")
    if not shutil.which("java"):
        pytest.skip("The Nu Html Checker needs Java, and none is installed")
    page = new_page(javascript=False).page
    page.goto(gallery_article.get_absolute_url())
    path = tmp_path / "gallery.html"
    path.write_text(page.content(), encoding="utf-8")
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    assert not [f"{m.get('lastLine')}: {m['message']}" for m in messages]


def test_an_editor_orders_the_gallery_with_the_move_buttons(new_page, settings):
    settings.SERVE_MEDIA = True
    editor = make_user("Editors", username="editor")
    article = make_article(author=editor, status=Article.Status.DRAFT)
    first, second = photos(2)
    page = new_page(viewport=DESK).page
    load_axe(page)
    log_in(page, "editor")
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    group = page.locator(".gallery-inline")
    expect(group.get_by_role("heading", name="گزارش تصویری")).to_be_visible()
    page.get_by_label("تصویر، تصویر ۱ گزارش").fill(str(first.pk))
    page.get_by_label("ترتیب، تصویر ۱ گزارش").fill("1")
    page.get_by_label("تصویر، تصویر ۲ گزارش").fill(str(second.pk))
    page.get_by_label("ترتیب، تصویر ۲ گزارش").fill("2")
    assert wcag_violations(page) == []
    screenshot(page, "gallery-admin-1366")
    page.get_by_role("button", name="پایین‌تر: تصویر ۱ گزارش").click()
    # Numbered again in Persian digits, as the server writes them.
    assert page.get_by_label("ترتیب، تصویر ۱ گزارش").input_value() == "۲"
    assert page.get_by_label("ترتیب، تصویر ۲ گزارش").input_value() == "۱"
    assert page.get_by_label("ترتیب، تصویر ۳ گزارش").input_value() == "۰"  # empty: untouched
    page.click("input[name=_continue]")
    page.wait_for_load_state()
    order = list(article.gallery_items.for_page().values_list("image_id", flat=True))
    assert order == [second.pk, first.pk]
