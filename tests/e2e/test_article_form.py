"""The article form in Chromium: the workflow's buttons, the edit lock, the phone, axe."""

import datetime
import time

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from articles import locks
from articles.models import Article
from newsroom.persian import jalali
from tests.e2e.conftest import ARTIFACTS, log_in, screenshot
from tests.e2e.test_accessibility_and_html import AXE
from tests.factories import make_article, make_section, make_tag, make_user

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.e2e]

TITLE = "نخستین برف پاییزی همدان را سفیدپوش کرد"
PHONE = (390, 844)
DESK = (1366, 900)


class Clicks:
    """A person's clicks and taps on a page, counted as they are made. Picking from a
    list (a <select>) is two: open it, choose."""

    def __init__(self, page):
        self.page = page
        self.count = 0

    def click(self, selector: str) -> None:
        self.count += 1
        self.page.click(selector)

    def pick(self, selector: str, label: str) -> None:
        self.count += 2
        self.page.select_option(selector, label=label)


@pytest.fixture
def people():
    make_section(name="استان‌ها", slug="provinces")
    make_tag(name="همدان")
    return {
        "reporter": make_user("Reporters", username="reporter", first_name="خبرنگار"),
        "editor": make_user("Editors", username="editor", first_name="دبیر"),
    }


def change_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


def type_the_body(page, clicks: Clicks, text: str) -> None:
    page.wait_for_selector("iframe.cke_wysiwyg_frame")
    clicks.count += 1  # into the editor
    page.frame_locator("iframe.cke_wysiwyg_frame").locator("body").click()
    page.keyboard.type(text)


def holder(article) -> int | None:
    lock = locks.current(article.pk)
    return lock.user_id if lock else None


