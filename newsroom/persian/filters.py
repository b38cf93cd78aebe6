"""The admin's Jalali date filters: django-jalali's «today / this month» in Tehran time, and a
range of Jalali dates typed by hand."""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.utils.translation import gettext_lazy as _
from django_jalali.admin.filters import JDateFieldListFilter

from newsroom.persian import jalali


class JalaliDateFilter(JDateFieldListFilter):
    """django-jalali's «today / past 7 days / this month» filter, its bounds in Tehran time;
    a bound typed into the address reads like any Jalali date («۱۴۰۵/۰۹/۰۹ ۱۰:۳۰»)."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        # Its links name a time of day only for django-jalali's own fields; a stored
        # date and time is bounded by instants too ("1405-09-09 00:00:00").
        self.links = tuple(
            (
                title,
                {
                    name: bound if " " in bound else f"{bound} 00:00:00"
                    for name, bound in link.items()
                },
            )
            for title, link in self.links
        )

    def queryset(self, request, queryset):
        bounds = {}
        for lookup, value in self.used_parameters.items():
            value = value[-1] if isinstance(value, list) else value
            try:
                bounds[lookup] = jalali.parse_datetime(value)
            except ValueError as exc:
                raise IncorrectLookupParameters(exc) from exc
        return queryset.filter(**bounds)


class JalaliDateRangeFilter(admin.FieldListFilter):
    """«از ... تا ...»: a Jalali date range typed by hand, both ends whole Tehran days."""

    template = "admin/jalali_date_range_filter.html"

    def __init__(self, field, request, params, model, model_admin, field_path):
        self.from_param = f"{field_path}__jfrom"
        self.until_param = f"{field_path}__jto"
        super().__init__(field, request, params, model, model_admin, field_path)
        self.start, self.end = self.bounds(self.used_parameters, field_path)

    @classmethod
    def bounds(cls, params, field_path: str):
        """The instants a range in `params` covers: (start or None, end or None)."""

        def value(name):
            raw = params.get(f"{field_path}__{name}")
            return (raw[-1] if isinstance(raw, list) else raw) or ""

        try:
            start = end = None
            if value("jfrom").strip():
                day = jalali.parse_date(value("jfrom"))
                start = jalali.day_bounds(day.year, day.month, day.day)[0]
            if value("jto").strip():
                day = jalali.parse_date(value("jto"))
                end = jalali.day_bounds(day.year, day.month, day.day)[1]
        except ValueError as exc:
            raise IncorrectLookupParameters(_("تاریخ را به شکل ۱۴۰۵/۰۹/۰۳ بنویسید.")) from exc
        return start, end

    def expected_parameters(self):
        return [self.from_param, self.until_param]

    def has_output(self) -> bool:
        return True

    def queryset(self, request, queryset):
        if self.start is not None:
            queryset = queryset.filter(**{f"{self.field_path}__gte": self.start})
        if self.end is not None:
            queryset = queryset.filter(**{f"{self.field_path}__lt": self.end})
        return queryset

    def choices(self, changelist):
        def shown(name):
            """What was typed, in the one form dates are shown: «1405-9-1» → «۱۴۰۵/۰۹/۰۱»."""
            raw = self.used_parameters.get(name)
            typed = (raw[-1] if isinstance(raw, list) else raw) or ""
            try:
                return jalali.format_input_date(jalali.parse_date(typed)) if typed else ""
            except ValueError:
                return typed

        yield {
            "from_param": self.from_param,
            "until_param": self.until_param,
            "from_value": shown(self.from_param),
            "until_value": shown(self.until_param),
            "help": _("تاریخ شمسی، مانند %(example)s؛ رقم فارسی یا انگلیسی.")
            % {"example": jalali.DATE_EXAMPLE},
            # Every other filter, the search and the sort survive a new range.
            "keep": [
                (name, value)
                for name, values in changelist.filter_params.items()
                if name not in (self.from_param, self.until_param)
                for value in values
            ],
            "clear_url": changelist.get_query_string(remove=[self.from_param, self.until_param]),
        }
