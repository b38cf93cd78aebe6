"""Search: the folded text of every article, in SQLite FTS5 or a PostgreSQL tsvector.

Both sides of a match go through `newsroom.persian.fold`, so «می شود», «مي‌شود» and
«میشود», Arabic and Persian letters, any digits, diacritics and tatweel all meet. The
index holds every article; who may see a result is still `Article.objects.published()`.
"""

from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils.html import strip_tags

from newsroom.persian import fold

TABLE = "articles_search"
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12


def create_table(schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            # No foreign key: a signal removes the row, and TRUNCATE stays possible.
            f"CREATE TABLE {TABLE} (article_id bigint PRIMARY KEY, document tsvector NOT NULL)"
        )
        schema_editor.execute(f"CREATE INDEX {TABLE}_document ON {TABLE} USING GIN (document)")
    else:
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE {TABLE} USING fts5(title, body, tokenize='unicode61')"
        )


def drop_table(schema_editor) -> None:
    schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


def documents(article) -> tuple[str, str]:
    """What is searched: (kicker, title and tags), (lead, body and source), folded."""
    tags = " ".join(tag.name for tag in article.tags.all())
    return (
        fold(f"{article.kicker} {article.title} {tags}"),
        fold(f"{article.lead} {strip_tags(article.body)} {article.source}"),
    )


def index(articles) -> None:
    """Put `articles` (one or many) in the index, replacing what was there."""
    rows = [(article.pk, *documents(article)) for article in articles]
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.executemany(
                f"INSERT INTO {TABLE} (article_id, document) VALUES (%s, "
                " setweight(to_tsvector('simple', %s), 'A')"
                " || setweight(to_tsvector('simple', %s), 'B'))"
                " ON CONFLICT (article_id) DO UPDATE SET document = EXCLUDED.document",
                rows,
            )
        else:
            cursor.executemany(f"DELETE FROM {TABLE} WHERE rowid = %s", [(r[0],) for r in rows])
            cursor.executemany(
                f"INSERT INTO {TABLE} (rowid, title, body) VALUES (%s, %s, %s)", rows
            )


def remove(article_id: int) -> None:
    with connection.cursor() as cursor:
        column = "article_id" if connection.vendor == "postgresql" else "rowid"
        cursor.execute(f"DELETE FROM {TABLE} WHERE {column} = %s", [article_id])


def terms(query: str) -> list[str]:
    """The folded words of a reader's query, cut to a sane length."""
    return fold((query or "")[:MAX_QUERY_LENGTH]).split()[:MAX_TERMS]


def matching(queryset, query: str):
    """`queryset` narrowed to articles matching every word of `query` (each as a prefix),
    with `search_rank` (higher is better; title words count most)."""
    words = terms(query)
    if not words:
        return queryset.none()
    if connection.vendor == "postgresql":
        tsquery = " & ".join(f"{word}:*" for word in words)
        ids = RawSQL(
            f"SELECT article_id FROM {TABLE} WHERE document @@ to_tsquery('simple', %s)",
            [tsquery],
        )
        rank = RawSQL(
            f"SELECT ts_rank(document, to_tsquery('simple', %s)) FROM {TABLE}"
            " WHERE article_id = articles_article.id",
            [tsquery],
        )
    else:
        match = " ".join(f'"{word}"*' for word in words)
        ids = RawSQL(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", [match])
        rank = RawSQL(
            f"SELECT -bm25({TABLE}, 10.0, 1.0) FROM {TABLE}"
            f" WHERE {TABLE} MATCH %s AND rowid = articles_article.id",
            [match],
        )
    return queryset.filter(pk__in=ids).annotate(search_rank=rank)
