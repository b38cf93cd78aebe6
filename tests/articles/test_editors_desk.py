"""Revisions, no lost edits, the edit lock, the copy-editor button and the newsroom desk."""

import datetime
import importlib
import io
import re
from types import SimpleNamespace

import pytest
import time_machine
from django.apps import apps as django_apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleEvent
from tests.factories import (
    make_article,
    make_comment,
    make_image,
    make_section,
    make_tag,
    make_user,
)

pytestmark = [pytest.mark.django_db, pytest.mark.cache]
Z = "\u200c"


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def change_url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def opened_form(client, article) -> dict:
    """What the change form holds when this person opens it."""
    page = client.get(change_url(article))
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    # A published article's edits below say what they are, as the form asks
    # (tests/articles/test_corrections.py): «change_kind»: "typo".
    data["published_at_0"], data["published_at_1"] = "", ""
    for flag in ("is_featured", "comments_open", "feedback_enabled"):
        if not data.get(flag):
            data.pop(flag, None)
    data.pop("published_at", None)
    return data


# Revisions


def test_every_admin_save_keeps_a_revision_with_who_and_when(section):
    editor = make_user("Editors", first_name="سردبیر", last_name="نمونه")
    article = make_article(section=section, title="تیتر یک")
    client = logged_in(editor)
    data = opened_form(client, article)
    client.post(change_url(article), {**data, "change_kind": "typo", "title": "تیتر دو"})
    latest = article.history.first()
    assert (latest.title, latest.history_user, latest.status) == ("تیتر دو", editor, "published")
    page = client.get(reverse("admin:articles_article_history", args=[article.pk])).text
    assert "سردبیر نمونه" in page and "تیتر دو" in page and "تیتر یک" in page
    assert re.search(r"<time datetime=\"[^\"]+\+03:30\">[^<]*۱۴۰۵", page)


def revision_versions(article) -> list[int]:
    return list(article.history.order_by("-history_id").values_list("version", flat=True))


def test_a_save_and_the_tags_it_sets_are_one_revision(section):
    """The admin saves the article, then its tags: one «نسخه ۱», with the tags, not two."""
    tag = make_tag()
    article = make_article(section=section, status=Article.Status.DRAFT, tags=[tag])
    [revision] = article.history.all()
    assert (revision.version, revision.history_type) == (1, "+")
    assert [link.tag_id for link in revision.tags.all()] == [tag.pk]

    article.title = "تیتر دوم"
    article.save()
    article.tags.set([make_tag()])
    article.tags.add(tag)
    assert revision_versions(article) == [2, 1]
    assert {link.tag_id for link in article.history.first().tags.all()} == {
        t.pk for t in article.tags.all()
    }


def test_the_migration_leaves_one_revision_per_version(section):
    tag = make_tag()
    article = make_article(section=section, tags=[tag])
    article.save()
    link = Article.tags.through.objects.get(article=article)
    revision_tag = django_apps.get_model("articles", "HistoricalArticle_tags")
    # A history as the admin used to leave it: each version twice, the second with its tags.
    for revision in list(article.history.order_by("history_id")):
        copy = article.history.model.objects.get(pk=revision.pk)
        copy.pk, copy.history_type = None, "~"
        copy.save()
        revision_tag(id=link.pk, history=copy, article=article, tag=tag).save()
    assert revision_versions(article) == [2, 1, 2, 1]
    name = "0011_one_revision_per_version"
    apps = MigrationLoader(None).project_state(("articles", name)).apps
    schema_editor = SimpleNamespace(connection=connection)
    importlib.import_module(f"articles.migrations.{name}").one_revision_per_version(
        apps, schema_editor
    )
    assert revision_versions(article) == [2, 1]
    first = article.history.last()
    assert first.history_type == "+"
    assert [link.tag_id for link in first.tags.all()] == [tag.pk]


def test_tags_set_on_an_article_without_revisions_make_its_first(section):
    [article] = bulk_articles(section, 1)
    article.tags.set([make_tag()])
    assert revision_versions(article) == [article.version]


def test_compare_shows_word_level_insertions_and_deletions(section):
    editor = make_user("Editors")
    article = make_article(section=section, title="شهر کرمانشاه", lead=f"این خبر خوب می{Z}شود")
    client = logged_in(editor)
    data = opened_form(client, article)
    client.post(
        change_url(article), {**data, "change_kind": "typo", "lead": f"این خبر بسیار خوب می{Z}شود"}
    )
    v2 = Article.objects.get(pk=article.pk).version
    page = client.get(
        reverse("admin:articles_article_compare", args=[article.pk]), {"a": v2 - 1, "b": v2}
    ).text
    assert "<ins>بسیار</ins>" in page
    assert f"می{Z}شود" in page  # a word with its half-space stays whole
    assert 'dir="rtl"' in page


