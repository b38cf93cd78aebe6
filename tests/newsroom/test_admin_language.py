"""The admin reads in Persian: every page each role may open, walked as that role.

A page fails when what a person sees or hears on it (text, button values, alt, title,
placeholder and aria-label) has a Latin-script word or a Latin digit that is not data, or
a word the copy-editor (newsroom/persian/copyedit.py) would write with a half-space it lacks.
Data is what the test made (all Persian, but for slugs and the roles' group names), user
data isolated in <bdi>, addresses and code values (pbkdf2_sha256, Article_tags).

Django's own pieces that no translation reaches are replaced where the newsroom shows them
(newsroom/admin.py: the yes/no icons' alt, read-only numbers and dates, the rows linking
two objects on delete pages, the password form's warning); the tests below each pin one.
"""

import datetime
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.sql import emit_post_migrate_signal
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext, override

from articles.models import (
    Article,
    ArticleEvent,
    BreakingNews,
    FeedbackVote,
    Image,
    Section,
    Tag,
    UsefulnessReport,
    ViewCount,
)
from comments.models import BannedWord, Comment, CommentReaction, CommentReport, ModerationEvent
from newsroom.persian import copyedit, jalali
from newsroom.persian.text import ZWNJ
from tests.factories import (
    make_article,
    make_breaking,
    make_image,
    make_section,
    make_tag,
    make_user,
)

ROOT = Path(settings.BASE_DIR)
LOCALE = ROOT / "locale" / "fa" / "LC_MESSAGES"
CKEDITOR = ROOT / "newsroom" / "static" / "ckeditor" / "ckeditor"

# Latin words that must stay: each says why.
ALLOWED = {
    "CSV": "the file format's name, as on the export button of every Persian site",
    "Ctrl": "the key's own label, printed on every keyboard",
}

ROLES = {
    "superuser": "مدیر",
    "Editors": "سردبیر",
    "Reporters": "خبرنگار",
    "Moderators": "ناظر",
    "Analysts": "تحلیلگر",
}

# Pages each role must have opened, so a walk that silently checks nothing fails.
MUST_OPEN = {
    "superuser": {"index", "auth_user_change", "auth_group_changelist", "articles_section_history"},
    "Editors": {
        "articles_article_changelist",
        "articles_article_change",
        "articles_article_history",
        "articles_article_compare",
        "articles_article_copyedit",
        "articles_article_delete",
        "articles_usefulnessreport_changelist",
        "articles_usefulnessreport_change",
        "comments_comment_changelist",
        "articles_breakingnews_changelist",
        "articles_breakingnews_change",
        "articles_breakingnews_history",
    },
    "Reporters": {
        "articles_article_add",
        "articles_article_change",
        "articles_article_history",
        "articles_article_copyedit",
    },
    "Moderators": {
        "comments_comment_changelist",
        "comments_comment_change",
        "comments_comment_reply",
        "comments_moderationevent_changelist",
        "comments_bannedword_changelist",
    },
    "Analysts": {"articles_usefulnessreport_changelist", "articles_usefulnessreport_change"},
}

SKIPPED_URLS = {"autocomplete", "jsi18n", "logout", "view_on_site", "password_change_done"}


# Reading a page as a person does.


