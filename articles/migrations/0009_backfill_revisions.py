"""One initial revision for every article that has none.

Articles saved before revisions were kept (0008), or made in bulk, which skips the signal
that records one, have an empty history: nothing to list, compare or restore. Each gets
the revision simple_history's `populate_history` would give it (its fields and tags as
they are now), copied inside the database, table to table: a hundred thousand articles
take a couple of seconds, where building the rows in Python took most of a minute.
"""

from django.db import migrations
from django.db.models import Max

REASON = "نسخه آغازین"


def backfill_revisions(apps, schema_editor) -> None:
    Article = apps.get_model("articles", "Article")
    Revision = apps.get_model("articles", "HistoricalArticle")
    RevisionTag = apps.get_model("articles", "HistoricalArticle_tags")
    ArticleTag = Article.tags.through
    connection = schema_editor.connection
    q = connection.ops.quote_name

    # Every field a revision keeps, as the historical model of this migration knows them;
    # each has the same column in the article's table.
    columns = ", ".join(
        q(field.column)
        for field in Revision._meta.concrete_fields
        if not field.name.startswith("history")
    )
    article, revision = q(Article._meta.db_table), q(Revision._meta.db_table)
    revisions = Revision.objects.using(connection.alias)
    last_before = revisions.aggregate(last=Max("history_id"))["last"] or 0
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {revision} ({columns}, history_date, history_type,"
            " history_change_reason, history_user_id)"
            # history_date: the state it shows is as of the article's last save.
            f" SELECT {columns}, updated_at, '+', %s, NULL FROM {article}"
            f" WHERE NOT EXISTS (SELECT 1 FROM {revision} r WHERE r.id = {article}.id)",
            [REASON],
        )
        cursor.execute(
            f"INSERT INTO {q(RevisionTag._meta.db_table)} (id, article_id, tag_id, history_id)"
            " SELECT link.id, link.article_id, link.tag_id, r.history_id"
            f" FROM {q(ArticleTag._meta.db_table)} link"
            f" JOIN {revision} r ON r.id = link.article_id WHERE r.history_id > %s",
            [last_before],
        )


class Migration(migrations.Migration):
    dependencies = [("articles", "0008_revisions")]

    operations = [
        # Backwards there is nothing to undo: 0008 drops the revisions with their table.
        migrations.RunPython(backfill_revisions, migrations.RunPython.noop, elidable=True),
    ]
