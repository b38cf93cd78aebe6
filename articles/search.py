"""Search: the folded text of every article, in SQLite FTS5 or a PostgreSQL tsvector.

Both sides of a match go through `newsroom.persian.text.fold`, so «می شود», «مي‌شود» and
«میشود», Arabic and Persian letters, any digits, diacritics and tatweel all meet. The
index holds every article (`SearchEntry`, articles/models/search.py); who may see a result
is still `Article.objects.published()`.
"""

import datetime
import functools
from collections.abc import Sequence
from functools import cached_property
from typing import NamedTuple

from django.contrib.postgres.search import SearchQuery
from django.db import connection, connections
from django.db.models import F, Func, IntegerField, Value
from django.utils import timezone
from django.utils.html import strip_tags

from newsroom.compiled import bound
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


def _match_text(words: list[str], vendor: str) -> str:
    """The database's query for articles holding every word, each as a prefix."""
    if vendor == "postgresql":
        return " & ".join(f"{word}:*" for word in words)
    return " ".join(f'"{word}"*' for word in words)


def _title_word(word: str, vendor: str) -> str:
    """What finds `word` (as a prefix) among an entry's title words (TitleWords)."""
    if vendor == "postgresql":
        return f"{word}:*A"  # weight A: the kicker, title and tags
    # In the folded text a word starts after a space; FTS5 also splits words at "_".
    return " " + word.replace("_", " ")


class TitleWords(Func):
    """How many of the query's words (each as a prefix) are among the entry's title words —
    its kicker, title and tags: what ranks a result. It reads the entry's own row only, so
    it costs the same however many articles match (FTS5's bm25() reads every match of
    every word first, for its statistics)."""

    output_field = IntegerField()

    def __init__(self, document, words: list[str]):
        super().__init__(document, *(Value(word) for word in words))

    def as_sqlite(self, compiler, connection):
        document, *words = self.get_source_expressions()
        quote = connection.ops.quote_name
        # FTS5's title column, beside the column named after its table.
        title = f"' ' || replace({quote(document.alias)}.{quote('title')}, '_', ' ')"
        sql, params = [], []
        for word in words:
            word_sql, word_params = compiler.compile(word)
            sql.append(f"(instr({title}, {word_sql}) > 0)")
            params += word_params
        return f"({' + '.join(sql)})", params

    def as_postgresql(self, compiler, connection):
        document, *words = self.get_source_expressions()
        document_sql, document_params = compiler.compile(document)
        sql, params = [], []
        for word in words:
            word_sql, word_params = compiler.compile(word)
            sql.append(f"({document_sql} @@ to_tsquery('simple', {word_sql}))::int")
            params += [*document_params, *word_params]
        return f"({' + '.join(sql)})", params


def _matching(queryset, vendor: str, match: str, title_words: list[str]):
    # A join, not a subquery per row: the matches drive the query.
    if vendor == "postgresql":
        match = SearchQuery(match, search_type="raw", config="simple")
    return queryset.filter(search_entry__document__match=match).alias(
        search_rank=TitleWords(F("search_entry__document"), title_words)
    )


def matching(queryset, query: str):
    """`queryset` narrowed to articles matching every word of `query` (each as a prefix),
    with `search_rank` to order by: how many of the words are title words."""
    words = terms(query)
    if not words:
        return queryset.none()
    vendor = connections[queryset.db].vendor
    return _matching(
        queryset, vendor, _match_text(words, vendor), [_title_word(w, vendor) for w in words]
    )


class Hit(NamedTuple):
    """A match, with what its result's kept HTML is built from (articles/cards.py)."""

    pk: int
    version: int
    updated_at: str  # as the database writes it: only compared
    section_id: int


