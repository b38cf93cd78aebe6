"""The desk's block on the admin's first page: what needs this person, today. Registered
with its template, admin/desk.html, in `ArticlesConfig.ready()` (articles/plugins.py)."""

import datetime
from urllib.parse import urlencode

from django.core.cache import cache
from django.template import Context
from django.urls import reverse
from django.utils import timezone

from articles.feedback.admin import UsefulnessReportAdmin
from articles.feedback.models import UsefulnessReport
from articles.models import Article, ArticleEvent
from newsroom.pagecache import versions
from newsroom.persian import jalali

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


# Ranking the week's votes groups every vote of it: done once per five minutes and content
# version for the whole newsroom, not on each load of the admin's first page.
LEAST_USEFUL_SECONDS = 300


def least_useful(now: datetime.datetime, first: datetime.date) -> list:
    def rank():
        votes_from = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
        # The report's ranking: the same articles as its link shows.
        ranking = UsefulnessReport.objects.least_useful(now, voted_from=votes_from)
        return list(ranking[: SHOWN + 1])

    key = f"desk:least_useful:{first.isoformat()}:{versions.content_version()}"
    return cache.get_or_set(key, rank, LEAST_USEFUL_SECONDS)


def newsroom_desk(context: Context) -> dict:
    """The lists this person may work from, and the newsroom's recent activity."""
    user = context["request"].user
    now = timezone.now()
    desk: dict = {"blocks": []}

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
            Article.objects.drafts_of(user),
            "article",
            "پیش‌نویسی ندارید.",
            changelist(
                "articles_article", status__exact=Article.Status.DRAFT, author__id__exact=user.pk
            ),
        )
    if Article.can_publish(user):
        block(
            "در انتظار بررسی",
            Article.objects.in_review(),
            "article",
            "خبری منتظر بررسی نیست.",
            changelist("articles_article", status__exact=Article.Status.REVIEW),
        )
        block(
            "زمان‌بندی‌شده",
            Article.objects.scheduled(now),
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
        block(
            "کم‌فایده‌ترین خبرهای هفت روز گذشته از نگاه خوانندگان",
            least_useful(now, first),
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
        desk["events"] = list(ArticleEvent.objects.seen_by(user)[:15])
    return desk
