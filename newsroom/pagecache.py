"""Whole reader pages from the cache for anonymous readers, never stale.

A cached page is keyed by versions of what it shows:

- the *content* version changes whenever anything readers can see changes: an article
  published, edited, unpublished, a section or tag renamed, and the moment the next
  scheduled article's time arrives (kept beside the version, checked on every request);
- an *article* version per news code changes when that article's comments change.

Changing a version makes every page built on the old one unreachable, so the next request
renders afresh. Logged-in users, readers with a one-time message waiting and anything but
GET/HEAD always get a fresh page, marked private.
"""

import hashlib
import time
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

CONTENT_KEY = "pages:content"


def content_version() -> str:
    """The current content version; renewed once the next scheduled article is due."""
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


def article_version(code: int) -> str:
    key = f"pages:article:{code}"
    version = cache.get(key)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(key, version, None)
        version = cache.get(key, version)
    return version


def article_changed(code: int) -> None:
    """One article's page (its comments) has changed."""
    cache.delete(f"pages:article:{code}")


def cacheable(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or settings.PAGE_CACHE_SECONDS <= 0:
        return False
    if "messages" in request.COOKIES:  # a one-time «نظر شما ثبت شد» waits for this reader
        return False
    # Only a reader with a session can be logged in; most have none, and cost no query.
    return not (settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated)


def reader_page(view=None, *, article_code=None, on_hit=None):
    """Serve `view` from the cache for anonymous readers.

    `article_code(kwargs)` names the article a page belongs to, so its own changes (its
    comments) expire only it. `on_hit(request, meta)` runs when the cache answers, with
    the `cache_meta` the view set on its response (e.g. to count a page view).
    """

    def decorate(view):
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            if not cacheable(request):
                response = view(request, *args, **kwargs)
                patch_cache_control(response, private=True, no_cache=True)
                return response
            parts = [content_version(), timezone.localdate().isoformat()]
            if article_code is not None:
                parts.append(article_version(article_code(kwargs)))
            key = (
                "page:"
                + hashlib.sha256("|".join([*parts, request.get_full_path()]).encode()).hexdigest()
            )
            entry = cache.get(key)
            if entry is None:
                response = view(request, *args, **kwargs)
                if response.status_code != 200 or response.streaming:
                    return response
                if hasattr(response, "render"):
                    response.render()
                entry = {
                    "content": response.content,
                    "etag": '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"',
                    "content_type": response["Content-Type"],
                    "modified": time.time(),
                    "meta": getattr(response, "cache_meta", {}),
                }
                cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
                request.page_cache = "miss"
            else:
                response = HttpResponse(entry["content"], content_type=entry["content_type"])
                request.page_cache = "hit"
                if on_hit is not None:
                    on_hit(request, entry["meta"])
            response["ETag"] = entry["etag"]
            response["Last-Modified"] = http_date(entry["modified"])
            # Shared caches may keep it, but must ask again each time: never stale.
            patch_cache_control(response, public=True, no_cache=True)
            return response

        return wrapped

    return decorate(view) if view is not None else decorate
