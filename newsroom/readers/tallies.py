"""Exact counts across every process and machine: flood limits and login attempts.

Counted in the database (newsroom.models.Tally), not in the cache: a file cache's `incr`
is a read then a write, and Redis may be down, restarted or rolled back. Each count is one
statement that adds and answers at once, so two requests never read the same number.
"""

import datetime
import time

from django.db import connection
from django.utils import timezone

from newsroom.models import Tally

SWEEP_EVERY = 60.0  # seconds between a process's sweeps of long-expired rows
KEEP_EXPIRED = datetime.timedelta(hours=1)
_last_sweep = 0.0


def add(key: str, period: int, now: datetime.datetime | None = None) -> int:
    """Count one more under `key`; the count in the window that began with the first of
    them, `period` seconds long (a window that has ended starts again at one).

    One statement, atomic in SQLite and PostgreSQL alike: the row is created, or added to,
    or started again, and the new count comes back (Django's ORM has no upsert that adds).
    """
    now = now or timezone.now()
    ends = now + datetime.timedelta(seconds=period)
    table = connection.ops.quote_name(Tally._meta.db_table)
    key_column, count, expires = (
        connection.ops.quote_name(Tally._meta.get_field(name).column)
        for name in ("key", "count", "expires_at")
    )
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({key_column}, {count}, {expires}) VALUES (%s, 1, %s) "
            f"ON CONFLICT ({key_column}) DO UPDATE SET "
            f"{count} = CASE WHEN {table}.{expires} > %s THEN {table}.{count} + 1 ELSE 1 END, "
            f"{expires} = CASE WHEN {table}.{expires} > %s THEN {table}.{expires} "
            f"ELSE excluded.{expires} END "
            f"RETURNING {count}",
            [key, adapt(ends), adapt(now), adapt(now)],
        )
        (number,) = cursor.fetchone()
    _sweep(now)
    return number


def peek(key: str, now: datetime.datetime | None = None) -> int:
    """The count under `key` in its current window, without adding to it."""
    now = now or timezone.now()
    found = Tally.objects.filter(key=key, expires_at__gt=now).values_list("count", flat=True)
    return found.first() or 0


def window_end(key: str) -> datetime.datetime | None:
    """When the window counted under `key` ends (None: nothing is counted)."""
    return Tally.objects.filter(key=key).values_list("expires_at", flat=True).first()


def reset(key: str) -> None:
    Tally.objects.filter(key=key).delete()


def _sweep(now: datetime.datetime) -> None:
    """Now and then, drop rows whose window ended long ago (in a transaction of its own, so
    it never holds a row another count is waiting for)."""
    global _last_sweep
    if time.monotonic() - _last_sweep < SWEEP_EVERY:
        return
    _last_sweep = time.monotonic()
    Tally.objects.filter(expires_at__lt=now - KEEP_EXPIRED).delete()
