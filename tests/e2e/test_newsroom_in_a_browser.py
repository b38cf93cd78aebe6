"""The product as its users meet it, in Chromium: reporter, editor, reader, moderator, analyst."""

import datetime

import jdatetime
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from comments.models import Comment
from tests.e2e.conftest import log_in, screenshot
from tests.factories import make_article, make_comment, make_section, make_user

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.e2e]

TITLE = "کتابخانه‌های سیار به روستاهای کرمانشاه رسید"
PENDING = "نظر شما ثبت شد و پس از تأیید منتشر می‌شود."


@pytest.fixture(autouse=True)
def quick_forms(settings):
    settings.COMMENTS_MIN_FILL_SECONDS = 0  # a browser fills the form faster than a person


@pytest.fixture
def people():
    return {
        role: make_user(role, username=role.lower())
        for role in ("Reporters", "Editors", "Moderators", "Analysts")
    }


def in_tehran(moment: datetime.datetime) -> jdatetime.datetime:
    return jdatetime.datetime.fromgregorian(datetime=timezone.localtime(moment))


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_an_article_from_the_reporter_to_the_reader_and_back(new_page, people, screen):
    make_section(name="استان‌ها", slug="provinces")
    size = (1280, 900) if screen == "desktop" else (360, 740)

    def new_page_here(**kwargs):
        return new_page(viewport=size, **kwargs)

    # The reporter writes it in the admin, with CKEditor, and sends it for review.
    reporter = new_page_here().page
    log_in(reporter, "reporters")
    reporter.goto("/admin/articles/article/add/")
    reporter.fill("#id_kicker", "با همکاری کتابخانه‌های عمومی")
    reporter.fill("#id_title", TITLE)
    reporter.fill("#id_lead", "نخستین کتابخانه سیار امروز به روستای نمونه رسید.")
    reporter.select_option("#id_section", label="استان‌ها")
    reporter.wait_for_selector("iframe.cke_wysiwyg_frame")
    editor_body = reporter.frame_locator("iframe.cke_wysiwyg_frame").locator("body")
    editor_body.click()
    reporter.keyboard.type("کتابخانه سیار هر هفته به ده روستا می‌رود.")
    screenshot(reporter, f"admin-article-add-{screen}")
    reporter.click("input[name=_save]")
    reporter.wait_for_url("**/admin/articles/article/")
    article = Article.objects.get(title=TITLE)
    assert "کتابخانه سیار هر هفته" in article.body
    reporter.check(f"input.action-select[value='{article.pk}']")
    reporter.select_option("select[name=action]", "submit_for_review")
    reporter.click("button[name=index]")
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW

    # The editor schedules it for the day after tomorrow: readers do not see it yet.
    editor = new_page_here().page
    log_in(editor, "editors")
    editor.goto(f"/admin/articles/article/{article.pk}/change/")
    when = in_tehran(timezone.now() + datetime.timedelta(days=2))
    editor.select_option("#id_status", "published")
    editor.fill("#id_published_at_0", when.strftime("%Y-%m-%d"))
    editor.fill("#id_published_at_1", "09:30:00")
    editor.click("input[name=_save]")
    editor.wait_for_url("**/admin/articles/article/")
    article.refresh_from_db()
    assert article.is_scheduled
    reader = new_page_here()
    reader.page.goto("/")
    assert TITLE not in reader.page.content()
    assert reader.page.goto(article.get_absolute_url()).status == 404

    # ...then publishes it now.
    editor.check(f"input.action-select[value='{article.pk}']")
    editor.select_option("select[name=action]", "publish_now")
    editor.click("button[name=index]")

    # The reader finds it on the home page and votes without a reload.
    page = reader.page
    page.goto("/")
    screenshot(page, f"reader-home-{screen}")  # (home-*.png: the demo's, kept in the repo)
    page.click(f"text={TITLE}")
    page.wait_for_selector("#feedback")
    page.evaluate("window.stillThisPage = true")
    page.click("#feedback button[value=yes]")
    expect(page.locator(".feedback__status")).to_contain_text("۱ نفر از ۱ نفر")
    assert page.evaluate("window.stillThisPage") is True
    assert page.get_attribute("#feedback button[value=yes]", "aria-pressed") == "true"
    page.click("#feedback button[value=no]")
    expect(page.locator(".feedback__status")).to_contain_text("۰ نفر از ۱ نفر")
    assert page.is_visible(".feedback__follow-up")
    assert page.evaluate("window.stillThisPage") is True

    # ...and comments; the comment waits for a moderator.
    page.fill("#id_name", "سارا")
    page.fill("#id_text", "چه خبر خوبی؛ کاش به روستای ما هم بیاید.")
    page.click(".comment-form__submit")
    expect(page.locator(".comment-form__status")).to_contain_text(PENDING)
    screenshot(page, f"article-{screen}")
    assert Comment.objects.get().status == Comment.Status.PENDING

    # The moderator approves it; the reader sees it.
    moderator = new_page_here().page
    log_in(moderator, "moderators")
    moderator.goto("/admin/comments/comment/?status__exact=pending")
    moderator.check("input.action-select")
    moderator.select_option("select[name=action]", "approve")
    moderator.click("button[name=index]")
    page.reload()
    assert "کاش به روستای ما هم بیاید" in page.inner_text("#comments")

    # The analyst reads the usefulness report.
    analyst = new_page_here().page
    log_in(analyst, "analysts")
    analyst.goto("/admin/articles/usefulnessreport/?min_votes=1")  # below the default five
    assert TITLE in analyst.content()
    screenshot(analyst, f"admin-usefulness-report-{screen}")
    assert not reader.dialogs and not reader.csp_violations, reader.csp_violations


