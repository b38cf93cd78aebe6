"""The admin's first page: each list leads to all of itself, and «هفت روز گذشته» means it."""

import datetime
import re
from html import unescape

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from articles.desk.blocks import SHOWN, last_seven_days
from articles.models import Article, FeedbackVote
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")
# A Tuesday evening in Tehran: 3 Azar 1405, 22:44.
NOW = datetime.datetime(2026, 11, 24, 19, 14, tzinfo=datetime.UTC)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def more_link(page: str, title: str) -> str:
    """Where a block's «و بیشتر…» leads."""
    block = page[page.index(title) :]
    block = block[: block.index("</section>")]
    found = re.search(r'<p class="desk-more"><a href="([^"]+)">و بیشتر…</a></p>', block)
    assert found, f"«و بیشتر…» is not a link in «{title}»"
    return unescape(found.group(1))


def vote(article, yes: int, no: int, when=None) -> None:
    start = FeedbackVote.objects.count()
    for i in range(yes + no):
        vote = FeedbackVote.objects.create(article=article, reader=f"a:{start + i}", useful=i < yes)
        if when is not None:
            FeedbackVote.objects.filter(pk=vote.pk).update(created_at=when)


def test_and_more_leads_to_the_whole_list_of_each_block(section):
    editor = make_user("Editors")
    for i in range(SHOWN + 1):
        make_article(section=section, status=Article.Status.REVIEW, title=f"در صف {i}")
        make_article(section=section, author=editor, status=Article.Status.DRAFT)
    client = logged_in(editor)
    page = client.get(INDEX).text

    reviews = client.get(more_link(page, "در انتظار بررسی"))
    assert reviews.status_code == 200
    assert reviews.context["cl"].result_count == SHOWN + 1
    drafts = client.get(more_link(page, "پیش‌نویس‌های من"))
    assert drafts.context["cl"].result_count == SHOWN + 1


def test_and_more_of_the_scheduled_leads_to_the_scheduled_only(section):
    editor = make_user("Editors")
    with time_machine.travel(NOW, tick=False):
        make_article(section=section, title="منتشرشده")
        for i in range(SHOWN + 1):
            make_article(section=section, published_at=NOW + datetime.timedelta(days=i + 1))
        client = logged_in(editor)
        scheduled = client.get(more_link(client.get(INDEX).text, "زمان‌بندی‌شده"))
        assert scheduled.context["cl"].result_count == SHOWN + 1
        assert all(a.is_scheduled for a in scheduled.context["cl"].result_list)


def test_the_least_useful_are_of_the_last_seven_tehran_days_and_lead_to_the_report(section):
    analyst = make_user("Analysts")
    old = NOW - datetime.timedelta(days=8)
    seventh_day = datetime.datetime(2026, 11, 17, 21, 0, tzinfo=datetime.UTC)  # 27 Aban, 00:30
    with time_machine.travel(NOW, tick=False):
        weakest = [make_article(section=section, title=f"ضعیف {i}") for i in range(SHOWN + 1)]
        for article in weakest:
            vote(article, 0, 5, when=seventh_day)
        bad_long_ago = make_article(section=section, title="بد، اما قدیمی")
        vote(bad_long_ago, 0, 9, when=old)
        vote(bad_long_ago, 5, 0)
        few = make_article(section=section, title="کم‌رأی")
        vote(few, 0, 4)  # too few to rank
        page = logged_in(analyst).get(INDEX).text
        assert "کم‌فایده‌ترین خبرهای هفت روز گذشته از نگاه خوانندگان" in page
        assert "این هفته" not in page
        assert "کم‌رأی" not in page
        block = page[page.index("هفت روز گذشته") :]
        assert "بد، اما قدیمی" not in block[: block.index("</section>")]  # 5 of 5 lately
        report = logged_in(analyst).get(more_link(page, "هفت روز گذشته"))
    assert report.status_code == 200
    listed = [a.title for a in report.context["cl"].result_list]
    assert listed[: SHOWN + 1] == [a.title for a in reversed(weakest)]
    assert "کم‌رأی" not in listed


def test_the_last_seven_days_are_whole_tehran_days():
    # 00:10 on Saturday 8 Azar in Tehran is still Friday in UTC.
    moment = datetime.datetime(2026, 11, 28, 20, 40, tzinfo=datetime.UTC)
    assert last_seven_days(moment) == (datetime.date(2026, 11, 23), datetime.date(2026, 11, 29))


def test_each_blocks_title_leads_to_its_whole_list_however_short(section):
    analyst = make_user("Analysts")
    vote(make_article(section=section, title="کم‌فایده"), 1, 5)
    page = logged_in(analyst).get(INDEX).text
    title = re.search(r'<h2 id="desk-\d+"><a href="([^"]+)">کم‌فایده‌ترین خبرهای هفت روز گذشته', page)
    assert title, "the block's title is a link"
    report = logged_in(analyst).get(unescape(title.group(1)))
    assert [a.title for a in report.context["cl"].result_list] == ["کم‌فایده"]


def test_the_least_useful_open_in_the_report_which_analysts_may_read(section):
    analyst = make_user("Analysts")
    weak = make_article(section=section, title="کم‌فایده")
    vote(weak, 1, 5)
    client = logged_in(analyst)
    page = client.get(INDEX).text
    detail = reverse("admin:articles_usefulnessreport_change", args=[weak.pk])
    assert f'<a href="{detail}">کم‌فایده</a>' in page
    assert client.get(detail).status_code == 200
