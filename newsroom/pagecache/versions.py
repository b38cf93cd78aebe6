"""Whole reader pages from the cache for anonymous readers, never stale.

A cached page carries the versions of what it shows, and counts only while they are
current:

- the *content* version changes whenever anything readers can see changes: an article
  published, edited, unpublished, a section or tag renamed, and the moment the next
  scheduled article's time arrives (kept beside the version, checked on every request);
- an *article* version per news code changes when that article's comments change;
- the *names* version changes when a section, tag or byline is renamed: the parts of an
  article's page that show only the article itself depend on it and on the article's own
  version, not on the content version (see newsroom/pagecache/parts.py).

The versions live in the database (newsroom.models.CacheVersion), renewed in the very
transaction that makes the change: a cache that is lost, restarted or rolled back to an
old snapshot can only hold copies nobody asks for, never bring back what the database says
is gone. One indexed query reads them; the page comes from the cache in one round trip.
The apps renew them from their models' signals and querysets, and tell this module when
the next scheduled change is due (`schedule`): it knows versions, not models.

Logged-in users, readers with a one-time message waiting and anything but GET/HEAD
always get a fresh page, marked private. Views opt in with @reader_page (or a
`page_cache` policy on a class-based view), naming the query parameters their pages
depend on; any other parameter (utm_*, fbclid, junk) gets the same page from the cache.
PageCacheMiddleware serves and stores pages.
"""

import contextlib
import contextvars
import datetime
import functools
import hashlib
import time
import uuid
from collections.abc import Callable, Iterator
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from newsroom import messengers
from newsroom.compiled import prepared
from newsroom.models import CacheVersion
from newsroom.pagecache import edge

CONTENT = "content"
NAMES = "names"
ENTRY_FORMAT = 5
UNKNOWN = "-"  # the token of a scope that has never changed
# The content version's `due` (seconds since the epoch) when no scheduled article waits;
# NULL: not known yet.
NEVER = 253_402_300_799  # 9999-12-31

_next_due: list[Callable[[datetime.datetime], datetime.datetime | None]] = []
# The content version's `due` as this process last read or wrote it: the edge keeps no
# page past it (edge.changes_at).
_seen_due: int | None = None
edge.changes_at(lambda now: _seen_due)


def schedule(next_due: Callable[[datetime.datetime], datetime.datetime | None]) -> None:
    """Tell the cache when the next change nobody makes is due (a scheduled article's
    time, a pin's end): `next_due(now)` answers the earliest such moment after `now`, or
    None. Each registers its own; the earliest of them counts."""
    _next_due.append(next_due)


def _renew(scope: str, due: int | None = None) -> str:
    """A new token for `scope`, in the caller's transaction; the edge forgets the pages
    built on the old one when it commits."""
    global _seen_due
    if scope == CONTENT:
        _seen_due = due
    edge.purge_on_commit(edge.scope_key(scope))
    token = uuid.uuid4().hex
    rows = CacheVersion.objects.filter(scope=scope)
    if not rows.update(token=token, due=due):
        try:
            with transaction.atomic():
                CacheVersion.objects.create(scope=scope, token=token, due=due)
        except IntegrityError:  # created meanwhile by another change
            rows.update(token=token, due=due)
    return token


def content_changed() -> None:
    """Something readers see has changed: every cached page is out of date."""
    _renew(CONTENT, due=_due(timezone.now()))


def _due(now: datetime.datetime) -> int:
    dues = [due for next_due in _next_due if (due := next_due(now)) is not None]
    return int(min(dues).timestamp()) if dues else NEVER


def names_changed() -> None:
    """A section, tag or byline was renamed: it shows on articles' own parts and everywhere."""
    _renew(NAMES)
    content_changed()


def article_changed(code: int) -> None:
    """One article's page (its comments) has changed."""
    _renew(_article_scope(code))


def _article_scope(code: int) -> str:
    return f"article:{code}"


class Versions(NamedTuple):
    # A tuple: cached entries hold it and compare it on every request.
    content: str
    names: str
    article: str | None = None


