import re

from django.http import HttpRequest, HttpResponse

from comments.forms import STARTED_PLACEHOLDER, started_now

PLACEHOLDER = STARTED_PLACEHOLDER.encode()
# The placeholder with its article's code (comments.forms.started_placeholder).
PLACEHOLDER_FOR = re.compile(re.escape(PLACEHOLDER) + rb"-for-(\d{1,20})")


class FillTimeMiddleware:
    """Each comment form a reader is handed says when, and for which article: the time goes
    into every response, a page from the cache included, so the page itself stays the same
    for everyone and the minimum fill time counts from when this reader got it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.streaming and PLACEHOLDER in response.content:
            response.content = PLACEHOLDER_FOR.sub(_stamp, response.content)
            if response.has_header("Content-Length"):
                # Set below by CommonMiddleware for the placeholder: gunicorn sends only as
                # many bytes as it says.
                response["Content-Length"] = str(len(response.content))
        return response


def _stamp(placeholder: re.Match) -> bytes:
    return started_now(int(placeholder[1])).encode()
