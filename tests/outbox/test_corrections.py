"""A correction or an update goes to the channels only when an editor asks, once per note."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, ArticleNote, Delivery
from tests.factories import make_article
from tests.outbox.conftest import run_worker

pytestmark = pytest.mark.django_db(transaction=True)

CHANGELIST = reverse("admin:articles_article_changelist")


def ask_to_send(user, *articles):
    client = Client()
    client.force_login(user)
    return client.post(
        CHANGELIST,
        {"action": "send_latest_note", "_selected_action": [a.pk for a in articles]},
        follow=True,
    )


@pytest.fixture
def published(services, editor) -> Article:
    article = make_article(status=Article.Status.DRAFT, title="بارش برف در اردبیل")
    article.publish(by=editor)
    run_worker()
    services.posts.clear()
    return article


def test_a_note_is_not_posted_by_itself(published, services, editor):
    published.add_note(ArticleNote.Kind.CORRECTION, "ارتفاع برف ۲۰ سانتی‌متر بود.", by=editor)
    run_worker()
    assert services.posts == []


def test_an_editor_sends_the_latest_correction_once_to_each_channel(published, services, editor):
    published.add_note(ArticleNote.Kind.UPDATE, "جاده‌ها باز شد.", by=editor)
    published.add_note(ArticleNote.Kind.CORRECTION, "ارتفاع برف ۲۰ سانتی‌متر بود.", by=editor)

    page = ask_to_send(editor, published).content.decode()
    assert "۱ اصلاحیه یا به‌روزرسانی در صف کانال‌ها گذاشته شد." in page
    run_worker()
    ask_to_send(editor, published)  # asked twice: sent once
    run_worker()

    link = f"http://testserver/n/{published.code}"
    for name in ("telegram", "bale", "eitaa"):
        (post,) = services.of(name)
        assert post.method == "sendMessage"
        assert post.field("text") == (
            f"اصلاحیه: بارش برف در اردبیل\n\nارتفاع برف ۲۰ سانتی‌متر بود.\n\n{link}"
        )
    assert len(services.of("hub")) == 1  # the feeds' item carries the note
    # The story's own post stands: one delivery of it per channel, still.
    assert Delivery.objects.filter(kind=Delivery.Kind.PUBLISH).count() == 4

    published.add_note(ArticleNote.Kind.UPDATE, "مدارس تعطیل شد.", by=editor)
    ask_to_send(editor, published)
    run_worker()
    assert services.of("telegram")[-1].field("text").startswith("به‌روزرسانی: ")
    assert len(services.of("telegram")) == 2


@pytest.mark.parametrize("role", ["reporter", "moderator", "analyst"])
def test_only_editors_send_a_correction(services, editor, role, request):
    user = request.getfixturevalue(role)
    article = make_article(status=Article.Status.DRAFT, author=user)  # a reporter's own story
    article.publish(by=editor)
    run_worker()
    services.posts.clear()
    article.add_note(ArticleNote.Kind.CORRECTION, "نام شهر اردبیل بود.", by=editor)

    response = ask_to_send(user, article)
    assert response.status_code in (200, 403)
    run_worker()
    assert services.posts == []
    assert not Delivery.objects.filter(kind=Delivery.Kind.NOTE).exists()


def test_a_story_without_a_note_or_off_the_site_sends_nothing(published, services, editor):
    page = ask_to_send(editor, published).content.decode()
    assert "۱ خبر فرستاده نشد" in page
    published.add_note(ArticleNote.Kind.CORRECTION, "نام شهر اردبیل بود.", by=editor)
    published.unpublish(by=editor)
    ask_to_send(editor, published)
    run_worker()
    assert services.posts == []
