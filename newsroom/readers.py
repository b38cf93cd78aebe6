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
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
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
    """Refuse a POST that a browser says came from another site.

    The reader forms are CSRF-exempt so cached pages need no per-reader token; cookies
    are SameSite=Lax, so a cross-site POST carries neither session nor reader cookie, and
    browsers that send `Origin` are checked here as well.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        origin = request.headers.get("Origin", "null")
        foreign = origin != "null" and urlsplit(origin).netloc != request.get_host()
        if request.method == "POST" and foreign:
            return HttpResponseForbidden("درخواست از وبگاه دیگری آمده است.")
        return view(request, *args, **kwargs)

    return wrapped


def over_limit_for(reader: str, scope: str, limit: int, period: int) -> bool:
    """Like `over_limit`, counted per reader (cookie or account) instead of per address."""
    return _count(f"flood:{scope}:reader:{reader}", limit, period)


def reader_form(methods=("POST",)):
    """The stack every reader form's endpoint wears: CSRF-exempt (see `same_origin`) but
    same-origin only, never cached, and only the given methods."""

    def decorate(view):
        return csrf_exempt(same_origin(never_cache(require_http_methods(list(methods))(view))))

    return decorate
