import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from articles.models import Article

BEFORE = [("articles", "0012_revision_tags_name")]
TEHRAN = datetime.timezone(datetime.timedelta(hours=3, minutes=30))


def stored(pk: int) -> str:
    """The publish time as the database holds it, as text."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT CAST(published_at AS TEXT) FROM articles_article WHERE id = %s", [pk]
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_a_publish_time_written_by_the_jalali_field_is_the_same_instant_after_0013():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    at = datetime.datetime(2026, 11, 24, 22, 44, 5, tzinfo=TEHRAN)
    article = old.get_model("articles", "Article").objects.create(
        code=100000,
        title="تیتر",
        slug="تیتر",
        lead="لید",
        body="<p>متن</p>",
        author=old.get_model("auth", "User").objects.create(username="reporter"),
        section=old.get_model("articles", "Section").objects.create(name="سیاسی", slug="p"),
        status="published",
        published_at=at,
        created_at=at,
        updated_at=at,
    )
    written = stored(article.pk)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # 0013 and whatever came after

    assert stored(article.pk) == written
    assert Article.objects.get(pk=article.pk).published_at == at
    assert Article.objects.filter(published_at=at).exists()
