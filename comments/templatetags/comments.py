import datetime
import functools

from django import template
from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import timezone

from articles.models import Article
from comments.forms import CommentForm
from comments.models import Comment
from newsroom import pagecache

register = template.Library()


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(context, article) -> dict:
    """«نظرات»: a page of threads, their replies, and the form — four queries, however many."""
    request = context["request"]
    threads = (
        Comment.objects.approved()
        .filter(article=article, parent=None)
        .with_reactions()
        .order_by("-created_at", "-pk")
    )
    page = Paginator(threads, settings.COMMENTS_PER_PAGE).get_page(request.GET.get("comments"))
    roots = list(page.object_list)
    replies: dict[int, list[Comment]] = {}
    for reply in (
        Comment.objects.approved()
        .filter(parent__in=[c.pk for c in roots])
        .with_reactions()
        .order_by("created_at", "pk")
    ):
        replies.setdefault(reply.parent_id, []).append(reply)
    return {
        "article": article,
        "threads": [(comment, replies.get(comment.pk, [])) for comment in roots],
        "page": page,
        "count": Comment.objects.approved().filter(article=article).count(),
        "open": article.accepts_comments(),
        "form_fields": empty_form_fields(),
    }


@functools.cache
def empty_form_fields() -> str:
    """The empty form is the same HTML on every page (its fill time is stamped on each
    response): rendered once per process."""
    return render_to_string("comments/form_fields.html", {"form": CommentForm()})


@register.simple_tag(takes_context=True)
def pending_comment_count(context) -> int | None:
    """For the admin index: how many comments wait for a moderator (None: not theirs)."""
    user = context["request"].user
    if not user.has_perm("comments.change_comment"):
        return None
    return Comment.objects.pending().count()


@register.inclusion_tag("includes/most_commented.html")
def most_commented(days: int = 7, limit: int = 5) -> dict:
    """«پربحث‌ترین»: most approved comments in the last `days` days (cached 5 minutes)."""

    def compute():
        # From the recent comments to their articles: the window, not the archive, is read.
        since = timezone.now() - datetime.timedelta(days=days)
        counts = dict(
            Comment.objects.approved()
            .filter(created_at__gte=since)
            .values_list("article")
            .annotate(n=Count("pk"))
            .order_by("-n")
            .values_list("article", "n")[: limit * 3]
        )
        articles = list(Article.objects.published().filter(pk__in=counts).select_related("section"))
        for article in articles:
            article.recent_comments = counts[article.pk]
        articles.sort(key=lambda a: (-a.recent_comments, -a.published_at.timestamp()))
        return articles[:limit]

    # Under the content version too: an unpublished article leaves the list at once.
    key = f"most_commented:{days}:{limit}:{pagecache.content_version()}"
    return {"articles": cache.get_or_set(key, compute, 300)}