def test_compare_shows_status_time_section_tags_and_image(section, django_assert_max_num_queries):
    other_section = make_section(name="ورزشی", slug="sport")
    old_tag, new_tag = make_tag(name="فوتبال"), make_tag(name="والیبال")
    article = make_article(section=section, status=Article.Status.DRAFT, tags=[old_tag])
    article.section = other_section
    article.lead_image = make_image(alt="ورزشگاه آزادی")
    at = datetime.datetime(2026, 11, 24, 19, 14, tzinfo=datetime.UTC)
    article.change_status(Article.Status.PUBLISHED, at=at)
    article.tags.set([new_tag])
    client = logged_in(make_user("Editors"))
    url = reverse("admin:articles_article_compare", args=[article.pk])
    with django_assert_max_num_queries(13):  # sections, tags, pictures, gallery rows: one each
        page = client.get(url, {"a": 1, "b": 2}).text
    for expected in [
        "<del>پیش‌نویس</del>",
        "<ins>منتشرشده</ins>",
        "<ins>سه‌شنبه ۳ آذر ۱۴۰۵ - ۲۲:۴۴</ins>",
        f"<del>{section.name}</del>",
        "<ins>ورزشی</ins>",
        "<del>فوتبال</del>",
        "<ins>والیبال</ins>",
        "<ins>ورزشگاه آزادی</ins>",
        # what did not change is listed, and folded away
        "<summary>بی‌تغییر: روتیتر، تیتر، لید، متن خبر، منبع، نویسنده (نمایشی)، تیتر یک",
    ]:
        assert expected in page, expected


