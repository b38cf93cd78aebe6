"""Publishing out, exactly once: a story readers can see is posted once to each channel and
announced once to the hub, by the worker, whatever the editors and the workers do."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Delivery
from articles.outbox import tasks
from tests.factories import article_change_form, make_article, make_image, picture_bytes
from tests.outbox.conftest import run_worker

pytestmark = pytest.mark.django_db(transaction=True)

BOTS = ("telegram", "bale", "eitaa")


def draft(**fields) -> Article:
    return make_article(status=Article.Status.DRAFT, **fields)


def posts_per_service(services) -> dict[str, int]:
    return {name: len(services.of(name)) for name in (*BOTS, "hub")}


ONCE_EACH = {"telegram": 1, "bale": 1, "eitaa": 1, "hub": 1}


def test_publishing_now_posts_once_to_each_channel_and_pings_the_hub(services, editor):
    article = draft(title="سیل در سیستان", lead="آب به روستاهای زهک رسید.")
    article.publish(by=editor)
    run_worker()

    assert posts_per_service(services) == ONCE_EACH
    short_link = f"http://testserver/n/{article.code}"
    for name in BOTS:
        (post,) = services.of(name)
        assert post.method == "sendMessage"  # no picture
        assert post.token == f"{name}-token"
        assert post.field("chat_id") == f"@{name}_newsroom"
        assert post.field("text") == f"سیل در سیستان\n\nآب به روستاهای زهک رسید.\n\n{short_link}"
    (ping,) = services.of("hub")
    assert ping.fields["hub.mode"] == ["publish"]
    assert ping.fields["hub.url"] == [
        "http://testserver/rss/",
        f"http://testserver/rss/{article.section.slug}/",
    ]
    states = set(Delivery.objects.values_list("state", flat=True))
    assert states == {Delivery.State.SENT}


def test_a_story_with_a_lead_picture_goes_as_a_photo_where_the_api_takes_one(services, editor):
    article = draft(kicker="گزارش", lead_image=make_image(picture_bytes((1600, 900))))
    article.publish(by=editor)
    run_worker()

    for name in ("telegram", "bale"):
        (post,) = services.of(name)
        assert post.method == "sendPhoto"
        assert post.field("photo").startswith("http://testserver/")
        assert post.field("caption").startswith(f"گزارش | {article.title}\n\n")
    # eitaayar takes uploaded files, not an address: the text and the link alone.
    assert services.of("eitaa")[0].method == "sendMessage"


def test_a_long_lead_is_cut_to_the_caption_but_the_link_stays(services, editor):
    article = draft(lead="خبر " * 300, lead_image=make_image(picture_bytes((1600, 900))))
    article.publish(by=editor)
    run_worker()

    caption = services.of("telegram")[0].field("caption")
    assert len(caption) <= 1024
    assert caption.endswith(f"…\n\nhttp://testserver/n/{article.code}")


def test_edits_resaves_unpublishing_and_republishing_send_nothing_again(services, editor, client):
    article = draft()
    article.publish(by=editor)
    run_worker()

    article.refresh_from_db()
    article.title = "تیتر تازه"
    article.edit(by=editor)
    article.edit(by=editor)
    article.unpublish(by=editor)
    article.publish(by=editor)
    client.force_login(editor)  # and the admin's bulk action, on a published story
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_now", "_selected_action": [article.pk]},
    )
    tasks.sweep()
    run_worker()

    assert posts_per_service(services) == ONCE_EACH
    assert Delivery.objects.count() == 4


def test_publishing_from_the_change_form_and_the_bulk_action_each_post_once(
    services, editor, client
):
    by_form, by_action = draft(), draft()
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_article_change", args=[by_form.pk]),
        article_change_form(by_form, status=Article.Status.PUBLISHED),
    )
    assert response.status_code == 302
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_now", "_selected_action": [by_action.pk]},
    )
    run_worker()

    for name in BOTS:
        links = sorted(post.field("text").rsplit("\n", 1)[1] for post in services.of(name))
        assert links == sorted(f"http://testserver/n/{a.code}" for a in (by_form, by_action))


def test_drafts_and_stories_in_review_send_nothing(services, editor, reporter):
    article = draft(author=reporter)
    article.edit(by=reporter)
    article.submit_for_review(by=reporter)
    tasks.sweep()
    run_worker()

    assert services.posts == []
    assert not Delivery.objects.exists()


def test_a_scheduled_story_waits_for_its_time_then_the_sweep_sends_it_once(services, editor):
    article = draft()
    due = timezone.now() + datetime.timedelta(hours=1)
    article.schedule(due, by=editor)
    tasks.sweep()
    run_worker()
    assert services.posts == []  # not yet: readers cannot see it

    with time_machine.travel(due + datetime.timedelta(seconds=5), tick=False):
        tasks.sweep()
        run_worker()
        tasks.sweep()
        run_worker()

    assert posts_per_service(services) == ONCE_EACH


def test_a_story_unpublished_before_its_worker_came_is_not_sent(services, editor):
    article = draft()
    with time_machine.travel(timezone.now(), tick=False):
        article.publish(by=editor)
        article.unpublish(by=editor)
        run_worker()

    assert services.posts == []
    assert set(Delivery.objects.values_list("state", flat=True)) == {Delivery.State.CANCELLED}


def test_concurrent_publishes_make_one_delivery_per_channel_and_one_post(
    services, editor, run_together
):
    article = draft()

    def publish():
        Article.objects.get(pk=article.pk).publish(by=editor)

    run_together([publish] * 4)
    assert Delivery.objects.filter(article=article).count() == 4
    # Each publish enqueued the deliveries; the workers race for them (here, four at once).
    pks = list(Delivery.objects.values_list("pk", flat=True))
    run_together([lambda: [tasks.deliver.call(pk) for pk in pks]] * 4)
    run_worker()

    assert posts_per_service(services) == ONCE_EACH


def test_a_worker_that_died_holding_a_delivery_is_relieved_when_its_lease_runs_out(
    services, editor, settings
):
    settings.OUTBOX_CHANNELS = {
        **settings.OUTBOX_CHANNELS,
        "bale": {"token": ""},
        "eitaa": {"token": ""},
    }
    settings.WEBSUB_HUB_URL = ""
    article = draft()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        article.publish(by=editor)
        (delivery,) = Delivery.objects.all()
        # A worker takes it, and dies before it sends.
        assert Delivery.objects.claim(delivery.pk, timezone.now()) == 1
        run_worker()  # the task enqueued on commit finds it held
        tasks.sweep()  # the lease has not run out: nothing to rescue
        run_worker()
    assert services.posts == []

    later = start + datetime.timedelta(seconds=settings.OUTBOX_LEASE_SECONDS + 1)
    with time_machine.travel(later, tick=False):
        assert tasks.sweep() == 1
        run_worker()
        tasks.sweep()
        run_worker()

    assert len(services.of("telegram")) == 1
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == (Delivery.State.SENT, 2)


def test_a_429_is_waited_out_for_as_long_as_the_service_asks(services, editor):
    services.answer_next(
        "telegram",
        429,
        {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 40",
            "parameters": {"retry_after": 40},
        },
    )
    article = draft()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        article.publish(by=editor)
        run_worker()
    delivery = Delivery.objects.get(channel="telegram")
    assert delivery.state == Delivery.State.PENDING
    assert delivery.next_try_at == start + datetime.timedelta(seconds=40)
    assert "429" in delivery.last_error

    with time_machine.travel(start + datetime.timedelta(seconds=39), tick=False):
        tasks.sweep()
        run_worker()
    assert len(services.of("telegram")) == 1  # not before its time

    with time_machine.travel(start + datetime.timedelta(seconds=41), tick=False):
        run_worker()  # the retry's own task, enqueued to run after the wait
    assert len(services.of("telegram")) == 2
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.SENT


def test_server_errors_back_off_and_end_as_failed(services, editor, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    settings.OUTBOX_BACKOFF_SECONDS = 10
    for _ in range(3):
        services.answer_next("bale", 502, {"ok": False, "description": "Bad Gateway"})
    article = draft()
    start = timezone.now()
    waits = []
    with time_machine.travel(start, tick=False) as clock:
        article.publish(by=editor)
        run_worker()
        for _ in range(2):
            delivery = Delivery.objects.get(channel="bale")
            waits.append((delivery.next_try_at - timezone.now()).total_seconds())
            clock.move_to(delivery.next_try_at)
            run_worker()

    assert waits == [10, 20]  # doubling
    delivery = Delivery.objects.get(channel="bale")
    assert (delivery.state, delivery.attempts) == (Delivery.State.FAILED, 3)
    assert "Bad Gateway" in delivery.last_error
    assert len(services.of("bale")) == 3
    assert len(services.of("telegram")) == 1  # the other channels went their own way


def test_a_refused_post_fails_at_once_with_the_services_words(services, editor):
    services.answer_next("eitaa", 400, {"ok": False, "description": "Bad Request: chat not found"})
    draft().publish(by=editor)
    run_worker()

    delivery = Delivery.objects.get(channel="eitaa")
    assert delivery.state == Delivery.State.FAILED
    assert delivery.last_error == "400: Bad Request: chat not found"


def test_a_channel_without_a_token_is_off(services, editor, settings):
    settings.OUTBOX_CHANNELS = {**settings.OUTBOX_CHANNELS, "eitaa": {"token": "", "chat_id": ""}}
    draft().publish(by=editor)
    run_worker()

    assert set(Delivery.objects.values_list("channel", flat=True)) == {
        "telegram",
        "bale",
        "websub",
    }
    assert services.of("eitaa") == []


def test_the_feeds_name_their_hub_when_there_is_one(client, settings):
    settings.WEBSUB_HUB_URL = ""
    assert 'rel="hub"' not in client.get("/rss/").content.decode()
    settings.WEBSUB_HUB_URL = "https://hub.example/"
    feed = client.get("/rss/").content.decode()
    assert '<atom:link href="https://hub.example/" rel="hub"' in feed


def test_with_no_channel_set_publishing_records_nothing(editor, settings):
    draft().publish(by=editor)
    assert not Delivery.objects.exists()


def test_a_picture_the_service_cannot_fetch_leaves_the_story_as_text_once(services, editor):
    services.answer_next(
        "telegram", 400, {"ok": False, "description": "Bad Request: wrong file identifier"}
    )
    article = draft(lead_image=make_image(picture_bytes((1600, 900))))
    article.publish(by=editor)
    run_worker()

    assert [post.method for post in services.of("telegram")] == ["sendPhoto", "sendMessage"]
    assert services.of("telegram")[1].field("text").endswith(f"/n/{article.code}")
    assert Delivery.objects.get(channel="telegram").state == Delivery.State.SENT
