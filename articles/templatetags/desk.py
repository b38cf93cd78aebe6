"""The admin's first page: what needs this person, today."""

import datetime

from django import template
from django.utils import timezone

from articles.models import Article, ArticleEvent, UsefulnessReport

register = template.Library()

SHOWN = 8
LEAST_USEFUL_MIN_VOTES = 3


@register.inclusion_tag("admin/desk.html", takes_context=True)
def newsroom_desk(context) -> dict:
    user = context["request"].user
    now = timezone.now()
    desk: dict = {"blocks": []}
    articles = Article.objects.select_related("section")

    def block(title, queryset, kind, empty):
        rows = list(queryset[: SHOWN + 1])
        desk["blocks"].append(
            {
                "title": title,
                "rows": rows[:SHOWN],
                "more": len(rows) > SHOWN,
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
        )
    if Article.can_publish(user):
        block(
            "در انتظار بررسی",
            articles.filter(status=Article.Status.REVIEW).order_by("updated_at"),
            "article",
            "خبری منتظر بررسی نیست.",
        )
        block(
            "زمان‌بندی‌شده",
            articles.filter(status=Article.Status.PUBLISHED, published_at__gt=now).order_by(
                "published_at"
            ),
            "scheduled",
            "خبر زمان‌بندی‌شده‌ای نیست.",
        )
    if user.has_perm("articles.view_usefulnessreport"):
        block(
            "کم‌فایده‌ترین خبرهای این هفته از نگاه خوانندگان",
            UsefulnessReport.objects.exclude(published_at=None)
            .with_usefulness(voted_from=now - datetime.timedelta(days=7))
            .filter(total__gte=LEAST_USEFUL_MIN_VOTES)
            .order_by("wilson", "-total"),
            "useful",
            "هنوز رأی کافی نیامده است.",
        )
    if user.has_perm("articles.view_article"):
        events = ArticleEvent.objects.select_related("article", "actor")
        if not Article.can_publish(user):
            events = events.filter(article__author=user)
        desk["events"] = list(events[:15])
    return desk
