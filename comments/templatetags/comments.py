import datetime

from django import template
from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.utils import timezone

from articles.models import Article
from comments.forms import CommentForm
from comments.models import Comment

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
        "form": CommentForm(),
    }


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
        since = timezone.now() - datetime.timedelta(days=days)
        return list(
            Article.objects.published()
            .annotate(
                recent_comments=Count(
                    "comments",
                    filter=Q(
                        comments__status=Comment.Status.APPROVED,
                        comments__created_at__gte=since,
                    ),
                )
            )
            .filter(recent_comments__gt=0)
            .select_related("section")
            .order_by("-recent_comments", "-published_at")[:limit]
        )

    return {"articles": cache.get_or_set(f"most_commented:{days}:{limit}", compute, 300)}
