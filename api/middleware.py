"""What every answer of the public API (/api/…) wears: a limit per address, counted before
anything else runs (a cached answer too), and CORS for reading from any site."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from newsroom.persian.text import to_persian_digits
from newsroom.readers.limits import address_wait

PREFIX = "/api/"
READING = ("GET", "HEAD", "OPTIONS")


def too_many(seconds: int) -> JsonResponse:
    response = JsonResponse(
        {
            "detail": (
                "از این نشانی درخواست‌های زیادی رسیده است؛ "
                f"{to_persian_digits(seconds)} ثانیه دیگر دوباره بپرسید."
            )
        },
        status=429,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Retry-After"] = str(seconds)
    return response


class ApiMiddleware:
    """For /api/ only. CORS: anyone's page may read the API (`*`, never with credentials:
    the API shows what any reader sees, and no cookie changes it); a preflight is answered
    here, uncounted. Written here rather than with django-cors-headers: one header on one
    prefix, no origin list to keep, and it must sit above the page cache and the conditional
    GET so a page from the cache and a 304 wear it too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith(PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = ", ".join(READING)
            response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
            response["Access-Control-Max-Age"] = "86400"
        elif wait := address_wait(request, "api", *settings.API_RATE_LIMIT):
            response = too_many(wait)
        else:
            response = self.get_response(request)
        if request.method in READING:
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = "ETag, Retry-After"
        return response
