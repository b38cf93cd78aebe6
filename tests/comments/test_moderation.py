"""The moderation desk, role by role."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from comments.models import BannedWord, Comment, CommentReport, ModerationEvent
from tests.factories import make_article, make_comment, make_section, make_user

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:comments_comment_changelist")
HISTORY = reverse("admin:comments_moderationevent_changelist")


def logged_in(role) -> Client:
    client = Client()
    client.force_login(make_user(role))
    return client


@pytest.mark.parametrize("action", ["approve", "reject", "mark_spam"])
def test_bulk_decisions(article, action):
    comments = [make_comment(article, status=Comment.Status.PENDING) for _ in range(3)]
    logged_in("Moderators").post(
        QUEUE, {"action": action, "_selected_action": [c.pk for c in comments[:2]]}
    )
    expected = {"approve": "approved", "reject": "rejected", "mark_spam": "spam"}[action]
    assert [Comment.objects.get(pk=c.pk).status for c in comments] == [
        expected,
        expected,
        "pending",
    ]


def test_queue_shows_the_article_title_and_filters_by_status_section_and_date(article):
    other_section = make_section(slug="other")
    waiting = make_comment(article, status=Comment.Status.PENDING, text="در صف")
    make_comment(
        make_article(section=other_section), status=Comment.Status.PENDING, text="جای دیگر"
    )
    make_comment(article, text="منتشرشده")
    old = make_comment(article, status=Comment.Status.PENDING, text="قدیمی")
    Comment.objects.filter(pk=old.pk).update(
        created_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    )
    moderator = logged_in("Moderators")
    page = moderator.get(
        QUEUE,
        {
            "status__exact": "pending",
            "article__section__id__exact": article.section_id,
            "created_at__jfrom": "1405/01/01",
        },
    )
    assert list(page.context["cl"].result_list) == [waiting]
    assert article.title[:30] in page.text


def test_queue_search_and_article_filter(article):
    make_comment(article, text="درباره يونسكو")  # Arabic yeh and kaf, stored Persian
    other = make_article()
    make_comment(other, text="یونسکو در خبر دیگر")
    moderator = logged_in("Moderators")
    found = moderator.get(QUEUE, {"q": "يونسكو", "article__id__exact": article.pk})
    assert [c.text for c in found.context["cl"].result_list] == ["درباره یونسکو"]


def test_admin_index_shows_how_many_wait(article):
    for _ in range(3):
        make_comment(article, status=Comment.Status.PENDING)
    page = logged_in("Moderators").get(reverse("admin:index")).text
    assert "<strong>۳ نظر</strong> در انتظار بررسی است." in page
    assert "در انتظار بررسی" not in logged_in("Reporters").get(reverse("admin:index")).text


def test_moderator_replies_as_staff_from_the_admin(article):
    question = make_comment(article, status=Comment.Status.PENDING, text="چرا؟")
    moderator = logged_in("Moderators")
    response = moderator.post(
        reverse("admin:comments_comment_reply", args=[question.pk]), {"text": "چون..."}
    )
    assert response.status_code == 302
    reply = Comment.objects.get(text="چون...")
    assert reply.is_staff_reply and reply.status == Comment.Status.APPROVED
    question.refresh_from_db()
    assert question.status == Comment.Status.APPROVED


def test_empty_staff_reply_is_refused_in_persian(article):
    question = make_comment(article)
    page = logged_in("Moderators").post(
        reverse("admin:comments_comment_reply", args=[question.pk]), {"text": "  "}
    )
    assert page.status_code == 200
    assert "متن پاسخ خالی است." in page.text
    assert Comment.objects.count() == 1


def test_banned_words_are_kept_in_the_admin():
    moderator = logged_in("Moderators")
    response = moderator.post(
        reverse("admin:comments_bannedword_add"), {"word": "قمار", "action": "spam"}
    )
    assert response.status_code == 302
    assert BannedWord.objects.get().word == "قمار"


@pytest.mark.parametrize("role", ["Moderators", "Editors", "superuser"])
def test_the_desk_is_open_to_moderators_and_editors(article, role):
    comment = make_comment(article)
    client = logged_in(role)
    assert client.get(QUEUE).status_code == 200
    assert (
        client.get(reverse("admin:comments_comment_change", args=[comment.pk])).status_code == 200
    )
    assert client.get(reverse("admin:comments_comment_reply", args=[comment.pk])).status_code == 200
    assert client.get(reverse("admin:comments_bannedword_changelist")).status_code == 200


@pytest.mark.parametrize("role", ["Reporters", "Analysts"])
def test_reporters_and_analysts_have_no_rights_on_comments(article, role):
    comment = make_comment(article, status=Comment.Status.PENDING)
    client = logged_in(role)
    assert client.get(QUEUE).status_code == 403
    assert client.get(reverse("admin:comments_comment_reply", args=[comment.pk])).status_code == 403
    client.post(reverse("admin:comments_comment_reply", args=[comment.pk]), {"text": "x"})
    client.post(QUEUE, {"action": "approve", "_selected_action": [comment.pk]})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert Comment.objects.count() == 1


def test_moderators_have_no_rights_on_articles(article):
    moderator = logged_in("Moderators")
    assert moderator.get(reverse("admin:articles_article_changelist")).status_code == 403
    assert (
        moderator.get(reverse("admin:articles_article_change", args=[article.pk])).status_code
        == 403
    )


def test_readers_cannot_reach_the_desk(client, article):
    assert client.get(QUEUE).status_code == 302


# «سابقه نظارت»: who did what to which comment, and when.


def history() -> list[tuple[str, object, int]]:
    return [(e.action, e.actor, e.comment_id) for e in ModerationEvent.objects.order_by("pk")]


@pytest.mark.parametrize(
    "action, recorded", [("approve", "approved"), ("reject", "rejected"), ("mark_spam", "spam")]
)
def test_each_decision_is_recorded_with_who_and_which_comment(
    client, article, moderator, action, recorded
):
    chosen = [make_comment(article, status=Comment.Status.PENDING) for _ in range(2)]
    client.force_login(moderator)
    client.post(QUEUE, {"action": action, "_selected_action": [c.pk for c in chosen]})
    assert sorted(history(), key=lambda row: row[2]) == [
        (recorded, moderator, c.pk) for c in chosen
    ]
    event = ModerationEvent.objects.get(comment_id=chosen[0].pk)
    assert (event.article, event.comment_name, event.excerpt) == (
        article,
        chosen[0].name,
        chosen[0].text,
    )


def test_a_decision_that_changes_nothing_is_counted_but_not_recorded(article, moderator):
    waiting = make_comment(article, status=Comment.Status.PENDING)
    shown = make_comment(article)
    count = Comment.objects.filter(pk__in=[waiting.pk, shown.pk]).set_status(
        Comment.Status.APPROVED, by=moderator
    )
    assert count == 2
    assert history() == [("approved", moderator, waiting.pk)]


def test_a_status_chosen_on_the_comments_page_is_recorded(client, article, editor):
    comment = make_comment(article)
    client.force_login(editor)
    response = client.post(
        reverse("admin:comments_comment_change", args=[comment.pk]), {"status": "rejected"}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED
    assert history() == [("rejected", editor, comment.pk)]


def test_a_deleted_comment_leaves_its_record(client, article, moderator):
    comment = make_comment(article, name="مریم", text="متنی که حذف می‌شود")
    client.force_login(moderator)
    client.post(reverse("admin:comments_comment_delete", args=[comment.pk]), {"post": "yes"})
    assert not Comment.objects.filter(pk=comment.pk).exists()
    event = ModerationEvent.objects.get()
    assert (event.action, event.actor, event.comment_id) == ("deleted", moderator, comment.pk)
    assert (event.comment_name, event.excerpt, event.article) == (
        "مریم",
        "متنی که حذف می‌شود",
        article,
    )


def test_bulk_delete_records_each_comment_and_the_replies_that_go_with_it(
    client, article, moderator
):
    question = make_comment(article)
    reply = make_comment(article, parent=question)
    spam = make_comment(article, status=Comment.Status.SPAM)
    kept = make_comment(article)
    client.force_login(moderator)
    client.post(
        QUEUE,
        {"action": "delete_selected", "_selected_action": [question.pk, spam.pk], "post": "yes"},
    )
    assert list(Comment.objects.all()) == [kept]
    assert sorted(history(), key=lambda row: row[2]) == [
        ("deleted", moderator, c.pk) for c in (question, reply, spam)
    ]


def test_a_staff_reply_is_recorded_and_so_is_the_approval_it_brings(client, article, moderator):
    question = make_comment(article, status=Comment.Status.PENDING, text="چرا؟")
    client.force_login(moderator)
    client.post(reverse("admin:comments_comment_reply", args=[question.pk]), {"text": "چون..."})
    assert history() == [("replied", moderator, question.pk), ("approved", moderator, question.pk)]


def test_the_history_names_people_in_persian_with_jalali_times(client, article, moderator):
    comment = make_comment(article, status=Comment.Status.PENDING, text="نظری برای بررسی")
    moderator.first_name, moderator.last_name = "زهرا", "ناظر"
    moderator.save()
    Comment.objects.filter(pk=comment.pk).set_status(Comment.Status.SPAM, by=moderator)
    ModerationEvent.objects.update(at=datetime.datetime(2026, 11, 24, 19, 14, tzinfo=datetime.UTC))
    client.force_login(moderator)
    page = client.get(HISTORY).text
    assert "سابقه نظارت" in page
    for text in ("زهرا ناظر", "هرزنامه شمرد", "نظری برای بررسی", "سه‌شنبه ۳ آذر ۱۴۰۵ - ۲۲:۴۴"):
        assert text in page, text


def test_the_history_filters_by_action_and_actor(client, article, moderator, editor):
    first, second, third = (make_comment(article, status=Comment.Status.PENDING) for _ in "123")
    Comment.objects.filter(pk=first.pk).set_status(Comment.Status.APPROVED, by=moderator)
    Comment.objects.filter(pk=second.pk).set_status(Comment.Status.REJECTED, by=moderator)
    Comment.objects.filter(pk=third.pk).set_status(Comment.Status.APPROVED, by=editor)
    client.force_login(editor)
    page = client.get(HISTORY, {"action__exact": "approved", "actor__id__exact": moderator.pk})
    assert [e.comment_id for e in page.context["cl"].result_list] == [first.pk]


def test_the_history_is_read_only_even_for_the_superuser(client, article):
    comment = make_comment(article)
    Comment.objects.filter(pk=comment.pk).moderate_delete(by=None)
    event = ModerationEvent.objects.get()
    client.force_login(make_user("superuser"))
    change = reverse("admin:comments_moderationevent_change", args=[event.pk])
    assert client.get(change).status_code == 200
    client.post(change, {"action": "approved", "excerpt": "دستکاری"})
    client.post(reverse("admin:comments_moderationevent_delete", args=[event.pk]), {"post": "yes"})
    event.refresh_from_db()
    assert (event.action, event.excerpt) == ("deleted", comment.text)


def test_the_comments_page_shows_its_history(client, article, moderator):
    comment = make_comment(article, status=Comment.Status.PENDING)
    Comment.objects.filter(pk=comment.pk).set_status(Comment.Status.APPROVED, by=moderator)
    client.force_login(moderator)
    page = client.get(reverse("admin:comments_comment_change", args=[comment.pk])).text
    assert "تأیید کرد" in page and moderator.get_full_name() in page


@pytest.mark.parametrize("role", ["Reporters", "Analysts"])
def test_the_history_is_not_for_reporters_or_analysts(client, role):
    client.force_login(make_user(role))
    assert client.get(HISTORY).status_code == 403


def test_the_admin_index_shows_recent_moderation_to_the_desk_only(client, article, moderator):
    comment = make_comment(article, status=Comment.Status.PENDING, name="مریم", text="نظر تازه")
    Comment.objects.filter(pk=comment.pk).set_status(Comment.Status.REJECTED, by=moderator)
    for role in ("Moderators", "Editors"):
        page = logged_in(role).get(reverse("admin:index")).text
        assert "کارهای اخیر نظارت" in page
        assert f"{moderator.get_full_name()} نظر «نظر تازه» از مریم را رد کرد" in page
    assert "کارهای اخیر نظارت" not in logged_in("Reporters").get(reverse("admin:index")).text


# The queue's rows: «تأیید» and «رد» on each, what a reply answers, back where one came from.


def decide_url(comment, query: str = "") -> str:
    url = reverse("admin:comments_comment_decide", args=[comment.pk])
    return f"{url}?{query}" if query else url


def test_each_row_of_the_queue_has_approve_and_reject_buttons_that_keep_its_filters(
    client, article, moderator
):
    waiting = make_comment(article, status=Comment.Status.PENDING, text="نظر در صف")
    client.force_login(moderator)
    page = client.get(QUEUE, {"status__exact": "pending", "q": "صف"}).text
    filters = "_changelist_filters=status__exact%3Dpending%26q%3D%25D8%25B5%25D9%2581"
    action = f'formaction="{decide_url(waiting, filters).replace("&", "&amp;")}"'
    assert page.count(action) == 2  # «تأیید» and «رد», inside the queue's form and its token
    assert 'name="decision" value="approved">تأیید</button>' in page
    assert 'name="decision" value="rejected">رد</button>' in page


def test_approving_from_the_row_records_it_and_returns_to_the_filtered_queue(
    client, article, moderator
):
    waiting = make_comment(article, status=Comment.Status.PENDING, text="نظری برای تأیید")
    client.force_login(moderator)
    response = client.post(
        decide_url(waiting, "_changelist_filters=status__exact%3Dpending"),
        {"decision": "approved"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{QUEUE}?status__exact=pending"
    waiting.refresh_from_db()
    assert waiting.status == Comment.Status.APPROVED
    assert history() == [("approved", moderator, waiting.pk)]
    page = client.get(response["Location"]).text
    assert "نظر «نظری برای تأیید» از " in page and "منتشر شد." in page


def test_rejecting_from_the_row_answers_the_pages_script_in_json(client, article, editor):
    waiting = make_comment(article, status=Comment.Status.PENDING)
    client.force_login(editor)
    response = client.post(
        decide_url(waiting), {"decision": "rejected"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == "rejected"
    assert response.json()["status_display"] == "ردشده"
    assert response.json()["message"].endswith("رد شد.")
    assert history() == [("rejected", editor, waiting.pk)]


def test_a_row_decision_needs_the_csrf_token(article, moderator):
    waiting = make_comment(article, status=Comment.Status.PENDING)
    client = Client(enforce_csrf_checks=True)
    client.force_login(moderator)
    assert client.post(decide_url(waiting), {"decision": "approved"}).status_code == 403
    waiting.refresh_from_db()
    assert waiting.status == Comment.Status.PENDING


def test_a_row_decision_is_a_post_with_a_known_decision(client, article, moderator):
    waiting = make_comment(article, status=Comment.Status.PENDING)
    client.force_login(moderator)
    assert client.get(decide_url(waiting), {"decision": "approved"}).status_code == 405
    refused = client.post(decide_url(waiting), {"decision": "spam!"})
    assert refused.status_code == 400
    assert "تصمیم باید «تأیید» یا «رد» باشد." in refused.text
    as_json = client.post(decide_url(waiting), {}, HTTP_ACCEPT="application/json")
    assert as_json.status_code == 400 and "تصمیم باید" in as_json.json()["error"]
    assert client.post(reverse("admin:comments_comment_decide", args=[99999])).status_code == 404
    waiting.refresh_from_db()
    assert waiting.status == Comment.Status.PENDING and history() == []


@pytest.mark.parametrize("role", ["Reporters", "Analysts"])
def test_row_decisions_are_refused_to_reporters_and_analysts(client, article, role):
    waiting = make_comment(article, status=Comment.Status.PENDING)
    client.force_login(make_user(role))
    assert client.post(decide_url(waiting), {"decision": "approved"}).status_code == 403
    waiting.refresh_from_db()
    assert waiting.status == Comment.Status.PENDING


def test_readers_cannot_decide(client, article):
    waiting = make_comment(article, status=Comment.Status.PENDING)
    assert client.post(decide_url(waiting), {"decision": "approved"}).status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Comment.Status.PENDING


def test_a_reply_in_the_queue_shows_the_comment_it_answers(client, article, moderator):
    question = make_comment(article, name="مریم", text="آیا شهرهای کوچک هم هستند؟")
    make_comment(article, parent=question, status=Comment.Status.PENDING, text="به نظرم نه.")
    client.force_login(moderator)
    page = client.get(QUEUE, {"status__exact": "pending"}).text
    parent_url = reverse("admin:comments_comment_change", args=[question.pk])
    assert f'در پاسخ به <a href="{parent_url}">مریم</a>: «آیا شهرهای کوچک هم هستند؟»' in page
    cell = page[page.index('<td class="field-comment">') :]
    assert cell.index("آیا شهرهای کوچک") < cell.index("به نظرم نه.")


def test_the_comments_page_shows_what_it_answers_and_the_replies_under_it(
    client, article, moderator
):
    question = make_comment(article, name="مریم", text="پرسش خواننده")
    answer = question.reply_as_staff("پاسخ دبیر", by=moderator)
    client.force_login(moderator)
    question_page = client.get(reverse("admin:comments_comment_change", args=[question.pk])).text
    assert "پاسخ‌ها" in question_page and "پاسخ دبیر" in question_page
    answer_page = client.get(reverse("admin:comments_comment_change", args=[answer.pk])).text
    assert "در پاسخ به" in answer_page and "پرسش خواننده" in answer_page


def test_after_a_staff_reply_the_moderator_is_back_in_the_queue_they_came_from(
    client, article, moderator
):
    question = make_comment(article, status=Comment.Status.PENDING, text="چرا؟")
    client.force_login(moderator)
    queue = client.get(QUEUE, {"status__exact": "pending"}).text
    reply_url = (
        reverse("admin:comments_comment_reply", args=[question.pk])
        + "?_changelist_filters=status__exact%3Dpending"
    )
    assert f'href="{reply_url}"' in queue
    form = client.get(reply_url).text
    assert f'href="{QUEUE}?status__exact=pending"' in form  # «انصراف» and the breadcrumbs
    response = client.post(reply_url, {"text": "چون..."})
    assert response.status_code == 302
    assert response["Location"] == f"{QUEUE}?status__exact=pending"
    assert "پاسخ تحریریه به «چرا؟»" in client.get(response["Location"]).text


def test_the_comments_page_offers_a_staff_reply_that_keeps_the_queues_filters(
    client, article, moderator
):
    comment = make_comment(article)
    client.force_login(moderator)
    change = reverse("admin:comments_comment_change", args=[comment.pk])
    page = client.get(change, {"_changelist_filters": "status__exact=approved"}).text
    reply = reverse("admin:comments_comment_reply", args=[comment.pk])
    assert f'href="{reply}?_changelist_filters=status__exact%3Dapproved"' in page


def test_the_queue_costs_the_same_however_many_replies_it_shows(
    client, article, moderator, django_assert_max_num_queries
):
    client.force_login(moderator)
    client.get(QUEUE)
    for _ in range(20):
        question = make_comment(article)
        make_comment(article, parent=question, status=Comment.Status.PENDING)
    with django_assert_max_num_queries(12):
        assert client.get(QUEUE).status_code == 200


def test_the_queue_narrows_to_one_article_from_a_row_without_listing_every_article(
    client, moderator
):
    articles = [make_article(title=f"خبر پرنظر {i}") for i in range(30)]
    for article in articles:
        make_comment(article, status=Comment.Status.PENDING)
    client.force_login(moderator)
    page = client.get(QUEUE, {"status__exact": "pending"}).text
    assert 'data-filter-title="خبر"' not in page  # no list of every commented article
    row_link = f'href="?status__exact=pending&amp;article__id__exact={articles[3].pk}"'
    assert row_link in page
    narrowed = client.get(QUEUE, {"status__exact": "pending", "article__id__exact": articles[3].pk})
    assert [c.article_id for c in narrowed.context["cl"].result_list] == [articles[3].pk]
    assert 'data-filter-title="خبر"' in narrowed.text and "خبر پرنظر 3" in narrowed.text
    assert client.get(QUEUE, {"article__id__exact": "x"}).status_code == 200


# «پاسخ تحریریه» on the reader's page: the newsroom's voice, not something to report.


def test_a_staff_reply_has_no_report_button_and_a_report_on_it_is_refused(
    client, article, moderator
):
    question = make_comment(article, text="پرسش خواننده")
    answer = question.reply_as_staff("پاسخ دبیر", by=moderator)
    page = client.get(article.get_absolute_url()).text
    own = page[page.index(f'id="comment-{answer.pk}"') :]
    own = own[: own.index("</article>")]
    assert "گزارش تخلف" not in own and "comment--staff" in page
    readers = page[page.index(f'id="comment-{question.pk}"') :]
    assert "گزارش تخلف" in readers[: readers.index("</article>")]
    refused = client.post(f"/comments/report/{answer.pk}/")
    assert refused.status_code == 400
    assert "پاسخ تحریریه را نمی‌توان گزارش کرد" in refused.text
    as_json = client.post(f"/comments/report/{answer.pk}/", HTTP_ACCEPT="application/json")
    assert as_json.status_code == 400
    assert not CommentReport.objects.exists()
