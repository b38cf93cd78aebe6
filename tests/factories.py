"""Object builders for the tests: one place that knows what a valid object needs."""

import datetime
import importlib
import io
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage

from articles.models import Article, BreakingNews, Image, Section, Tag

_counter = itertools.count(1)


def make_user(role: str | None = None, **fields):
    """A staff user in the group `role` (Reporters, Editors, …), or a superuser if 'superuser'."""
    n = next(_counter)
    fields.setdefault("username", f"user{n}")
    fields.setdefault("first_name", "کاربر")
    fields.setdefault("last_name", f"شماره {n}")
    user = get_user_model().objects.create_user(
        password="pass",
        is_staff=role is not None,
        is_superuser=role == "superuser",
        **fields,
    )
    if role and role != "superuser":
        if not Group.objects.filter(name=role).exists():
            restore_roles()
        user.groups.add(Group.objects.get(name=role))
    return user


ROLE_MIGRATIONS = [
    ("articles.migrations.0002_roles", "create_roles"),
    ("articles.migrations.0004_report_roles", "grant"),
    ("articles.migrations.0018_image_roles", "grant"),
    ("articles.migrations.0026_breaking_news_roles", "grant"),
    ("articles.migrations.0028_home_pins", "grant"),
    ("articles.migrations.0030_deliveries", "grant"),
    ("articles.migrations.0032_live_coverage_roles", "grant"),
    ("comments.migrations.0002_roles", "grant"),
    ("comments.migrations.0004_moderation_history_roles", "grant"),
]


def restore_roles() -> None:
    """Put back the groups the migrations made, after a transactional test flushed them."""
    from django.apps import apps

    for module, function in ROLE_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)


def make_section(**fields) -> Section:
    n = next(_counter)
    fields.setdefault("name", f"سرویس {n}")
    fields.setdefault("slug", f"section-{n}")
    return Section.objects.create(**fields)


def make_tag(**fields) -> Tag:
    fields.setdefault("name", f"برچسب {next(_counter)}")
    return Tag.objects.create(**fields)


def make_article(*, tags=(), **fields) -> Article:
    """A published article (an hour old) unless told otherwise."""
    n = next(_counter)
    fields.setdefault("title", f"خبر شماره {n}")
    fields.setdefault("lead", f"لید خبر شماره {n}")
    fields.setdefault("body", f"<p>متن خبر شماره {n}</p>")
    fields.setdefault("status", Article.Status.PUBLISHED)
    if fields["status"] == Article.Status.PUBLISHED:
        fields.setdefault("published_at", timezone.now() - datetime.timedelta(hours=1))
    if "section" not in fields:
        fields["section"] = make_section()
    if "author" not in fields:
        fields["author"] = make_user("Reporters")
    article = Article.objects.create(**fields)
    if tags:
        article.tags.set(tags)
    return article


def make_breaking(**fields) -> BreakingNews:
    """A «خبر فوری» line showing now, for two hours, unless told otherwise."""
    fields.setdefault("text", f"خبر فوری شماره {next(_counter)}")
    fields.setdefault("starts_at", timezone.now())
    fields.setdefault("ends_at", fields["starts_at"] + datetime.timedelta(hours=2))
    return BreakingNews.objects.create(**fields)


def make_comment(article, **fields):
    """An approved comment on `article` unless told otherwise."""
    from comments.models import Comment

    n = next(_counter)
    fields.setdefault("name", f"خواننده {n}")
    fields.setdefault("text", f"نظر شماره {n}")
    fields.setdefault("status", Comment.Status.APPROVED)
    return Comment.objects.create(article=article, **fields)


def comment_form(article=None, **fields) -> dict:
    """What a reader's browser posts for «ارسال نظر» on `article`, handed out a minute ago
    (`article` may be left out where `started` is given)."""
    import time

    from comments.forms import started_at

    data = {
        "name": "مریم",
        "email": "",
        "text": "خبر خوبی بود، ممنون.",
        "parent": "",
        "website": "",
    }
    data.update(fields)
    if "started" not in data:
        data["started"] = started_at(article.code, time.time() - 60)
    return data


def article_change_form(article, **overrides) -> dict:
    """The admin's change form for `article` as a browser posts it, unchanged unless told
    (its publish time left blank: kept as it is)."""
    article.refresh_from_db()
    data = {
        "kicker": article.kicker,
        "title": article.title,
        "lead": article.lead,
        "body": article.body,
        "source": article.source,
        "byline": article.byline,
        "section": article.section_id,
        "status": article.status,
        "published_at_0": "",
        "published_at_1": "",
        "comments_open": "on",
        "feedback_enabled": "on",
        "opened_version": article.version,
    }
    data.update(overrides)
    return data


def picture_bytes(size=(64, 48), image_format="JPEG", colour=(200, 30, 40), exif=None) -> bytes:
    """A picture of one colour, as a file's bytes."""
    out = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    PILImage.new("RGB", size, colour).save(out, image_format, **options)
    return out.getvalue()


def make_image(data: bytes | None = None, name: str = "عکس.jpg", **fields) -> Image:
    """A picture in the library, uploaded as an editor would (2000×1500 unless told)."""
    fields.setdefault("alt", "مردم در صف نانوایی")
    upload = SimpleUploadedFile(name, data or picture_bytes((2000, 1500)))
    return Image.objects.create(file=upload, **fields)
