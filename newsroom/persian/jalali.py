"""Jalali (Solar Hijri) dates as readers read them, in the newsroom's time zone."""

import datetime
import functools
import re

import jdatetime
from django.utils import timezone

from newsroom.persian.text import INVISIBLE, ZWNJ, to_latin_digits, to_persian_digits

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


def month_bounds(year: int, month: int) -> tuple[datetime.datetime, datetime.datetime]:
    """The first instant of a Jalali month in Tehran and of the month after.

    Raises ValueError for a month the calendar does not have (0, 13).
    """
    if not 1 <= month <= 12:
        raise ValueError(f"No month {month} in the Jalali calendar.")
    following = (year + 1, 1) if month == 12 else (year, month + 1)
    return day_bounds(year, month, 1)[0], day_bounds(*following, 1)[0]


def today() -> jdatetime.date:
    """Today in Tehran, on the Jalali calendar."""
    return jdatetime.date.fromgregorian(date=timezone.localdate())


def month_weeks(year: int, month: int) -> list[list[jdatetime.date | None]]:
    """A Jalali month as a wall calendar shows it: weeks from Saturday (شنبه) to Friday,
    None in the cells before its first day and after its last."""
    first = jdatetime.date(year, month, 1)
    cells: list[jdatetime.date | None] = [None] * first.weekday()  # Saturday is 0
    cells += [jdatetime.date(year, month, day) for day in range(1, _days_in_month(year, month) + 1)]
    cells += [None] * (-len(cells) % 7)
    return [cells[i : i + 7] for i in range(0, len(cells), 7)]


# How a Jalali date is shown in a form, and the example every help text and message gives.
DATE_EXAMPLE = "۱۴۰۵/۰۹/۰۹"
TIME_EXAMPLE = "۱۰:۳۰"

# Year first, as Iranians write it («۱۴۰۵/۹/۹»), or day first («۹/۹/۱۴۰۵»); slashes, dashes,
# dots or the Persian decimal sign between the parts, or none at all («۱۴۰۵۰۹۰۹», what a
# phone's number pad can type).
_SEPARATOR = r"\s*[/\-.\u066b\u066c]\s*"
_YEAR_FIRST = re.compile(rf"([0-9]{{4}}){_SEPARATOR}([0-9]{{1,2}}){_SEPARATOR}([0-9]{{1,2}})")
_DAY_FIRST = re.compile(rf"([0-9]{{1,2}}){_SEPARATOR}([0-9]{{1,2}}){_SEPARATOR}([0-9]{{4}})")
_COMPACT = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})")
_TIME = re.compile(r"([0-9]{1,2})\s*[:.]\s*([0-9]{2})(?:\s*[:.]\s*([0-9]{2}))?")
# Pasted text brings direction marks and other invisibles with it.
_INVISIBLE = str.maketrans(dict.fromkeys(INVISIBLE + ZWNJ))


def _typed(text: str) -> str:
    return to_latin_digits(text or "").translate(_INVISIBLE).strip()


def parse_date(text: str) -> jdatetime.date:
    """A Jalali date however Iranians type it: «۱۴۰۵/۰۹/۰۹», «1405-9-9», «۹/۹/۱۴۰۵»,
    «۱۴۰۵۰۹۰۹», in Persian, Arabic-Indic or Latin digits.

    Raises ValueError whose message, in Persian, tells the person what to fix.
    """
    typed = _typed(text)
    if match := _YEAR_FIRST.fullmatch(typed) or _COMPACT.fullmatch(typed):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DAY_FIRST.fullmatch(typed):
        day, month, year = (int(part) for part in match.groups())
    else:
        raise ValueError(f"تاریخ را به شکل {DATE_EXAMPLE} (سال/ماه/روز) بنویسید.")
    if 1900 <= year <= 2100:
        problem = f"تاریخ را شمسی بنویسید، مانند {DATE_EXAMPLE}؛ سال {year} میلادی است."
    elif not 1300 <= year <= 1500:
        problem = f"سال {year} درست نیست: سال شمسی را چهاررقمی بنویسید، مانند ۱۴۰۵."
    elif not 1 <= month <= 12:
        problem = f"ماه {month} نداریم: ماه از ۱ (فروردین) تا ۱۲ (اسفند) است."
    elif not 1 <= day <= (days := _days_in_month(year, month)):
        problem = f"{MONTHS[month - 1]} {year} فقط {days} روز دارد؛ روز {day} در آن نیست."
    else:
        return jdatetime.date(year, month, day)
    raise ValueError(to_persian_digits(problem))


def _days_in_month(year: int, month: int) -> int:
    if month <= 6:
        return 31
    return 30 if month <= 11 or jdatetime.date(year, 1, 1).isleap() else 29


def parse_time(text: str) -> datetime.time:
    """A time of day on the 24-hour clock: «۱۰:۳۰», «10:30», «۱۰:۳۰:۱۵».

    Raises ValueError whose message, in Persian, tells the person what to fix.
    """
    match = _TIME.fullmatch(_typed(text))
    hour, minute, second = (int(part or 0) for part in match.groups()) if match else (99, 0, 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"ساعت را به شکل {TIME_EXAMPLE} بنویسید (۲۴ ساعته، به وقت تهران).")
    return datetime.time(hour, minute, second)


def moment(day: jdatetime.date, clock: datetime.time = datetime.time()) -> datetime.datetime:
    """The instant a Jalali day and a time of day name on Tehran's clock."""
    return timezone.make_aware(datetime.datetime.combine(day.togregorian(), clock))


def parse_datetime(text: str) -> datetime.datetime:
    """«۱۴۰۵/۰۹/۰۹ ۱۰:۳۰» (a date alone is its first instant) as an instant in Tehran."""
    date_text, _space, time_text = _typed(text).partition(" ")
    return moment(parse_date(date_text), parse_time(time_text) if time_text else datetime.time())


def format_input_date(value: Moment | datetime.date | jdatetime.date) -> str:
    """A day as a form shows it: «۱۴۰۵/۰۹/۰۹»."""
    if isinstance(value, jdatetime.datetime) or not isinstance(value, jdatetime.date):
        value = to_jalali(value)  # an instant: its day in Tehran
    return to_persian_digits(f"{value.year:04d}/{value.month:02d}/{value.day:02d}")


def format_input_time(value: datetime.time) -> str:
    """A time of day as a form shows it: «۱۰:۳۰», and its seconds only when it has some, so
    that saving a form unchanged never moves a time."""
    text = f"{value.hour:02d}:{value.minute:02d}"
    if value.second:
        text += f":{value.second:02d}"
    return to_persian_digits(text)
