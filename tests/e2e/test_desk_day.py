"""A day at the desk in Chromium, one test per role, as a new user does it: from the admin's
login page to the day's work done, at 1366 px and on a 390 px phone. Every click is counted
(and held to what was measured, so a change that adds a step fails), every step is
photographed as `.artifacts/day-<role>-<width>-<nn>-<step>.png`, and every admin page is
checked as the person sees it: by axe for WCAG 2.2 A and AA, for sideways scrolling, and for
list cells squeezed past reading."""

import csv
import datetime
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import re_path
from django.utils import timezone
from django.views.static import serve
from PIL import Image
from playwright.sync_api import expect

from articles.models import Article, FeedbackVote
from articles.models import Image as LibraryImage
from comments.models import Comment, ModerationEvent
from newsroom.persian import jalali
from newsroom.persian.text import to_persian_digits
from newsroom.urls import urlpatterns as site_urls
from tests.e2e.conftest import Clicks, load_axe, overflow, screenshot, wcag_violations
from tests.factories import make_article, make_comment, make_section, make_tag, make_user

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.e2e,
    # The site's own addresses, and its uploads served as the web server in front would.
    pytest.mark.urls(__name__),
]


def media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [*site_urls, re_path(r"^media/(?P<path>.+)$", media)]

SCREENS = [pytest.param((1366, 800), id="1366"), pytest.param((390, 844), id="390")]
PEOPLE = {  # role: username (password «pass»), first and last name
    "Reporters": ("reporter", "مریم", "احمدی"),
    "Editors": ("editor", "علی", "رضایی"),
    "Moderators": ("moderator", "زهرا", "کریمی"),
    "Analysts": ("analyst", "حسین", "نوری"),
}


def person(role: str):
    username, first, last = PEOPLE[role]
    return make_user(role, username=username, first_name=first, last_name=last)


def story(title: str, **fields) -> Article:
    fields.setdefault("lead", "لید این خبر در یک جمله.")
    fields.setdefault("body", "<p>متن این خبر.</p>")
    return make_article(title=title, **fields)


def cramped(page) -> list[str]:
    """Cells of a table that the window squeezes: a title narrower than a few words, a date
    broken over more than two lines."""
    return page.evaluate(
        """() => {
            const lines = (cell) => {
                const range = document.createRange();
                range.selectNodeContents(cell);
                return new Set([...range.getClientRects()].map((r) => Math.round(r.bottom))).size;
            };
            const found = [];
            for (const cell of document.querySelectorAll("#result_list td.field-title")) {
                const width = cell.getBoundingClientRect().width;
                if (width < 140) found.push(`a title ${Math.round(width)}px wide`);
            }
            const dates = "#result_list td.field-publish_time, #content td > time";
            for (const cell of document.querySelectorAll(dates)) {
                const text = cell.textContent.trim();
                if (lines(cell) > 2) found.push(`«${text}» on ${lines(cell)} lines`);
            }
            return found;
        }"""
    )


class Day:
    """One person's day in one browser: their clicks, and each step photographed and checked
    (axe and overflow on admin pages), findings kept to be asserted at the end."""

    def __init__(self, new_page, role: str, screen: tuple[int, int]):
        self.watched = new_page(viewport=screen)
        self.page = self.watched.page
        load_axe(self.page)
        self.role, self.width = role, screen[0]
        self.clicks = Clicks(self.page)
        self.steps = 0
        self.found: dict[str, list[str]] = {}

    def step(self, name: str) -> None:
        self.steps += 1
        screenshot(self.page, f"day-{self.role}-{self.width}-{self.steps:02d}-{name}")
        if "/admin/" not in self.page.url:
            return
        problems = wcag_violations(self.page) + cramped(self.page)
        if wide := overflow(self.page):
            problems.append(f"overflow: {wide}")
        if problems:
            self.found[f"{self.steps:02d}-{name} {self.page.url}"] = problems

    def log_in(self, username: str) -> None:
        self.page.goto("/admin/")  # a new user's bookmark: the login page comes first
        self.page.wait_for_selector("#id_username")
        self.step("login")
        self.clicks.type("#id_username", username)
        self.clicks.type("#id_password", "pass")
        self.clicks.enter("#id_password")
        self.page.wait_for_url("**/admin/")
        self.step("desk")

    def done(self) -> None:
        assert not self.found, self.found
        assert not self.watched.csp_violations, self.watched.csp_violations