# The versions a reader's request has read, by article code: a page asks once, however
# many of its parts depend on them (set by PageCacheMiddleware for the request it serves).
_read_for_request: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "versions_read_for_request", default=None
)


@contextlib.contextmanager
def read_once() -> Iterator[None]:
    """Within it (a reader's request), the versions are read from the database once."""
    reading = _read_for_request.set({})
    try:
        yield
    finally:
        _read_for_request.reset(reading)


def versions(article_code: int | None = None) -> Versions:
    """The current versions, from the database (one query, once per reader's request)."""
    read = _read_for_request.get()
    if read is not None:
        if article_code in read:
            return read[article_code]
        if article_code is None and read:
            return next(iter(read.values()))._replace(article=None)
    current = _versions(article_code)
    if read is not None:
        read[article_code] = current
    return current


def _versions(article_code: int | None) -> Versions:
    scopes = [CONTENT, NAMES]
    if article_code is not None:
        scopes.append(_article_scope(article_code))
    # Asked on every reader's request: plain SQL costs a tenth of the ORM's query here.
    with prepared(connection.alias) as cursor:
        cursor.execute(_select_versions(len(scopes)), scopes)
        rows = {scope: (token, due) for scope, token, due in cursor.fetchall()}
    global _seen_due
    _seen_due = rows.get(CONTENT, (None, _seen_due))[1]
    return Versions(
        content=_current_content(rows.get(CONTENT)),
        names=rows.get(NAMES, (UNKNOWN,))[0],
        article=(
            rows.get(_article_scope(article_code), (UNKNOWN,))[0]
            if article_code is not None
            else None
        ),
    )


@functools.cache
def _select_versions(count: int) -> str:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(name) for name in ("scope", "token", "due"))
    return (
        f"SELECT {columns} FROM {quote(CacheVersion._meta.db_table)} "
        f"WHERE {quote('scope')} IN ({', '.join(['%s'] * count)})"
    )


def _current_content(row: tuple[str, int | None] | None) -> str:
    """The content token; once a scheduled article's time has come (or when nobody has
    looked at the schedule yet: a new database), a new one, renewed by the first request
    to notice; the others read what it wrote."""
    if row is None:
        return _renew(CONTENT, due=_due(timezone.now()))
    token, due = row
    if due is not None and time.time() < due:
        return token
    now = timezone.now()
    renewed = uuid.uuid4().hex
    rows = CacheVersion.objects.filter(scope=CONTENT)
    global _seen_due
    _seen_due = _due(now)
    if rows.filter(token=token).update(token=renewed, due=_seen_due):
        edge.purge_on_commit(edge.scope_key(CONTENT))
        return renewed
    return rows.values_list("token", flat=True).get()


def content_version() -> str:
    return versions().content


def versions_and_cached(keys: list[str], article_code: int | None = None) -> tuple[Versions, dict]:
    """The current versions and whatever the cache holds at `keys`."""
    current = versions(article_code)
    return current, (cache.get_many(keys) if keys else {})


@functools.cache
def _code_digest() -> str:
    digest = hashlib.sha256()
    for folder in ("templates", "newsroom", "articles", "comments"):
        for path in sorted((settings.BASE_DIR / folder).rglob("*")):
            if path.suffix in {".py", ".html", ".xml", ".txt"} and path.is_file():
                digest.update(path.read_bytes())
    manifest = settings.STATIC_ROOT / "staticfiles.json"
    if manifest.is_file():  # the hashed names of the static files the pages link to
        digest.update(manifest.read_bytes())
    return digest.hexdigest()[:16]


def release() -> str:
    """What this deploy renders with (RELEASE, else a digest of the templates, the code and
    the static files' names), and the settings pages show: a page or part built by another
    deploy, or before the site's name or one of its channels changed, is not used."""
    return _release(
        settings.RELEASE,
        f"{settings.SITE_NAME}|{settings.SITE_DESCRIPTION}|{messengers.channels_shown()}",
    )


@functools.lru_cache(maxsize=8)
def _release(named: str, shown: str) -> str:
    # Asked for every key of every page: the same few settings, hashed once.
    return f"{named or _code_digest()}.{hashlib.sha256(shown.encode()).hexdigest()[:8]}"
