"""What every reader form's endpoint wears: same origin only, a small body, never cached."""

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.http import is_same_domain
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods


def wants_json(request: HttpRequest) -> bool:
    """The reader form's script asks for JSON; without it, the form posts for a page."""
    return "application/json" in request.headers.get("Accept", "")


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


def reader_form(methods=("POST",)):
    """The stack every reader form's endpoint wears: CSRF-exempt (see `same_origin`) but
    same-origin only, a small body, never cached, and only the given methods."""

    def decorate(view):
        view = same_origin(require_http_methods(list(methods))(view))
        return csrf_exempt(never_cache(under_size_limit(view)))

    return decorate