# Where the search's SQL (compiled once, below) takes each request's values: texts no
# query folds to (folded words hold no control character), a section id no section has
# and times long past.
_MATCH = "\x00match"
_SECTION = -7_777_778
_NOW = datetime.datetime(1970, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
_SINCE = datetime.datetime(1970, 1, 3, 3, 4, 5, tzinfo=datetime.UTC)
_UNTIL = datetime.datetime(1970, 1, 4, 3, 4, 5, tzinfo=datetime.UTC)


def _word_marker(n: int) -> str:
    return f"\x00word{n}"


@functools.lru_cache(maxsize=128)
def _results_sql(
    db: str, word_count: int, section: bool, since: bool, until: bool, limit: int
) -> tuple[str, tuple]:
    """The SQL of the newest `limit` published matches, ranked: the most title words, then
    the newest. Compiled once a process for each shape of search (how many words, which
    filters), as building and compiling it through the ORM cost more than running it; its
    parameters name the markers above."""
    from articles.models import Article  # which imports this module

    articles = Article.objects.using(db).published(now=_NOW)
    if section:
        articles = articles.filter(section_id=_SECTION)
    if since:
        articles = articles.filter(published_at__gte=_SINCE)
    if until:
        articles = articles.filter(published_at__lt=_UNTIL)
    words = [_word_marker(n) for n in range(word_count)]
    columns = ("pk", "version", "updated_at", "section_id")
    newest = (
        _matching(articles, connections[db].vendor, _MATCH, words)
        .annotate(rank=F("search_rank"))
        # The index walked from its newest entry, so the database stops after `limit`
        # however many match.
        .order_by(F("search_entry__article_id").desc())
        .values(*columns, "rank", "published_at", "code")[:limit]
    )
    sql, params = newest.query.sql_with_params()
    name = connections[db].ops.quote_name
    # The time as text: only compared, and not parsed for every match.
    picked = ", ".join(
        f"CAST({name(c)} AS TEXT)" if c == "updated_at" else name(c) for c in columns
    )
    return (
        f"SELECT {picked} FROM ({sql}) newest ORDER BY"
        f" {name('rank')} DESC, {name('published_at')} DESC, {name('code')} DESC",
        params,
    )


class Results:
    """What a search found, as the paginator reads it: the articles with the most of the
    query's words in their title first, then the newest.

    One query picks the newest `limit` published matches (the index walked from its newest
    entry, so the database stops there however many match) and ranks them. `more` says
    that there were more matches than that, and `count` stops at `limit`: with fewer, the
    results are every match, ranked as Article.objects.search() ranks them. `section` (its
    id), `since` and `until` (times) narrow the search.
    """

    def __init__(
        self,
        query: str,
        *,
        section: int | None = None,
        since: datetime.datetime | None = None,
        until: datetime.datetime | None = None,
        limit: int | None = None,
    ):
        from articles.models import Article  # which imports this module

        limit = RANKED if limit is None else limit
        db = connections[Article.objects.db]
        words = terms(query)
        self.hits = []
        if words:
            sql, params = _results_sql(
                db.alias, len(words), section is not None, bool(since), bool(until), limit + 1
            )
            adapt = db.ops.adapt_datetimefield_value
            values = {
                _MATCH: _match_text(words, db.vendor),
                _SECTION: section,
                adapt(_NOW): adapt(timezone.now()),
                adapt(_SINCE): adapt(since),
                adapt(_UNTIL): adapt(until),
                **{_word_marker(n): _title_word(w, db.vendor) for n, w in enumerate(words)},
            }
            with db.cursor() as cursor:
                cursor.execute(sql, bound(params, values))
                # Rows, made Hits only for the page shown.
                self.hits = cursor.fetchall()
        self.more = len(self.hits) > limit
        if self.more:  # the one past the limit, the oldest of them, only said there were more
            self.hits.remove(min(self.hits, key=lambda row: row[0]))

    def count(self) -> int:
        return len(self.hits)

    def __len__(self) -> int:
        return len(self.hits)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        return ResultPage([Hit._make(row) for row in self.hits[index]])


class ResultPage(Sequence):
    """A page of results: its hits, and their articles, read when first asked for (a
    page whose results are all kept in the cache needs none of them)."""

    def __init__(self, hits: list[Hit]):
        self.hits = hits

    @cached_property
    def articles(self) -> list:
        from articles.models import Article  # which imports this module

        found = (
            Article.objects.published()
            .for_cards()
            .filter(pk__in=[hit.pk for hit in self.hits])
            .in_bulk()
        )
        return [found[hit.pk] for hit in self.hits if hit.pk in found]

    def __len__(self) -> int:
        return len(self.hits)

    def __getitem__(self, index):
        return self.articles[index]
