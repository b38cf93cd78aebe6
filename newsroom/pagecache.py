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

Changing a version makes every page built on the old one stale, so the next request
renders afresh; the page and the versions come back from the cache in one round trip.
Logged-in users, readers with a one-time message waiting and anything but GET/HEAD
always get a fresh page, marked private. Views opt in with @reader_page (or a
`page_cache` policy on a class-based view); PageCacheMiddleware serves and stores pages.
"""

import functools
import hashlib
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

CONTENT_KEY = "pages:content"
NAMES_KEY = "pages:names"
ENTRY_FORMAT = 4


def content_version(state=None) -> str:
    """The current content version; renewed once the next scheduled article is due."""
    if state is None:
        state = cache.get(CONTENT_KEY)
    now = time.time()
    if state is None or (state["due"] is not None and now >= state["due"]):
        from articles.models import Article

        due = Article.objects.next_scheduled_time()
        state = {"version": uuid.uuid4().hex, "due": due.timestamp() if due else None}
        cache.set(CONTENT_KEY, state, None)
    return state["version"]


def content_changed() -> None:
    """Something readers see has changed: every cached page is out of date."""
    _expire(CONTENT_KEY)


def _expire(key: str) -> None:
    cache.delete(key)
    if transaction.get_connection().in_atomic_block:
        # Until the change commits, other requests read the database as it was and may
        # cache what they build under the new version: renew it again once it commits.
        transaction.on_commit(lambda: cache.delete(key))


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
    shown = f"{settings.SITE_NAME}|{settings.SITE_DESCRIPTION}|{settings.TELEGRAM_CHANNEL_URL}"
    digest = hashlib.sha256(shown.encode()).hexdigest()[:8]
    return f"{settings.RELEASE or _code_digest()}.{digest}"


def names_version(version=None) -> str:
    if version is None:
        version = uuid.uuid4().hex
        cache.add(NAMES_KEY, version, None)
        version = cache.get(NAMES_KEY, version)
    return version


def names_changed() -> None:
    """A section, tag or byline was renamed: it shows on articles' own parts and everywhere."""
    _expire(NAMES_KEY)
    content_changed()


def article_version(code: int, version=None) -> str:
    key = _article_key(code)
    if version is None:
        version = cache.get(key)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(key, version, None)
        version = cache.get(key, version)
    return version


def article_changed(code: int) -> None:
    """One article's page (its comments) has changed."""
    _expire(_article_key(code))


def _article_key(code: int) -> str:
    return f"pages:article:{code}"


class Versions(NamedTuple):
    # A tuple: cached entries hold it and compare it on every request.
    content: str
    names: str
    article: str | None = None


def fetch(keys: list[str], article_code: int | None = None) -> tuple[Versions, dict]:
    """The current versions and whatever the cache holds at `keys`, in one round trip."""
    version_keys = [CONTENT_KEY, NAMES_KEY]
    if article_code is not None:
        version_keys.append(_article_key(article_code))
    found = cache.get_many([*keys, *version_keys])
    versions = Versions(
        content=content_version(found.get(CONTENT_KEY)),
        names=names_version(found.get(NAMES_KEY)),
        article=(
            article_version(article_code, found.get(_article_key(article_code)))
            if article_code is not None
            else None
        ),
    )
    return versions, {key: found[key] for key in keys if key in found}


@dataclass(frozen=True)
class PagePolicy:
    """How a view's pages are cached: `article_code(kwargs)` names the article a page
    belongs to (its comments expire only it); `on_hit(request, meta)` runs when the cache
    answers, with the `cache_meta` the view set on its response."""

    article_code: Callable[[dict], int] | None = None
    on_hit: Callable[[HttpRequest, dict], None] | None = None


def reader_page(view=None, *, article_code=None, on_hit=None):
    """Mark a view whose pages anonymous readers get from the cache (PageCacheMiddleware)."""

    def mark(view):
        view.page_cache = PagePolicy(article_code, on_hit)
        return view

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
    Decided from the cookies alone, so a page from the cache costs no query."""
    return not (settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES)


def _lookup(request: HttpRequest, policy: PagePolicy) -> tuple[str, Versions, dict | None]:
    """The page's key, the versions it must have been built on, and the stored entry.

    One round trip fetches the entry and the versions together; an entry built on older
    versions is a miss.
    """
    code = policy.article_code(request.page_cache_kwargs) if policy.article_code else None
    # The day is in the key for the header's date; the host and scheme for absolute links.
    path = (
        f"{timezone.localdate().isoformat()}|{request.scheme}://{request.get_host()}"
        f"|{request.path_info}?{request.META.get('QUERY_STRING', '')}"
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
        if request.method not in ("GET", "HEAD") or settings.PAGE_CACHE_SECONDS <= 0:
            return self.get_response(request)
        policy = _policy(request)
        if policy is None:
            return self.get_response(request)
        if not anonymous_by_cookies(request):
            response = self.get_response(request)
            patch_cache_control(response, private=True, no_cache=True)
            return response

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
