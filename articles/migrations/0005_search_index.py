"""The search index (see articles/search.py), filled with the articles already there."""

from django.db import migrations


def create(apps, schema_editor):
    from articles import search

    search.create_table(schema_editor)
    Article = apps.get_model("articles", "Article")
    batch = []
    for article in Article.objects.prefetch_related("tags").iterator(chunk_size=500):
        batch.append(article)
        if len(batch) == 500:
            search.index(batch)
            batch = []
    search.index(batch)


def drop(apps, schema_editor):
    from articles import search

    search.drop_table(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_report_roles")]

    operations = [migrations.RunPython(create, drop)]