def test_a_reader_on_a_phone(new_page):
    article = make_article(title=TITLE, lead="لید خبر برای خواندن روی گوشی.")
    reader = new_page(viewport=(360, 740))
    page = reader.page
    for url in ("/", article.get_absolute_url(), "/section/" + article.section.slug + "/"):
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, url
    page.goto(article.get_absolute_url())
    page.click("#feedback button[value=yes]")
    expect(page.locator(".feedback__status")).to_contain_text("۱ نفر از ۱ نفر")
    # The page may be minutes old at the edge: starting to write fetches a fresh stamp.
    with page.expect_response(lambda answer: answer.url.endswith("/started/")) as stamp:
        page.fill("#id_name", "علی")
    assert stamp.value.ok
    fresh = stamp.value.json()["started"]
    expect(page.locator("#comment-form [name=started]")).to_have_value(fresh)
    page.fill("#id_text", "از گوشی فرستادم.")
    page.click(".comment-form__submit")
    expect(page.locator(".comment-form__status")).to_contain_text(PENDING)
    screenshot(page, "article-phone")
    assert not reader.csp_violations, reader.csp_violations


def test_without_javascript_voting_and_commenting_still_work(new_page):
    article = make_article(title=TITLE)
    page = new_page(javascript=False).page
    page.goto(article.get_absolute_url())
    page.click("#feedback button[value=yes]")
    page.wait_for_load_state()
    assert "۱ نفر از ۱ نفر این خبر را مفید دانستند" in page.content()
    page.goto(article.get_absolute_url())
    page.click("#feedback button[value=no]")
    page.wait_for_url("**/feedback/**")
    page.check("input[value=outdated]")
    page.fill("textarea[name=note]", "آمار سال گذشته است.")
    page.click(".feedback__send")
    page.wait_for_load_state()
    assert "توضیح شما ثبت شد" in page.content()

    page.goto(article.get_absolute_url())
    page.fill("#id_name", "مریم")
    page.fill("#id_text", "بدون جاوااسکریپت هم می‌شود نظر داد.")
    page.click(".comment-form__submit")
    page.wait_for_load_state()
    assert PENDING in page.content()
    assert Comment.objects.get().text == "بدون جاوااسکریپت هم می‌شود نظر داد."


HOSTILE = [
    "<script>alert('comment')</script>",
    "<img src=x onerror=alert('img')>",
    '"><svg onload=alert("svg")>',
    "javascript:alert('link')",
    "\u202e<script>alert('bidi')</script>",
]


def test_no_injected_script_ever_runs(new_page):
    article = make_article(title="خبر آزمون", body="<p>متن</p>")
    # A body written around save() (a bulk import) is still sanitised when shown.
    Article.objects.filter(pk=article.pk).update(
        body='<p>متن</p><script>alert("body")</script><img src=x onerror=alert("body-img")>'
    )
    for text in HOSTILE:
        make_comment(article, name=text[:60], text=text)
    reader = new_page()
    page = reader.page
    page.goto(article.get_absolute_url())
    for query in HOSTILE:
        page.goto("/search/?q=" + query)
    page.goto(article.get_absolute_url())
    page.wait_for_timeout(300)  # let any image error handler have its chance
    assert reader.dialogs == []
    assert "alert('comment')" in page.inner_text("#comments")  # shown, as text


def test_two_editors_in_two_browsers_lose_nothing(new_page):
    article = make_article(title="تیتر نخست")
    make_user("Editors", username="first_editor", first_name="مریم")
    make_user("Editors", username="second_editor", first_name="رضا")
    first, second = new_page().page, new_page().page
    log_in(first, "first_editor")
    log_in(second, "second_editor")
    url = f"/admin/articles/article/{article.pk}/change/"
    first.goto(url)
    second.goto(url)
    expect(second.locator(".article-lock")).to_contain_text("در حال ویرایش توسط مریم")

    first.fill("#id_title", "تیتر مریم")
    first.check("input[name=change_kind][value=typo]")  # published: the change says what it is
    first.click("input[name=_save]")
    first.wait_for_url("**/admin/articles/article/")

    second.fill("#id_title", "تیتر رضا")
    second.check("input[name=change_kind][value=typo]")
    second.click("input[name=_save]")
    expect(second.locator(".errorlist")).to_contain_text("ذخیره کرده است")
    assert second.input_value("#id_title") == "تیتر رضا"  # nothing typed is lost
    article.refresh_from_db()
    assert article.title == "تیتر مریم"
