"""The anonymous reader cookie and the reader's address, hashed: enough to count one per
reader, useless to identify them."""

import hashlib
import hmac
import uuid

from django.conf import settings
from django.http import HttpRequest, HttpResponse

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
