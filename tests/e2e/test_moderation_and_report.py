"""The moderator's and the analyst's day in Chromium, counted in clicks, and the pages they
use checked by axe and on a phone."""

import csv
import datetime
import io
import json
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import FeedbackVote
from comments.models import Comment, ModerationEvent
from tests.e2e.conftest import log_in, screenshot
from tests.e2e.test_accessibility_and_html import AXE
from tests.factories import make_article, make_comment, make_section, make_user

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.e2e]

SCREENS = {"desktop": (1366, 900), "phone": (390, 844)}
PENDING_QUEUE = re.compile(r"/admin/comments/comment/\?status__exact=pending$")


class Clicks:
    """Every click of a person's task, counted."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def click(self, target) -> None:
        self.count += 1
        (self.page.locator(target) if isinstance(target, str) else target).first.click()


def fits(page, width: int) -> None:
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} is {scroll_width}px wide on a {width}px screen"


def votes(article, yes: int, no: int, days_ago: int = 1) -> None:
    when = timezone.now() - datetime.timedelta(days=days_ago)
    start = FeedbackVote.objects.count()
    for i in range(yes + no):
        vote = FeedbackVote.objects.create(article=article, reader=f"a:{start + i}", useful=i < yes)
        FeedbackVote.objects.filter(pk=vote.pk).update(created_at=when)


@pytest.fixture
def desk():
    section = make_section(name="اجتماعی", slug="society")
    article = make_article(section=section, title="طرح تازه حمل‌ونقل عمومی تهران اعلام شد")
    question = make_comment(
        article,
        name="مریم",
        text="آیا این طرح شامل شهرهای کوچک هم می‌شود؟",
        status=Comment.Status.PENDING,
    )
    praise = make_comment(
        article, name="علی", text="گزارش دقیق و خوبی بود.", status=Comment.Status.PENDING
    )
    make_comment(article, parent=question, name="رضا", text="به نظرم نه.")
    for name, yes, no in [("یک", 1, 7), ("دو", 2, 4), ("سه", 6, 1), ("چهار", 9, 1)]:
        votes(make_article(section=section, title=f"خبر سنجیده {name}"), yes, no)
    votes(make_article(section=section, title="خبر کم‌رأی"), 0, 2)
    votes(make_article(section=section, title="خبر قدیمی"), 0, 8, days_ago=20)
    people = {
        role: make_user(role, username=role.lower())
        for role in ("Moderators", "Analysts", "Editors")
    }
    return {"article": article, "question": question, "praise": praise, "people": people}


@pytest.mark.parametrize("screen", SCREENS)
def test_a_moderator_approves_a_comment_and_replies_from_the_queue(new_page, desk, screen):
    width = SCREENS[screen][0]
    page = new_page(viewport=SCREENS[screen]).page
    log_in(page, "moderators")
    clicks = Clicks(page)

    clicks.click("text=رفتن به صف بررسی")  # 1: the dashboard's count of waiting comments
    page.wait_for_url(PENDING_QUEUE)
    row = page.locator("#result_list tr", has_text="گزارش دقیق و خوبی بود.")
    expect(row.get_by_role("button", name="تأیید", exact=True)).to_be_visible()
    fits(page, width)
    screenshot(page, f"moderation-1-queue-{screen}")

    clicks.click(row.get_by_role("button", name="تأیید", exact=True))  # 2: in place
    expect(row.locator(".moderation-actions__done")).to_contain_text("منتشر شد")
    expect(row.locator(".field-status")).to_have_text("تأییدشده")
    expect(row.get_by_role("button", name="تأیید", exact=True)).to_be_hidden()
    fits(page, width)
    screenshot(page, f"moderation-2-approved-{screen}")

    row = page.locator("#result_list tr", has_text="آیا این طرح شامل شهرهای کوچک")
    clicks.click(row.get_by_role("link", name="پاسخ تحریریه"))  # 3
    page.wait_for_url(re.compile(r"/reply/\?_changelist_filters=status__exact%3Dpending$"))
    page.fill("#id_text", "بله؛ مرحله دوم طرح از بهار به شهرهای کوچک می‌رسد.")
    fits(page, width)
    screenshot(page, f"moderation-3-reply-{screen}")

    clicks.click("input[type=submit][value='انتشار پاسخ']")  # 4: back to the same queue
    page.wait_for_url(PENDING_QUEUE)
    expect(page.locator(".messagelist")).to_contain_text("پاسخ تحریریه به «آیا این طرح")
    fits(page, width)
    screenshot(page, f"moderation-4-back-in-the-queue-{screen}")

    assert clicks.count == 4
    moderator = desk["people"]["Moderators"]
    assert Comment.objects.get(pk=desk["praise"].pk).status == Comment.Status.APPROVED
    assert Comment.objects.get(pk=desk["question"].pk).status == Comment.Status.APPROVED
    reply = Comment.objects.get(is_staff_reply=True)
    assert reply.parent_id == desk["question"].pk and reply.user == moderator
    assert set(ModerationEvent.objects.values_list("action", "actor", "comment_id")) == {
        ("approved", moderator.pk, desk["praise"].pk),
        ("replied", moderator.pk, desk["question"].pk),
        ("approved", moderator.pk, desk["question"].pk),
    }

    # The reader sees the newsroom's answer under the question, with nothing to report on it.
    reader = new_page(viewport=SCREENS[screen]).page
    reader.goto(desk["article"].get_absolute_url() + "#comments")
    answer = reader.locator(f"#comment-{reply.pk}")
    expect(answer.locator(".comment__badge")).to_have_text("پاسخ تحریریه")
    expect(answer.get_by_role("button", name="گزارش تخلف")).to_have_count(0)
    background = answer.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background == "rgb(241, 246, 251)", background  # the newsroom's blue, not pink
    fits(reader, width)
    answer.scroll_into_view_if_needed()
    screenshot(reader, f"moderation-5-reader-sees-the-reply-{screen}")


def test_without_javascript_a_row_decision_posts_and_the_queue_comes_back(new_page, desk):
    page = new_page(javascript=False).page
    log_in(page, "moderators")
    page.goto("/admin/comments/comment/?status__exact=pending&q=%D8%AF%D9%82%DB%8C%D9%82")
    row = page.locator("#result_list tr", has_text="گزارش دقیق و خوبی بود.")
    row.get_by_role("button", name="رد", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/comments/comment/\?status__exact=pending&q=%D8"))
    expect(page.locator(".messagelist")).to_contain_text("رد شد.")
    assert Comment.objects.get(pk=desk["praise"].pk).status == Comment.Status.REJECTED


@pytest.mark.parametrize("screen", SCREENS)
def test_an_analyst_opens_the_least_useful_of_the_week_and_downloads_the_csv(
    new_page, desk, screen
):
    width = SCREENS[screen][0]
    page = new_page(viewport=SCREENS[screen]).page
    log_in(page, "analysts")
    desk_block = page.locator(".desk-block", has_text="کم‌فایده‌ترین خبرهای هفت روز گذشته")
    expect(desk_block.locator("li").first).to_contain_text("خبر سنجیده یک")
    fits(page, width)
    screenshot(page, f"report-1-desk-{screen}")
    clicks = Clicks(page)

    clicks.click(desk_block.locator("h2 a"))  # 1: the block's title, to the whole ranking
    page.wait_for_url(re.compile(r"/admin/articles/usefulnessreport/\?.*o="))
    titles = page.locator("#result_list .field-title").all_inner_texts()
    assert titles == ["خبر سنجیده یک", "خبر سنجیده دو", "خبر سنجیده سه", "خبر سنجیده چهار"]
    expect(page.locator(".usefulness-hidden")).to_contain_text("رأی کافی برای رتبه‌بندی ندارد")
    expect(page.locator("#wilson-help")).to_contain_text("کران پایین سهم «بله» با اطمینان ۹۵٪")
    fits(page, width)
    screenshot(page, f"report-2-least-useful-{screen}")

    with page.expect_download() as download:
        clicks.click("text=دریافت CSV")  # 2
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert [row[1] for row in rows[1:]] == titles  # the same articles, in the same order
    assert rows[0][3] == "زمان انتشار (ISO 8601)" and rows[1][8] == "12.5"
    assert clicks.count == 2

    page.get_by_role("link", name="خبر سنجیده یک").click()  # and the chart of the worst
    expect(page.locator(".usefulness-chart__day--first")).to_be_visible()
    expect(page.locator(".usefulness-chart__legend")).to_contain_text("بله (مفید بود)")
    fits(page, width)
    screenshot(page, f"report-3-chart-{screen}")


# WCAG 2.2 A and AA asked for by name: axe leaves some of its rules (target-size among them)
# out of a run that names none. Its best practices on top.
AXE_RUN = """axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a',
                                    'wcag22aa', 'best-practice']},
    resultTypes: ['violations'],
})"""

PAGES = {
    "moderators": [
        "/admin/",
        "/admin/comments/comment/?status__exact=pending",
        "/admin/comments/comment/",
        "/admin/comments/moderationevent/",
        "reply",
        "change",
    ],
    "analysts": [
        "/admin/",
        "/admin/articles/usefulnessreport/",
        "/admin/articles/usefulnessreport/?min_votes=0&o=2",
        "detail",
    ],
    "editors": ["/admin/", "/admin/articles/article/?o=-4.2"],
}


@pytest.mark.parametrize("role", PAGES)
def test_axe_finds_nothing_on_the_queue_the_report_and_the_desk(new_page, desk, role):
    if not AXE.exists():
        pytest.skip("axe-core is not installed (make install runs npm ci)")
    question = desk["question"]
    worst = FeedbackVote.objects.filter(article__title="خبر سنجیده یک").first().article_id
    named = {
        "reply": f"/admin/comments/comment/{question.pk}/reply/",
        "change": f"/admin/comments/comment/{question.pk}/change/",
        "detail": f"/admin/articles/usefulnessreport/{worst}/change/",
    }
    found = {}
    for name, size in SCREENS.items():
        page = new_page(viewport=size, bypass_csp=True).page  # the checker is injected
        log_in(page, role)
        for url in PAGES[role]:
            page.goto(named.get(url, url))
            fits(page, size[0])
            page.add_script_tag(path=str(AXE))
            result = page.evaluate(AXE_RUN)
            violations = [
                f"{v['id']}: {v['help']} ({len(v['nodes'])} × {v['nodes'][0]['target']})"
                for v in result["violations"]
            ]
            if violations:
                found[f"{name} {url}"] = violations
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)
