"""Whole reader pages from the cache for anonymous readers: the views that opt in
(@reader_page, or a `page_cache` policy on a class-based view) and PageCacheMiddleware, which
serves and stores their pages under the versions they were built on (see versions.py)."""

import functools
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

from newsroom.pagecache import edge
from newsroom.pagecache.locks import built_once
from newsroom.pagecache.versions import (
    ENTRY_FORMAT,
    Versions,
    read_once,
    release,
    versions_and_cached,
)


@dataclass(frozen=True)
class PagePolicy:
    """How a view's pages are cached: `params` are the query parameters its pages depend
    on (any other is ignored, so `?utm_source=…` gets the same page); `article_code(kwargs)`
    names the article a page belongs to (its comments expire only it); `on_hit(request,
    meta)` runs when the cache answers, with the `cache_meta` the view set on its response;
    `words` are parameters taken as typed (a search's); `applies()`, when given, says
    whether the pages are cached at all (as configured now)."""

    params: tuple[str, ...] = ()
    article_code: Callable[[dict], int] | None = None
    on_hit: Callable[[HttpRequest, dict], None] | None = None
    applies: Callable[[], bool] | None = None
    words: tuple[str, ...] = ()


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
    if policy is not None and policy.applies is not None and not policy.applies():
        return None
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


def _query(request: HttpRequest, params: tuple[str, ...], words: tuple[str, ...] = ()) -> str:
    """The part of the query string a page depends on, in one spelling: `?page=02&x=1`
    and `?page=2` are the same page. `words` (what a reader typed: a search) are kept whole
    as they came: «02» and «2» find different things, and so may two long queries."""
    given = []
    for name in (*params, *words):
        value = request.GET.get(name, "")
        if name in words:
            given.append(f"{name}={value}")
            continue
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
        f"|{request.path_info}?{_query(request, policy.params, policy.words)}"
    )
    # The entry's layout and the deploy are part of the key: a new one starts afresh.
    key = f"page:{ENTRY_FORMAT}:{release()}:" + hashlib.sha256(path.encode()).hexdigest()
    versions, found = versions_and_cached([key], article_code=code)
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
        edge.resume()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        policy = _policy(request)
        if policy is None:
            return self.get_response(request)
        with read_once():
            if not anonymous_by_cookies(request):
                response = self.get_response(request)
                patch_cache_control(response, private=True, no_cache=True)
                return response
            if settings.PAGE_CACHE_SECONDS <= 0:
                response = self.get_response(request)
            else:
                response = self._serve(request, policy)
            code = policy.article_code(request.page_cache_kwargs) if policy.article_code else None
            return edge.mark(response, code)

    def _serve(self, request: HttpRequest, policy: PagePolicy) -> HttpResponse:
        key, versions, entry = _lookup(request, policy)
        if entry is not None:
            request.page_cache = "hit"
            return _from_entry(request, policy, entry)

        def cached() -> HttpResponse | None:
            entry = _current(key, versions)
            return None if entry is None else _from_entry(request, policy, entry)

        # Readers who miss together wait for one of them to build the page (locks.py).
        response, built = built_once(
            key, versions, lambda: self._build(request, key, versions), cached
        )
        request.page_cache = "miss" if built else "waited"
        return response

    def _build(self, request: HttpRequest, key: str, versions: Versions) -> HttpResponse:
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


def _current(key: str, versions: Versions) -> dict | None:
    """The entry at `key` if it was built on `versions`."""
    entry = cache.get(key)
    if not isinstance(entry, dict) or entry.get("versions") != tuple(versions):
        return None
    return entry


def _from_entry(request: HttpRequest, policy: PagePolicy, entry: dict) -> HttpResponse:
    response = HttpResponse(entry["content"], status=200)
    for header, value in entry["headers"]:
        response[header] = value
    if policy.on_hit is not None:
        policy.on_hit(request, entry["meta"])
    return response
