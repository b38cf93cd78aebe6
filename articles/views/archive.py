"""The archive (آرشیو): a Jalali month's calendar, each day that has articles a link to
them with their count; a month's articles; a day's. All filtered by section (?section=slug),
and nothing after today in Tehran."""

from dataclasses import dataclass

import jdatetime
from django.http import Http404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.views.generic import TemplateView

from articles import metadata
from articles.forms import ArchiveFilterForm
from articles.models import Article, Section
from articles.views.pages import ArticleListView
from newsroom.pagecache.middleware import PagePolicy
from newsroom.persian import jalali
from newsroom.persian.text import to_persian_digits

FIRST_YEAR, LAST_YEAR = 1300, 1500
ARCHIVE_TITLE = "آرشیو"


@dataclass(frozen=True)
class CalendarDay:
    number: int
    articles: int  # published that day (in the chosen section)
    url: str  # its day page, when it has articles; "" otherwise
    is_today: bool
    is_future: bool


def _month_of(day: jdatetime.date) -> tuple[int, int]:
    return day.year, day.month


def _previous_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def _month_name(year: int, month: int) -> str:
    return to_persian_digits(f"{jalali.MONTHS[month - 1]} {year}")


class ArchivePage:
    """What the archive's pages share: the section filter, the month's calendar and the
    links between months and days, each carrying the filter."""

    page_cache = PagePolicy(params=("section", "page"))

    def read_filter(self) -> None:
        # Read once: the filter's choices and the header's menu (section_menu) both show them.
        self.sections = list(Section.objects.in_order())
        self.form = ArchiveFilterForm(self.request.GET, self.sections)
        self.section = self.form.cleaned_data["section"] if self.form.is_valid() else None
        self.filter_query = urlencode({"section": self.section.slug}) if self.section else ""

    def published(self):
        found = Article.objects.all()
        return found.filter(section=self.section) if self.section else found

    def with_filter(self, url: str) -> str:
        return f"{url}?{self.filter_query}" if self.filter_query else url

    @cached_property
    def first_month(self) -> tuple[int, int]:
        """The Jalali month of the first article (in the chosen section): the archive's
        links go back no further. One indexed read of the oldest; this month if none."""
        first = (
            self.published()
            .published()
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )
        return _month_of(jalali.to_jalali(first)) if first else _month_of(jalali.today())

    def month_url(self, year: int, month: int) -> str:
        return self.with_filter(reverse("articles:archive_month", args=[year, month]))

    def calendar(self, year: int, month: int) -> dict:
        """The month's weeks, Saturday first, each day with its count of articles (one
        grouped query over the month), and the months before and after it."""
        start, end = jalali.month_bounds(year, month)
        counts = self.published().published_between(start, end).count_by_day()
        today = jalali.today()
        weeks = []
        for week in jalali.month_weeks(year, month):
            cells = []
            for day in week:
                if day is None:
                    cells.append(None)
                    continue
                articles = counts.get(day.togregorian(), 0)
                url = ""
                if articles and day <= today:
                    url = self.with_filter(
                        reverse("articles:archive_day", args=[day.year, day.month, day.day])
                    )
                cells.append(CalendarDay(day.day, articles, url, day == today, day > today))
            weeks.append(cells)
        previous = _previous_month(year, month)
        following = _next_month(year, month)
        has_next = following <= _month_of(today)
        return {
            "name": _month_name(year, month),
            "weekdays": jalali.WEEKDAYS,
            "weeks": weeks,
            "total": sum(counts.values()),
            "previous": (_month_name(*previous), self.month_url(*previous))
            if previous[0] >= FIRST_YEAR and previous >= self.first_month
            else None,
            "next": (_month_name(*following), self.month_url(*following)) if has_next else None,
        }

    def archive_context(self) -> dict:
        return {
            "form": self.form,
            "chosen_section": self.section,
            "filter_sections": self.sections,
            "all_sections": self.sections,
            "archive_url": self.with_filter(reverse("articles:archive")),
        }

    def render_to_response(self, context, **response_kwargs):
        # A section that is not there: the page says so, unfiltered, as a bad request.
        if self.form.errors:
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)


