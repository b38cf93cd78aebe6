"""The search index (see articles/search.py), filled with the articles already there.

Its tables as they were made then (0013 renames PostgreSQL's columns to SQLite's names).
"""

from django.db import migrations

TABLE = "articles_search"


def create(apps, schema_editor):
    from articles import search

    postgresql = schema_editor.connection.vendor == "postgresql"
    if postgresql:
        schema_editor.execute(
            # No foreign key: a signal removes the row, and TRUNCATE stays possible.
            f"CREATE TABLE {TABLE} (article_id bigint PRIMARY KEY, document tsvector NOT NULL)"
        )
        schema_editor.execute(f"CREATE INDEX {TABLE}_document ON {TABLE} USING GIN (document)")
        insert = (
            f"INSERT INTO {TABLE} (article_id, document) VALUES (%s,"
            " setweight(to_tsvector('simple', %s), 'A')"
            " || setweight(to_tsvector('simple', %s), 'B'))"
        )
    else:
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE {TABLE} USING fts5(title, body, tokenize='unicode61')"
        )
        insert = f"INSERT INTO {TABLE} (rowid, title, body) VALUES (%s, %s, %s)"
    Article = apps.get_model("articles", "Article")
    rows = []
    with schema_editor.connection.cursor() as cursor:
        for article in Article.objects.prefetch_related("tags").iterator(chunk_size=500):
            rows.append((article.pk, *search.documents(article)))
            if len(rows) == 500:
                cursor.executemany(insert, rows)
                rows = []
        cursor.executemany(insert, rows)


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_report_roles")]

    operations = [migrations.RunPython(create, drop)]
