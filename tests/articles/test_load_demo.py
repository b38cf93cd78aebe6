import datetime
import io
import re
import zoneinfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone

from articles import demo
from articles.feedback.models import MIN_VOTES_TO_RANK, FeedbackVote, VoteCount
from articles.models import Article, ArticleEvent, HomePin, Image, Section, Tag
from articles.popularity import counting as popularity
from articles.popularity.counting import most_read
from comments.models import Comment
from newsroom.persian.text import normalize
from tests.factories import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("renditions_later")]

TEHRAN = zoneinfo.ZoneInfo("Asia/Tehran")
TOP_STORY = "نمایشگاه بین‌المللی کتاب تهران آغاز به کار کرد"
SCHEDULED = "آغاز جشنواره تئاتر خیابانی در همدان از پس‌فردا"
DRAFT = "طرح تازه شهرداری برای پیاده‌راه‌های مرکز شهر (پیش‌نویس)"


@pytest.fixture(autouse=True)
def pictures_wait_for_the_worker(settings):
    """The demo's pictures get their renditions from the worker (`make run` starts one);
    here none runs, so loading stays quick."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The demo loaded once for the tests that only look at it: each test's own transaction
    (the `db` fixture's) is a savepoint inside this one, rolled back after it, and this one
    after the module, so a test's changes and the demo itself leave nothing behind."""
    with (
        django_db_blocker.unblock(),
        override_settings(
            DEBUG=True,
            TASKS={"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}},
        ),
    ):
        loading = transaction.atomic()
        loading.__enter__()
        try:
            call_command("load_demo", stdout=io.StringIO())
            popularity.flush()
        except BaseException:
            loading.__exit__(None, None, None)
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        loading.__exit__(None, None, None)


def counts() -> tuple:
    User = get_user_model()
    return (
        User.objects.count(),
        Section.objects.count(),
        Tag.objects.count(),
        Article.objects.count(),
        Comment.objects.count(),
        tuple(Article.objects.order_by("code").values_list("code", "title", "published_at")),
    )


def tehran(clock: str) -> datetime.datetime:
    hour, minute = (int(part) for part in clock.split(":"))
    return datetime.datetime(2026, 11, 24, hour, minute, tzinfo=TEHRAN)


# Just after midnight, just before the top story's old fixed time (10:20), the day's last minute.
@pytest.mark.parametrize("clock", ["00:05", "10:19", "23:59"])
def test_demo_loads_sections_articles_and_a_user_per_role(settings, client, clock):
    settings.DEBUG = True
    with time_machine.travel(tehran(clock), tick=False):
        call_command("load_demo", stdout=io.StringIO())
        home = client.get("/").text
        scheduled_page = client.get(Article.objects.get(title=SCHEDULED).get_absolute_url())
        assert sum(a.is_scheduled for a in Article.objects.all()) == 1
    top_story = home.split('<div class="top-story"', 1)[1].split("</div>", 1)[0]
    assert TOP_STORY in top_story
    assert SCHEDULED not in home and DRAFT not in home
    assert scheduled_page.status_code == 404
    assert Section.objects.count() == 6
    # The articles, the showcase and the live story.
    assert Article.objects.published(now=tehran(clock)).count() == len(demo.ARTICLES) + 2
    sample = Article.objects.get(title="«کرمانشاه» به شبکه شهرهای یادگیرنده یونسکو پیوست")
    assert sample.lead.startswith("رییس سازمان فرهنگی، اجتماعی و ورزشی شهرداری کرمانشاه")
    assert sample.source == "به گزارش فرتاک نیوز،"
    assert "شبکه جهانی شهرهای یادگیرنده یونسکو پذیرفته" in sample.body
    assert Article.objects.filter(status=Article.Status.DRAFT).count() == 1
    assert Article.objects.filter(is_featured=True).count() == 1
    assert sample.comments.filter(status="approved", is_staff_reply=True).exists()
    assert sample.comments.filter(status="pending").exists()
    for username, group in [("editor", "Editors"), ("reporter", "Reporters"),
                            ("moderator", "Moderators"), ("analyst", "Analysts")]:  # fmt: skip
        user = get_user_model().objects.get(username=username)
        assert user.is_staff and user.groups.filter(name=group).exists()
        assert user.check_password("newsroom-demo-1405")


def test_the_demo_has_a_live_story_with_a_dozen_entries_one_pinned(settings, client):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    story = Article.objects.get(live_started_at__isnull=False)
    assert story.is_live and story.author.username == "reporter"
    assert story.live_entries.count() == 12
    assert story.live_entries.filter(is_pinned=True).count() == 1
    page = client.get(story.get_absolute_url(), follow=True).text
    assert page.count("data-live-id=") == 12
    assert '<span class="live-badge">زنده</span>' in client.get("/").text


def test_demo_spans_several_weeks():
    make_user("superuser")
    call_command("load_demo", stdout=io.StringIO())
    times = [a.published_at for a in Article.objects.published()]
    assert (max(times) - min(times)).days >= 21


def test_loading_twice_changes_nothing_even_hours_later(settings):
    settings.DEBUG = True
    with time_machine.travel(tehran("09:00"), tick=False):
        call_command("load_demo", stdout=io.StringIO())
    before = counts()
    with time_machine.travel(tehran("15:30"), tick=False):
        call_command("load_demo", stdout=io.StringIO())
    assert counts() == before


def test_demo_users_are_refused_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="superuser"):
        call_command("load_demo", stdout=io.StringIO())
    owner = make_user("superuser")
    call_command("load_demo", stdout=io.StringIO())
    assert get_user_model().objects.count() == 1
    assert set(Article.objects.values_list("author", flat=True)) == {owner.pk}