class Reading(HTMLParser):
    """The text a person sees or hears on a page, in chunks."""

    UNREAD = {"script", "style", "textarea", "template", "bdi"}  # code, or data kept apart
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    SPOKEN = ("title", "alt", "placeholder", "aria-label")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.stack: list[bool] = []  # per open element: is its content unread?

    def _unread(self) -> bool:
        return any(self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        # A hidden field's row is never shown nor read (display: none, and no script shows it).
        unread = (
            tag in self.UNREAD
            or "hidden" in attrs
            or ("form-row" in classes and "hidden" in classes)
            or (tag == "select" and attrs.get("name") in {"permissions", "user_permissions"})
        )
        if not self._unread() and not unread:
            self.chunks += [attrs[name] for name in self.SPOKEN if attrs.get(name)]
            # A button's words, and what a text box shows (a date in it is read, too).
            if tag == "input" and attrs.get("type", "text") in {
                "submit",
                "button",
                "reset",
                "text",
            }:
                self.chunks.append(attrs.get("value") or "")
        if tag not in self.VOID:
            self.stack.append(unread)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not self._unread() and data.strip():
            self.chunks.append(" ".join(data.split()))


def reading(html: str) -> list[str]:
    parser = Reading()
    parser.feed(html)
    return [chunk for chunk in parser.chunks if chunk.strip()]


URLS = re.compile(r"https?://\S+|/[\w./?=&%-]+|[\w.+-]+@[\w-]+\.[\w.-]+")
# Code values: identifiers and masked or hashed values (pbkdf2_sha256, Article_tags, ****).
CODE = re.compile(r"\S*[_*]\S*")


def latin_words(chunk: str, data: set[str]) -> list[str]:
    """Latin words and digits, a Latin point in a Persian number, percent before its number."""
    text = CODE.sub(" ", URLS.sub(" ", chunk))
    return (
        [
            word
            for word in re.findall(r"[A-Za-z]+", text)
            if word not in ALLOWED and word not in data
        ]
        + re.findall(r"[0-9]+", text)
        + re.findall(r"[۰-۹]\.[۰-۹]|٪[۰-۹]", text)
    )


def missing_half_spaces(chunk: str) -> list[str]:
    """Words the copy-editor writes with a ZWNJ that `chunk` writes without one.

    Only half-spaces are asked of it: its quote, punctuation and digit rules also rewrite
    data and code (a «"Control"» in a format string), which are not this test's concern."""
    return sorted(
        {word for word in copyedit.fix(chunk).split() if ZWNJ in word} - set(chunk.split())
    )


def problems(html: str, data: set[str]) -> list[str]:
    """What is wrong on a page."""
    found = []
    for chunk in reading(html):
        found += [f"{word} — «{chunk[:80]}»" for word in latin_words(chunk, data)]
        found += [f"{word} (نیم‌فاصله) — «{chunk[:80]}»" for word in missing_half_spaces(chunk)]
    return found


# A newsroom's day, made in Persian.


@pytest.fixture
def newsroom(db):
    return a_newsrooms_day()


def a_newsrooms_day():
    """(users by role, objects by model, the Latin data on the pages) of a newsroom's day;
    the browser's walk (tests/e2e/test_admin_persian.py) makes the same."""
    users = {
        role: make_user(role, username=name, first_name=name, last_name="")
        for role, name in ROLES.items()
    }
    section = make_section(name="اجتماعی", slug="society")
    tags = [make_tag(name="محیط زیست"), make_tag(name="آموزش")]
    article = make_article(
        title="پیشرفت طرح‌های آبخیزداری در استان‌ها",
        lead="طرح‌های تازه در سه استان آغاز شد.",
        body="<p>کار در سه استان آغاز شد.</p>",
        section=section,
        author=users["Reporters"],
        status=Article.Status.DRAFT,
        published_at=timezone.now() + datetime.timedelta(days=1),  # its planned time
        tags=tags,
    )
    article.title = "پیشرفت طرح‌های آبخیزداری در استان‌های شمالی"
    article.save()  # a second revision, to compare
    published = make_article(
        title="بارش‌های پاییزی بیشتر از سال گذشته بود",
        lead="بارش‌ها بیشتر شد.",
        body="<p>بارش‌ها بیشتر شد.</p>",
        section=section,
        author=users["Reporters"],
    )
    comment = Comment.objects.create(
        article=published, name="خواننده", text="خبر خوبی است؛ ممنون.", status="pending"
    )
    comment.reply_as_staff("سپاس از همراهی شما.", by=users["Editors"])
    Comment.objects.filter(pk=comment.pk).set_status(Comment.Status.APPROVED, by=users["Editors"])
    for voted in (published, article):  # the draft was out once, and read
        FeedbackVote.objects.create(article=voted, reader="r1", useful=False, note="کوتاه بود")
    BannedWord.objects.create(word="ناسزا")
    # What deleting the published article takes with it, each named on its delete page.
    CommentReaction.record(comment, reader="r1", value=CommentReaction.LIKE)
    CommentReport.record(comment, reader="r1")
    ArticleEvent.record(published, ArticleEvent.Action.PUBLISHED, by=users["Editors"])
    ViewCount.objects.create(
        article=published, hour=timezone.now().replace(minute=0, second=0), views=12
    )
    for obj in (section, *tags, article, users["Editors"], Group.objects.get(name="Editors")):
        LogEntry.objects.log_actions(
            users["superuser"].pk, [obj], ADDITION, change_message=[{"added": {}}]
        )
    image = make_image(
        name="بازار.jpg", alt="صف نان در بازار تجریش", caption="صبح جمعه", credit="مریم احمدی"
    )
    breaking = make_breaking(text="بارش برف راه‌های شمالی را بست", created_by=users["Editors"])
    breaking.withdraw(by=users["Editors"])  # in its history, with who ended it
    objects = {
        BreakingNews: breaking,
        Image: image,
        Article: article,
        UsefulnessReport: UsefulnessReport.objects.get(pk=published.pk),
        Comment: comment,
        Section: section,
        Tag: tags[0],
        type(users["Editors"]): users["Editors"],
        Group: Group.objects.get(name="Editors"),
        "published": published,
    }
    # The roles' group names and slugs are data in Latin; «politics» is the example slug in
    # the section form's help text.
    data = set(Group.objects.values_list("name", flat=True)) | {section.slug, "politics"}
    return users, objects, data


def admin_pages(objects) -> list[tuple[str, str]]:
    """(name, url) of every page of the admin: the site's and each model admin's.

    Django has no public list of the registered model admins; admin.site._registry is what
    its own index reads, and this walk fails at once if it goes."""
    pages = [
        ("index", reverse("admin:index")),
        ("password_change", reverse("admin:password_change")),
    ]
    pages += [
        ("app_list", reverse("admin:app_list", args=[label]))
        for label in sorted({model._meta.app_label for model in admin.site._registry})
    ]
    for model, model_admin in admin.site._registry.items():
        obj = objects.get(model)
        if obj is None:
            obj = model._default_manager.order_by("pk").first()
        for pattern in model_admin.get_urls():
            name = pattern.name
            if not name or any(name.endswith(skip) for skip in SKIPPED_URLS):
                continue
            kwargs = {}
            for param in pattern.pattern.converters:
                if obj is None:
                    break
                kwargs[param] = 1 if param == "version" else obj.pk
            else:
                pages.append((name, reverse(f"admin:{name}", kwargs=kwargs)))
    return pages


def walk(client: Client, pages, django_assert_max_num_queries) -> dict[str, str]:
    """{"name url": html} of the pages the client may open; the others are left."""
    found = {}
    for name, url in pages:
        with django_assert_max_num_queries(20):
            response = client.get(url)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        found[f"{name} {url}"] = response.content.decode()
    return found


@pytest.mark.parametrize("role", list(ROLES))
def test_every_admin_page_reads_in_persian(role, newsroom, django_assert_max_num_queries):
    users, objects, data = newsroom
    client = Client()
    client.force_login(users[role])
    pages = walk(client, admin_pages(objects), django_assert_max_num_queries)

    opened = {page.split()[0] for page in pages}
    assert MUST_OPEN[role] <= opened, f"{role} could not open {MUST_OPEN[role] - opened}"
    found = [
        f"{page}: {problem}" for page, html in pages.items() for problem in problems(html, data)
    ]
    assert found == [], "\n".join(found)


def test_the_login_page_reads_in_persian(db):
    response = Client().get(reverse("admin:login"))
    assert problems(response.content.decode(), set()) == []


# What Django shows in English or Latin digits whatever the translation, shown otherwise.


def test_permission_names_read_in_persian(newsroom):
    users, objects, _ = newsroom
    client = Client()
    client.force_login(users["superuser"])
    html = client.get(reverse("admin:auth_group_change", args=[objects[Group].pk])).content
    options = re.findall(r"<option[^>]*>([^<]*)</option>", html.decode())
    assert [option for option in options if re.search("[A-Za-z]", option)] == []
    assert "اخبار | خبر | افزودن خبر" in options and "اخبار | خبر | دیدن خبر" in options


def test_permissions_are_named_in_persian_after_every_migrate_and_keep_their_codenames(db):
    Permission.objects.filter(codename="delete_article").update(name="Can delete خبر")
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert Permission.objects.get(codename="delete_article").name == "حذف خبر"
    assert Permission.objects.get(codename="change_user").name == "تغییر کاربر"
    editor = make_user("Editors")  # the roles are granted by codename, as before
    assert editor.has_perms(["articles.delete_article", "articles.publish_article"])


def test_permissions_made_again_after_a_flush_are_named_in_persian(db):
    Group.objects.all().delete()
    Permission.objects.all().delete()
    make_user("Editors")  # the factories grant the roles again, as after a flush
    assert Permission.objects.get(codename="add_article").name == "افزودن خبر"
    assert Permission.objects.get(codename="view_logentry").name == "دیدن گزارش فعالیت"


def test_the_roles_read_in_persian_and_keep_their_names(newsroom):
    users, _, _ = newsroom
    client = Client()
    client.force_login(users["superuser"])
    people = reading(client.get(reverse("admin:auth_user_changelist")).content.decode())
    assert {"سردبیران", "خبرنگاران", "ناظران", "تحلیلگران"} <= set(people)
    person = client.get(reverse("admin:auth_user_change", args=[users["Editors"].pk]))
    assert re.search(r"<option [^>]*selected[^>]*>سردبیران</option>", person.content.decode())
    roles = reading(client.get(reverse("admin:auth_group_changelist")).content.decode())
    assert "سردبیران" in roles and "Editors" in roles
    assert Group.objects.filter(name="Editors").exists()


def test_a_reporter_reads_the_editors_flags_and_time_in_persian(newsroom):
    users, objects, _ = newsroom
    article = objects[Article]
    client = Client()
    client.force_login(users["Reporters"])
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content
    html = html.decode()
    assert 'alt="True"' not in html and 'alt="False"' not in html
    assert re.search(r'field-featured.*?<img src="[^"]*icon-no.svg" alt="خیر">', html, re.S)
    assert re.search(r'field-comments_shown.*?<img [^>]*alt="بله">', html, re.S)
    assert jalali.format_datetime(article.published_at) in reading(html)
    assert 'name="published_at' not in html and 'name="is_featured"' not in html


def test_an_editor_still_sets_the_flags_and_the_time(newsroom):
    users, objects, _ = newsroom
    client = Client()
    client.force_login(users["Editors"])
    url = reverse("admin:articles_article_change", args=[objects[Article].pk])
    html = client.get(url).content.decode()
    assert 'name="is_featured"' in html and 'name="published_at_0"' in html


def test_a_sections_order_reads_in_persian_digits_to_who_may_look_or_change_it(newsroom):
    users, objects, _ = newsroom
    section = objects[Section]
    Section.objects.filter(pk=section.pk).update(order=12)
    client = Client()
    client.force_login(users["Reporters"])
    listed = client.get(reverse("admin:articles_section_changelist")).content.decode()
    shown = client.get(reverse("admin:articles_section_change", args=[section.pk]))
    assert "۱۲" in reading(listed) and "۱۲" in reading(shown.content.decode())
    client.force_login(users["Editors"])
    listed = client.get(reverse("admin:articles_section_changelist")).content.decode()
    # The box an editor types in shows Persian digits too, and takes them.
    assert re.search(r'<input [^>]*name="form-0-order"[^>]*value="۱۲"', listed)
    saved = client.post(
        reverse("admin:articles_section_change", args=[section.pk]),
        {"name": section.name, "slug": section.slug, "order": "۳"},
    )
    assert saved.status_code == 302
    section.refresh_from_db()
    assert section.order == 3


def test_the_users_admin_shows_jalali_dates_and_persian_yes_and_no(newsroom):
    users, _, _ = newsroom
    editor = users["Editors"]
    type(editor).objects.filter(pk=editor.pk).update(
        date_joined=datetime.datetime(2026, 11, 24, 19, 14, tzinfo=datetime.UTC), last_login=None
    )
    client = Client()
    client.force_login(users["superuser"])
    page = client.get(reverse("admin:auth_user_change", args=[editor.pk])).content.decode()
    assert "سه‌شنبه ۳ آذر ۱۴۰۵ - ۲۲:۴۴" in reading(page)
    assert 'name="date_joined' not in page and 'name="last_login' not in page
    listed = client.get(reverse("admin:auth_user_changelist")).content.decode()
    assert listed.count('alt="بله"') == len(users) and 'alt="True"' not in listed


def what_goes(html: str) -> list[str]:
    """A delete confirmation's summary and list of what goes."""
    shown = reading(html)
    return shown[shown.index("خلاصه") :]


def test_delete_pages_leave_out_the_rows_linking_two_objects(newsroom):
    users, objects, _ = newsroom
    article = objects[Article]
    client = Client()
    client.force_login(users["Editors"])
    url = reverse("admin:articles_article_delete", args=[article.pk])
    shown = what_goes(client.get(url).content.decode())
    assert not [chunk for chunk in shown if "پیوند" in chunk or "object" in chunk]
    assert "اخبار: ۱" in shown and "رأی‌های مفید بودن: ۱" in shown
    client.post(url, {"post": "yes"})
    assert not Article.objects.filter(pk=article.pk).exists()
    assert not Article.tags.through.objects.filter(article_id=article.pk).exists()
    assert Tag.objects.filter(pk=objects[Tag].pk).exists()


@pytest.mark.parametrize("name", ["auth_user_delete", "auth_group_delete"])
def test_a_user_or_a_roles_delete_page_leaves_out_its_links(name, newsroom):
    users, objects, _ = newsroom
    target = objects[Group] if name == "auth_group_delete" else users["Editors"]
    client = Client()
    client.force_login(users["superuser"])
    html = client.get(reverse(f"admin:{name}", args=[target.pk])).content.decode()
    shown = what_goes(html)
    assert "موارد" in shown and not [chunk for chunk in shown if "پیوند" in chunk]


def test_a_published_articles_delete_page_names_all_it_takes_in_persian(
    newsroom, django_assert_max_num_queries
):
    users, objects, data = newsroom
    client = Client()
    client.force_login(users["Editors"])
    url = reverse("admin:articles_article_delete", args=[objects["published"].pk])
    with django_assert_max_num_queries(20):
        html = client.get(url).content.decode()
    shown = what_goes(html)
    assert "نظرات: ۲" in shown and "واکنش به نظر: 👍" in shown
    for what in ("رویداد تحریریه", "رأی مفید بودن", "آمار بازدید", "گزارش تخلف"):
        assert [chunk for chunk in shown if chunk.startswith(f"{what}: ")], what
    assert problems(html, data) == []


def test_the_records_name_themselves_in_persian(newsroom):
    users, _, _ = newsroom
    at = datetime.datetime(2026, 11, 24, 19, 14, tzinfo=datetime.UTC)
    when = "سه‌شنبه ۳ آذر ۱۴۰۵ - ۲۲:۴۴"
    event = ModerationEvent(action="approved", actor=users["Editors"], comment_id=12, at=at)
    assert str(event) == "نظر ۱۲: سردبیر تأیید کرد"
    assert str(FeedbackVote(useful=False, created_at=at)) == f"خیر، {when}"
    assert str(ArticleEvent(action="published", at=at)) == f"منتشر کرد، {when}"
    assert str(ViewCount(hour=at, views=12)) == f"۱۲ بازدید، {when}"
    assert str(CommentReaction(value=CommentReaction.DISLIKE)) == "👎"
    assert str(CommentReport(created_at=at)) == when


def test_the_password_form_warns_in_persian(newsroom):
    users, _, _ = newsroom
    client = Client()
    client.force_login(users["superuser"])
    url = reverse("admin:auth_user_password_change", args=[users["Editors"].pk])
    html = client.get(url).content.decode()
    # Django's script shows the warning, by its id, when «غیرفعال» is chosen.
    assert re.search(
        r'<ul id="id_unusable_warning" class="messagelist"><li class="warning">'
        r"اگر غیرفعال شود، گذرواژهٔ کنونی این کاربر از دست می‌رود.</li></ul>",
        html,
    )


def test_the_minimum_password_length_reads_in_persian_digits(db):
    from django.contrib.auth.password_validation import password_validators_help_texts

    with override("fa"):
        assert "گذرواژه باید دست‌کم ۸ نویسه داشته باشد." in password_validators_help_texts()
        with pytest.raises(ValidationError) as refused:
            validate_password("k7#Qz")
        assert "این گذرواژه خیلی کوتاه است؛ باید دست‌کم ۸ نویسه داشته باشد." in (
            refused.value.messages
        )


# Counts and messages: singular nouns, Persian digits.


def test_a_count_takes_the_singular_noun_for_every_model_in_the_admin():
    with override("fa"):
        for model in admin.site._registry:
            opts = model._meta
            assert ngettext(opts.verbose_name, opts.verbose_name_plural, 32) == str(
                opts.verbose_name
            ), f"«۳۲ {opts.verbose_name_plural}»: locale/fa needs an entry for {opts.label}"


def test_the_article_list_counts_in_persian_digits_with_the_singular(newsroom):
    users, _, _ = newsroom
    for _ in range(10):
        make_article(author=users["Reporters"])
    assert Article.objects.count() == 12
    client = Client()
    client.force_login(users["Editors"])
    html = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "۱۲ خبر" in reading(html)
    assert "۰ از ۱۲ انتخاب شده" in reading(html)
    assert "اخبار های" not in html and "حذف موارد انتخاب‌شده" in html


def test_a_bulk_delete_says_how_many_in_persian(newsroom):
    users, _, _ = newsroom
    tags = [make_tag(name=f"برچسب {word}") for word in ("یک", "دو", "سه")]
    client = Client()
    client.force_login(users["superuser"])
    response = client.post(
        reverse("admin:articles_tag_changelist"),
        {"action": "delete_selected", "_selected_action": [t.pk for t in tags], "post": "yes"},
        follow=True,
    )
    assert "۳ برچسب حذف شد." in " ".join(reading(response.content.decode()))


def test_a_saved_objects_message_reads_in_persian_with_guillemets(newsroom):
    users, objects, _ = newsroom
    client = Client()
    client.force_login(users["superuser"])
    tag = objects[Tag]
    response = client.post(
        reverse("admin:articles_tag_change", args=[tag.pk]), {"name": tag.name}, follow=True
    )
    messages = re.search(r'<ul class="messagelist">(.*?)</ul>', response.content.decode(), re.S)
    assert re.sub(r"<[^>]+>", "", messages.group(1)).split() == (
        f"برچسب «{tag.name}» ذخیره شد.".split()
    )


def test_history_shows_jalali_dates_in_persian_digits(newsroom):
    users, objects, _ = newsroom
    client = Client()
    client.force_login(users["superuser"])
    section = objects[Section]
    LogEntry.objects.filter(object_id=str(section.pk)).update(
        action_time=datetime.datetime(2026, 11, 24, 19, 14, tzinfo=datetime.UTC)
    )
    html = client.get(reverse("admin:articles_section_history", args=[section.pk])).content
    assert "سه‌شنبه ۳ آذر ۱۴۰۵ - ۲۲:۴۴" in html.decode()


def test_a_message_keeps_its_links_address_while_its_digits_turn_persian():
    from newsroom.persian.templatetags.admin_persian import fa_digits_html

    html = 'خبر <a href="/admin/articles/article/31/change/">PM2.5 در 32 شهر</a> ذخیره شد; 5'
    assert fa_digits_html(html) == (
        'خبر <a href="/admin/articles/article/31/change/">PM2.5 در ۳۲ شهر</a> ذخیره شد; ۵'
    )


# The admin's JavaScript catalog: the time-zone note and the action counter.


def js_catalog(client: Client) -> dict:
    source = client.get(reverse("admin:jsi18n")).content.decode()
    return json.loads(re.search(r"const newcatalog = (\{.*?\});\n", source, re.S).group(1))


def test_the_time_zone_note_is_persian_in_the_admins_javascript_catalog(newsroom):
    users, _, _ = newsroom
    client = Client()
    client.force_login(users["Editors"])
    catalog = js_catalog(client)
    behind = catalog[
        "Note: Enter times in the %(timezone)s timezone. (You are %(offset)s hour behind.)"
    ]
    ahead = catalog[
        "Note: Enter times in the %(timezone)s timezone. (You are %(offset)s hour ahead.)"
    ]
    assert behind[1] == (
        "توجه: ساعت را به وقت %(timezone)s بنویسید؛ ساعت رایانهٔ شما %(offset)s ساعت از آن "
        "عقب‌تر است."
    )
    assert "جلوتر" in ahead[1]
    assert catalog["%(sel)s of %(cnt)s selected"] == ["%(sel)s از %(cnt)s انتخاب شده"] * 2
    for translated in catalog.values():
        for text in translated if isinstance(translated, list) else [translated]:
            assert missing_half_spaces(text) == [], text


def test_the_pickers_name_the_chosen_box_in_persian(newsroom):
    users, _, _ = newsroom
    client = Client()
    client.force_login(users["superuser"])
    catalog = js_catalog(client)
    assert catalog["Chosen %s"] % "اجازه‌ها" == "اجازه‌های انتخاب‌شده"
    assert catalog["Available %s"] % "اجازه‌ها" == "اجازه‌های موجود"


# The translations themselves.


@pytest.mark.parametrize("name", ["django", "djangojs"])
def test_the_compiled_translations_match_their_sources(name):
    """The .mo is committed (no gettext needed to install); it must say what the .po says.
    Recompile: .venv/bin/python -c "import polib; p='locale/fa/LC_MESSAGES/NAME';
    polib.pofile(p+'.po').save_as_mofile(p+'.mo')" (or manage.py compilemessages)."""

    def entries(catalog):
        return {
            (e.msgctxt, e.msgid, e.msgid_plural): (e.msgstr, sorted(e.msgstr_plural.items()))
            for e in catalog
            if e.msgid and (e.msgstr or e.msgstr_plural)
        }

    source = polib.pofile(LOCALE / f"{name}.po")
    compiled = polib.mofile(LOCALE / f"{name}.mo")
    assert entries(compiled) == entries(source)


@pytest.mark.parametrize("name", ["django", "djangojs"])
def test_the_newsrooms_persian_is_written_properly(name):
    for entry in polib.pofile(LOCALE / f"{name}.po"):
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            assert missing_half_spaces(text) == [], text
            assert "  " not in text and text.strip() == text.strip(" "), text
            assert '"' not in text, f"«» for quotes: {text}"
            # What the copy-editor's verb list lacks: «میتوان», «میباشد».
            assert not re.search("(?<![\u0600-\u06ff])ن?می(توان|باش)", text), text


@pytest.mark.parametrize(
    "path", ["lang/fa.js", "plugins/image2/lang/fa.js", "plugins/widget/lang/fa.js"]
)
def test_the_editors_persian_has_its_half_spaces_and_no_url(path):
    source = (CKEDITOR / path).read_text()
    strings = [json.loads(f'"{s}"') for s in re.findall(r'"((?:[^"\\]|\\.)*)"', source)]
    persian = [s for s in strings if re.search("[\u0600-\u06ff]", s)]
    assert persian, path
    assert "\u200b" not in source  # the zero-width space CKEditor's translators used for ZWNJ
    assert "URL" not in strings and not any("URL" in s for s in persian)
    assert [s for s in persian if missing_half_spaces(s)] == []


def test_the_editors_persian_is_the_one_served():
    from django.contrib.staticfiles import finders

    assert Path(finders.find("ckeditor/ckeditor/lang/fa.js")) == CKEDITOR / "lang" / "fa.js"
