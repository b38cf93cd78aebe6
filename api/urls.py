"""/api/: version 1 of the API, and a JSON 404 for anything else under it."""

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, include, path, re_path, resolve, reverse

from api.views import CACHED, NOT_FOUND, api


def _versioned():
    """The API's URLs, each endpoint marked with its page-cache policy (CACHED), which
    PageCacheMiddleware reads from the view a path resolves to, as it does for pages."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        policy = CACHED.get(getattr(pattern, "name", None))
        if policy is not None:
            pattern.callback.page_cache = policy
    return include((patterns, app_name), namespace=namespace)


def index(request: HttpRequest) -> JsonResponse:
    """/api/v1/: where each part of the API is."""
    named = ["articles", "sections", "tags", "search", "most_read", "openapi-json", "openapi-view"]
    return JsonResponse(
        {
            name.replace("openapi-json", "schema").replace("openapi-view", "docs"): (
                request.build_absolute_uri(reverse(f"api_v1:{name}"))
            )
            for name in named
        }
    )


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Nothing here: JSON, as every answer of the API. An address that lacks only its
    final slash is sent to it (CommonMiddleware cannot: this view matches everything)."""
    if not request.path_info.endswith("/"):
        try:
            match = resolve(request.path_info + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not not_found:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(
                request.path + "/" + (f"?{query}" if query else "")
            )
    return JsonResponse(
        {"detail": NOT_FOUND}, status=404, json_dumps_params={"ensure_ascii": False}
    )


urlpatterns = [
    path("v1/", index, name="api_v1_index"),
    path("v1/", _versioned()),
    re_path(r"^(?P<rest>.*)$", not_found),
]
