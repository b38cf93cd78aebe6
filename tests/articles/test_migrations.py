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


@pytest.mark.django_db(transaction=True)
def test_older_lead_images_move_into_the_library_and_their_fields_go():
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image as PILImage

    from articles.models import Image
    from tests.articles.test_images import GPS_IFD, phone_photo

    before = [("articles", "0021_library_uploads_and_body_images")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    OldArticle = old.get_model("articles", "Article")
    author = old.get_model("auth", "User").objects.create(username="reporter")
    section = old.get_model("articles", "Section").objects.create(name="سیاسی", slug="p")
    now = datetime.datetime(2026, 11, 24, 22, 44, tzinfo=TEHRAN)

    def article(code: int, **fields):
        return OldArticle.objects.create(
            code=code, title=f"تیتر {code}", slug="t", lead="لید", body="<p>متن</p>",
            author=author, section=section, status="published", published_at=now,
            created_at=now, updated_at=now, **fields,
        )  # fmt: skip

    with_photo = article(
        100000,
        image=SimpleUploadedFile("قدیمی.jpg", phone_photo()),
        image_alt="عکس قدیمی",
        image_caption="زیرنویس",
    )
    no_alt = article(100001, image=SimpleUploadedFile("بی‌متن.jpg", phone_photo()))
    gone = article(100002, image="articles/2026/11/gone.jpg", image_alt="رفته")
    without = article(100003)
    # Its revision, which named the older file.
    old.get_model("articles", "HistoricalArticle").objects.create(
        id=with_photo.pk, code=100000, title="تیتر", slug="t", lead="لید", body="",
        author=author, section=section, status="draft", created_at=now, version=1,
        image=with_photo.image.name, history_date=now, history_type="+",
    )  # fmt: skip

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    moved = Article.objects.get(pk=with_photo.pk).lead_image
    assert (moved.alt, moved.caption, moved.width, moved.height) == ("عکس قدیمی", "زیرنویس", 40, 60)
    assert moved.file.name.startswith("images/") and moved.uploaded_by_id == author.pk
    with PILImage.open(moved.file.path) as stored_file:
        assert not stored_file.getexif().get_ifd(GPS_IFD)  # no longer says where it was taken
    assert Article.objects.get(pk=no_alt.pk).lead_image.alt == "تیتر 100001"  # its title
    assert Article.objects.get(pk=gone.pk).lead_image is None
    assert Article.objects.get(pk=without.pk).lead_image is None
    assert Image.objects.count() == 2
    assert Article.history.get(id=with_photo.pk).lead_image_id == moved.pk
    field_names = {field.name for field in Article._meta.get_fields()}
    assert not field_names & {"image", "image_alt", "image_caption"}

    # And back: the fields return, empty; the library keeps its pictures.
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert Image.objects.count() == 2
