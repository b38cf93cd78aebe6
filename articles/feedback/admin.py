import csv
import datetime
import hashlib
from dataclasses import dataclass

import django_jalali.admin  # noqa: F401  (Jalali widgets for jDateTimeField in every form)
from django.contrib import admin
from django.contrib.admin.views.main import ORDER_VAR, PAGE_VAR, ChangeList
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncDate
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.feedback.models import (
    MIN_VOTES_TO_RANK,
    FeedbackVote,
    Tally,
    UsefulnessReport,
    VoteCount,
    wilson_lower_bound,
)
from articles.feedback.templatetags import fa_decimal, fa_percent
from newsroom.admin import ReadOnly
from newsroom.pagecache import versions
from newsroom.persian import jalali
from newsroom.persian.filters import JalaliDateRangeFilter
from newsroom.persian.text import to_latin_digits, to_persian_digits


class MinimumVotesFilter(admin.SimpleListFilter):
    """«حداقل تعداد رأی»: MIN_VOTES_TO_RANK unless chosen otherwise, since an article with
    fewer votes cannot be told from a lucky or unlucky one; «همه» shows every article."""

    title = _("حداقل تعداد رأی")
    parameter_name = "min_votes"
    thresholds = (0, 1, MIN_VOTES_TO_RANK, 10, 50, 100)
    ceiling = 10**9  # larger asks nothing more, and would not fit the database's integer

    @property
    def minimum(self) -> int:
        value = to_latin_digits(self.value() or "").strip()
        return min(int(value), self.ceiling) if value.isdigit() else MIN_VOTES_TO_RANK

    def lookups(self, request, model_admin):
        def label(n: int) -> str:
            if n == 0:
                return "همه، حتی بی‌رأی"
            default = " (پیش‌فرض)" if n == MIN_VOTES_TO_RANK else ""
            return f"{to_persian_digits(n)} رأی یا بیشتر{default}"

        return [(str(n), label(n)) for n in self.thresholds]

    def choices(self, changelist):
        # No «همه» of its own: «۰» is all, and the default is a minimum, not «همه».
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.minimum == int(lookup),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        return queryset.rankable(self.minimum)

    @classmethod
    def hidden(cls, request, changelist) -> int:
        """How many articles the other filters and the search let through that the
        minimum keeps out of the ranking."""
        minimum = next(f.minimum for f in changelist.filter_specs if isinstance(f, cls))
        if minimum <= 0:
            return 0
        # The list's own query but for this filter, as Django's facet counts get it, less the
        # ranked ones the list has counted already. Which articles it holds changes with the
        # content, never with a vote: counted once per content version and choice of filters.
        unranked = changelist.get_queryset(request, exclude_parameters=[cls.parameter_name])
        chosen = request.GET.copy()
        for kept_out in (cls.parameter_name, ORDER_VAR, PAGE_VAR):
            chosen.pop(kept_out, None)
        key = hashlib.sha256(
            f"{versions.content_version()}?{chosen.urlencode()}".encode()
        ).hexdigest()
        everything = cache.get_or_set(f"report:articles:{key}", unranked.count, 300)
        return max(everything - changelist.result_count, 0)


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
    shown: str = ""  # under the chart: "first", "middle", "last" or not at all

    @property
    def label(self) -> str:
        """«۳ آذر ۱۴۰۵»"""
        return jalali.format_date(self.day)

    @property
    def short_label(self) -> str:
        """«۳ آذر»: the axis's own, the year being in the first and last."""
        day = jalali.to_jalali(self.day)
        return to_persian_digits(f"{day.day} {jalali.MONTHS[day.month - 1]}")