def body_frame(page):
    page.wait_for_selector("iframe.cke_wysiwyg_frame")
    return page.frame_locator("iframe.cke_wysiwyg_frame")


def photo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (640, 400), (20, 90, 160)).save(path, "JPEG")
    return path


def uploaded_photo(user, name: str) -> str:
    """A photo as CKEditor's upload stores it for `user`; its address on the site."""
    relative = f"uploads/by-user/{user.pk}/2026/11/24/{name}"
    photo(settings.MEDIA_ROOT / relative)
    return f"/media/{relative}"


# The reporter ------------------------------------------------------------------------------

TITLE = "نخستین برف پاییزی همدان را سفیدپوش کرد"
ALT = "خیابان بوعلی همدان زیر برف"


@pytest.mark.parametrize("screen", SCREENS)
def test_a_reporter_files_an_article_with_a_photo_in_its_body(new_page, tmp_path, screen):
    make_section(name="استان‌ها", slug="provinces")
    make_tag(name="همدان")
    reporter = person("Reporters")
    day = Day(new_page, "reporter", screen)
    page, clicks = day.page, day.clicks
    day.log_in("reporter")

    clicks.click("a.addlink[href$='/articles/article/add/']")
    body = body_frame(page).locator("body")
    clicks.type("#id_kicker", "در نخستین روز آذر")
    clicks.type("#id_title", TITLE)
    clicks.type("#id_lead", "برف از بامداد امروز همدان را سفیدپوش کرد.")
    clicks.type(body, "بارش برف از ساعت پنج بامداد آغاز شد و مدارس تعطیل است.")
    page.keyboard.press("Enter")  # the photo in a paragraph of its own
    day.step("written")

    # The photo: CKEditor's image button, its upload tab, a file, «به سرور بفرست».
    clicks.click("a.cke_button__image")
    dialog = page.locator(".cke_dialog").filter(has=page.locator(".cke_dialog_tab"))
    clicks.click(dialog.locator("a.cke_dialog_tab", has_text="بالاگذاری"))
    chooser = dialog.frame_locator("iframe.cke_dialog_ui_input_file").locator("input[type=file]")
    with page.expect_file_chooser() as chosen:
        clicks.click(chooser)
    chosen.value.set_files(str(photo(tmp_path / "برف-همدان.jpg")))
    clicks.click(dialog.locator("a.cke_dialog_ui_fileButton", has_text="به سرور بفرست"))
    src_box = dialog.locator("input.cke_dialog_ui_input_text").first
    # Into the image library, under the month it came.
    expect(src_box).to_have_value(re.compile(r"^/media/images/\d{4}/\d{2}/.+\.jpg$"))
    src = src_box.input_value()
    clicks.type(dialog.get_by_label("متن جایگزین"), ALT)
    day.step("photo-uploaded")
    clicks.click(dialog.locator("a.cke_dialog_ui_button_ok"))
    expect(body.locator(f'img[src="{src}"]')).to_be_visible()
    day.step("photo-in-the-body")

    clicks.pick("#id_section", "استان‌ها")
    clicks.type("#id_tag_names", "همدان، برف")
    day.step("ready")
    clicks.click("button[name=move][value=submit]")
    expect(page.locator(".messagelist")).to_contain_text(f"«{TITLE}» برای بررسی فرستاده شد.")
    day.step("filed")

    article = Article.objects.get(title=TITLE)
    assert article.status == Article.Status.REVIEW and article.author == reporter
    assert article.kicker == "در نخستین روز آذر"
    assert sorted(t.name for t in article.tags.all()) == ["برف", "همدان"]
    assert "بارش برف از ساعت پنج بامداد آغاز شد" in article.body
    assert f'src="{src}"' in article.body and f'alt="{ALT}"' in article.body
    picture = LibraryImage.objects.get(uploaded_by=reporter)
    assert f'<img data-image="{picture.pk}"' in article.body
    # Measured: log in (Enter); «افزودن»; the photo: the image button, its upload tab, the
    # file box, «به سرور بفرست», «تأیید»; the section (open, choose); «ارسال برای بررسی».
    # Boxes typed into: username, password, kicker, title, lead, body, alt text, tags.
    assert (clicks.clicks, clicks.boxes) == (10, 8), (clicks.clicks, clicks.boxes)
    day.done()