def _existing_month(year: int, month: int) -> None:
    """404 for a month the calendar does not have, or that has not begun."""
    if not FIRST_YEAR <= year <= LAST_YEAR or not 1 <= month <= 12:
        raise Http404("چنین ماهی در تقویم نیست.")
    if (year, month) > _month_of(jalali.today()):
        raise Http404("این ماه هنوز نیامده است.")


class ArchiveView(ArchivePage, TemplateView):
    """/archive/: this month's calendar; the way to every other month and day."""

    template_name = "articles/archive.html"

    def get(self, request, *args, **kwargs):
        self.read_filter()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        today = jalali.today()
        months, month, first = [], _month_of(today), self.first_month
        for _ in range(12):  # the year past, newest first, since the first article
            if month < first:
                break
            months.append((_month_name(*month), self.month_url(*month)))
            month = _previous_month(*month)
        heading = f"{ARCHIVE_TITLE} — {self.section.name}" if self.section else ARCHIVE_TITLE
        return super().get_context_data(
            heading=heading,
            calendar=self.calendar(today.year, today.month),
            recent_months=months,
            structured_data=[
                metadata.breadcrumbs(self.request, (ARCHIVE_TITLE, reverse("articles:archive")))
            ],
            **self.archive_context(),
            **kwargs,
        )


class ArchiveMonthView(ArchivePage, ArticleListView):
    """/archive/1405/09/: a Jalali month's calendar and its articles, newest first."""

    template_name = "articles/archive_month.html"

    def get(self, request, *args, **kwargs):
        self.year, self.month = self.kwargs["year"], self.kwargs["month"]
        _existing_month(self.year, self.month)
        self.read_filter()
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        start, end = jalali.month_bounds(self.year, self.month)
        return self.published().published_between(start, end).for_listing()

    def get_context_data(self, **kwargs):
        name = _month_name(self.year, self.month)
        heading = f"آرشیو اخبار {name}"
        if self.section:
            heading += f" — {self.section.name}"
        url = reverse("articles:archive_month", args=[self.year, self.month])
        return super().get_context_data(
            heading=heading,
            calendar=self.calendar(self.year, self.month),
            structured_data=[
                metadata.breadcrumbs(
                    self.request, (ARCHIVE_TITLE, reverse("articles:archive")), (name, url)
                )
            ],
            **self.archive_context(),
            **kwargs,
        )


class ArchiveDayView(ArchivePage, ArticleListView):
    """/archive/1405/09/03/: the articles published on one Jalali day, Tehran time."""

    template_name = "articles/archive_day.html"

    def get(self, request, *args, **kwargs):
        year, month, day = self.kwargs["year"], self.kwargs["month"], self.kwargs["day"]
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise Http404("سال خارج از بازه بایگانی است.")
        try:
            self.start, self.end = jalali.day_bounds(year, month, day)
        except ValueError as exc:
            raise Http404("چنین روزی در تقویم نیست.") from exc
        self.day = jdatetime.date(year, month, day)
        if self.day > jalali.today():
            raise Http404("این روز هنوز نیامده است.")
        self.read_filter()
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return self.published().published_between(self.start, self.end).for_listing()

    def get_context_data(self, **kwargs):
        previous_day = self.day - jalali.ONE_DAY
        next_day = self.day + jalali.ONE_DAY
        heading = f"آرشیو اخبار {jalali.format_weekday_date(self.start)}"
        if self.section:
            heading += f" — {self.section.name}"

        def day_url(day: jdatetime.date) -> str:
            return self.with_filter(
                reverse("articles:archive_day", args=[day.year, day.month, day.day])
            )

        month_name = _month_name(self.day.year, self.day.month)
        month_url = reverse("articles:archive_month", args=[self.day.year, self.day.month])
        return super().get_context_data(
            heading=heading,
            day=self.start,
            previous_day_url=day_url(previous_day) if previous_day.year >= FIRST_YEAR else "",
            next_day_url=day_url(next_day) if next_day <= jalali.today() else "",
            month_name=month_name,
            month_url=self.with_filter(month_url),
            structured_data=[
                metadata.breadcrumbs(
                    self.request,
                    (ARCHIVE_TITLE, reverse("articles:archive")),
                    (month_name, month_url),
                )
            ],
            **self.archive_context(),
            **kwargs,
        )
