import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from articles.models import Article, Section, Tag
from comments.models import Comment
from tests.factories import make_user

pytestmark = pytest.mark.django_db


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


def test_demo_loads_sections_articles_and_a_user_per_role(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    assert Section.objects.count() == 6
    assert 29 <= Article.objects.published().count() <= 31
    sample = Article.objects.get(title="«کرمانشاه» به شبکه شهرهای یادگیرنده یونسکو پیوست")
    assert sample.lead.startswith("رییس سازمان فرهنگی، اجتماعی و ورزشی شهرداری کرمانشاه")
    assert sample.source == "به گزارش فرتاک نیوز،"
    assert "شبکه جهانی شهرهای یادگیرنده یونسکو پذیرفته" in sample.body
    assert sum(a.is_scheduled for a in Article.objects.all()) == 1
    assert Article.objects.filter(status=Article.Status.DRAFT).count() == 1
    assert Article.objects.filter(is_featured=True).count() == 1
    assert sample.comments.filter(status="approved", is_staff_reply=True).exists()
    assert sample.comments.filter(status="pending").exists()
    for username, group in [("editor", "Editors"), ("reporter", "Reporters"),
                            ("moderator", "Moderators"), ("analyst", "Analysts")]:  # fmt: skip
        user = get_user_model().objects.get(username=username)
        assert user.is_staff and user.groups.filter(name=group).exists()
        assert user.check_password("newsroom-demo-1405")


def test_demo_spans_several_weeks():
    make_user("superuser")
    call_command("load_demo", stdout=io.StringIO())
    times = [a.published_at for a in Article.objects.published()]
    assert (max(times).togregorian() - min(times).togregorian()).days >= 21


def test_loading_twice_changes_nothing(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    before = counts()
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