# The editor --------------------------------------------------------------------------------

PASTED = (
    "نتایج بررسی اولیه امیدوار کننده است و فهرست مدارس به زودی اعلام می شود. "
    "مدیرکل آموزش و پرورش بر این نکته تاکید کرد که کلاس ها یکماه دیگر جبران می شود."
)
COPYEDITED = (
    "نتایج بررسی اولیه امیدوارکننده است و فهرست مدارس به‌زودی اعلام می‌شود. "
    "مدیرکل آموزش و پرورش بر این نکته تأکید کرد که کلاس‌ها یک ماه دیگر جبران می‌شود."
)


@pytest.fixture
def filed():
    """Two articles reporters filed this morning, each with a photo in its body."""
    section = make_section(name="استان‌ها", slug="provinces")
    reporter = person("Reporters")
    articles = []
    for title, photo_name, tag in [
        ("تعطیلی مدارس همدان به دلیل بارش برف", "madares.jpg", "مدارس"),
        ("بازگشایی جاده گنجنامه پس از برف‌روبی", "ganjnameh.jpg", "جاده‌ها"),
    ]:
        src = uploaded_photo(reporter, photo_name)
        articles.append(
            story(
                title,
                section=section,
                author=reporter,
                status=Article.Status.REVIEW,
                published_at=None,
                body=f'<p>متن خبرنگار.</p><p><img src="{src}" alt="عکس خبر"></p>',
                tags=[make_tag(name=tag)],
            )
        )
    return articles


def tehran_in_three_days() -> datetime.datetime:
    return jalali.localtime(timezone.now() + datetime.timedelta(days=3))


