"""The editors' admin, role by role: the server enforces who may do what."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from articles.forms import ArticleAdminForm
from articles.models import Article, ArticleEvent
from newsroom.persian import jalali
from tests.factories import make_article, make_image, make_tag, make_user

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
    assert events() == []


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
    assert article.published_at == datetime.datetime(2026, 11, 24, 19, 14, tzinfo=datetime.UTC)


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


def test_changelist_names_each_author_as_people_read_names(client, editor):
    named = make_user("Reporters", username="m.kazemi", first_name="مریم", last_name="کاظمی")
    unnamed = make_user("Reporters", username="desk2", first_name="", last_name="")
    make_article(author=named, title="خبر خبرنگار با نام")
    make_article(author=unnamed, title="خبر خبرنگار بی‌نام")
    client.force_login(editor)
    page = client.get(CHANGELIST)
    cells = re.findall(r'<td class="field-author_name">([^<]*)</td>', page.text)
    assert sorted(cells) == sorted(["مریم کاظمی", "desk2"])
    assert "m.kazemi" not in page.text


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


# One way to change status: the change form goes through the model's transitions.


def publish_time_fields(moment) -> dict:
    """The change form's «زمان انتشار» as an editor types it: a Jalali date, Tehran time."""
    local = jalali.to_jalali(moment)
    return {
        "published_at_0": local.strftime("%Y-%m-%d"),
        "published_at_1": local.strftime("%H:%M:%S"),
    }


def post_change(client, article, **fields):
    data = form_data(article.section, opened_version=version_of(article), **fields)
    return client.post(change_url(article), data)


@pytest.mark.parametrize("role", ["Editors", "superuser"])
def test_editor_publishes_through_the_form_and_is_named(client, role, section):
    person = make_user(role)
    pending = make_article(section=section, status=Article.Status.REVIEW)
    client.force_login(person)
    assert post_change(client, pending, status="published").status_code == 302
    assert Article.objects.published().filter(pk=pending.pk).exists()
    assert events() == [("published", person)]


def test_editor_schedules_through_the_form_and_is_named(client, editor, section):
    client.force_login(editor)
    later = timezone.now() + datetime.timedelta(days=2)
    client.post(ADD, form_data(section, status="published", **publish_time_fields(later)))
    article = Article.objects.get()
    assert article.is_scheduled
    assert events() == [("scheduled", editor)]


def test_editor_reschedules_through_the_form_and_is_named(client, editor, section):
    article = make_article(section=section, published_at=timezone.now() + datetime.timedelta(1))
    client.force_login(editor)
    later = timezone.now() + datetime.timedelta(days=3)
    post_change(client, article, status="published", **publish_time_fields(later))
    article.refresh_from_db()
    assert article.published_at.replace(microsecond=0) == later.replace(microsecond=0)
    assert events() == [("scheduled", editor)]


def test_editing_a_published_article_is_no_transition(client, editor, section):
    live = make_article(section=section)
    client.force_login(editor)
    response = post_change(
        client,
        live,
        title="تیتر اصلاح‌شده",
        status="published",
        change_kind="typo",  # on the site: a change says what it is (test_corrections.py)
        **publish_time_fields(live.published_at),
    )
    assert response.status_code == 302
    live.refresh_from_db()
    assert live.title == "تیتر اصلاح‌شده" and live.status == Article.Status.PUBLISHED
    assert events() == [(ArticleEvent.Action.TYPO_FIXED, editor)]  # and no move


def test_editor_sends_an_article_back_to_draft_and_is_named(client, editor, reporter, section):
    submitted = make_article(author=reporter, section=section, status=Article.Status.REVIEW)
    client.force_login(editor)
    assert post_change(client, submitted, status="draft").status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Article.Status.DRAFT
    assert submitted.can_edit(reporter)
    assert events() == [("returned", editor)]


def test_an_illegal_status_change_comes_back_in_persian_with_the_text_kept(client, editor, section):
    live = make_article(section=section, title="تیتر پیشین")
    client.force_login(editor)
    page = post_change(client, live, title="تیتر تازه", status="review")
    assert page.status_code == 200
    assert "فقط پیش‌نویس را می‌توان برای بررسی فرستاد." in page.text
    assert 'value="تیتر تازه"' in page.text
    live.refresh_from_db()
    assert (live.status, live.title) == (Article.Status.PUBLISHED, "تیتر پیشین")
    assert events() == []


