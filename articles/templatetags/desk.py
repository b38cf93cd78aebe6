"""The admin's first page: what needs this person, today."""

import datetime
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from articles import plugins
from articles.admin.report import UsefulnessReportAdmin
from articles.models import Article, ArticleEvent, UsefulnessReport
from newsroom.persian import jalali

register = template.Library()

SHOWN = 8
# «هفت روز گذشته»: today and the six Tehran days before it, whole days, as the report's
# vote-date filter counts them; rolling like «پربازدیدترین», so never empty on a Saturday.
WEEK_DAYS = 7


def last_seven_days(now: datetime.datetime) -> tuple[datetime.date, datetime.date]:
    """The first and last Tehran calendar days of «هفت روز گذشته»."""
    today = timezone.localdate(now)
    return today - datetime.timedelta(days=WEEK_DAYS - 1), today


def changelist(name: str, **query) -> str:
    return f"{reverse(f'admin:{name}_changelist')}?{urlencode(query)}"


@register.inclusion_tag("admin/desk.html", takes_context=True)
def newsroom_desk(context) -> dict:
    user = context["request"].user
    now = timezone.now()
    desk: dict = {"blocks": []}
    articles = Article.objects.select_related("section")

    def block(title, queryset, kind, empty, everything):
        """A list of the first SHOWN, and «و بیشتر…» to `everything` when there are more."""
        rows = list(queryset[: SHOWN + 1])
        desk["blocks"].append(
            {
                "title": title,
                "rows": rows[:SHOWN],
                "more": len(rows) > SHOWN,
                "everything": everything,
                "kind": kind,
                "empty": empty,
            }
        )

    if user.has_perm("articles.add_article"):
        block(
            "پیش‌نویس‌های من",
            articles.filter(author=user, status=Article.Status.DRAFT).order_by("-updated_at"),
            "article",
            "پیش‌نویسی ندارید.",
            changelist(
                "articles_article", status__exact=Article.Status.DRAFT, author__id__exact=user.pk
            ),
        )
    if Article.can_publish(user):
        block(
            "در انتظار بررسی",
            articles.filter(status=Article.Status.REVIEW).order_by("updated_at"),
            "article",
            "خبری منتظر بررسی نیست.",
            changelist("articles_article", status__exact=Article.Status.REVIEW),
        )
        block(
            "زمان‌بندی‌شده",
            articles.filter(status=Article.Status.PUBLISHED, published_at__gt=now).order_by(
                "published_at"
            ),
            "scheduled",
            "خبر زمان‌بندی‌شده‌ای نیست.",
            changelist(  # through the list's own Jalali date filter, from this moment on
                "articles_article",
                status__exact=Article.Status.PUBLISHED,
                published_at__gte=jalali.to_jalali(now).strftime("%Y-%m-%d %H:%M:%S"),
            ),
        )
    if user.has_perm("articles.view_usefulnessreport"):
        first, last = last_seven_days(now)
        votes_from = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
        block(
            "کم‌فایده‌ترین خبرهای هفت روز گذشته از نگاه خوانندگان",
            # The report's ranking, least useful first: the same articles as its link shows.
            UsefulnessReport.objects.published(now)
            .with_usefulness(voted_from=votes_from)
            .rankable()
            .order_by("wilson", "-total", "-pk"),
            "useful",
            "هنوز رأی کافی نیامده است.",
            changelist(
                "articles_usefulnessreport",
                feedback_votes__created_at__jfrom=jalali.to_jalali(first).strftime("%Y/%m/%d"),
                feedback_votes__created_at__jto=jalali.to_jalali(last).strftime("%Y/%m/%d"),
                o=UsefulnessReportAdmin.sorted_by("score", "-total_votes"),
            ),
        )
    if user.has_perm("articles.view_article"):
        events = ArticleEvent.objects.select_related("article", "actor")
        if not Article.can_publish(user):
            events = events.filter(article__author=user)
        desk["events"] = list(events[:15])
    return desk


@register.simple_tag(takes_context=True)
def desk_notices(context) -> str:
    """What other apps show above the desk (articles/plugins.py), e.g. the comments' queue."""
    return mark_safe("".join(block.render(context) for block in plugins.desk_notices))


@register.simple_tag(takes_context=True)
def desk_blocks(context) -> str:
    """What other apps add after the desk's blocks, in its grid (articles/plugins.py)."""
    return mark_safe("\n".join(block.render(context) for block in plugins.desk_blocks))
