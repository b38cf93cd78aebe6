"""What the comments show on the articles' pages and the admin's first page: the data of
each block, registered with its template in `CommentsConfig.ready()` (articles/plugins.py)."""

import datetime
import functools

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.template import Context
from django.template.loader import render_to_string
from django.utils import timezone

from articles.models import Article
from comments.forms import CommentForm
from comments.models import Comment, ModerationEvent
from newsroom.pagecache import versions

RECENT_MODERATION = 10


def comment_section(context: Context) -> dict:
    """«نظرات» under the article: a page of threads, their replies, and the form — three
    queries, however many."""
    request, article = context["request"], context["article"]
    approved = Comment.objects.approved().filter(article=article)
    counts = approved.aggregate(total=Count("pk"), threads=Count("pk", filter=Q(parent=None)))
    paginator = Paginator(
        approved.filter(parent=None).order_by("-created_at", "-pk"), settings.COMMENTS_PER_PAGE
    )
    paginator.count = counts["threads"]  # known already: no COUNT query of its own
    page = paginator.get_page(request.GET.get("comments"))
    # The page's threads by the index, then they and their replies with their reactions:
    # counting reactions for the page alone, not for every thread of the article.
    root_ids = list(page.object_list.values_list("pk", flat=True))
    shown = (
        approved.filter(Q(pk__in=root_ids) | Q(parent__in=root_ids))
        .with_reactions()
        .order_by("created_at", "pk")
    )
    roots: dict[int, Comment] = {}
    replies: dict[int, list[Comment]] = {}
    for comment in shown:
        if comment.parent_id is None:
            roots[comment.pk] = comment
        else:
            replies.setdefault(comment.parent_id, []).append(comment)
    return {
        "article": article,
        "threads": [(roots[pk], replies.get(pk, [])) for pk in root_ids if pk in roots],
        "page": page,
        "count": counts["total"],
        "open": article.accepts_comments(),
        "form_fields": empty_form_fields(article.code),
    }


@functools.lru_cache(maxsize=1024)
def empty_form_fields(article_code: int) -> str:
    """The empty form is the same HTML on every page of an article (its fill time is stamped
    on each response): rendered once per article and process."""
    form = CommentForm(article_code=article_code)
    return render_to_string("comments/form_fields.html", {"form": form})


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
    key = f"most_commented:{days}:{limit}:{versions.content_version()}"
    return {"articles": cache.get_or_set(key, compute, 300)}


def moderation_queue(context: Context) -> dict:
    """Above the desk: how many comments wait for a moderator (None: not theirs)."""
    user = context["request"].user
    if not user.has_perm("comments.change_comment"):
        return {"waiting": None}
    return {"waiting": Comment.objects.pending().count()}


def recent_moderation(context: Context) -> dict:
    """After the desk's blocks: the latest entries of «سابقه نظارت» (events is None: not
    this person's to read)."""
    if not context["request"].user.has_perm("comments.view_moderationevent"):
        return {"events": None}
    return {"events": list(ModerationEvent.objects.select_related("actor")[:RECENT_MODERATION])}
