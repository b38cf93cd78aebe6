"""Search: the folded text of every article, in SQLite FTS5 or a PostgreSQL tsvector.

Both sides of a match go through `newsroom.persian.text.fold`, so «می شود», «مي‌شود» and
«میشود», Arabic and Persian letters, any digits, diacritics and tatweel all meet. The
index holds every article; who may see a result is still `Article.objects.published()`.
"""

from django.db import connection
from django.utils.html import strip_tags

from newsroom.persian.text import fold

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


def documents(article, tag_names=None) -> tuple[str, str]:
    """What is searched: (kicker, title and tags), (lead, body and source), folded."""
    if tag_names is None:
        tag_names = [tag.name for tag in article.tags.all()]
    return (
        fold(f"{article.kicker} {article.title} {' '.join(tag_names)}"),
        fold(f"{article.lead} {strip_tags(article.body)} {article.source}"),
    )


def index(articles, tag_names: dict[int, list[str]] | None = None) -> None:
    """Put `articles` (one or many) in the index, replacing what was there.

    `tag_names` (article id → names) spares a query per article when they are known.
    """
    store(
        [
            (article.pk, *documents(article, None if tag_names is None else tag_names[article.pk]))
            for article in articles
        ]
    )


def store(rows: list[tuple[int, str, str]]) -> None:
    """Write (article id, folded title text, folded body text) rows to the index."""
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
    # A join, not a subquery per row: the matches drive the query and are ranked once.
    if connection.vendor == "postgresql":
        tsquery = " & ".join(f"{word}:*" for word in words)
        return queryset.extra(
            tables=[TABLE],
            where=[
                f"{TABLE}.article_id = articles_article.id",
                f"{TABLE}.document @@ to_tsquery('simple', %s)",
            ],
            params=[tsquery],
            select={"search_rank": f"ts_rank({TABLE}.document, to_tsquery('simple', %s))"},
            select_params=[tsquery],
        )
    match = " ".join(f'"{word}"*' for word in words)
    return queryset.extra(
        tables=[TABLE],
        where=[f"{TABLE}.rowid = articles_article.id", f"{TABLE} MATCH %s"],
        params=[match],
        select={"search_rank": f"-bm25({TABLE}, 10.0, 1.0)"},
    )
