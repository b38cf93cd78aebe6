"""Reads from a database replica, where one is configured (DATABASE_REPLICA_URL), for the
reader pages that write nothing and are then not cached: search (which the page cache
keeps under the content version where no replica is configured).

A replica lags its primary. A page built from it and then cached would be kept under the
version the editor's change had just renewed, and show the old rows until the next change;
so cached pages, their parts and everything staff do read the primary.
"""

import contextvars
import functools

from django.db import router
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
_reads_from_replica = contextvars.ContextVar("reads_from_replica", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints) -> str | None:
        return REPLICA if _reads_from_replica.get() else None

    def db_for_write(self, model, **hints) -> None:
        return None

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # the same rows, whichever copy they came from

    def allow_migrate(self, db, app_label, **hints) -> bool | None:
        return False if db == REPLICA else None  # the replica follows the primary


def replica_in_use() -> bool:
    """Whether reads may go to a replica (the router is installed): then the pages that read
    from it are not cached, as a replica's rows may be older than the versions."""
    return any(isinstance(r, ReplicaRouter) for r in router.routers)


def reads_from_replica(view):
    """A GET view whose reads go to the replica, its template's included: a
    TemplateResponse is rendered here rather than after the view returns."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        token = _reads_from_replica.set(True)
        try:
            response = view(request, *args, **kwargs)
            if callable(getattr(response, "render", None)):
                response.render()
            return response
        finally:
            _reads_from_replica.reset(token)

    return wrapper
