from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from newsroom import jalali


def site(request: HttpRequest) -> dict:
    """What every page's header and footer show."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_DESCRIPTION": settings.SITE_DESCRIPTION,
        "today_jalali": jalali.format_weekday_date(timezone.localdate()),
    }
