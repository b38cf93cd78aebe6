"""Jalali (Solar Hijri) dates as readers read them, in the newsroom's time zone."""

import datetime
import functools
import re

import jdatetime
from django.utils import timezone

from newsroom.persian import to_latin_digits, to_persian_digits

Moment = datetime.datetime | jdatetime.datetime
ONE_DAY = datetime.timedelta(days=1)


def _gregorian(value: Moment) -> datetime.datetime:
    if isinstance(value, jdatetime.datetime):
        value = value.togregorian()
    return value


def localtime(value: Moment) -> datetime.datetime:
    """`value` as an aware datetime in the site's time zone (Asia/Tehran)."""
    value = _gregorian(value)
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return timezone.localtime(value)


def to_jalali(value: Moment | datetime.date) -> jdatetime.datetime | jdatetime.date:
    """The Jalali date (and time, for datetimes) of `value`, with Persian names."""
    if isinstance(value, datetime.datetime | jdatetime.datetime):
        return jdatetime.datetime.fromgregorian(datetime=localtime(value), locale="fa_IR")
    return jdatetime.date.fromgregorian(date=value, locale="fa_IR")


# Looked up rather than through strftime, which parses its format on every call: a page of
# comments formats dozens of times.
WEEKDAYS = jdatetime.date.j_weekdays_fa  # شنبه … جمعه, as jdatetime's weekday() counts
MONTHS = jdatetime.date.j_months_fa  # فروردین … اسفند


@functools.lru_cache(maxsize=4096)
def _jalali_day(day: datetime.date) -> tuple[str, int, str, int]:
    """(weekday, day, month, year) of a Tehran calendar day; a page's dates share few days,
    and the conversion is the dear part of formatting one."""
    j = jdatetime.date.fromgregorian(date=day)
    return WEEKDAYS[j.weekday()], j.day, MONTHS[j.month - 1], j.year


def _local_day(value: Moment | datetime.date) -> tuple[datetime.date, datetime.datetime | None]:
    if isinstance(value, datetime.datetime | jdatetime.datetime):
        local = localtime(value)
        return local.date(), local
    return value, None


def format_date(value: Moment | datetime.date) -> str:
    """«۳ آذر ۱۴۰۵»"""
    _weekday, day, month, year = _jalali_day(_local_day(value)[0])
    return to_persian_digits(f"{day} {month} {year}")


def format_datetime(value: Moment) -> str:
    """«سه‌شنبه ۳ آذر ۱۴۰۵ - ۲۲:۴۴», as Iranian news sites print a publish time."""
    date, local = _local_day(value)
    weekday, day, month, year = _jalali_day(date)
    return to_persian_digits(
        f"{weekday} {day} {month} {year} - {local.hour:02d}:{local.minute:02d}"
    )


def format_weekday_date(value: Moment | datetime.date) -> str:
    """«سه‌شنبه ۳ آذر ۱۴۰۵»"""
    weekday, day, month, year = _jalali_day(_local_day(value)[0])
    return to_persian_digits(f"{weekday} {day} {month} {year}")


def isoformat(value: Moment) -> str:
    """ISO 8601 with the Tehran offset, for `<time datetime>`: 2026-11-24T22:44:00+03:30."""
    return localtime(value).replace(microsecond=0).isoformat()


def day_bounds(year: int, month: int, day: int) -> tuple[datetime.datetime, datetime.datetime]:
    """The first instant of a Jalali day in Tehran and of the day after.

    Raises ValueError for a day the calendar does not have (e.g. 31 Mehr).
    """
    start = jdatetime.date(year, month, day).togregorian()
    start = timezone.make_aware(datetime.datetime.combine(start, datetime.time()))
    end = timezone.make_aware(
        datetime.datetime.combine(start.date() + datetime.timedelta(days=1), datetime.time())
    )
    return start, end


_DATE_PARTS = re.compile(r"^\s*(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*$")


def parse_date(text: str) -> jdatetime.date:
    """A Jalali date as people type it: «۱۴۰۵/۰۹/۰۳», «1405-9-3». ValueError otherwise."""
    match = _DATE_PARTS.match(to_latin_digits(text or ""))
    if not match:
        raise ValueError(f"not a Jalali date: {text!r}")
    year, month, day = (int(part) for part in match.groups())
    if not 1300 <= year <= 1500:
        raise ValueError(f"year out of range: {year}")
    return jdatetime.date(year, month, day)
