"""The editors' admin, role by role: the server enforces who may do what."""

import datetime

import pytest
from django.urls import reverse

from articles.models import Article, ArticleEvent
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")
ADD = reverse("admin:articles_article_add")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def version_of(article) -> int:
    """The version a form opened now would carry."""
    article.refresh_from_db()
    return article.version


def form_data(section, **overrides):
    data = {
        "kicker": "",
        "title": "بارش برف در همدان",
        "lead": "نخستین برف پاییزی همدان را سفیدپوش کرد.",
        "body": "<p>متن خبر</p><script>alert(1)</script>",
        "source": "به گزارش خبرنگار ما،",
        "byline": "",
        "section": section.pk,
        "image_alt": "",
        "image_caption": "",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "comments_open": "on",
    }
    data.update(overrides)
    return data


# Reporters


def test_reporter_writes_a_draft_that_becomes_theirs(client, reporter, section):
    client.force_login(reporter)
    response = client.post(ADD, form_data(section, status="published"))
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.author == reporter
    assert article.status == Article.Status.DRAFT  # status is not theirs to set
    assert article.body == "<p>متن خبر</p>"
    assert article.code is not None


def test_reporter_sees_only_their_own_articles(client, reporter, section):
    mine = make_article(author=reporter, title="خبر من", status=Article.Status.DRAFT)
    make_article(title="خبر همکار")
    client.force_login(reporter)
    page = client.get(CHANGELIST)
    assert list(page.context["cl"].result_list) == [mine]
    assert "خبر همکار" not in page.text


def test_reporter_cannot_open_or_change_someone_elses_article(client, reporter, section):
    other = make_article(status=Article.Status.DRAFT)
    client.force_login(reporter)
    assert client.get(change_url(other)).status_code in (302, 403, 404)
    client.post(
        change_url(other), form_data(section, opened_version=version_of(other), title="دستکاری")
    )
    other.refresh_from_db()
    assert other.title != "دستکاری"


