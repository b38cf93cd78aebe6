"""Who is reading: the anonymous reader cookie, hashed addresses and flood limits.

The usefulness widget and the comments both count "one per reader"; this is where a reader
is told apart, without storing who they are or where they came from.
"""

import hashlib
import hmac
import uuid
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.http import is_same_domain
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from newsroom import tallies

READER_COOKIE = "reader"
READER_SALT = "newsroom.reader"
READER_MAX_AGE = 60 * 60 * 24 * 365 * 2  # two years


def reader_key(request: HttpRequest) -> str:
    """ "u:<id>" for a logged-in user whatever their cookie, else "a:<uuid>" from the cookie.

    A reader without a (valid) cookie gets a new id; `remember_reader` sets it.
    """
    if request.user.is_authenticated:
        return f"u:{request.user.pk}"
    known = request.get_signed_cookie(READER_COOKIE, default=None, salt=READER_SALT)
    if known:
        try:
            return f"a:{uuid.UUID(known)}"
        except ValueError:
            pass
    if not hasattr(request, "_new_reader_id"):
        request._new_reader_id = str(uuid.uuid4())
    return f"a:{request._new_reader_id}"


def remember_reader(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Set the reader cookie on `response` if this request made a new reader."""
    new_id = getattr(request, "_new_reader_id", None)
    if new_id:
        response.set_signed_cookie(
            READER_COOKIE,
            new_id,
            salt=READER_SALT,
            max_age=READER_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def client_address(request: HttpRequest) -> str:
    """The reader's address: REMOTE_ADDR, or the one our own proxies saw (NUM_PROXIES)."""
    proxies = settings.NUM_PROXIES
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def address_hash(request: HttpRequest) -> str:
    """A keyed hash of the reader's address: enough to count, useless to identify."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, client_address(request).encode(), hashlib.sha256).hexdigest()


def over_limit(request: HttpRequest, scope: str, limit: int, period: int) -> bool:
    """Count one more `scope` action from this address; True once past `limit` in `period` s."""
    return _count(f"flood:{scope}:{address_hash(request)}", limit, period)


def _count(key: str, limit: int, period: int) -> bool:
    """One more in a window of `period` seconds; True once past `limit`. Counted in the
    database: exact across workers and machines, with or without Redis."""
    return tallies.add(key, period) > limit


def same_origin(view):
    """Refuse a POST that a browser says came from anywhere but this site.

    The reader forms are CSRF-exempt so cached pages need no per-reader token; cookies
    are SameSite=Lax, so a cross-site POST carries neither session nor reader cookie. What
    a foreign page could still do is make visitors' browsers vote and report from their
    addresses, so a browser's word on where a POST came from is taken:

    - `Sec-Fetch-Site`, where the browser sends it: "same-origin", or "none" (the reader
      sent it themselves), is from here; "same-site" and "cross-site" are not;
    - else `Origin`: this site's own scheme and host, or one of CSRF_TRUSTED_ORIGINS. A
      sandboxed frame on any site sends "null", which is refused.

    A POST with neither header is taken: browsers that post forms send at least one, so it
    comes from a program (curl, an old client), and a program gains nothing a stranger
    could not do directly — it carries no reader's cookie or session.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        if request.method == "POST" and not from_this_site(request):
            return refusal(request, 403, FOREIGN)
        return view(request, *args, **kwargs)

    return wrapped


FOREIGN = "این فرم را باید از خود وبگاه فرستاد؛ صفحه خبر را باز کنید و از آن‌جا بفرستید."


def from_this_site(request: HttpRequest) -> bool:
    """Whether the browser that sent `request` says it came from this site (see
    `same_origin`); True when it says nothing."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site in ("same-origin", "none"):
        return True
    origin = request.headers.get("Origin")
    if origin is not None and _trusted_origin(origin):
        return True  # another of our own sites, e.g. www. in front of the apex
    if fetch_site is not None:
        return False  # "same-site", "cross-site"
    if origin is None:
        return True  # no browser's form (see `same_origin`)
    return origin == f"{request.scheme}://{request.get_host()}"


def _trusted_origin(origin: str) -> bool:
    """An origin listed in CSRF_TRUSTED_ORIGINS, "https://*.example.com" as Django reads it."""
    if origin in settings.CSRF_TRUSTED_ORIGINS:
        return True
    parts = urlsplit(origin)
    wildcards = [urlsplit(t) for t in settings.CSRF_TRUSTED_ORIGINS if "://*." in t]
    return any(
        allowed.scheme == parts.scheme and is_same_domain(parts.netloc, allowed.netloc[1:])
        for allowed in wildcards
    )


def under_size_limit(view):
    """Refuse a body bigger than READER_FORM_MAX_BYTES before a byte of it is read.

    Reader forms take a few kilobytes of text and no files; Django's own limit
    (DATA_UPLOAD_MAX_MEMORY_SIZE) does not count file parts, which it would write to disk.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads no body then
        if length > settings.READER_FORM_MAX_BYTES:
            return refusal(request, 413, TOO_BIG)
        return view(request, *args, **kwargs)

    return wrapped


TOO_BIG = "آنچه فرستادید بیش از اندازه بزرگ است؛ متن را کوتاه‌تر کنید و دوباره بفرستید."


def refusal(request: HttpRequest, status: int, message: str) -> HttpResponse:
    """A reader's form refused before its view saw it: JSON for the page's script, else
    the error page of that kind with `message`."""
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"error": message}, status=status)
    template = "403.html" if status == 403 else "400.html"
    return render(request, template, {"message": message}, status=status)


def over_limit_for(reader: str, scope: str, limit: int, period: int) -> bool:
    """Like `over_limit`, counted per reader (cookie or account) instead of per address."""
    return _count(f"flood:{scope}:reader:{reader}", limit, period)


def reader_form(methods=("POST",)):
    """The stack every reader form's endpoint wears: CSRF-exempt (see `same_origin`) but
    same-origin only, a small body, never cached, and only the given methods."""

    def decorate(view):
        view = same_origin(require_http_methods(list(methods))(view))
        return csrf_exempt(never_cache(under_size_limit(view)))

    return decorate
