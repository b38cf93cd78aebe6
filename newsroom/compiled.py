"""Reads whose SQL the ORM builds and compiles once a process, run with each request's own
values: where building and compiling a query through the ORM costs more than running it
(the articles' related news, a page of comments), a function cached with
`functools.lru_cache` returns `query.sql_with_params()` of the query written with marker
values no row has, and each request binds its own values in their place.

`prepared()` runs a read whose plan cannot go wrong (a lookup by key) as a prepared
statement on PostgreSQL: parsed and planned once a connection. Not the search: prepared, it
is planned once for every query's words, and that plan (the index for a rare word) was thirty
times slower for a common one than the plan made for the words at hand.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import connections


def bound(params, values: dict) -> list:
    """The compiled query's parameters, each marker in `values` replaced by its value."""
    return [values.get(param, param) for param in params]


def columns(model) -> list[str]:
    """A model's columns in its order, as `Model.from_db` takes them."""
    return [f.attname for f in model._meta.get_fields() if f.concrete and not f.many_to_many]


_prepared_cursor = None


def _prepared_cursor_class():
    """A psycopg cursor that binds on the server and prepares every statement it runs
    (Django's own cursors bind on the client, and prepare nothing, for poolers' sake)."""
    global _prepared_cursor
    if _prepared_cursor is None:
        from django.db.backends.postgresql.base import ServerBindingCursor

        class PreparedCursor(ServerBindingCursor):
            def execute(self, query, params=None, **kwargs):
                return super().execute(query, params, prepare=True)

        _prepared_cursor = PreparedCursor
    return _prepared_cursor


@contextmanager
def prepared(db: str = "default") -> Iterator:
    """A cursor for a read by key, run a thousand times a minute: prepared on
    PostgreSQL (unless DATABASE_PREPARED_STATEMENTS is off: a pooler in transaction mode
    older than PgBouncer 1.21 cannot keep them), Django's own elsewhere. Either way it is
    Django's wrapper — its errors, its query log (the tests' query budgets count it)."""
    connection = connections[db]
    if connection.vendor != "postgresql" or not settings.DATABASE_PREPARED_STATEMENTS:
        with connection.cursor() as plain:
            yield plain
        return
    # Django's own cursor first: the health check, the connection and the thread check.
    with connection.cursor():
        raw = _prepared_cursor_class()(connection.connection)
    with (
        connection.make_debug_cursor(raw)
        if connection.queries_logged
        else connection.make_cursor(raw)
    ) as wrapped:
        yield wrapped


class Rows:
    """A `values_list()` query compiled once, whose rows come as the ORM gives them: its
    compiler's converters (SQLite's times, booleans) applied to each request's rows.
    `SQLCompiler.results_iter(rows)` is how the ORM itself converts them
    (tests/test_library_internals.py pins it)."""

    def __init__(self, queryset):
        self.db = queryset.db
        self._compiler = queryset.query.get_compiler(self.db)
        self.sql, self.params = self._compiler.as_sql()

    def read(self, values: dict) -> list[tuple]:
        with connections[self.db].cursor() as cursor:
            cursor.execute(self.sql, bound(self.params, values))
            rows = cursor.fetchall()
        return list(self._compiler.results_iter([rows], tuple_expected=True))
