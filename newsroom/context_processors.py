from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest
from django.templatetags.static import static
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode

from newsroom import messengers
from newsroom.persian import jalali


def site(request: HttpRequest) -> dict:
    """What every page's header and footer show; computed only where a page uses it, since
    those parts of a page often come from the cache (newsroom/pagecache/parts.py)."""

    def canonical() -> str:
        url = absolute(request, request.path)
        page = request.GET.get("page", "")
        if page.isdigit() and page != "1":
            url += "?" + urlencode({"page": page})
        return url

    return {
        "canonical_url": SimpleLazyObject(canonical),
        "site_icon_url": SimpleLazyObject(lambda: absolute(request, static("newsroom/icon.png"))),
        "channels": SimpleLazyObject(messengers.channels),
        "SITE_NAME": settings.SITE_NAME,
        "SITE_DESCRIPTION": settings.SITE_DESCRIPTION,
        "today_jalali": SimpleLazyObject(lambda: jalali.format_weekday_date(timezone.localdate())),
    }


def absolute(request: HttpRequest, path: str) -> str:
    """`path` as a full URL on this site; as it is for the 400 page a request for a host that
    is not ours gets (the host it named must not be echoed, and asking for it again raises)."""
    try:
        return request.build_absolute_uri(path)
    except DisallowedHost:
        return path
