"""Reads whose SQL the ORM builds and compiles once a process, run with each request's own
values: where building and compiling a query through the ORM costs more than running it
(the articles' related news, a page of comments), a function cached with
`functools.lru_cache` returns `query.sql_with_params()` of the query written with marker
values no row has, and each request binds its own values in their place."""

from django.db import connections


def bound(params, values: dict) -> list:
    """The compiled query's parameters, each marker in `values` replaced by its value."""
    return [values.get(param, param) for param in params]


def columns(model) -> list[str]:
    """A model's columns in its order, as `Model.from_db` takes them."""
    return [f.attname for f in model._meta.get_fields() if f.concrete and not f.many_to_many]


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