@pytest.mark.parametrize("screen", SCREENS)
def test_an_editor_copyedits_schedules_and_publishes(new_page, filed, screen):
    scheduled, published = filed
    person("Editors")
    day = Day(new_page, "editor", screen)
    page, clicks = day.page, day.clicks
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    day.log_in("editor")

    waiting = page.locator(".desk-block", has_text="در انتظار بررسی")
    clicks.click(waiting.get_by_role("link", name=scheduled.title))
    body = body_frame(page).locator("body")
    expect(body.get_by_role("img", name="عکس خبر")).to_be_visible()
    day.step("opened")

    # A text from a wire service, pasted under the reporter's, as it came.
    page.evaluate("(text) => navigator.clipboard.writeText(text)", PASTED)
    clicks.type(body.locator("p").first, "")
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.press("Control+V")
    expect(body).to_contain_text("امیدوار کننده")
    day.step("pasted")

    clicks.click("a[data-copyedit]")
    dialog = page.get_by_role("dialog", name="ویرایش خودکار نگارش")
    expect(dialog.locator("ins", has_text="امیدوارکننده")).to_be_visible()
    day.step("copyedit")
    clicks.click(dialog.get_by_role("button", name="پذیرش همه"))
    expect(dialog).to_be_hidden()
    expect(body).to_contain_text(COPYEDITED)
    day.step("copyedited")

    # The time typed as Iranian desks write it: «۱۴۰۵/۰۹/۱۲» and «۱۰:۳۰», Persian digits.
    when = tehran_in_three_days()
    typed_day = to_persian_digits(jalali.to_jalali(when).strftime("%Y/%m/%d"))
    clicks.type("#id_published_at_0", typed_day, keys=True)
    expect(page.locator("#ui-datepicker-div")).to_be_hidden()  # not over the time box
    clicks.type("#id_published_at_1", "۱۰:۳۰", keys=True)
    page.keyboard.press("Tab")  # on to the next box: the picker closes, the time settles
    expect(page.locator("#id_published_at_0")).to_have_value(typed_day)
    expect(page.locator("#id_published_at_1")).to_have_value("۱۰:۳۰")
    day.step("time-typed")
    clicks.click("button[name=move][value=schedule]")
    expect(page.locator(".messagelist")).to_contain_text("زمان‌بندی شد")
    day.step("scheduled")

    clicks.click(page.locator("#result_list").get_by_role("link", name=published.title))
    body_frame(page)
    day.step("second-opened")
    clicks.click("button[name=move][value=publish]")
    expect(page.locator(".messagelist")).to_contain_text(f"«{published.title}» منتشر شد.")
    day.step("published")

    scheduled.refresh_from_db()
    assert scheduled.is_scheduled
    assert jalali.localtime(scheduled.published_at).replace(tzinfo=None) == when.replace(
        hour=10, minute=30, second=0, microsecond=0, tzinfo=None
    )
    assert COPYEDITED in scheduled.body and "<img" in scheduled.body
    published.refresh_from_db()
    assert published.status == Article.Status.PUBLISHED and not published.is_scheduled
    # Measured: log in (Enter); the article on the desk; «ویرایش خودکار نگارش»; «پذیرش
    # همه»; «زمان‌بندی»; the other article in the list; «انتشار». Boxes: username,
    # password, the body, the date, the time.
    assert (clicks.clicks, clicks.boxes) == (7, 5), (clicks.clicks, clicks.boxes)
    day.done()

    # Readers: the published article with its photo; the scheduled one not yet.
    reader = new_page(viewport=screen).page
    assert reader.goto(scheduled.get_absolute_url()).status == 404
    reader.goto(published.get_absolute_url())
    shown = reader.locator(".article__body img")
    expect(shown).to_be_visible()
    assert shown.evaluate("img => img.complete && img.naturalWidth") == 640
    assert overflow(reader) is None
    screenshot(reader, f"day-editor-{day.width}-{day.steps + 1:02d}-reader-sees-it")


# The moderator -----------------------------------------------------------------------------


@pytest.fixture
def comments():
    article = story(
        "طرح تازه حمل‌ونقل عمومی تهران اعلام شد",
        section=make_section(name="شهری", slug="city"),
        author=person("Reporters"),
    )
    question = make_comment(
        article,
        name="مریم",
        text="آیا این طرح شامل شهرهای کوچک هم می‌شود؟",
        status=Comment.Status.PENDING,
    )
    praise = make_comment(
        article, name="علی", text="گزارش دقیق و خوبی بود.", status=Comment.Status.PENDING
    )
    return {"article": article, "question": question, "praise": praise}


REPLY = "بله؛ مرحله دوم طرح از بهار به شهرهای کوچک می‌رسد."


@pytest.mark.parametrize("screen", SCREENS)
def test_a_moderator_approves_and_replies_from_the_queue(new_page, comments, screen):
    moderator = person("Moderators")
    day = Day(new_page, "moderator", screen)
    page, clicks = day.page, day.clicks
    day.log_in("moderator")

    clicks.click(page.get_by_role("link", name="رفتن به صف بررسی"))
    page.wait_for_url(re.compile(r"/admin/comments/comment/\?status__exact=pending$"))
    day.step("queue")
    praise = page.locator("#result_list tr", has_text=comments["praise"].text)
    clicks.click(praise.get_by_role("button", name="تأیید", exact=True))
    expect(praise.locator(".moderation-actions__done")).to_contain_text("منتشر شد")
    day.step("approved")

    question = page.locator("#result_list tr", has_text=comments["question"].text)
    clicks.click(question.get_by_role("link", name="پاسخ تحریریه"))
    clicks.type("#id_text", REPLY)
    day.step("reply")
    clicks.click("input[type=submit][value='انتشار پاسخ']")
    page.wait_for_url(re.compile(r"/admin/comments/comment/\?status__exact=pending$"))
    expect(page.locator(".messagelist")).to_contain_text("پاسخ تحریریه به «آیا این طرح")
    day.step("back-in-the-queue")

    assert Comment.objects.get(pk=comments["praise"].pk).status == Comment.Status.APPROVED
    reply = Comment.objects.get(is_staff_reply=True)
    assert reply.parent_id == comments["question"].pk and reply.user == moderator
    assert ModerationEvent.objects.filter(actor=moderator).count() == 3  # approve ×2, reply
    # Measured: log in (Enter); «رفتن به صف بررسی»; «تأیید»; «پاسخ تحریریه»; «انتشار
    # پاسخ». Boxes: username, password, the reply.
    assert (clicks.clicks, clicks.boxes) == (5, 3), (clicks.clicks, clicks.boxes)
    day.done()

    # Readers: the approved comment, and the newsroom's answer under the question.
    reader = new_page(viewport=screen).page
    reader.goto(comments["article"].get_absolute_url() + "#comments")
    expect(reader.locator(f"#comment-{comments['praise'].pk}")).to_contain_text("گزارش دقیق")
    answer = reader.locator(f"#comment-{reply.pk}")
    expect(answer).to_contain_text(REPLY)
    expect(answer.locator(".comment__badge")).to_have_text("پاسخ تحریریه")
    assert overflow(reader) is None
    answer.scroll_into_view_if_needed()
    screenshot(reader, f"day-moderator-{day.width}-{day.steps + 1:02d}-reader-sees-it")


