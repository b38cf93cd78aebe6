import csv
import datetime
from dataclasses import dataclass

import django_jalali.admin  # noqa: F401  (Jalali widgets for jDateTimeField in every form)
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article, FeedbackVote, UsefulnessReport
from articles.models.feedback import wilson_lower_bound
from newsroom import jalali
from newsroom.admin import JalaliDateRangeFilter
from newsroom.persian import format_decimal, to_latin_digits, to_persian_digits


class MinimumVotesFilter(admin.SimpleListFilter):
    title = _("حداقل تعداد رأی")
    parameter_name = "min_votes"
    thresholds = (1, 5, 10, 50, 100)

    def lookups(self, request, model_admin):
        return [(str(n), f"{to_persian_digits(n)} رأی یا بیشتر") for n in self.thresholds]

    def queryset(self, request, queryset):
        value = to_latin_digits(self.value() or "")
        if value.isdigit():
            return queryset.filter(total__gte=int(value))
        return queryset


class VoteDateFilter(JalaliDateRangeFilter):
    """Which votes count. The report's own query applies it, to the counts, not the rows."""

    def queryset(self, request, queryset):
        return queryset


@dataclass(frozen=True)
class DayBar:
    """One day of the votes-per-day chart: «بله» stacked under «خیر»."""

    day: datetime.date
    yes: int
    no: int
    x: float
    width: float
    yes_y: float
    yes_height: float
    no_y: float
    no_height: float

    @property
    def label(self) -> str:
        return jalali.format_date(self.day)


def day_bars(rows: list[dict], width: float, height: float) -> list[DayBar]:
    """Geometry of a stacked bar per day, from the first vote's day to the last's."""
    if not rows:
        return []
    counts = {row["day"]: row for row in rows}
    first, last = min(counts), max(counts)
    days = [first + datetime.timedelta(days=i) for i in range((last - first).days + 1)]
    peak = max(row["yes"] + row["no"] for row in rows) or 1
    step = width / len(days)
    bars = []
    for i, day in enumerate(days):
        row = counts.get(day, {"yes": 0, "no": 0})
        yes_height = round(row["yes"] / peak * height, 2)
        no_height = round(row["no"] / peak * height, 2)
        bars.append(
            DayBar(
                day=day,
                yes=row["yes"],
                no=row["no"],
                x=round(width - (i + 1) * step + step * 0.1, 2),  # right to left, like the page
                width=round(step * 0.8, 2),
                yes_y=round(height - yes_height, 2),
                yes_height=yes_height,
                no_y=round(height - yes_height - no_height, 2),
                no_height=no_height,
            )
        )
    return bars


