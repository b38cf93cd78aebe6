import logging
import re
import time
import uuid

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import ContentSecurityPolicyMiddleware as DjangoCSPMiddleware

logger = logging.getLogger("newsroom.requests")
# A request id from a proxy is echoed back and logged; anything else is replaced.
_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


class RequestLogMiddleware:
    """A structured line per request: what, how it ended, how long, cache hit or not."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "")
        request.id = given if _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        started = time.perf_counter()
        response = self.get_response(request)
        if logger.isEnabledFor(logging.INFO):
            self._log(request, response, started)
        response["X-Request-ID"] = request.id
        return response

    @staticmethod
    def _log(request: HttpRequest, response: HttpResponse, started: float) -> None:
        # Asked only when the line is written: who the user is costs a session lookup.
        user = getattr(request, "user", None)
        logger.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "request_id": request.id,
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                "page_cache": getattr(request, "page_cache", None),
                "user_id": user.pk if user is not None and user.is_authenticated else None,
            },
        )


class ContentSecurityPolicyMiddleware(DjangoCSPMiddleware):
    """Django's CSP: the strict policy for readers, ADMIN_CSP for the editors' tools."""

    staff_paths = ("/admin/", "/ckeditor/")

    def process_response(self, request, response):
        if request.path.startswith(self.staff_paths) and not hasattr(response, "_csp_config"):
            response._csp_config = settings.ADMIN_CSP
        return super().process_response(request, response)


class HeadMiddleware:
    """A HEAD gets the headers its GET would, Content-Length included, and no body.

    Django leaves dropping the body to the server (its test client drops it too, so the
    suite never saw it): gunicorn before 27 sent the whole page after the headers, and 27
    drops it with a warning in the log for every such request. Outermost, so the length
    is that of the body a GET really gets.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method == "HEAD":
            if response.streaming:
                response.streaming_content = []
            else:
                response.content = b""
        return response
