"""The project's own endpoints: health for load balancers, uploads on a single box, and a
bare view for `make bench`."""

import logging

from django.conf import settings
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views import static
from django.views.decorators.cache import never_cache

from newsroom.serving import cache

logger = logging.getLogger(__name__)


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database and the cache both answer, else 503 saying which did not."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception as exc:
        logger.error("healthz: database: %s", exc)
        checks["database"] = "unavailable"
    try:
        cache.check()  # asks Redis itself: its errors are not forgiven here
        checks["cache"] = "ok"
    except Exception as exc:
        logger.error("healthz: cache: %s", exc)
        checks["cache"] = "unavailable"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503
    )


def bare(request: HttpRequest) -> HttpResponse:
    """The cheapest Django response, for `make bench` to measure pages against."""
    return HttpResponse("ok", content_type="text/plain")


def media(request: HttpRequest, path: str) -> HttpResponse:
    """An uploaded file (pictures and their renditions), where nothing in front serves them:
    in development, or with SERVE_MEDIA on a single box. Elsewhere, 404."""
    if not (settings.DEBUG or settings.SERVE_MEDIA) or settings.MEDIA_BUCKET:
        raise Http404
    return static.serve(request, path, document_root=settings.MEDIA_ROOT)
