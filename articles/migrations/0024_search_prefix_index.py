"""SQLite's search index keeps its words' beginnings too (FTS5's `prefix` option), so that a
query word, which matches as a prefix, reads one list of entries newest first and stops
after the newest matches (articles/search.py: Results), however many articles hold it.
Without them FTS5 gathers every word that begins so, in every article, before the first
match: at 100 000 articles a common word cost 10 ms. Longer words than these are still
gathered, and are rarer. The index grows about fivefold. PostgreSQL's GIN index is left as
it is."""

from django.db import migrations

TABLE = "articles_search"
PREFIXES = "1 2 3 4 5 6 7 8"


def rebuild(prefixes: str | None):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        option = f", prefix='{prefixes}'" if prefixes else ""
        for sql in (
            f"CREATE VIRTUAL TABLE {TABLE}_new USING fts5(title, body, tokenize='unicode61'"
            f"{option})",
            f"INSERT INTO {TABLE}_new (rowid, title, body) SELECT rowid, title, body FROM {TABLE}",
            f"DROP TABLE {TABLE}",
            f"ALTER TABLE {TABLE}_new RENAME TO {TABLE}",
        ):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("articles", "0023_drop_older_image_fields")]

    operations = [migrations.RunPython(rebuild(PREFIXES), rebuild(None))]
