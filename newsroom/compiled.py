"""Reads whose SQL the ORM builds and compiles once a process, run with each request's own
values: where building and compiling a query through the ORM costs more than running it
(the articles' related news, a page of comments), a function cached with
`functools.lru_cache` returns `query.sql_with_params()` of the query written with marker
values no row has, and each request binds its own values in their place."""


def bound(params, values: dict) -> list:
    """The compiled query's parameters, each marker in `values` replaced by its value."""
    return [values.get(param, param) for param in params]
