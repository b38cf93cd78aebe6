"""Whole reader pages from the cache for anonymous readers, never stale.

A cached page carries the versions of what it shows, and counts only while they are
current:

- the *content* version changes whenever anything readers can see changes: an article
  published, edited, unpublished, a section or tag renamed, and the moment the next
  scheduled article's time arrives (kept beside the version, checked on every request);
- an *article* version per news code changes when that article's comments change.

Changing a version makes every page built on the old one stale, so the next request
renders afresh; the page and the versions come back from the cache in one round trip.
Logged-in users, readers with a one-time message waiting and anything but GET/HEAD
always get a fresh page, marked private. Views opt in with @reader_page (or a
`page_cache` policy on a class-based view); PageCacheMiddleware serves and stores pages.
"""

import hashlib
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

CONTENT_KEY = "pages:content"
ENTRY_FORMAT = 2


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
    cache.delete(CONTENT_KEY)


def article_version(code: int, version=None) -> str:
    key = f"pages:article:{code}"
    if version is None:
        version = cache.get(key)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(key, version, None)
        version = cache.get(key, version)
    return version


def article_changed(code: int) -> None:
    """One article's page (its comments) has changed."""
    cache.delete(f"pages:article:{code}")


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
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    view = match.func
    policy = getattr(view, "page_cache", None) or getattr(
        getattr(view, "view_class", None), "page_cache", None
    )
    if policy is not None:
        request.page_cache_kwargs = match.kwargs
    return policy


def _anonymous_by_cookies(request: HttpRequest) -> bool:
    """Without a session no one is logged in; without `messages` nothing waits for them.
    Decided from the cookies alone, so a page from the cache costs no query."""
    return not (settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES)


def _lookup(request: HttpRequest, policy: PagePolicy) -> tuple[str, tuple, dict | None]:
    """The page's key, the versions it must have been built on, and the stored entry.

    One round trip fetches the entry and the versions together; an entry built on older
    versions is a miss.
    """
    code = policy.article_code(request.page_cache_kwargs) if policy.article_code else None
    article_key = f"pages:article:{code}"
    path = f"{timezone.localdate().isoformat()}|{request.get_full_path()}"
    # The entry's layout is part of the key: a deploy that changes it starts afresh.
    key = f"page:{ENTRY_FORMAT}:" + hashlib.sha256(path.encode()).hexdigest()
    found = cache.get_many(
        [key, CONTENT_KEY, article_key] if code is not None else [key, CONTENT_KEY]
    )
    versions = (
        content_version(found.get(CONTENT_KEY)),
        article_version(code, found.get(article_key)) if code is not None else None,
    )
    entry = found.get(key)
    if not isinstance(entry, dict) or entry.get("versions") != versions:
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
        if not _anonymous_by_cookies(request):
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
            response["ETag"] = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
            response["Last-Modified"] = http_date(time.time())
            # Shared caches may keep it, but must ask again each time: never stale.
            patch_cache_control(response, public=True, no_cache=True)
            entry = {
                "versions": versions,
                "content": response.content,
                "headers": list(response.items()),
                "meta": getattr(response, "cache_meta", {}),
            }
            cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
        return response