def wait_until(condition, seconds: float = 5) -> None:
    """For what the browser sends on its own (a beacon as a page is left)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the browser did not send it"
        time.sleep(0.05)


@pytest.mark.parametrize("screen", ["desk", "phone"])
def test_a_reporter_files_and_an_editor_schedules_then_publishes(new_page, people, screen):
    size = DESK if screen == "desk" else PHONE

    # The reporter writes a new article and sends it for review: no list, no menu.
    reporter = new_page(viewport=size).page
    log_in(reporter, "reporter")
    clicks = Clicks(reporter)
    clicks.click("a.addlink[href$='/articles/article/add/']")
    reporter.fill("#id_kicker", "در نخستین روز آذر")
    reporter.fill("#id_title", TITLE)
    reporter.fill("#id_lead", "برف از بامداد امروز همدان را سفیدپوش کرد.")
    type_the_body(reporter, clicks, "بارش برف از ساعت پنج بامداد آغاز شد.")
    clicks.pick("#id_section", "استان‌ها")
    reporter.fill("#id_tag_names", "همدان، برف")
    screenshot(reporter, f"article-form-reporter-{screen}")
    clicks.click("button[name=move][value=submit]")
    expect(reporter.locator(".messagelist")).to_contain_text(f"«{TITLE}» برای بررسی فرستاده شد.")
    article = Article.objects.get(title=TITLE)
    assert article.status == Article.Status.REVIEW and article.author == people["reporter"]
    assert sorted(t.name for t in article.tags.all()) == ["برف", "همدان"]
    assert "بارش برف از ساعت پنج بامداد" in article.body
    reporter_clicks = clicks.count
    # «افزودن», into the body, the section (open, pick), «ارسال برای بررسی»; typing aside.
    assert reporter_clicks == 5, reporter_clicks

    # The editor finds it free (the reporter left), schedules it for the day after tomorrow.
    editor = new_page(viewport=size).page
    log_in(editor, "editor")
    clicks = Clicks(editor)
    clicks.click(f"a[href$='{change_url(article)}']")  # the desk's «در انتظار بررسی»
    expect(editor.locator(".article-lock")).to_be_hidden()
    expect(editor.locator(".article-facts")).to_contain_text("کدخبر")
    when = jalali.to_jalali(timezone.now() + datetime.timedelta(days=2))
    clicks.click("#id_published_at_0")
    editor.fill("#id_published_at_0", when.strftime("%Y-%m-%d"))
    editor.keyboard.press("Escape")  # the date typed, the picker may go
    clicks.click("#id_published_at_1")
    editor.fill("#id_published_at_1", "09:30:00")
    screenshot(editor, f"article-form-editor-{screen}")
    clicks.click("button[name=move][value=schedule]")
    expect(editor.locator(".messagelist")).to_contain_text("زمان‌بندی شد")
    article.refresh_from_db()
    assert article.is_scheduled
    assert jalali.to_jalali(article.published_at).strftime("%H:%M") == "09:30"
    reader = new_page(viewport=size).page
    assert reader.goto(article.get_absolute_url()).status == 404

    # ...then publishes it now after all.
    clicks.click(f"#result_list a[href$='{change_url(article)}']")
    expect(editor.locator("button[name=move][value=publish]")).to_have_text("انتشار همین حالا")
    clicks.click("button[name=move][value=publish]")
    expect(editor.locator(".messagelist")).to_contain_text(f"«{TITLE}» منتشر شد.")
    assert reader.goto(article.get_absolute_url()).status == 200
    editor_clicks = clicks.count
    assert editor_clicks == 6, editor_clicks  # open, date, time, schedule, open, publish
    assert [e.action for e in article.events.order_by("pk")] == [
        "submitted",
        "scheduled",
        "published",
    ]
    assert list(article.history.values_list("version", flat=True)) == [3, 2, 1]


def test_an_article_only_looked_at_is_free_once_its_reader_leaves(new_page, people):
    article = make_article(title=TITLE, author=people["reporter"], status=Article.Status.DRAFT)
    reporter = new_page().page
    log_in(reporter, "reporter")
    reporter.goto(change_url(article))
    editor = new_page().page
    log_in(editor, "editor")
    editor.goto(change_url(article))
    expect(editor.locator(".article-lock")).to_contain_text("در حال ویرایش توسط خبرنگار")

    reporter.goto("/admin/")  # the reporter only looked, and left
    wait_until(lambda: locks.current(article.pk) is None)
    editor.reload()
    expect(editor.locator(".article-lock")).to_be_hidden()


def test_typing_keeps_the_lock_and_the_other_person_is_told(new_page, people):
    article = make_article(title=TITLE, author=people["reporter"], status="draft")
    reporter = new_page().page
    log_in(reporter, "reporter")
    reporter.goto(change_url(article))
    locks.release(article.pk, people["reporter"])  # as if its first lock had run out
    with reporter.expect_request(lambda r: r.url.endswith("/lock/") and r.method == "POST"):
        reporter.fill("#id_title", "تیتری که در حال نوشتن است")
    wait_until(lambda: holder(article) == people["reporter"].pk)

    # An editor had the form open before: their page learns who took it at its next beat.
    editor = new_page().page
    log_in(editor, "editor")
    editor.clock.install()
    editor.goto(change_url(article))
    expect(editor.locator(".article-lock")).to_contain_text("در حال ویرایش توسط خبرنگار")
    editor.fill("#id_lead", "دبیر هم چیزی نوشت")
    expect(editor.locator(".article-lock")).to_contain_text("در حال ویرایش توسط خبرنگار")

    # The reporter saves and goes back to the list: the editor's next keystroke takes it.
    reporter.click("input[name=_save]")
    reporter.wait_for_url("**/admin/articles/article/")
    editor.clock.fast_forward(5100)  # the page asks again only every few seconds
    editor.fill("#id_kicker", "روتیتر دبیر")
    wait_until(lambda: holder(article) == people["editor"].pk)
    expect(editor.locator(".article-lock")).to_contain_text("اکنون در دست شماست")


@pytest.mark.parametrize("screen", ["desk", "phone"])
def test_the_lead_image_is_chosen_in_persian_and_shown_as_a_picture(
    new_page, people, tmp_path, screen
):
    photo = tmp_path / "barf.png"
    Image.new("RGB", (600, 400), (200, 220, 240)).save(photo)
    article = make_article(title=TITLE, author=people["reporter"], status="draft")
    page = new_page(viewport=DESK if screen == "desk" else PHONE).page
    log_in(page, "reporter")
    page.goto(change_url(article))
    expect(page.locator("label.file-picker__button")).to_have_text("انتخاب تصویر…")
    page.set_input_files("#id_image", str(photo))
    expect(page.locator("[data-file-name]")).to_have_text("barf.png")
    page.fill("#id_image_alt", "خیابانی پوشیده از برف")
    page.click("input[name=_continue]")
    thumbnail = page.locator("img.article-image__thumbnail")
    expect(thumbnail).to_have_attribute("alt", "خیابانی پوشیده از برف")
    assert page.evaluate("(img) => img.complete && img.naturalWidth", thumbnail.element_handle())
    page.locator("div.field-image").scroll_into_view_if_needed()  # not a gallery row's
    page.screenshot(path=str(ARTIFACTS / f"article-image-{screen}.png"))


@pytest.mark.parametrize("role", ["reporter", "editor"])
def test_nothing_overflows_a_phone(new_page, people, role):
    article = make_article(
        title="نمایشگاه بین‌المللی کتاب تهران با حضور ۲۵۰۰ ناشر از ۳۵ کشور امروز آغاز شد",
        kicker="با حضور ناشران خارجی و داخلی در مصلای امام خمینی (ره)",
        author=people["reporter"],
        status=Article.Status.DRAFT,
        tags=[make_tag(name="نمایشگاه کتاب")],
    )
    article.title += " (به‌روز شد)"
    article.save()
    page = new_page(viewport=PHONE).page
    log_in(page, role)
    for name, url in [
        ("add", "/admin/articles/article/add/"),
        ("change", change_url(article)),
        ("history", f"/admin/articles/article/{article.pk}/history/"),
        ("compare", f"/admin/articles/article/{article.pk}/compare/"),
    ]:
        page.goto(url)
        if name in ("add", "change"):
            page.wait_for_selector("iframe.cke_wysiwyg_frame")
        width = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
        screenshot(page, f"article-{name}-{role}-phone")
        assert width[0] <= width[1], f"{name} is {width[0]}px wide on a {width[1]}px screen"


def test_axe_finds_nothing_on_the_article_form(new_page, people):
    if not AXE.exists():
        pytest.skip("axe-core is not installed (make install runs npm ci)")
    article = make_article(title=TITLE, tags=[make_tag(name="برف")])
    Article.objects.filter(pk=article.pk).update(
        image="articles/2026/11/hamedan.jpg", image_alt="خیابانی پوشیده از برف"
    )
    pages = {
        "editor": [
            change_url(article),
            "/admin/articles/article/add/",
            f"/admin/articles/article/{article.pk}/history/",
            f"/admin/articles/article/{article.pk}/compare/",
        ],
        "reporter": ["/admin/articles/article/add/"],
    }
    found = {}
    for role, urls in pages.items():
        page = new_page(bypass_csp=True).page  # the checker is injected as a script
        log_in(page, role)
        for url in urls:
            page.goto(url)
            if url.endswith(("/change/", "/add/")):  # with the body editor's own controls
                page.wait_for_selector("iframe.cke_wysiwyg_frame")
            page.add_script_tag(path=str(AXE))
            result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
            violations = [
                f"{v['id']}: {v['help']} ({len(v['nodes'])} × {v['nodes'][0]['target']})"
                for v in result["violations"]
            ]
            if violations:
                found[f"{role} {url}"] = violations
    assert not found, found