def test_reporter_cannot_publish_by_posting_the_status(client, reporter, section):
    draft = make_article(author=reporter, section=section, status=Article.Status.DRAFT)
    client.force_login(reporter)
    post_change(client, draft, status="published", **publish_time_fields(timezone.now()))
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert events() == []


def test_the_form_refuses_a_transition_the_user_may_not_make(reporter, section):
    # Whatever fields the admin shows a reporter, the form asks the model.
    draft = make_article(author=reporter, section=section, status=Article.Status.DRAFT)
    form_class = type("ReportersForm", (ArticleAdminForm,), {"user": reporter})
    form = form_class(
        form_data(section, opened_version=draft.version, status="published"), instance=draft
    )
    assert not form.is_valid()
    assert "کار دبیران است" in str(form.errors["status"])


def test_a_reporter_may_not_publish_even_by_calling_the_model(reporter):
    draft = make_article(author=reporter, status=Article.Status.DRAFT)
    with pytest.raises(ValidationError):
        draft.publish(by=reporter)
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_only_what_is_on_the_site_can_be_taken_off_it(client, editor):
    draft = make_article(status=Article.Status.DRAFT)
    client.force_login(editor)
    page = client.post(
        CHANGELIST, {"action": "unpublish", "_selected_action": [draft.pk]}, follow=True
    )
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert "۱ خبر تغییر نکرد" in page.text
    assert events() == []


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


# The workflow in buttons: «ارسال برای بررسی», «انتشار», «زمان‌بندی», «لغو انتشار»…


def moves_offered(client, url) -> list[str]:
    page = client.get(url)
    assert page.status_code == 200
    return re.findall(r'<button type="submit" name="move" value="(\w+)"', page.text)


def revisions_of(article) -> list[int]:
    return list(article.history.order_by("-history_id").values_list("version", flat=True))


def test_reporter_writes_and_sends_a_new_article_for_review_in_one_press(client, reporter, section):
    client.force_login(reporter)
    assert moves_offered(client, ADD) == ["submit"]
    response = client.post(ADD, form_data(section, move="submit"), follow=True)
    article = Article.objects.get()
    assert (article.status, article.author, article.title) == (
        "review",
        reporter,
        "بارش برف در همدان",
    )
    assert response.redirect_chain[-1][0] == CHANGELIST
    assert "«بارش برف در همدان» برای بررسی فرستاده شد." in response.text
    assert events() == [("submitted", reporter)]
    assert revisions_of(article) == [1]


def test_reporter_sends_their_draft_with_what_they_typed(client, reporter, section):
    draft = make_article(author=reporter, section=section, status=Article.Status.DRAFT)
    client.force_login(reporter)
    assert moves_offered(client, change_url(draft)) == ["submit"]
    assert post_change(client, draft, title="تیتر نهایی", move="submit").status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.title) == (Article.Status.REVIEW, "تیتر نهایی")
    assert revisions_of(draft) == [2, 1]  # the edit and the move are one save
    assert moves_offered(client, change_url(draft)) == []  # now it is the editors'


def test_a_reporter_pressing_a_forged_publish_button_is_refused_with_the_text_kept(
    client, reporter, section
):
    draft = make_article(author=reporter, section=section, status=Article.Status.DRAFT)
    client.force_login(reporter)
    page = post_change(client, draft, title="تیتر تازه من", move="publish")
    assert page.status_code == 200
    assert "کار دبیران است" in page.text
    assert 'value="تیتر تازه من"' in page.text
    draft.refresh_from_db()
    assert (draft.status, draft.title) != (Article.Status.PUBLISHED, "تیتر تازه من")
    assert events() == []


@pytest.mark.parametrize(
    "state, offered",
    [
        ("draft", ["publish", "schedule"]),
        ("review", ["publish", "schedule", "return"]),
        ("published", ["unpublish"]),
        ("scheduled", ["publish", "schedule", "unpublish"]),
        ("unpublished", ["publish", "schedule", "return"]),
    ],
)
def test_editors_are_offered_the_moves_of_each_state(client, editor, section, state, offered):
    fields = {"status": state}
    if state == "scheduled":
        fields = {"status": "published", "published_at": timezone.now() + datetime.timedelta(1)}
    article = make_article(section=section, **fields)
    client.force_login(editor)
    assert moves_offered(client, change_url(article)) == offered


