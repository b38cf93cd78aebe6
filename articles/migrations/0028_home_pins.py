"""«چینش صفحه اول»: the stories an editor pins to the home page; editors arrange it."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import articles.models.curation
from newsroom.staff import roles

GRANTS = {
    "Editors": [
        "articles.add_homepin",
        "articles.change_homepin",
        "articles.delete_homepin",
        "articles.view_homepin",
    ],
}


def grant(apps, schema_editor):
    roles.grant(apps, GRANTS)


def revoke(apps, schema_editor):
    roles.revoke(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0027_article_notes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="articleevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("submitted", "برای بررسی فرستاد"),
                    ("scheduled", "زمان\u200cبندی کرد"),
                    ("published", "منتشر کرد"),
                    ("unpublished", "از سایت برداشت"),
                    ("restored", "نسخه\u200cای را بازگرداند"),
                    ("returned", "به پیش\u200cنویس برگرداند"),
                    ("pinned", "در صفحه اول چید"),
                    ("repinned", "در صفحه اول جابه‌جا کرد"),
                    ("unpinned", "از چینش صفحه اول برداشت"),
                ],
                max_length=12,
                verbose_name="کار",
            ),
        ),
        migrations.CreateModel(
            name="HomePin",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "place",
                    models.CharField(
                        choices=[
                            ("lead", "تیتر یک"),
                            ("top", "تیترهای دوم"),
                            ("section", "بلوک سرویس"),
                        ],
                        max_length=8,
                        verbose_name="جای خبر",
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="ترتیب")),
                (
                    "ends_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="از این زمان خبر از جای خود برداشته می\u200cشود؛ خالی: تا برداشتن دبیر.",
                        null=True,
                        verbose_name="پایان",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="ایجاد")),
                (
                    "article",
                    models.ForeignKey(
                        limit_choices_to=articles.models.curation.published_now,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="home_pins",
                        to="articles.article",
                        verbose_name="خبر",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="چیده\u200cشده توسط",
                    ),
                ),
                (
                    "section",
                    models.ForeignKey(
                        blank=True,
                        help_text="خالی بماند، خبر در بلوک سرویس خودش می\u200cآید.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="articles.section",
                        verbose_name="بلوک سرویس",
                    ),
                ),
            ],
            options={
                "verbose_name": "چینش صفحه اول",
                "verbose_name_plural": "چینش صفحه اول",
                "ordering": ["place", "position", "pk"],
                "indexes": [
                    models.Index(fields=["ends_at"], name="homepin_ends"),
                    models.Index(fields=["place", "position"], name="homepin_order"),
                ],
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