@dataclass(frozen=True)
class DayChart:
    """The votes-per-day chart of one article, drawn right to left like the page: the
    first day at the right. The bars are SVG stretched to the box; the scale, the dates
    and the legend are HTML around it, readable at any width."""

    bars: list[DayBar]
    top: int  # the scale's top: an even number, so its middle is whole
    width: float
    height: float

    @property
    def first_label(self) -> str:
        return self.bars[0].label

    @property
    def last_label(self) -> str:
        return self.bars[-1].label

    @property
    def ticks(self) -> list[tuple[str, float]]:
        """(value, y) for the scale's lines: the top, the middle and zero."""
        return [
            (to_persian_digits(self.top), 0.0),
            (to_persian_digits(self.top // 2), self.height / 2),
            (to_persian_digits(0), self.height),
        ]


# The scale's top is one of these (times a power of ten): even, so its middle is whole.
NICE_STEPS = (2, 4, 6, 8, 10)
AXIS_LABELS = 5  # dates under the chart: the first, the last and evenly between


def nice_top(peak: int) -> int:
    power = 1
    while True:
        for step in NICE_STEPS:
            if step * power >= peak:
                return step * power
        power *= 10


def day_chart(rows: list[dict], width: float, height: float) -> DayChart | None:
    """Geometry of a stacked bar per day, from the first vote's day to the last's."""
    if not rows:
        return None
    counts = {row["day"]: row for row in rows}
    first, last = min(counts), max(counts)
    days = [first + datetime.timedelta(days=i) for i in range((last - first).days + 1)]
    top = nice_top(max(row["yes"] + row["no"] for row in rows))
    step = width / len(days)
    labelled = {round(i * (len(days) - 1) / (AXIS_LABELS - 1)) for i in range(AXIS_LABELS)}
    bars = []
    for i, day in enumerate(days):
        row = counts.get(day, {"yes": 0, "no": 0})
        yes_height = round(row["yes"] / top * height, 2)
        no_height = round(row["no"] / top * height, 2)
        shown = ""
        if i == 0:
            shown = "first"
        elif i == len(days) - 1:
            shown = "last"
        elif i in labelled:
            shown = "middle"
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
                shown=shown,
            )
        )
    return DayChart(bars=bars, top=top, width=width, height=height)


class NoVotesLast(F):
    """A column to sort by, either way, with the articles nobody voted on at the end."""

    def asc(self, **kwargs):
        return super().asc(nulls_last=True)

    def desc(self, **kwargs):
        return super().desc(nulls_last=True)


