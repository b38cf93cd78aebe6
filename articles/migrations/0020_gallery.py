import django.db.models.deletion
import simple_history.models
from django.db import migrations, models


class Migration(migrations.Migration):
    """«گزارش تصویری»: an article's pictures from the library, in order (GalleryItem), and
    their copy in each revision (HistoricalGalleryItem, as the tags have theirs)."""
    dependencies = [
        ("articles", "0019_tagged_newest_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="GalleryItem",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "position",
                    models.PositiveSmallIntegerField(
                        default=0,
                        help_text="صفر: پس از همه عکس\u200cهای گزارش.",
                        verbose_name="ترتیب",
                    ),
                ),
                (
                    "caption",
                    models.CharField(
                        blank=True,
                        help_text="خالی بماند، زیرنویس خود تصویر در کتابخانه می\u200cآید.",
                        max_length=300,
                        verbose_name="زیرنویس در این گزارش",
                    ),
                ),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="gallery_items",
                        to="articles.article",
                        verbose_name="خبر",
                    ),
                ),
                (
                    "image",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="gallery_items",
                        to="articles.image",
                        verbose_name="تصویر",
                    ),
                ),
            ],
            options={
                "verbose_name": "تصویر گزارش تصویری",
                "verbose_name_plural": "گزارش تصویری",
                "ordering": ["position", "pk"],
            },
        ),
        migrations.AddField(
            model_name="article",
            name="gallery",
            field=models.ManyToManyField(
                blank=True,
                related_name="+",
                through="articles.GalleryItem",
                to="articles.image",
                verbose_name="گزارش تصویری",
            ),
        ),
        migrations.CreateModel(
            name="HistoricalGalleryItem",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "position",
                    models.PositiveSmallIntegerField(
                        default=0,
                        help_text="صفر: پس از همه عکس\u200cهای گزارش.",
                        verbose_name="ترتیب",
                    ),
                ),
                (
                    "caption",
                    models.CharField(
                        blank=True,
                        help_text="خالی بماند، زیرنویس خود تصویر در کتابخانه می\u200cآید.",
                        max_length=300,
                        verbose_name="زیرنویس در این گزارش",
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "article",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="articles.article",
                        verbose_name="خبر",
                    ),
                ),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="articles.historicalarticle",
                    ),
                ),
                (
                    "image",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="articles.image",
                        verbose_name="تصویر",
                    ),
                ),
            ],
            options={
                "verbose_name": "تصویر گزارش تصویری نسخه خبر",
                "verbose_name_plural": "گزارش تصویری نسخه\u200cهای خبر",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddIndex(
            model_name="galleryitem",
            index=models.Index(fields=["article", "position"], name="gallery_order"),
        ),
    ]
