"""What the comments show on the articles' pages and the admin's first page: the data of
each block, registered with its template in `CommentsConfig.ready()` (articles/plugins.py)."""

import datetime
import functools
import time

from django.conf import settings
from django.core.cache import cache
from django.template import Context
from django.template.loader import render_to_string
from django.utils import timezone

from comments.forms import CommentForm
from comments.models import Comment, ModerationEvent
from newsroom.pagecache import versions

RECENT_MODERATION = 10
RANKING_SECONDS = 300  # how old a ranking's counting may be


def comment_section(context: Context) -> dict:
    """«نظرات» under the article: a page of threads, their replies, and the form."""
    request, article = context["request"], context["article"]
    shown = Comment.objects.approved().threads(
        article, request.GET.get("comments"), settings.COMMENTS_PER_PAGE
    )
    return {
        "article": article,
        "threads": shown.threads,
        "page": shown.page,
        "count": shown.count,
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
    """«پربحث‌ترین»: most approved comments in the last `days` days (counted every 5 minutes)."""

    def counts():
        since = timezone.now() - datetime.timedelta(days=days)
        return Comment.objects.approved().counts_since(since, limit)

    # The counting on a five-minute clock; which of the counted are visible under the
    # content version too: an unpublished article leaves the list at once, and a publish
    # costs one small query, not the counting again.
    clock = int(time.time() // RANKING_SECONDS)
    counted = cache.get_or_set(
        f"most_commented:counts:{days}:{limit}:{clock}", counts, RANKING_SECONDS
    )
    key = f"most_commented:{days}:{limit}:{clock}:{versions.content_version()}"
    ranked = cache.get_or_set(
        key, lambda: Comment.objects.ranked_articles(counted, limit), RANKING_SECONDS
    )
    return {"articles": ranked}


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
    return {"events": ModerationEvent.objects.recent(RECENT_MODERATION)}
