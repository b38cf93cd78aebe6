"""What the comments show on the articles' pages and the admin's first page: the data of
each block, registered with its template in `CommentsConfig.ready()` (articles/plugins.py)."""

import datetime
import functools
import html
import time

from django.conf import settings
from django.core.cache import cache
from django.template import Context
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString

from comments.forms import CommentForm
from comments.models import Comment, ModerationEvent
from newsroom.converters import reverse_often
from newsroom.pagecache import versions
from newsroom.persian.text import to_persian_digits

RECENT_MODERATION = 10
RANKING_SECONDS = 300  # how old a ranking's counting may be


def comment_section(context: Context) -> dict:
    """«نظرات» under the article: a page of threads, their replies, and the form."""
    request, article = context["request"], context["article"]
    shown = Comment.objects.threads(
        article, request.GET.get("comments"), settings.COMMENTS_PER_PAGE
    )
    links = Links()
    open = article.accepts_comments()

    def html(row: dict) -> str:
        return comment_html(shown_comment(row, links), open)

    return {
        "article": article,
        "threads": SafeString(
            "".join(
                _THREAD.format(
                    comment=html(root),
                    replies=_REPLIES.format("".join(_REPLY_ITEM.format(html(r)) for r in replies))
                    if replies
                    else "",
                )
                for root, replies in shown.threads
            )
        ),
        "page": shown.page,
        "count": shown.count,
        "open": open,
        "form_fields": empty_form_fields(article.code),
    }


class Links:
    """Where a comment's 👍/👎, «گزارش تخلف» and «پاسخ» go: each address reversed and
    escaped once for a page of comments, not three times for each of them."""

    PLACEHOLDER = 987654321987654  # an id no comment has yet, replaced by each one's

    def __init__(self):
        self._urls = {
            name: escape(reverse_often(f"comments:{name}", comment_id=self.PLACEHOLDER))
            for name in ("react", "report", "reply")
        }

    def __call__(self, name: str, comment_id: int) -> SafeString:
        # Digits in place of digits: still escaped. (SafeString, as mark_safe makes of a
        # str, without its check for lazy text: thousands of calls on a busy page.)
        return SafeString(self._urls[name].replace(str(self.PLACEHOLDER), str(comment_id), 1))


def shown_comment(row: dict, links: Links | None = None) -> dict:
    """What the section's `comment` partial prints of a comment (a row of
    `Comment.objects.threads()`, or `Comment.as_row()`), worked out and escaped here once, so
    that each of its parts is printed as it is in the template's loop."""
    links = links or Links()
    pk = row["id"]
    return {
        "pk": SafeString(pk),
        "name": SafeString(html.escape(row["name"])),  # as escape() does, for a str
        "is_staff_reply": bool(row["is_staff_reply"]),
        "reply_to": SafeString(row["parent_id"] or pk),  # a reply answers its thread
        # Rendered from our own template when the comment was written, escaped then.
        "html": SafeString(row["html"]),
        "likes": SafeString(to_persian_digits(row["likes"] or 0)),
        "dislikes": SafeString(to_persian_digits(row["dislikes"] or 0)),
        "react_url": links("react", pk),
        "report_url": links("report", pk),
        "reply_url": links("reply", pk),
    }


# One comment as the section shows it, `shown_comment()`'s parts written in: a busy page
# shows thirty threads and their replies, and the template engine's loop over a partial of
# a dozen variables took as long as the rest of the page.
_COMMENT = """<article id="comment-{pk}" class="comment{staff_class}">
  {html}
  <footer class="comment__actions">
    <form method="post" action="{react_url}" class="comment__reactions">
      
      <button type="submit" name="value" value="like" class="comment__react"><span aria-hidden="true">👍</span> <span class="visually-hidden">پسندیدم</span> <span class="comment__likes">{likes}</span></button>
      <button type="submit" name="value" value="dislike" class="comment__react"><span aria-hidden="true">👎</span> <span class="visually-hidden">نپسندیدم</span> <span class="comment__dislikes">{dislikes}</span></button>
    </form>
    {reply}
    {report}
    <span class="comment__status" role="status" aria-live="polite"></span>
  </footer>
</article>"""  # noqa: E501, W293
# Named by its text, not aria-label: a screen reader hears «پسندیدم ۳», the count included
# and kept current by site.js. The newsroom answers for its own words: nothing to report.
_REPLY = (
    '<a class="comment__reply" href="{reply_url}" data-reply-to="{reply_to}"'
    ' data-reply-name="{name}">پاسخ</a>'
)
_REPORT = """
    <form method="post" action="{report_url}" class="comment__report">
      <button type="submit" class="comment__report-button">گزارش تخلف</button>
    </form>
    """


# The list's items, as the section's loop printed them: each thread and its replies.
_THREAD = """
    <li>
      {comment}
      {replies}
    </li>
    """
_REPLIES = """
      <ol class="comments__replies" aria-label="پاسخ‌ها">
        {}
      </ol>
      """
_REPLY_ITEM = "<li>{}</li>"


def comment_html(comment: dict, open: bool) -> SafeString:
    """A comment as `shown_comment()` gives it, in its list; `open`: replies taken. Every
    part was escaped by `shown_comment()`."""
    staff = comment["is_staff_reply"]
    return SafeString(
        _COMMENT.format(
            **comment,
            staff_class=" comment--staff" if staff else "",
            reply=_REPLY.format(**comment) if open else "",
            report="" if staff else _REPORT.format(**comment),
        )
    )


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

    # The counting on a five-minute clock; which of the counted are visible, and as they
    # stand, under the content version too: an unpublished article leaves the list at once,
    # and after a publish only that one small query runs again, not the counting.
    clock = int(time.time() // RANKING_SECONDS)

    def ranked() -> list:
        counted = cache.get_or_set(
            f"most_commented:counts:{days}:{limit}:{clock}", counts, RANKING_SECONDS
        )
        return Comment.objects.ranked_articles(counted, limit)

    key = f"most_commented:{days}:{limit}:{clock}:{versions.content_version()}"
    return {"articles": cache.get_or_set(key, ranked, RANKING_SECONDS)}


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