@admin.register(UsefulnessReport)
class UsefulnessReportAdmin(admin.ModelAdmin):
    """«گزارش مفید بودن اخبار»: read-only, for Analysts, Editors and superusers."""

    change_list_template = "admin/articles/usefulnessreport/change_list.html"
    actions = None
    list_display = [
        "news_code",
        "title",
        "section",
        "publish_time",
        "yes_votes",
        "no_votes",
        "total_votes",
        "percent_useful",
        "score",
    ]
    list_display_links = ["title"]
    list_filter = [
        "section",
        ("published_at", JalaliDateRangeFilter),
        ("feedback_votes__created_at", VoteDateFilter),
        MinimumVotesFilter,
    ]
    list_select_related = ["section"]
    search_fields = ["title"]
    list_per_page = 50
    chart_width, chart_height = 720, 180

    def get_queryset(self, request):
        start, end = VoteDateFilter.bounds(request.GET, "feedback_votes__created_at")
        return (
            UsefulnessReport.objects.filter(
                status__in=[Article.Status.PUBLISHED, Article.Status.UNPUBLISHED]
            )
            .exclude(published_at=None)
            .with_usefulness(voted_from=start, voted_until=end)
        )

    def get_ordering(self, request):
        # The fairest ranking first; annotations, so not the checked `ordering` attribute.
        return ["-wilson", "-total", "-published_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("کد خبر"), ordering="code")
    def news_code(self, obj) -> str:
        return to_persian_digits(obj.code)

    @admin.display(description=_("زمان انتشار"), ordering="published_at")
    def publish_time(self, obj) -> str:
        return jalali.format_datetime(obj.published_at)

    @admin.display(description=_("بله"), ordering="yes")
    def yes_votes(self, obj) -> str:
        return to_persian_digits(obj.yes)

    @admin.display(description=_("خیر"), ordering="no")
    def no_votes(self, obj) -> str:
        return to_persian_digits(obj.no)

    @admin.display(description=_("کل"), ordering="total")
    def total_votes(self, obj) -> str:
        return to_persian_digits(obj.total)

    @admin.display(description=_("درصد مفید"), ordering="percent")
    def percent_useful(self, obj) -> str:
        return "—" if obj.percent is None else f"٪{to_persian_digits(round(obj.percent))}"

    @admin.display(description=_("امتیاز (ویلسون)"), ordering="wilson")
    def score(self, obj) -> str:
        return format_decimal(obj.wilson)

    def get_urls(self):
        return [
            path(
                "csv/",
                self.admin_site.admin_view(self.csv_view),
                name="articles_usefulnessreport_csv",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        context = getattr(response, "context_data", None)
        if context and "cl" in context:
            changelist = context["cl"]
            start, end = VoteDateFilter.bounds(request.GET, "feedback_votes__created_at")
            votes = FeedbackVote.objects.filter(article__in=changelist.queryset.values("pk"))
            if start:
                votes = votes.filter(created_at__gte=start)
            if end:
                votes = votes.filter(created_at__lt=end)
            tally = votes.tally()
            context["totals"] = {
                "articles": changelist.result_count,
                "tally": tally,
                "percent": round(100 * tally.yes / tally.total) if tally.total else None,
                "wilson": wilson_lower_bound(tally.yes, tally.total),
            }
            context["csv_query"] = request.GET.urlencode()
        return response

    def csv_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        changelist = self.get_changelist_instance(request)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="usefulness-report.csv"'
        response.write("\ufeff")  # so Excel reads the Persian as UTF-8
        writer = csv.writer(response)
        writer.writerow(
            [
                "کد خبر",
                "تیتر",
                "سرویس",
                "زمان انتشار",
                "بله",
                "خیر",
                "کل",
                "درصد مفید",
                "امتیاز ویلسون",
            ]
        )
        for row in changelist.queryset:
            writer.writerow(
                [
                    row.code,
                    spreadsheet_safe(row.title),
                    spreadsheet_safe(row.section.name),
                    jalali.to_jalali(row.published_at).strftime("%Y/%m/%d %H:%M"),
                    row.yes,
                    row.no,
                    row.total,
                    "" if row.percent is None else round(row.percent, 1),
                    f"{row.wilson:.4f}",
                ]
            )
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The report on one article: votes per day, the reasons after «خیر», the notes."""
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        votes = article.feedback_votes.all()
        per_day = (
            votes.annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
            .values("day")
            .annotate(
                yes=Count("pk", filter=Q(useful=True)), no=Count("pk", filter=Q(useful=False))
            )
            .order_by("day")
        )
        reasons = dict(
            votes.filter(useful=False)
            .exclude(reason="")
            .values_list("reason")
            .annotate(n=Count("pk"))
            .values_list("reason", "n")
        )
        bars = day_bars(list(per_day), self.chart_width, self.chart_height)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("گزارش مفید بودن: %(title)s") % {"title": article.title},
            "article": article,
            "tally": votes.tally(),
            "score": wilson_lower_bound(article.yes, article.total),
            "bars": bars,
            "last_label": bars[-1].label if bars else "",
            "chart_width": self.chart_width,
            "chart_height": self.chart_height,
            "reasons": [
                (label, reasons.get(value, 0)) for value, label in FeedbackVote.Reason.choices
            ],
            "notes": votes.filter(useful=False).exclude(note="").order_by("-created_at")[:200],
        }
        return TemplateResponse(request, "admin/articles/usefulnessreport/detail.html", context)


def spreadsheet_safe(text: str) -> str:
    """Text a spreadsheet will not run as a formula."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
