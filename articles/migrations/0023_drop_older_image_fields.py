"""The articles' older lead image fields go, their pictures moved into the library (0023)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("articles", "0022_older_lead_images_into_library")]

    operations = [
        migrations.RemoveField(model_name="article", name="image"),
        migrations.RemoveField(model_name="article", name="image_alt"),
        migrations.RemoveField(model_name="article", name="image_caption"),
        migrations.RemoveField(model_name="historicalarticle", name="image"),
        migrations.RemoveField(model_name="historicalarticle", name="image_alt"),
        migrations.RemoveField(model_name="historicalarticle", name="image_caption"),
        # Now the one lead image: «تصویر اصلی», no longer «… از کتابخانه».
        migrations.AlterField(
            model_name="article",
            name="lead_image",
            field=models.ForeignKey(
                blank=True,
                help_text="از کتابخانه تصویر، با نسخه\u200cهای کوچک و سبک برای هر صفحه.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="articles.image",
                verbose_name="تصویر اصلی",
            ),
        ),
        migrations.AlterField(
            model_name="historicalarticle",
            name="lead_image",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="از کتابخانه تصویر، با نسخه\u200cهای کوچک و سبک برای هر صفحه.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="articles.image",
                verbose_name="تصویر اصلی",
            ),
        ),
    ]
