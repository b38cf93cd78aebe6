"""/breaking.json: the «خبر فوری» bar as site.js shows it on a page that stays open."""

import hashlib
import json

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from articles.models import BreakingNews
from newsroom.converters import reverse_often
from newsroom.pagecache import edge
from newsroom.pagecache.middleware import anonymous_by_cookies

# How long a shared cache nobody purges may keep the answer: site.js asks every 45 seconds
# (revalidating what the browser kept: a 304 when nothing changed), so a reader sees a new
# bar, or the end of one, within a minute.
BROWSER_SECONDS = 15


@require_safe
def breaking(request: HttpRequest) -> HttpResponse:
    """The bar every reader page shows now, as the page would print it; the same for every
    reader. Cached by browsers for a few seconds, never past the bar's end, and by the edge
    as pages are (purged when a bar changes, kept no longer than until it ends)."""
    bar = BreakingNews.objects.on_every_page()
    html = render_to_string(
        "includes/breaking_bar.html", {"bar": bar, "poll_url": reverse_often("breaking")}
    )
    # Until when it holds: the bar's end, the next bar's start, the next scheduled article.
    seconds = edge.edge_seconds()
    body = json.dumps(
        {
            "id": bar.pk if bar else None,
            "html": html,
            "ends_at": timezone.localtime(bar.ends_at).isoformat() if bar is not None else None,
        },
        ensure_ascii=False,
    )
    response = HttpResponse(body, content_type="application/json")
    # ConditionalGetMiddleware answers 304 to a reader who has it.
    response["ETag"] = '"' + hashlib.sha256(body.encode()).hexdigest()[:32] + '"'
    if min(BROWSER_SECONDS, seconds) > 0:
        patch_cache_control(response, public=True, max_age=min(BROWSER_SECONDS, seconds))
    else:
        patch_cache_control(response, public=True, no_cache=True)
    if anonymous_by_cookies(request):
        edge.mark(response, None)
    return response
