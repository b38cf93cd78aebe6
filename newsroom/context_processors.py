from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.utils import timezone
from django.utils.http import urlencode

from newsroom import jalali


def site(request: HttpRequest) -> dict:
    """What every page's header and footer show."""
    page = request.GET.get("page", "")
    canonical = request.build_absolute_uri(request.path)
    if page.isdigit() and page != "1":
        canonical += "?" + urlencode({"page": page})
    return {
        "canonical_url": canonical,
        "site_icon_url": request.build_absolute_uri(static("newsroom/icon.png")),
        "TELEGRAM_CHANNEL_URL": settings.TELEGRAM_CHANNEL_URL,
        "SITE_NAME": settings.SITE_NAME,
        "SITE_DESCRIPTION": settings.SITE_DESCRIPTION,
        "today_jalali": jalali.format_weekday_date(timezone.localdate()),
    }