def test_enter_in_a_field_saves_and_never_publishes(client, editor, section):
    """A form submitted by Enter presses its first button: «ذخیره»."""
    article = make_article(section=section, status=Article.Status.REVIEW)
    client.force_login(editor)
    page = client.get(change_url(article)).text
    buttons = re.findall(r'<(?:input|button) type="submit"[^>]*name="(\w+)"', page)
    assert buttons[0] == "_save" and "move" in buttons


def test_editor_publishes_a_reviewed_article_with_its_last_edit(client, editor, section):
    pending = make_article(section=section, status=Article.Status.REVIEW)
    client.force_login(editor)
    response = post_change(client, pending, title="تیتر دبیر", move="publish")
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.is_visible() and pending.title == "تیتر دبیر"
    assert events() == [("published", editor)]
    assert revisions_of(pending) == [2, 1]


def test_editor_schedules_with_the_button(client, editor, section):
    pending = make_article(section=section, status=Article.Status.REVIEW)
    later = timezone.now() + datetime.timedelta(days=2)
    client.force_login(editor)
    response = post_change(
        client, pending, status="review", move="schedule", **publish_time_fields(later)
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.is_scheduled
    assert pending.published_at.replace(microsecond=0) == later.replace(microsecond=0)
    assert events() == [("scheduled", editor)]
    message = client.get(CHANGELIST).text
    assert "زمان‌بندی شد" in message and "۱۴۰۵" in message


@pytest.mark.parametrize("when", [None, datetime.timedelta(hours=-1)])
def test_scheduling_needs_a_time_ahead(client, editor, section, when):
    pending = make_article(section=section, status=Article.Status.REVIEW, title="تیتر پیشین")
    time = publish_time_fields(timezone.now() + when) if when else {}
    client.force_login(editor)
    page = post_change(client, pending, title="تیتر تازه", move="schedule", **time)
    assert page.status_code == 200
    assert "برای زمان‌بندی، «زمان انتشار» را زمانی در آینده بنویسید." in page.text
    assert 'value="تیتر تازه"' in page.text
    pending.refresh_from_db()
    assert (pending.status, pending.title) == (Article.Status.REVIEW, "تیتر پیشین")


def test_editor_takes_an_article_off_the_site_and_returns_it_to_its_writer(
    client, editor, reporter, section
):
    live = make_article(author=reporter, section=section)
    client.force_login(editor)
    assert post_change(client, live, status="published", move="unpublish").status_code == 302
    live.refresh_from_db()
    assert live.status == Article.Status.UNPUBLISHED
    assert post_change(client, live, status="unpublished", move="return").status_code == 302
    live.refresh_from_db()
    assert live.status == Article.Status.DRAFT and live.can_edit(reporter)
    assert events() == [("unpublished", editor), ("returned", editor)]


@pytest.mark.parametrize("move", ["launch", "submit"])
def test_a_move_that_does_not_fit_is_refused_in_persian(client, editor, section, move):
    live = make_article(section=section)
    client.force_login(editor)
    page = post_change(client, live, status="published", move=move)
    assert page.status_code == 200
    assert ("این دکمه شناخته نیست." if move == "launch" else "فقط پیش‌نویس") in page.text
    live.refresh_from_db()
    assert live.status == Article.Status.PUBLISHED and events() == []


def test_the_form_shows_the_news_code_and_the_short_link(client, editor, section):
    article = make_article(section=section, code=12345)
    client.force_login(editor)
    page = client.get(change_url(article)).text
    assert "کدخبر: <strong>۱۲۳۴۵</strong>" in page
    assert 'href="http://testserver/n/12345"' in page


def test_the_change_form_costs_a_bounded_number_of_queries(
    client, editor, section, django_assert_max_num_queries
):
    article = make_article(section=section, tags=[make_tag() for _ in range(20)])
    client.force_login(editor)
    client.get(change_url(article))
    with django_assert_max_num_queries(14):
        assert client.get(change_url(article)).status_code == 200


# The edit form: tags typed by name, the lead image as a picture, «حذف» kept apart


def test_tags_are_typed_by_name_and_new_ones_are_made(client, editor, section):
    book = make_tag(name="کتاب")
    client.force_login(editor)
    typed = "كتاب، نمایشگاه  بین‌المللی ,کتاب،، "  # an Arabic kaf, double spaces, repeats
    assert client.post(ADD, form_data(section, tag_names=typed)).status_code == 302
    article = Article.objects.get()
    assert [t.name for t in article.tags.order_by("pk")] == ["کتاب", "نمایشگاه بین‌المللی"]
    assert article.tags.get(name="کتاب") == book
    page = client.get(change_url(article)).text
    assert 'value="کتاب، نمایشگاه بین‌المللی"' in page
    assert [len(r.tags.all()) for r in article.history.all()] == [2]  # one revision, its tags


def test_a_name_that_makes_an_existing_slug_is_that_tag(client, editor, section):
    electric = make_tag(name="خودرو برقی")
    client.force_login(editor)
    client.post(ADD, form_data(section, tag_names="خودرو-برقی"))
    assert list(Article.objects.get().tags.all()) == [electric]


def test_reporters_may_make_tags_too(client, reporter, section):
    client.force_login(reporter)
    client.post(ADD, form_data(section, tag_names="برف"))
    assert [t.name for t in Article.objects.get().tags.all()] == ["برف"]


def test_who_may_not_make_tags_is_told_with_the_text_kept(client, section):
    from django.contrib.auth.models import Permission

    writer = make_user()
    writer.is_staff = True
    writer.save()
    writer.user_permissions.set(
        Permission.objects.filter(
            codename__in=["add_article", "change_article", "view_article", "view_tag"]
        )
    )
    make_tag(name="برف")
    client.force_login(writer)
    page = client.post(ADD, form_data(section, title="تیتر نوشته‌شده", tag_names="برف، بوران"))
    assert page.status_code == 200
    assert "ساختن برچسب تازه («بوران») از شما برنمی‌آید" in page.text
    assert 'value="تیتر نوشته‌شده"' in page.text
    assert not Article.objects.exists()


def test_a_tag_too_long_is_refused_in_persian(client, editor, section):
    client.force_login(editor)
    page = client.post(ADD, form_data(section, tag_names="ب" * 61))
    assert page.status_code == 200
    assert "هر برچسب حداکثر ۶۰ نویسه" in page.text


def test_the_lead_image_is_picked_from_the_library_and_the_older_fields_are_gone(
    client, editor, section
):
    article = make_article(section=section, lead_image=make_image(alt="ورزشگاه آزادی"))
    client.force_login(editor)
    page = client.get(change_url(article)).text
    assert '<label for="id_lead_image">تصویر اصلی:</label>' in page
    assert "ورزشگاه آزادی" in page
    assert 'name="image"' not in page and 'name="image_alt"' not in page


def test_delete_is_apart_from_the_save_buttons(client, editor, section):
    article = make_article(section=section)
    client.force_login(editor)
    page = client.get(change_url(article)).text
    row = re.search(r'<div class="submit-row">.*?</div>', page, re.S).group()
    assert "deletelink" not in row
    assert re.search(
        r'</div>\s*<p class="article-delete"><a role="button" href="[^"]+/delete/"', page
    )


def test_the_tag_box_is_offered_existing_names_as_one_types(
    client, reporter, django_assert_max_num_queries
):
    for name in ["کتاب", "کتابخانه", "کودک", "نمایشگاه کتاب"] + [f"کتاب {i}" for i in range(20)]:
        make_tag(name=name)
    url = reverse("admin:articles_article_tags")
    client.force_login(reporter)
    with django_assert_max_num_queries(5):
        names = client.get(url, {"q": "كتاب"}).json()["names"]  # an Arabic kaf
    assert names[:2] == ["کتاب", "کتاب 0"] and len(names) == 10
    assert "نمایشگاه کتاب" not in names and "کودک" not in names
    assert client.get(url, {"q": " "}).json() == {"names": []}


@pytest.mark.parametrize("role", ["Moderators", "Analysts"])
def test_tag_names_are_not_for_roles_without_articles(client, role):
    client.force_login(make_user(role))
    assert client.get(reverse("admin:articles_article_tags"), {"q": "ک"}).status_code == 403


def test_a_reporter_forging_the_schedule_button_is_told_it_is_not_theirs(client, reporter, section):
    draft = make_article(author=reporter, section=section, status=Article.Status.DRAFT)
    client.force_login(reporter)
    page = post_change(client, draft, move="schedule")
    assert page.status_code == 200
    assert "کار دبیران است" in page.text and "زمانی در آینده" not in page.text
