import datetime
from urllib.parse import quote

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Article, NewsCodeCounter
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_news_codes_are_assigned_on_first_save_and_unique(settings):
    first = make_article()
    second = make_article()
    assert first.code >= settings.NEWS_CODE_START
    assert second.code == first.code + 1
    first.title = "تیتر تازه"
    first.save()
    first.refresh_from_db()
    assert first.code == second.code - 1  # editing keeps the code


def test_a_deleted_articles_code_is_never_given_again():
    gone = make_article()
    gone_code = gone.code
    gone.delete()
    assert make_article().code > gone_code


def test_codes_continue_above_existing_articles_if_the_counter_is_lost():
    existing = make_article()
    NewsCodeCounter.objects.all().delete()
    assert make_article().code > existing.code


def test_persian_text_is_normalised_on_save():
    article = make_article(title="علي\u200b در كرمانشاه", lead="\u202eلید", kicker="روتيتر")
    article.refresh_from_db()
    assert article.title == "علی در کرمانشاه"
    assert article.lead == "لید"
    assert article.kicker == "روتیتر"


def test_slug_follows_the_title():
    article = make_article(title="بارش برف در همدان")
    assert article.slug == "بارش-برف-در-همدان"
    # URLs stay ASCII: the Persian slug travels percent-encoded.
    assert article.get_absolute_url() == f"/news/{article.code}/{quote('بارش-برف-در-همدان')}/"


def test_body_is_sanitised_on_save():
    article = make_article(body='<p onclick="steal()">متن<script>alert(1)</script></p>')
    article.refresh_from_db()
    assert article.body == "<p>متن</p>"


def test_publishing_without_a_time_publishes_now():
    article = make_article(status=Article.Status.DRAFT)
    before = timezone.now()
    article.publish()
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at >= before
    assert article.is_visible()


def test_publishing_with_a_future_time_schedules():
    article = make_article(status=Article.Status.REVIEW)
    article.publish(at=timezone.now() + datetime.timedelta(hours=2))
    assert article.is_scheduled
    assert article.state_label == "زمان‌بندی‌شده"
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_only_a_draft_goes_to_review():
    article = make_article()
    with pytest.raises(ValidationError):
        article.submit_for_review()


def test_unpublish_hides_the_article():
    article = make_article()
    article.unpublish()
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_publish_times_compare_as_instants_whatever_offset_they_were_saved_with():
    # Saved back from a loaded (Tehran-offset) value, 2 hours old: readers must see it.
    article = make_article(published_at=timezone.now() - datetime.timedelta(hours=2))
    article.refresh_from_db()
    article.save()
    assert Article.objects.published().filter(pk=article.pk).exists()
    newer = make_article(published_at=timezone.now() - datetime.timedelta(hours=1))
    assert list(Article.objects.published()) == [newer, article]