def test_reporter_can_edit_own_draft_but_not_after_submitting(client, reporter, section):
    draft = make_article(author=reporter, section=section, status=Article.Status.DRAFT)
    client.force_login(reporter)
    assert (
        client.post(
            change_url(draft),
            form_data(section, opened_version=version_of(draft), title="تیتر بهتر"),
        ).status_code
        == 302
    )
    draft.refresh_from_db()
    assert draft.title == "تیتر بهتر"

    client.post(CHANGELIST, {"action": "submit_for_review", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Article.Status.REVIEW

    client.post(
        change_url(draft),
        form_data(section, opened_version=version_of(draft), title="تغییر پس از ارسال"),
    )
    draft.refresh_from_db()
    assert draft.title == "تیتر بهتر"


def test_reporter_cannot_publish(client, reporter, section):
    draft = make_article(author=reporter, section=section, status=Article.Status.DRAFT)
    client.force_login(reporter)
    page = client.get(CHANGELIST)
    actions = [value for value, _ in page.context["action_form"].fields["action"].choices]
    assert "publish_now" not in actions
    client.post(CHANGELIST, {"action": "publish_now", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_reporter_cannot_delete(client, reporter):
    draft = make_article(author=reporter, status=Article.Status.DRAFT)
    client.force_login(reporter)
    client.post(reverse("admin:articles_article_delete", args=[draft.pk]), {"post": "yes"})
    assert Article.objects.filter(pk=draft.pk).exists()


# Editors


def test_editor_sees_and_edits_everything(client, editor, section):
    theirs = make_article(section=section, status=Article.Status.REVIEW)
    client.force_login(editor)
    assert theirs in client.get(CHANGELIST).context["cl"].result_list
    client.post(
        change_url(theirs),
        form_data(
            section, opened_version=version_of(theirs), title="ویرایش سردبیر", status="review"
        ),
    )
    theirs.refresh_from_db()
    assert theirs.title == "ویرایش سردبیر"


def test_editor_publishes_with_the_action(client, editor):
    pending = make_article(status=Article.Status.REVIEW)
    client.force_login(editor)
    client.post(CHANGELIST, {"action": "publish_now", "_selected_action": [pending.pk]})
    assert Article.objects.published().filter(pk=pending.pk).exists()


def test_editor_unpublishes_with_the_action(client, editor):
    live = make_article()
    client.force_login(editor)
    client.post(CHANGELIST, {"action": "unpublish", "_selected_action": [live.pk]})
    live.refresh_from_db()
    assert live.status == Article.Status.UNPUBLISHED


def test_editor_schedules_with_a_jalali_date_and_tehran_time(client, editor, section):
    client.force_login(editor)
    response = client.post(
        ADD,
        form_data(
            section, status="published", published_at_0="1405-09-03", published_at_1="22:44:00"
        ),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    assert article.published_at.togregorian() == datetime.datetime(
        2026, 11, 24, 19, 14, tzinfo=datetime.UTC
    )


def test_changelist_shows_code_and_jalali_time_and_finds_by_persian_code(client, editor):
    article = make_article(
        title="خبر قابل جست‌وجو",
        published_at=datetime.datetime(2026, 11, 24, 19, 14, tzinfo=datetime.UTC),
    )
    make_article(title="خبر دیگر")
    client.force_login(editor)
    persian_code = str(article.code).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    page = client.get(CHANGELIST, {"q": persian_code})
    assert list(page.context["cl"].result_list) == [article]
    assert "سه\u200cشنبه ۳ آذر ۱۴۰۵ - ۲۲:۴۴" in page.text
    assert persian_code in page.text


def test_changelist_search_matches_arabic_keyboard_spelling(client, editor):
    article = make_article(title="کرمانشاه یادگیرنده")
    client.force_login(editor)
    page = client.get(CHANGELIST, {"q": "كرمانشاه"})  # Arabic kaf
    assert list(page.context["cl"].result_list) == [article]


def events() -> list[tuple[str, object]]:
    return [(e.action, e.actor) for e in ArticleEvent.objects.order_by("pk")]


def test_each_action_names_who_did_it_on_the_desk(client, reporter, editor, section):
    article = make_article(author=reporter, section=section, status=Article.Status.DRAFT)
    client.force_login(reporter)
    client.post(CHANGELIST, {"action": "submit_for_review", "_selected_action": [article.pk]})
    client.force_login(editor)
    client.post(CHANGELIST, {"action": "publish_now", "_selected_action": [article.pk]})
    client.post(CHANGELIST, {"action": "unpublish", "_selected_action": [article.pk]})
    assert events() == [("submitted", reporter), ("published", editor), ("unpublished", editor)]
    desk = client.get(reverse("admin:index")).text
    assert editor.get_full_name() in desk and reporter.get_full_name() in desk
    assert "سامانه" not in desk


# Moderators and analysts: no article rights.


@pytest.mark.parametrize("role", ["Moderators", "Analysts"])
def test_moderators_and_analysts_have_no_article_rights(client, role, section):
    article = make_article(section=section)
    client.force_login(make_user(role))
    assert client.get(CHANGELIST).status_code == 403
    assert client.get(ADD).status_code == 403
    assert client.get(change_url(article)).status_code == 403
    assert client.get(article.get_preview_url()).status_code == 403


def test_anonymous_is_sent_to_login(client, article):
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


# Preview: staff see unpublished and scheduled articles as readers will.


def test_editor_previews_a_scheduled_article(client, editor):
    scheduled = make_article(
        title="خبر فردا", published_at=datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC)
    )
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    client.force_login(editor)
    response = client.get(scheduled.get_preview_url())
    assert response.status_code == 200
    assert "خبر فردا" in response.text
    assert "زمان‌بندی‌شده" in response.text
    assert "no-cache" in response["Cache-Control"]


def test_reporter_previews_own_draft_but_not_others(client, reporter):
    mine = make_article(author=reporter, status=Article.Status.DRAFT)
    other = make_article(status=Article.Status.DRAFT)
    client.force_login(reporter)
    assert client.get(mine.get_preview_url()).status_code == 200
    assert client.get(other.get_preview_url()).status_code == 403


def test_view_on_site_goes_to_the_preview(client, editor):
    draft = make_article(status=Article.Status.DRAFT)
    client.force_login(editor)
    assert draft.get_preview_url() in client.get(change_url(draft)).text


# The body editor


def test_body_uses_ckeditor_in_persian_and_rtl(client, editor):
    client.force_login(editor)
    page = client.get(ADD).text
    assert "ckeditor" in page
    assert "&quot;language&quot;: &quot;fa&quot;" in page
    assert "&quot;contentsLangDirection&quot;: &quot;rtl&quot;" in page


@pytest.mark.parametrize("role", [None, "Moderators", "Analysts"])
def test_image_upload_is_for_writers_only(client, role):
    if role:
        client.force_login(make_user(role))
    response = client.post("/ckeditor/upload/", {})
    assert response.status_code in (302, 403)


def test_writer_upload_without_a_file_is_a_clean_400(client, reporter):
    client.force_login(reporter)
    assert client.post("/ckeditor/upload/", {}).status_code == 400


def test_jalali_date_filter_reads_tehran_days(client, editor):
    on_3_azar = make_article(
        published_at=datetime.datetime(2026, 11, 24, 19, 14, tzinfo=datetime.UTC)
    )
    make_article(published_at=datetime.datetime(2026, 11, 24, 20, 31, tzinfo=datetime.UTC))
    client.force_login(editor)
    page = client.get(
        CHANGELIST,
        {"published_at__gte": "1405-09-03 00:00:00", "published_at__lt": "1405-09-04 00:00:00"},
    )
    assert list(page.context["cl"].result_list) == [on_3_azar]


def test_malformed_jalali_filter_is_not_a_server_error(client, editor):
    client.force_login(editor)
    response = client.get(CHANGELIST, {"published_at__gte": "۱۴۰۵-۱۳-۴۰ <script>"})
    assert response.status_code in (200, 302)