@pytest.mark.usefixtures("loaded")
def test_the_showcase_article_is_served_after_the_copy_editor(settings, client):
    settings.DEBUG = True
    sample = Article.objects.get(title="«کرمانشاه» به شبکه شهرهای یادگیرنده یونسکو پیوست")
    page = client.get(sample.get_absolute_url()).text
    Z = "\u200c"  # ZWNJ, the half-space
    for word in [f"مادام{Z}العمر", f"می{Z}کند", f"به{Z}عنوان", f"سازمان{Z}های مردم{Z}نهاد",
                 "«یادگیری برای همه و برای همیشه»"]:  # fmt: skip
        assert word in page, word
    for lost in ["مادام العمر", "مادامالعمر", "میکند", "می کند", "بهعنوان"]:
        assert lost not in page, lost
    # The seed as published, then the copy-editor's revision: the editors' desk can compare.
    latest = sample.history.order_by("-history_id").first()
    assert latest.history_change_reason == "ویرایش خودکار نگارش"
    assert "مادام العمر" in sample.history.order_by("history_id").first().body


@pytest.mark.usefixtures("loaded")
def test_the_demo_gives_the_usefulness_report_and_the_desk_readers_votes(settings, client):
    settings.DEBUG = True
    voted = VoteCount.objects.filter(total__gte=MIN_VOTES_TO_RANK)
    assert voted.count() >= len(demo.ARTICLES) // 2
    assert voted.filter(wilson__lt=0.2).exists() and voted.filter(wilson__gt=0.4).exists()
    assert FeedbackVote.objects.filter(useful=False).exclude(reason="").exists()
    assert FeedbackVote.objects.exclude(note="").exists()
    worst = Article.objects.get(pk=voted.order_by("wilson").first().article_id)

    client.force_login(get_user_model().objects.get(username="analyst"))
    report = client.get("/admin/articles/usefulnessreport/")
    assert report.status_code == 200
    assert worst.title in report.text
    assert "هنوز رأی کافی نیامده است." not in client.get("/admin/").text
    before = FeedbackVote.objects.count()
    call_command("load_demo", stdout=io.StringIO())  # once
    assert FeedbackVote.objects.count() == before


@pytest.mark.usefixtures("loaded")
def test_the_demo_gives_most_read_a_day_and_a_week(settings, client):
    settings.DEBUG = True
    day, week = most_read(24), most_read(24 * 7)
    assert len(day) == len(week) == 5
    assert day != week  # the week's steady readers are not the day's
    home = client.get("/").text
    block = home[home.index("پربازدیدترین") : home.index("پربحث‌ترین")]
    assert "هنوز آماری نیست" not in block
    assert all(article.title in block for article in day)


@pytest.mark.usefixtures("loaded")
def test_every_demo_article_leads_with_a_picture_from_the_image_library(settings):
    settings.DEBUG = True
    assert not Article.objects.filter(lead_image=None).exists()
    pictures = Image.objects.filter(pk__in=Article.objects.values("lead_image"))
    assert len({picture.alt for picture in pictures}) == Article.objects.count()  # each its own
    assert all(picture.credit == "آرشیو نیوزروم" for picture in pictures)
    top = Article.objects.get(title=TOP_STORY).lead_image
    assert (top.alt, top.caption) == (
        "غرفه‌های نمایشگاه کتاب و بازدیدکنندگان",
        "نخستین روز نمایشگاه کتاب",
    )
    assert top.file.name.startswith("images/") and (top.width, top.height) == (1600, 900)


def test_the_demo_shows_a_breaking_bar_that_ends_some_hours_later(settings):
    settings.DEBUG = True
    with time_machine.travel(tehran("09:00"), tick=False) as clock:
        call_command("load_demo", stdout=io.StringIO())
        call_command("load_demo", stdout=io.StringIO())
        home = Client().get("/").text
        assert 'aria-label="خبر فوری"' in home and normalize(demo.BREAKING["text"]) in home
        clock.shift(datetime.timedelta(hours=5, minutes=59))
        assert 'aria-label="خبر فوری"' in Client().get("/").text
        clock.shift(datetime.timedelta(minutes=1))
        assert 'aria-label="خبر فوری"' not in Client().get("/").text


@pytest.mark.usefixtures("loaded")
def test_the_demo_home_page_is_arranged_by_an_editor_one_pin_ending_hours_later(settings, client):
    settings.DEBUG = True
    pins = list(HomePin.objects.select_related("article", "created_by"))
    assert {pin.place for pin in pins} == {"lead", "top", "section"}
    assert {pin.created_by.username for pin in pins} == {"editor"}
    ending = [pin for pin in pins if pin.ends_at]
    assert len(ending) == 1 and ending[0].ends_at > timezone.now() + datetime.timedelta(hours=5)
    tops = [
        pin.article.title for pin in sorted(pins, key=lambda p: p.position) if pin.place == "top"
    ]

    def top_stories() -> list[str]:
        part = client.get("/").text.split('<div class="top-stories">', 1)[1].split("</div>", 1)[0]
        return [title for title in re.findall(r'/">([^<]*)</a></h3>', part)]

    assert top_stories()[:3] == tops
    assert ArticleEvent.objects.filter(action="pinned").count() == len(pins)
    with time_machine.travel(ending[0].ends_at + datetime.timedelta(minutes=1)):
        # Ended, it is one of the newest stories that fill the places left, after the pins.
        assert top_stories()[:2] == [title for title in tops if title != ending[0].article.title]