# The analyst -------------------------------------------------------------------------------


def votes(article, yes: int, no: int, days_ago: int = 1) -> None:
    when = timezone.now() - datetime.timedelta(days=days_ago)
    start = FeedbackVote.objects.count()
    for i in range(yes + no):
        vote = FeedbackVote.objects.create(article=article, reader=f"a:{start + i}", useful=i < yes)
        FeedbackVote.objects.filter(pk=vote.pk).update(created_at=when)  # not `now`


@pytest.fixture
def voted():
    section = make_section(name="اجتماعی", slug="society")
    reporter = person("Reporters")
    for name, yes, no in [("یک", 1, 7), ("دو", 2, 4), ("سه", 6, 1), ("چهار", 9, 1)]:
        votes(story(f"خبر سنجیده {name}", section=section, author=reporter), yes, no)
    votes(story("خبر کم‌رأی", section=section, author=reporter), 0, 2)
    votes(story("خبر قدیمی", section=section, author=reporter), 0, 8, days_ago=20)


@pytest.mark.parametrize("screen", SCREENS)
def test_an_analyst_finds_the_least_useful_of_the_week(new_page, voted, screen):
    person("Analysts")
    day = Day(new_page, "analyst", screen)
    page, clicks = day.page, day.clicks
    day.log_in("analyst")
    block = page.locator(".desk-block", has_text="کم‌فایده‌ترین خبرهای هفت روز گذشته")
    expect(block.locator("li").first).to_contain_text("خبر سنجیده یک")

    clicks.click(block.locator("h2 a"))
    page.wait_for_url(re.compile(r"/admin/articles/usefulnessreport/\?.*o="))
    titles = page.locator("#result_list .field-title").all_inner_texts()
    assert titles == ["خبر سنجیده یک", "خبر سنجیده دو", "خبر سنجیده سه", "خبر سنجیده چهار"]
    day.step("report")

    with page.expect_download() as download:
        clicks.click(page.get_by_role("link", name="دریافت CSV"))
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:2] == ["کد خبر", "تیتر"]
    assert [row[1] for row in rows[1:]] == titles  # the same articles, in the same order
    assert [row[5:8] for row in rows[1:]] == [
        ["1", "7", "8"],
        ["2", "4", "6"],
        ["6", "1", "7"],
        ["9", "1", "10"],
    ]

    clicks.click(page.locator("#result_list").get_by_role("link", name="خبر سنجیده یک"))
    expect(page.locator(".usefulness-chart__legend")).to_contain_text("بله (مفید بود)")
    day.step("chart")
    # Measured: log in (Enter); the desk block's title; «دریافت CSV»; the worst article.
    # Boxes: username, password.
    assert (clicks.clicks, clicks.boxes) == (4, 2), (clicks.clicks, clicks.boxes)
    day.done()
