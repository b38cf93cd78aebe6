"""The search index as a model, SearchEntry (articles/models/search.py), which joins it to
the article. Django does not manage its table: 0005 made it, each database its own way.
PostgreSQL's columns take the names SQLite's FTS5 gives its own (the article's id `rowid`,
the whole entry the table's name), so that one model reads both."""

from django.db import migrations, models

import articles.models.search

RENAMES = [("article_id", "rowid"), ("document", "articles_search")]


def rename(renames):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for old, new in renames:
            schema_editor.execute(f"ALTER TABLE articles_search RENAME COLUMN {old} TO {new}")

    return run


class Migration(migrations.Migration):
    dependencies = [("articles", "0013_published_at_datetime")]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        db_column="rowid",
                        db_constraint=False,
                        on_delete=models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="search_entry",
                        serialize=False,
                        to="articles.article",
                    ),
                ),
                ("document", articles.models.search.Document(db_column="articles_search")),
            ],
            options={
                "verbose_name": "مدخل جست‌وجو",
                "verbose_name_plural": "مدخل‌های جست‌وجو",
                "db_table": "articles_search",
                "managed": False,
                "default_permissions": (),
            },
        ),
        migrations.RunPython(
            rename(RENAMES), rename([(new, old) for old, new in reversed(RENAMES)])
        ),
    ]