def test_restore_makes_the_old_text_the_current_draft_and_is_a_revision(section):
    editor = make_user("Editors")
    old_tag, new_tag = make_tag(), make_tag()
    article = make_article(section=section, title="متن اول", tags=[old_tag])
    first_version = article.history.first().version
    client = logged_in(editor)
    data = opened_form(client, article)
    client.post(
        change_url(article),
        {**data, "change_kind": "typo", "title": "متن دوم", "tag_names": new_tag.name},
    )
    assert list(article.tags.all()) == [new_tag]
    response = client.post(
        reverse("admin:articles_article_restore", args=[article.pk, first_version])
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "متن اول"
    assert article.status == Article.Status.DRAFT  # never published by itself
    assert list(article.tags.all()) == [old_tag]
    assert article.history.first().history_change_reason == f"بازگردانی نسخه {first_version}"
    assert ArticleEvent.objects.filter(action="restored", actor=editor).exists()


def test_reporters_restore_only_their_own_drafts(section):
    reporter = make_user("Reporters")
    own = make_article(section=section, author=reporter, status=Article.Status.DRAFT)
    own.title = "تغییر"
    own.save()
    others = make_article(section=section, status=Article.Status.DRAFT)
    others.save()
    published_own = make_article(section=section, author=reporter)
    published_own.save()
    client = logged_in(reporter)

    def restore(article):
        version = article.history.last().version
        return client.post(reverse("admin:articles_article_restore", args=[article.pk, version]))

    assert restore(own).status_code == 302
    assert restore(others).status_code == 403
    assert restore(published_own).status_code == 403
    assert (
        client.get(reverse("admin:articles_article_history", args=[others.pk])).status_code == 403
    )


@pytest.mark.parametrize("role", ["Moderators", "Analysts"])
def test_revisions_are_closed_to_roles_without_article_rights(section, role):
    article = make_article(section=section)
    client = logged_in(make_user(role))
    for name, args in [("history", [article.pk]), ("compare", [article.pk])]:
        assert client.get(reverse(f"admin:articles_article_{name}", args=args)).status_code == 403


# Articles from before revisions were kept (or made in bulk, which keeps none)


def bulk_articles(section, count: int, tags=()) -> list[Article]:
    """Articles as an old database or a bulk import holds them: rows without revisions."""
    author = make_user("Reporters")
    Article.objects.bulk_create(
        Article(code=900000 + n, title=f"خبر قدیمی {n}", slug=f"old-{n}", lead="لید",
                body="<p>متن</p>", author=author, section=section, status="published",
                published_at=timezone.now() - datetime.timedelta(days=n + 1))
        for n in range(count)
    )  # fmt: skip
    made = list(Article.objects.filter(code__gte=900000).order_by("code"))
    Article.tags.through.objects.bulk_create(
        Article.tags.through(article=article, tag=tag) for article in made for tag in tags
    )
    assert not Article.history.exists()
    return made


def backfill_revisions() -> None:
    """The data migration, run with the models as the database has them now (it copies
    whichever columns the revisions keep: since 0009, some went, 0023)."""
    name = "0009_backfill_revisions"
    loader = MigrationLoader(None)
    apps = loader.project_state(loader.graph.leaf_nodes("articles")).apps
    schema_editor = SimpleNamespace(connection=connection)  # all the function uses of one
    importlib.import_module(f"articles.migrations.{name}").backfill_revisions(apps, schema_editor)


def test_history_and_compare_of_an_article_without_revisions_say_so(section):
    [article] = bulk_articles(section, 1)
    client = logged_in(make_user("Editors"))
    history = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    compare = client.get(reverse("admin:articles_article_compare", args=[article.pk]))
    assert history.status_code == compare.status_code == 200
    for page in (history.text, compare.text):
        assert "این خبر هنوز نسخه‌ای ندارد" in page
    assert "مقایسه دو نسخه" not in history.text


def test_the_backfill_gives_each_article_without_revisions_its_first(section, client):
    tag = make_tag()
    old = bulk_articles(section, 3, tags=[tag])
    kept = make_article(section=section, title="خبری با نسخه")
    kept_revisions = kept.history.count()
    backfill_revisions()
    backfill_revisions()  # a second run finds nothing left to do
    for article in old:
        [revision] = article.history.all()
        assert (revision.title, revision.version, revision.history_type) == (article.title, 1, "+")
        assert revision.history_date == article.updated_at
        assert [link.tag_id for link in revision.tags.all()] == [tag.pk]
    assert kept.history.count() == kept_revisions
    client.force_login(make_user("Editors"))
    page = client.get(reverse("admin:articles_article_compare", args=[old[0].pk]))
    assert page.status_code == 200 and "از نسخه ۱" in page.text


def test_the_backfill_writes_in_bulk(section, django_assert_max_num_queries):
    bulk_articles(section, 40, tags=[make_tag()])
    with django_assert_max_num_queries(3):  # however many articles there are
        backfill_revisions()
    assert Article.history.filter(history_type="+").count() == 40


def test_generated_articles_have_a_revision_to_compare(client):
    call_command("generate_articles", count=5, tags=5, comments=0, verbosity=0,
                 stdout=io.StringIO())  # fmt: skip
    client.force_login(make_user("Editors"))
    for article in Article.objects.all():
        [revision] = article.history.all()
        assert {link.tag_id for link in revision.tags.all()} == {t.pk for t in article.tags.all()}
        page = client.get(reverse("admin:articles_article_compare", args=[article.pk]))
        assert page.status_code == 200 and article.title in page.text
    history = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert "مقایسه دو نسخه" in history.text


# No lost edits


def test_the_second_of_two_saves_is_refused_with_the_text_kept(section):
    first = make_user("Editors", first_name="مریم", last_name="احمدی")
    second = make_user("Editors")
    article = make_article(section=section, title="تیتر اصلی")
    one, two = logged_in(first), logged_in(second)
    form_one, form_two = opened_form(one, article), opened_form(two, article)

    assert (
        one.post(
            change_url(article), {**form_one, "change_kind": "typo", "title": "تیتر مریم"}
        ).status_code
        == 302
    )
    refused = two.post(
        change_url(article), {**form_two, "change_kind": "typo", "title": "تیتر نفر دوم"}
    )
    assert refused.status_code == 200
    text = refused.text
    assert "مریم احمدی" in text and "ذخیره کرده است" in text
    assert re.search("۱۴۰۵", text)  # when, in Jalali
    assert reverse("admin:articles_article_compare", args=[article.pk]) in text
    assert 'value="تیتر نفر دوم"' in text  # nothing typed is lost
    article.refresh_from_db()
    assert article.title == "تیتر مریم"

    # Having read the differences, a second «ذخیره» saves this text over the other.
    again = {
        **form_two,
        "change_kind": "typo",
        "title": "تیتر نفر دوم",
        "opened_version": refused.context["adminform"].form["opened_version"].value(),
    }
    assert two.post(change_url(article), again).status_code == 302
    article.refresh_from_db()
    assert article.title == "تیتر نفر دوم"


# The edit lock


def test_others_see_who_is_editing_in_the_form_and_the_list(section):
    holder = make_user("Editors", first_name="علی", last_name="رضایی")
    other = make_user("Editors")
    article = make_article(section=section)
    logged_in(holder).get(change_url(article))
    client = logged_in(other)
    assert "در حال ویرایش توسط علی رضایی" in client.get(change_url(article)).text
    assert (
        "در حال ویرایش توسط علی رضایی"
        in client.get(reverse("admin:articles_article_changelist")).text
    )


def test_saving_and_leaving_frees_the_article(section):
    holder, other = make_user("Editors"), make_user("Editors")
    article = make_article(section=section)
    client = logged_in(holder)
    form = opened_form(client, article)
    assert "در حال ویرایش توسط" in logged_in(other).get(change_url(article)).text
    client.post(change_url(article), {**form, "change_kind": "typo", "title": "ذخیره و بازگشت"})
    assert "در حال ویرایش توسط" not in logged_in(other).get(change_url(article)).text


def test_the_lock_expires_by_itself(section):
    holder, other = make_user("Editors"), make_user("Editors")
    article = make_article(section=section)
    now = datetime.datetime.now(datetime.UTC)
    with time_machine.travel(now):
        logged_in(holder).get(change_url(article))
    with time_machine.travel(now + datetime.timedelta(minutes=11)):
        assert "در حال ویرایش توسط" not in logged_in(other).get(change_url(article)).text


def lock_url(article) -> str:
    return reverse("admin:articles_article_lock", args=[article.pk])


def editing_shown(article) -> bool:
    page = logged_in(make_user("Editors")).get(change_url(article)).text
    return "در حال ویرایش توسط" in page


def test_an_article_only_looked_at_is_free_within_two_minutes(section):
    reporter = make_user("Reporters")
    article = make_article(section=section, author=reporter, status=Article.Status.DRAFT)
    now = datetime.datetime.now(datetime.UTC)
    with time_machine.travel(now):
        logged_in(reporter).get(change_url(article))
    with time_machine.travel(now + datetime.timedelta(minutes=1)):
        assert editing_shown(article)
    with time_machine.travel(now + datetime.timedelta(minutes=3)):
        assert not editing_shown(article)


def test_the_heartbeat_of_someone_at_work_keeps_the_lock(section):
    article = make_article(section=section)
    holder = logged_in(make_user("Editors", first_name="نگهدار"))
    now = datetime.datetime.now(datetime.UTC)
    with time_machine.travel(now):
        holder.get(change_url(article))
    for minute in (1.5, 3, 4.5):
        with time_machine.travel(now + datetime.timedelta(minutes=minute)):
            assert holder.post(lock_url(article)).json() == {"held": True, "by": None}
    with time_machine.travel(now + datetime.timedelta(minutes=6)):
        assert editing_shown(article)
    with time_machine.travel(now + datetime.timedelta(minutes=7)):
        assert not editing_shown(article)  # the beats stopped: they stopped working


def test_leaving_the_page_frees_the_article_at_once(section):
    reporter = make_user("Reporters")
    article = make_article(section=section, author=reporter, status=Article.Status.DRAFT)
    holder = Client(enforce_csrf_checks=True)
    holder.force_login(reporter)
    page = holder.get(change_url(article))
    # What the page sends as it goes (navigator.sendBeacon): the form's own CSRF token.
    token = page.context["csrf_token"]
    assert holder.post(lock_url(article), {"release": "1"}).status_code == 403
    assert editing_shown(article)
    released = holder.post(lock_url(article), {"release": "1", "csrfmiddlewaretoken": token})
    assert released.status_code == 204
    assert not editing_shown(article)


def test_leaving_frees_only_ones_own_lock_and_a_beat_takes_a_free_one(section):
    article = make_article(section=section)
    holder = logged_in(make_user("Editors", first_name="نخستین"))
    other = logged_in(make_user("Editors"))
    holder.get(change_url(article))
    other.get(change_url(article))
    other.post(lock_url(article), {"release": "1"})
    assert other.post(lock_url(article)).json() == {"held": False, "by": holder_name(article)}
    holder.post(lock_url(article), {"release": "1"})
    assert other.post(lock_url(article)).json() == {"held": True, "by": None}


def holder_name(article) -> str:
    from articles import locks

    return locks.current(article.pk).name


def test_an_editor_takes_over_and_the_holder_is_told_on_saving(section):
    reporter = make_user("Reporters", first_name="خبرنگار")
    editor = make_user("Editors", first_name="سردبیر", last_name="کل")
    article = make_article(section=section, author=reporter, status=Article.Status.DRAFT)
    holder = logged_in(reporter)
    form = opened_form(holder, article)
    boss = logged_in(editor)
    assert "در دست گرفتن ویرایش" in boss.get(change_url(article)).text
    boss.post(reverse("admin:articles_article_lock", args=[article.pk]), {"take": "1"})
    assert "در حال ویرایش توسط سردبیر کل" in holder.get(change_url(article)).text
    saved = holder.post(change_url(article), {**form, "title": "ادامه کار"}, follow=True)
    assert "سردبیر کل ویرایش این خبر را در دست گرفته است" in saved.text


def test_reporters_cannot_take_a_lock_over(section):
    reporter = make_user("Reporters")
    article = make_article(section=section, author=reporter, status=Article.Status.DRAFT)
    logged_in(make_user("Editors")).get(change_url(article))
    client = logged_in(reporter)
    assert "در دست گرفتن ویرایش" not in client.get(change_url(article)).text
    client.post(reverse("admin:articles_article_lock", args=[article.pk]), {"take": "1"})
    assert "در حال ویرایش توسط" in client.get(change_url(article)).text


# The copy-editor button


def test_the_copy_editor_previews_then_applies(section):
    editor = make_user("Editors")
    article = make_article(section=section, title="کتاب ها", body="<p>او میکند</p>")
    client = logged_in(editor)
    url = reverse("admin:articles_article_copyedit", args=[article.pk])
    assert url in client.get(change_url(article)).text
    preview = client.get(url).text
    assert "<del>کتاب ها</del>" in preview or "<del>ها</del>" in preview or "<ins>" in preview
    article.refresh_from_db()
    assert article.title == "کتاب ها"  # the preview changes nothing
    client.post(url, {"accept_all": "1", "version": article.version})
    article.refresh_from_db()
    assert article.title == f"کتاب{Z}ها"
    assert article.body == f"<p>او می{Z}کند</p>"


# The newsroom desk


def test_the_desk_shows_each_person_what_needs_them(section):
    reporter = make_user("Reporters")
    make_article(section=section, author=reporter, status="draft", title="پیش‌نویس خبرنگار")
    make_article(section=section, status="review", title="منتظر سردبیر")
    due = datetime.datetime(2099, 1, 1, 8, tzinfo=datetime.UTC)
    make_article(section=section, title="خبر فردا", published_at=due)
    weak = make_article(section=section, title="خبر کم‌فایده")
    from articles.models import FeedbackVote

    for i in range(5):  # enough to be ranked (MIN_VOTES_TO_RANK)
        FeedbackVote.objects.create(article=weak, reader=f"a:{i}", useful=i == 0)
    make_comment(weak, status="pending")
    ArticleEvent.record(
        weak, ArticleEvent.Action.PUBLISHED, make_user("Editors", first_name="دبیر")
    )

    reporter_desk = logged_in(reporter).get(reverse("admin:index")).text
    assert "پیش‌نویس خبرنگار" in reporter_desk
    assert "منتظر سردبیر" not in reporter_desk and "خبر کم‌فایده" not in reporter_desk

    editor_desk = logged_in(make_user("Editors")).get(reverse("admin:index")).text
    for text in (
        "منتظر سردبیر",
        "خبر فردا",
        "خبر کم‌فایده",
        "۱ از ۵ مفید دانستند",
        "نظر</strong> در انتظار",
    ):
        assert text in editor_desk, text
    assert re.search(r"خبر فردا</a>\s*<span class=\"desk-meta\">— <time", editor_desk)
    assert re.search(r"دبیر[^«<]*«<a", editor_desk) and "منتشر کرد" in editor_desk

    analyst_desk = logged_in(make_user("Analysts")).get(reverse("admin:index")).text
    assert "خبر کم‌فایده" in analyst_desk and "منتظر سردبیر" not in analyst_desk

    moderator_desk = logged_in(make_user("Moderators")).get(reverse("admin:index")).text
    assert "نظر</strong> در انتظار" in moderator_desk and "خبر فردا" not in moderator_desk


def test_the_desk_costs_the_same_however_much_there_is(section, django_assert_max_num_queries):
    editor = logged_in(make_user("Editors"))
    editor.get(reverse("admin:index"))
    for i in range(30):
        a = make_article(section=section, status="review", title=f"خبر {i}")
        ArticleEvent.record(a, ArticleEvent.Action.SUBMITTED, None)
    with django_assert_max_num_queries(14):
        assert editor.get(reverse("admin:index")).status_code == 200
