"""Whole reader pages from the cache for anonymous readers, never stale.

A cached page carries the versions of what it shows, and counts only while they are
current:

- the *content* version changes whenever anything readers can see changes: an article
  published, edited, unpublished, a section or tag renamed, and the moment the next
  scheduled article's time arrives (kept beside the version, checked on every request);
- an *article* version per news code changes when that article's comments change;
- the *names* version changes when a section, tag or byline is renamed: the parts of an
  article's page that show only the article itself depend on it and on the article's own
  version, not on the content version (see newsroom/fragments.py).

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

import contextvars
import datetime
import functools
import hashlib
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

from newsroom.models import CacheVersion

CONTENT = "content"
NAMES = "names"
ENTRY_FORMAT = 5
UNKNOWN = "-"  # the token of a scope that has never changed
# The content version's `due` (seconds since the epoch) when no scheduled article waits;
# NULL: not known yet.
NEVER = 253_402_300_799  # 9999-12-31

_next_due: Callable[[datetime.datetime], datetime.datetime | None] = lambda now: None  # noqa: E731


def schedule(next_due: Callable[[datetime.datetime], datetime.datetime | None]) -> None:
    """Tell the cache when the next change nobody makes is due (a scheduled article's
    time): `next_due(now)` answers the earliest such moment after `now`, or None."""
    global _next_due
    _next_due = next_due


def _renew(scope: str, due: int | None = None) -> str:
    """A new token for `scope`, in the caller's transaction."""
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
    due = _next_due(now)
    return NEVER if due is None else int(due.timestamp())


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
    with connection.cursor() as cursor:
        cursor.execute(_select_versions(len(scopes)), scopes)
        rows = {scope: (token, due) for scope, token, due in cursor.fetchall()}
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
    if rows.filter(token=token).update(token=renewed, due=_due(now)):
        return renewed
    return rows.values_list("token", flat=True).get()


def content_version() -> str:
    return versions().content


def fetch(keys: list[str], article_code: int | None = None) -> tuple[Versions, dict]:
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
    deploy, or before the site's name or Telegram channel changed, is not used."""
    return _release(
        settings.RELEASE,
        f"{settings.SITE_NAME}|{settings.SITE_DESCRIPTION}|{settings.TELEGRAM_CHANNEL_URL}",
    )


@functools.lru_cache(maxsize=8)
def _release(named: str, shown: str) -> str:
    # Asked for every key of every page: the same few settings, hashed once.
    return f"{named or _code_digest()}.{hashlib.sha256(shown.encode()).hexdigest()[:8]}"


@dataclass(frozen=True)
class PagePolicy:
    """How a view's pages are cached: `params` are the query parameters its pages depend
    on (any other is ignored, so `?utm_source=…` gets the same page); `article_code(kwargs)`
    names the article a page belongs to (its comments expire only it); `on_hit(request,
    meta)` runs when the cache answers, with the `cache_meta` the view set on its response."""

    params: tuple[str, ...] = ()
    article_code: Callable[[dict], int] | None = None
    on_hit: Callable[[HttpRequest, dict], None] | None = None


def reader_page(view=None, *, params=(), article_code=None, on_hit=None):
    """Mark a view whose pages anonymous readers get from the cache (PageCacheMiddleware)."""

    def mark(view):
        @functools.wraps(view)
        def marked(*args, **kwargs):
            return view(*args, **kwargs)

        marked.page_cache = PagePolicy(tuple(params), article_code, on_hit)
        return marked

    return mark(view) if view is not None else mark


def _policy(request: HttpRequest) -> PagePolicy | None:
    policy, kwargs = _policy_for_path(request.path_info, get_urlconf() or settings.ROOT_URLCONF)
    if policy is not None:
        request.page_cache_kwargs = kwargs
    return policy


@functools.lru_cache(maxsize=4096)
def _policy_for_path(path: str, urlconf) -> tuple[PagePolicy | None, dict]:
    """A path's policy and URL arguments: the same for the life of the process, and asked
    on every request, so remembered for the paths most asked."""
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return None, {}
    view = match.func
    policy = getattr(view, "page_cache", None) or getattr(
        getattr(view, "view_class", None), "page_cache", None
    )
    return policy, match.kwargs


def anonymous_by_cookies(request: HttpRequest) -> bool:
    """Without a session no one is logged in; without `messages` nothing waits for them.
    Decided from the cookies alone, without a session lookup."""
    return not (settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES)


def _query(request: HttpRequest, params: tuple[str, ...]) -> str:
    """The part of the query string a page depends on, in one spelling: `?page=02&x=1`
    and `?page=2` are the same page."""
    given = []
    for name in params:
        value = request.GET.get(name, "")
        if value.isascii() and value.isdigit():
            value = str(int(value))
        if value:
            given.append(f"{name}={value[:100]}")
    return "&".join(given)


def _lookup(request: HttpRequest, policy: PagePolicy) -> tuple[str, Versions, dict | None]:
    """The page's key, the versions it must have been built on, and the stored entry; an
    entry built on older versions is a miss."""
    code = policy.article_code(request.page_cache_kwargs) if policy.article_code else None
    # The day is in the key for the header's date; the host and scheme for absolute links.
    path = (
        f"{timezone.localdate().isoformat()}|{request.scheme}://{request.get_host()}"
        f"|{request.path_info}?{_query(request, policy.params)}"
    )
    # The entry's layout and the deploy are part of the key: a new one starts afresh.
    key = f"page:{ENTRY_FORMAT}:{release()}:" + hashlib.sha256(path.encode()).hexdigest()
    versions, found = fetch([key], article_code=code)
    entry = found.get(key)
    if not isinstance(entry, dict) or entry.get("versions") != tuple(versions):
        entry = None
    return key, versions, entry


class PageCacheMiddleware:
    """Answers from the cache before the rest of the stack runs; stores what it let through.

    It sits high, so a page from the cache skips sessions, authentication, messages and
    the view; the headers the lower middleware added are stored with the page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        policy = _policy(request)
        if policy is None:
            return self.get_response(request)
        reading = _read_for_request.set({})
        try:
            if not anonymous_by_cookies(request):
                response = self.get_response(request)
                patch_cache_control(response, private=True, no_cache=True)
                return response
            if settings.PAGE_CACHE_SECONDS <= 0:
                return self.get_response(request)
            return self._serve(request, policy)
        finally:
            _read_for_request.reset(reading)

    def _serve(self, request: HttpRequest, policy: PagePolicy) -> HttpResponse:
        key, versions, entry = _lookup(request, policy)
        if entry is not None:
            request.page_cache = "hit"
            response = HttpResponse(entry["content"], status=200)
            for header, value in entry["headers"]:
                response[header] = value
            if policy.on_hit is not None:
                policy.on_hit(request, entry["meta"])
            return response

        request.page_cache = "miss"
        response = self.get_response(request)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            # Weak: the comment form's fill time differs in each copy (FillTimeMiddleware).
            response["ETag"] = 'W/"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
            response["Last-Modified"] = http_date(time.time())
            # Shared caches may keep it, but must ask again each time: never stale.
            patch_cache_control(response, public=True, no_cache=True)
            entry = {
                "versions": tuple(versions),
                "content": response.content,
                "headers": list(response.items()),
                "meta": getattr(response, "cache_meta", {}),
            }
            cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
        return response
