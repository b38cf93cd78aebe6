"""«لحظه‌به‌لحظه» for readers: the poll a live article's page asks every 15 seconds, and the
page of its older entries.

Both are reader pages (@reader_page) keyed on the article's own version, which an entry
added, edited or deleted renews (articles/signals.py): however many readers poll, each new
entry is rendered once, and while nothing changed the poll is answered from the page cache,
a 304 to a browser that has it (its ETag), and kept by the edge, purged with the article.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from articles import metadata
from articles.models import Article
from articles.models.live import ON_PAGE, ON_POLL
from newsroom.pagecache.middleware import reader_page

POLL_SECONDS = 15


def _covered_article(code: int) -> Article:
    article = Article.objects.published_for_page(code)
    if article is None or not article.has_live_coverage:
        raise Http404("No such live article.")
    return article


def _entry_html(entry) -> str:
    return render_to_string("includes/live_entry.html", {"entry": entry}).strip()


def _article_code(kwargs: dict) -> int:
    return kwargs["code"]


@reader_page(article_code=_article_code)
@require_safe
def live_poll(request: HttpRequest, code: int) -> HttpResponse:
    """The live article's state: whether it is still live, its pinned entry and its newest
    entries, each as the page prints it. The same for every reader (no `?since=`: one
    answer per version, however many readers ask)."""
    article = _covered_article(code)
    rows = list(
        article.live_entries.for_page().order_by("-is_pinned", "-created_at", "-pk")[: ON_POLL + 1]
    )
    pinned = rows.pop(0) if rows and rows[0].is_pinned else None
    return JsonResponse(
        {
            "live": article.is_live,
            "every": POLL_SECONDS,
            "pinned": {"id": pinned.pk, "html": _entry_html(pinned)} if pinned else None,
            "entries": [{"id": entry.pk, "html": _entry_html(entry)} for entry in rows[:ON_POLL]],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@reader_page(params=("page",), article_code=_article_code)
@require_safe
def live_entries(request: HttpRequest, code: int) -> HttpResponse:
    """/live/<code>/?page=n: every entry of a live article, newest first, a page at a
    time, for «مطالب قدیمی‌تر» (the article's page prints the newest ON_PAGE)."""
    article = _covered_article(code)
    paginator = Paginator(article.live_entries.for_page(), ON_PAGE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404("No such page.") from error
    return render(
        request,
        "articles/live_entries.html",
        {
            "article": article,
            "page_obj": page,
            "entries": page.object_list,
            "is_paginated": paginator.num_pages > 1,
            "structured_data": [
                metadata.breadcrumbs(
                    request,
                    (article.section.name, article.section.get_absolute_url()),
                    (article.title, article.get_absolute_url()),
                )
            ],
        },
    )
