"""Search: the folded text of every article, in SQLite FTS5 or a PostgreSQL tsvector.

Both sides of a match go through `newsroom.persian.text.fold`, so «می شود», «مي‌شود» and
«میشود», Arabic and Persian letters, any digits, diacritics and tatweel all meet. The
index holds every article (`SearchEntry`, articles/models/search.py); who may see a result
is still `Article.objects.published()`.
"""

from collections.abc import Sequence
from functools import cached_property
from typing import NamedTuple

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection, connections
from django.db.models import F, FloatField, Func, Value
from django.utils.html import strip_tags

from newsroom.persian.text import fold

TABLE = "articles_search"  # SearchEntry's table
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
# A search ranks the newest this many matches at most (ten pages of results). A common
# word matches much of the archive: ranking and counting every match would cost as much as
# the archive is large, while readers read the first pages. More are said to be more
# («بیش از ۱۲۰ نتیجه»).
RANKED = 120


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
                f"INSERT INTO {TABLE} (rowid, {TABLE}) VALUES (%s, "
                " setweight(to_tsvector('simple', %s), 'A')"
                " || setweight(to_tsvector('simple', %s), 'B'))"
                f" ON CONFLICT (rowid) DO UPDATE SET {TABLE} = EXCLUDED.{TABLE}",
                rows,
            )
        else:
            cursor.executemany(f"DELETE FROM {TABLE} WHERE rowid = %s", [(r[0],) for r in rows])
            cursor.executemany(
                f"INSERT INTO {TABLE} (rowid, title, body) VALUES (%s, %s, %s)", rows
            )


def remove(article_id: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE rowid = %s", [article_id])


def terms(query: str) -> list[str]:
    """The folded words of a reader's query, cut to a sane length."""
    return fold((query or "")[:MAX_QUERY_LENGTH]).split()[:MAX_TERMS]


class Bm25(Func):
    """FTS5's relevance of the row matched, turned so that higher is better: bm25() gives
    lower numbers to better matches. The weights are its columns', title then body."""

    function = "bm25"
    template = "-%(function)s(%(expressions)s)"
    output_field = FloatField()

    def __init__(self, document, *, title_weight: float, body_weight: float):
        super().__init__(document, Value(title_weight), Value(body_weight))


def matching(queryset, query: str):
    """`queryset` narrowed to articles matching every word of `query` (each as a prefix),
    with `search_rank` to order by (higher is better; title words count most)."""
    words = terms(query)
    if not words:
        return queryset.none()
    # A join, not a subquery per row: the matches drive the query and are ranked once.
    document = F("search_entry__document")
    if connections[queryset.db].vendor == "postgresql":
        matches = SearchQuery(
            " & ".join(f"{word}:*" for word in words), search_type="raw", config="simple"
        )
        return queryset.filter(search_entry__document__match=matches).alias(
            search_rank=SearchRank(document, matches)
        )
    return queryset.filter(
        search_entry__document__match=" ".join(f'"{word}"*' for word in words)
    ).alias(search_rank=Bm25(document, title_weight=10.0, body_weight=1.0))


class Hit(NamedTuple):
    """A match, with what its result's kept HTML is built from (articles/cards.py)."""

    pk: int
    version: int
    updated_at: str  # as the database writes it: only compared
    section_id: int


class Results:
    """What a search found, as the paginator reads it: best first, then newest.

    One query picks the newest `limit` matches (the index walked from its newest entry, so
    the database stops there however many match) and ranks them. `more` says that there
    were more matches than that, and `count` stops at `limit`: with fewer, the results
    are every match, ranked as Article.objects.search() ranks them.
    """

    def __init__(self, queryset, query: str, limit: int | None = None):
        limit = RANKED if limit is None else limit
        self.queryset = queryset
        columns = ("pk", "version", "updated_at", "section_id")
        newest = (
            matching(queryset, query)
            .annotate(rank=F("search_rank"))
            .order_by(F("search_entry__article_id").desc())
            .values(*columns, "rank", "published_at", "code")[: limit + 1]
        )
        sql, params = newest.query.sql_with_params()
        db = connections[queryset.db]
        name = db.ops.quote_name
        # The time as text: only compared, and not parsed for every match.
        picked = ", ".join(
            f"CAST({name(c)} AS TEXT)" if c == "updated_at" else name(c) for c in columns
        )
        with db.cursor() as cursor:
            cursor.execute(
                f"SELECT {picked} FROM ({sql}) newest ORDER BY"
                f" {name('rank')} DESC, {name('published_at')} DESC, {name('code')} DESC",
                params,
            )
            self.hits = [Hit(*row) for row in cursor.fetchall()]
        self.more = len(self.hits) > limit
        if self.more:  # the one past the limit, the oldest of them, only said there were more
            self.hits.remove(min(self.hits, key=lambda hit: hit.pk))

    def count(self) -> int:
        return len(self.hits)

    def __len__(self) -> int:
        return len(self.hits)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        return ResultPage(self.queryset, self.hits[index])


class ResultPage(Sequence):
    """A page of results: its hits, and their articles, read when first asked for (a
    page whose results are all kept in the cache needs none of them)."""

    def __init__(self, queryset, hits: list[Hit]):
        self.queryset = queryset
        self.hits = hits

    @cached_property
    def articles(self) -> list:
        found = self.queryset.filter(pk__in=[hit.pk for hit in self.hits]).in_bulk()
        return [found[hit.pk] for hit in self.hits if hit.pk in found]

    def __len__(self) -> int:
        return len(self.hits)

    def __getitem__(self, index):
        return self.articles[index]
