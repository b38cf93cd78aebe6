"""«ارسال به کانال‌ها» in the admin: editors see each delivery's state and retry or cancel it;
reporters, moderators and analysts neither see nor touch them."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, Delivery
from tests.factories import make_article
from tests.outbox.conftest import run_worker

LIST = reverse("admin:articles_delivery_changelist")


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def failed_delivery(article, channel=Delivery.Channel.TELEGRAM) -> Delivery:
    return Delivery.objects.create(
        article=article,
        channel=channel,
        state=Delivery.State.FAILED,
        attempts=8,
        last_error="502: Bad Gateway",
    )


@pytest.mark.django_db
def test_editors_see_each_delivery_in_persian_with_a_bounded_number_of_queries(
    editor, django_assert_max_num_queries
):
    for n in range(6):
        article = make_article(title=f"خبر آزمایشی {n}")
        failed_delivery(article)
        Delivery.objects.create(article=article, channel=Delivery.Channel.BALE)
    client = as_user(editor)
    client.get(LIST)  # the session and the permissions, read once
    with django_assert_max_num_queries(7):  # 6 on SQLite; PostgreSQL's estimated count
        response = client.get(LIST)
    page = response.content.decode()
    assert response.status_code == 200
    for words in ("ناموفق", "در صف", "تلگرام", "بله", "502: Bad Gateway", "خبر آزمایشی ۵"):
        assert words in page or words.replace("۵", "5") in page
    assert "۸" in page  # the tries, in Persian digits
    assert "فرستادن دوباره" in page and "لغو ارسال" in page


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["reporter", "moderator", "analyst"])
def test_other_roles_neither_see_nor_retry_deliveries(role, request):
    delivery = failed_delivery(make_article())
    client = as_user(request.getfixturevalue(role))
    assert client.get(LIST).status_code == 403
    response = client.post(LIST, {"action": "retry", "_selected_action": [delivery.pk]})
    assert response.status_code == 403
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.FAILED


@pytest.mark.django_db(transaction=True)
def test_an_editor_retries_a_failed_delivery_and_the_worker_sends_it(services, editor):
    article = make_article(status=Article.Status.DRAFT)
    article.publish(by=editor)
    Delivery.objects.filter(channel="telegram").update(
        state=Delivery.State.FAILED, attempts=8, last_error="502: Bad Gateway"
    )
    run_worker()
    assert services.of("telegram") == []
    delivery = Delivery.objects.get(channel="telegram")

    response = as_user(editor).post(
        LIST, {"action": "retry", "_selected_action": [delivery.pk]}, follow=True
    )
    assert "۱ ارسال دوباره در صف گذاشته شد." in response.content.decode()
    run_worker()

    assert len(services.of("telegram")) == 1
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == (Delivery.State.SENT, 1)


@pytest.mark.django_db(transaction=True)
def test_a_sent_delivery_is_never_sent_again_even_when_asked(services, editor):
    make_article(status=Article.Status.DRAFT).publish(by=editor)
    run_worker()
    delivery = Delivery.objects.get(channel="telegram")

    response = as_user(editor).post(
        LIST, {"action": "retry", "_selected_action": [delivery.pk]}, follow=True
    )
    assert "دوباره فرستاده نمی‌شود" in response.content.decode()
    run_worker()
    assert len(services.of("telegram")) == 1


@pytest.mark.django_db(transaction=True)
def test_an_editor_cancels_a_waiting_delivery_and_nothing_is_sent(services, editor):
    article = make_article(status=Article.Status.DRAFT)
    article.publish(by=editor)  # the worker has not come yet
    pks = list(Delivery.objects.values_list("pk", flat=True))

    response = as_user(editor).post(
        LIST, {"action": "cancel", "_selected_action": pks}, follow=True
    )
    assert "۴ ارسال لغو شد." in response.content.decode()
    run_worker()

    assert services.posts == []
    assert set(Delivery.objects.values_list("state", flat=True)) == {Delivery.State.CANCELLED}


@pytest.mark.django_db
def test_the_article_page_says_where_it_went_to_editors_only(editor, reporter):
    article = make_article(author=reporter, status=Article.Status.DRAFT)
    failed_delivery(article)
    change = reverse("admin:articles_article_change", args=[article.pk])

    page = as_user(editor).get(change).content.decode()
    assert "ارسال به کانال‌ها" in page
    assert "تلگرام: ناموفق (502: Bad Gateway)" in page
    assert f"{LIST}?article__exact={article.pk}" in page
    assert "ارسال به کانال‌ها" not in as_user(reporter).get(change).content.decode()


@pytest.mark.django_db
def test_a_hostile_title_and_error_are_shown_as_text(editor):
    article = make_article(title="<script>alert(1)</script>\u202eتیتر")
    delivery = failed_delivery(article)
    Delivery.objects.filter(pk=delivery.pk).update(last_error="400: <b>bad</b>")
    page = as_user(editor).get(LIST).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page and "&lt;b&gt;bad&lt;/b&gt;" in page


@pytest.mark.django_db
def test_an_empty_list_says_no_channel_is_set_up_until_one_is(editor, settings):
    client = as_user(editor)
    page = client.get(LIST).content.decode()
    assert "هیچ کانالی برای ارسال تنظیم نشده است" in page and "TELEGRAM_BOT_TOKEN" in page
    settings.WEBSUB_HUB_URL = "https://hub.example/"
    assert "هیچ کانالی برای ارسال تنظیم نشده است" not in client.get(LIST).content.decode()