class RankedPaginator(Paginator):
    """The report's pages in its own order (not sorted by hand, every vote counted): the
    voted articles, best first, then those nobody voted on, newest first. Each part is
    read by its own index, the voted through their kept counts, the rest down the
    articles' listing: sorting the archive by a score most of it lacks would read every
    article for fifty rows."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        # No score means no vote (VoteCount.wilson): sorted by score, then votes, then
        # newest (UsefulnessReportAdmin.get_ordering), those come last, newest first.
        best = self.object_list.filter(vote_count__wilson__isnull=False)
        scored = VoteCount.objects.filter(wilson__isnull=False).values("article_id")
        newest = self.object_list.exclude(pk__in=scored).order_by("-published_at", "-pk")
        if bottom == 0:  # the first rows of both parts, in the list's own order: one query
            first = Q(pk__in=best.values("pk")[:top]) | Q(pk__in=newest.values("pk")[:top])
            return self._get_page(list(self.object_list.filter(first)[:top]), number, self)
        rows = list(best[bottom:top])
        if len(rows) < top - bottom:  # past the voted articles
            voted = bottom + len(rows) if rows else best.count()
            window = newest.values("pk")[max(bottom - voted, 0) : top - voted]
            rows += self.object_list.filter(pk__in=window).order_by("-published_at", "-pk")
        return self._get_page(rows, number, self)


class RankedChangeList(ChangeList):
    def get_results(self, request):
        super().get_results(request)
        # Django's «(نمایش همه)» beside the count would lead back to this same default; the
        # report says itself how many the minimum leaves out, with a link to show them.
        self.full_result_count = self.result_count

    def get_ordering_field_columns(self):
        # Unsorted by hand, the list is ranked by score (get_ordering): say so in the
        # header, not the model's default order.
        if ORDER_VAR in self.params:
            return super().get_ordering_field_columns()
        return {self.list_display.index("score"): "desc"}


@admin.register(UsefulnessReport)
class UsefulnessReportAdmin(ReadOnly, admin.ModelAdmin):
    """«گزارش مفید بودن اخبار»: read-only, for Analysts, Editors and superusers."""

    change_list_template = "admin/articles/usefulnessreport/change_list.html"
    actions = None
    # What the report is for first, so a phone shows it without scrolling the table.
    list_display = [
        "news_code",
        "title",
        "score",
        "percent_useful",
        "total_votes",
        "yes_votes",
        "no_votes",
        "section",
        "publish_time",
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
    # «در مجموع …» would count every article and its votes once more; the page says how many
    # the minimum leaves out instead.
    show_full_result_count = False
    chart_width, chart_height = 720, 180

    def get_queryset(self, request):
        """What readers could read (published, its time come), with its votes."""
        start, end = VoteDateFilter.bounds(request.GET, "feedback_votes__created_at")
        return UsefulnessReport.objects.published().with_usefulness(
            voted_from=start, voted_until=end
        )

    @classmethod
    def sorted_by(cls, *columns: str) -> str:
        """The list's `o` parameter for these columns: sorted_by("score", "-total_votes")."""
        return ".".join(
            f"{'-' if c.startswith('-') else ''}{cls.list_display.index(c.lstrip('-'))}"
            for c in columns
        )

    def get_ordering(self, request):
        # The fairest ranking first; annotations, so not the checked `ordering` attribute.
        return [NoVotesLast("wilson").desc(), "-total", "-published_at"]

    def get_changelist(self, request, **kwargs):
        return RankedChangeList

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        start, end = VoteDateFilter.bounds(request.GET, "feedback_votes__created_at")
        # The list, in its own order, counted from the kept counts; not a history's entries.
        ranked = queryset.model is self.model and not (ORDER_VAR in request.GET or start or end)
        if not ranked:
            return super().get_paginator(
                request, queryset, per_page, orphans, allow_empty_first_page
            )
        return RankedPaginator(queryset, per_page, orphans, allow_empty_first_page)

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

    @admin.display(description=_("درصد مفید"), ordering=NoVotesLast("percent"))
    def percent_useful(self, obj) -> str:
        return fa_percent(obj.percent)

    @admin.display(description=_("امتیاز (ویلسون)"), ordering=NoVotesLast("wilson"))
    def score(self, obj) -> str:
        return fa_decimal(obj.wilson)

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
            if start or end:
                votes = FeedbackVote.objects.filter(article__in=changelist.queryset.values("pk"))
                if start:
                    votes = votes.filter(created_at__gte=start)
                if end:
                    votes = votes.filter(created_at__lt=end)
                tally = votes.tally()
            else:  # the counts kept as votes come: one row per article, not every vote
                counted = VoteCount.objects.filter(article__in=changelist.queryset.values("pk"))
                sums = counted.aggregate(yes=Sum("yes"), total=Sum("total"))
                tally = Tally(yes=sums["yes"] or 0, total=sums["total"] or 0)
            context["totals"] = {
                "articles": changelist.result_count,
                "tally": tally,
                "percent": 100 * tally.yes / tally.total if tally.total else None,
                "wilson": wilson_lower_bound(tally.yes, tally.total) if tally.total else None,
            }
            hidden = MinimumVotesFilter.hidden(request, changelist)
            context["unranked"] = {
                "count": hidden,
                "show_url": changelist.get_query_string({MinimumVotesFilter.parameter_name: 0}),
                "minimum": MIN_VOTES_TO_RANK,
            }
            context["csv_query"] = request.GET.urlencode()
        return response

    # Machines read the CSV: Latin digits, a «.» decimal point, ISO 8601 times with their
    # offset; each heading says which (the Jalali date is there too, for people).
    CSV_HEADINGS = [
        "کد خبر",
        "تیتر",
        "سرویس",
        "زمان انتشار (ISO 8601)",
        "تاریخ انتشار (شمسی، YYYY/MM/DD)",
        "بله",
        "خیر",
        "کل",
        "درصد مفید (0 تا 100)",
        "امتیاز ویلسون (0 تا 1)",
    ]

    def csv_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        changelist = self.get_changelist_instance(request)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="usefulness-report.csv"'
        response.write("\ufeff")  # so Excel reads the Persian as UTF-8
        writer = csv.writer(response)
        writer.writerow(self.CSV_HEADINGS)
        for row in changelist.queryset.iterator(chunk_size=2000):
            writer.writerow(
                [
                    row.code,
                    spreadsheet_safe(row.title),
                    spreadsheet_safe(row.section.name),
                    jalali.isoformat(row.published_at),
                    jalali.to_jalali(row.published_at).strftime("%Y/%m/%d"),
                    row.yes,
                    row.no,
                    row.total,
                    "" if row.percent is None else round(row.percent, 1),
                    "" if row.wilson is None else f"{row.wilson:.4f}",
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
        chart = day_chart(list(per_day), self.chart_width, self.chart_height)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("گزارش مفید بودن: %(title)s") % {"title": article.title},
            "article": article,
            "tally": votes.tally(),
            "score": wilson_lower_bound(article.yes, article.total) if article.total else None,
            "chart": chart,
            "minimum": MIN_VOTES_TO_RANK,
            "reasons": [
                (label, reasons.get(value, 0)) for value, label in FeedbackVote.Reason.choices
            ],
            "notes": votes.filter(useful=False).exclude(note="").order_by("-created_at")[:200],
        }
        return TemplateResponse(request, "admin/articles/usefulnessreport/detail.html", context)


def spreadsheet_safe(text: str) -> str:
    """Text a spreadsheet will not run as a formula."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
