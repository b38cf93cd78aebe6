"""Every admin URL against every role and an anonymous reader: allowed (200) or not."""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from articles.models import Article, Delivery
from tests.factories import (
    make_article,
    make_breaking,
    make_comment,
    make_image,
    make_section,
    make_tag,
    make_user,
    picture_bytes,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "Reporters", "Editors", "Moderators", "Analysts", "superuser"]
ALL = set(ROLES) - {"anonymous"}
NOBODY = set()


@pytest.fixture
def world(db):
    reporter = make_user("Reporters", username="the_reporter")
    own_draft = make_article(author=reporter, status=Article.Status.DRAFT)
    others = make_article(status=Article.Status.PUBLISHED)
    comment = make_comment(others)
    from comments.models import BannedWord, ModerationEvent

    return {
        "reporter": reporter,
        "own_draft": own_draft,
        "others": others,
        "section": make_section(),
        "tag": make_tag(),
        "comment": comment,
        "word": BannedWord.objects.create(word="ممنوع"),
        "event": ModerationEvent.record([comment], ModerationEvent.Action.APPROVED)[0],
        "user": make_user(),
        "image": make_image(picture_bytes((40, 30))),
        "breaking": make_breaking(),
        "delivery": Delivery.objects.create(article=others, channel=Delivery.Channel.TELEGRAM),
    }


WRITERS = {"Reporters", "Editors", "superuser"}
EDITORS = {"Editors", "superuser"}
DESK = {"Moderators", "Editors", "superuser"}
REPORT = {"Editors", "Analysts", "superuser"}


def url(name: str, *args) -> str:
    return reverse(f"admin:{name}", args=args)


def admin_urls(world) -> dict[str, tuple[str, set[str]]]:
    """name → (url, the roles that may open it)."""
    draft, other = world["own_draft"].pk, world["others"].pk
    comment, word, event = world["comment"].pk, world["word"].pk, world["event"].pk
    return {
        "index": (url("index"), ALL),
        # Articles: reporters write (their own drafts), editors everything.
        "article list": (url("articles_article_changelist"), WRITERS),
        "article add": (url("articles_article_add"), WRITERS),
        "own draft": (url("articles_article_change", draft), WRITERS),
        "others' article": (url("articles_article_change", other), EDITORS),
        "article delete": (url("articles_article_delete", other), EDITORS),
        "article history": (url("articles_article_history", other), EDITORS),
        "own history": (url("articles_article_history", draft), WRITERS),
        "compare": (url("articles_article_compare", other), EDITORS),
        "copy-editor": (url("articles_article_copyedit", other), EDITORS),
        "own copy-editor": (url("articles_article_copyedit", draft), WRITERS),
        "preview others'": (world["others"].get_preview_url(), EDITORS),
        "preview own": (world["own_draft"].get_preview_url(), WRITERS),
        "section list": (url("articles_section_changelist"), WRITERS),
        "section add": (url("articles_section_add"), EDITORS),
        "section delete": (url("articles_section_delete", world["section"].pk), {"superuser"}),
        "tag list": (url("articles_tag_changelist"), WRITERS),
        "tag add": (url("articles_tag_add"), WRITERS),
        "tag delete": (url("articles_tag_delete", world["tag"].pk), EDITORS),
        # The image library: writers upload and pick, editors also delete.
        "image list": (url("articles_image_changelist"), WRITERS),
        "image add": (url("articles_image_add"), WRITERS),
        "image": (url("articles_image_change", world["image"].pk), WRITERS),
        "image delete": (url("articles_image_delete", world["image"].pk), EDITORS),
        "lead image picker": (url("articles_image_changelist") + "?_popup=1&_to_field=id", WRITERS),
        # «خبر فوری»: editors put a bar up and end it; only the superuser deletes one.
        "breaking list": (url("articles_breakingnews_changelist"), EDITORS),
        "breaking add": (url("articles_breakingnews_add"), EDITORS),
        "breaking": (url("articles_breakingnews_change", world["breaking"].pk), EDITORS),
        "breaking history": (url("articles_breakingnews_history", world["breaking"].pk), EDITORS),
        "breaking delete": (
            url("articles_breakingnews_delete", world["breaking"].pk),
            {"superuser"},
        ),
        # «چینش صفحه اول»: editors arrange the home page (its preview is a POST, tested with it).
        "home arrangement": (url("articles_homepin_changelist"), EDITORS),
        # «ارسال به کانال‌ها»: editors follow, retry and cancel; nobody writes one by hand.
        "deliveries": (url("articles_delivery_changelist"), EDITORS),
        "delivery": (url("articles_delivery_change", world["delivery"].pk), EDITORS),
        "delivery add": (url("articles_delivery_add"), NOBODY),
        "delivery delete": (url("articles_delivery_delete", world["delivery"].pk), NOBODY),
        # The usefulness report: analysts and editors read it; nobody changes it.
        "report": (url("articles_usefulnessreport_changelist"), REPORT),
        "report detail": (url("articles_usefulnessreport_change", other), REPORT),
        "report csv": (url("articles_usefulnessreport_csv"), REPORT),
        "report delete": (url("articles_usefulnessreport_delete", other), NOBODY),
        "report add": (url("articles_usefulnessreport_add"), NOBODY),
        # The moderation desk.
        "comment queue": (url("comments_comment_changelist"), DESK),
        "comment": (url("comments_comment_change", comment), DESK),
        "comment reply": (url("comments_comment_reply", comment), DESK),
        "comment delete": (url("comments_comment_delete", comment), DESK),
        "comment add": (url("comments_comment_add"), NOBODY),
        "banned words": (url("comments_bannedword_changelist"), DESK),
        "banned word": (url("comments_bannedword_change", word), DESK),
        # «سابقه نظارت»: read by the desk, written by nobody.
        "moderation history": (url("comments_moderationevent_changelist"), DESK),
        "moderation event": (url("comments_moderationevent_change", event), DESK),
        "moderation event delete": (url("comments_moderationevent_delete", event), NOBODY),
        "moderation event add": (url("comments_moderationevent_add"), NOBODY),
        # People and roles: the superuser alone.
        "users": (url("auth_user_changelist"), {"superuser"}),
        "user": (url("auth_user_change", world["user"].pk), {"superuser"}),
        "groups": (url("auth_group_changelist"), {"superuser"}),
        # CKEditor's image browser: whoever writes articles.
        "image browser": ("/ckeditor/browse/", WRITERS),
    }


def test_every_registered_model_is_in_the_matrix(world):
    covered = " ".join(url for url, _ in admin_urls(world).values())
    for model in admin.site._registry:
        fragment = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        assert fragment in covered, f"{fragment} is not in the permission matrix"


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(world, role):
    client = Client()
    if role == "Reporters":
        client.force_login(world["reporter"])
    elif role != "anonymous":
        client.force_login(make_user(role))
    wrong = []
    for name, (url, allowed) in admin_urls(world).items():
        status = client.get(url).status_code
        expected_open = role in allowed
        if expected_open and status != 200:
            wrong.append(f"{name}: {status}, expected 200")
        if not expected_open:
            if role == "anonymous" and status not in (302, 403):
                wrong.append(f"{name}: {status}, expected a redirect to the login or 403")
            elif role != "anonymous" and status not in (302, 403, 404):
                wrong.append(f"{name}: {status}, expected to be refused")
    assert not wrong, "\n".join(wrong)
