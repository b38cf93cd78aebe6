import datetime
import zoneinfo

import jdatetime
import pytest

from newsroom.persian import jalali

UTC = datetime.UTC
TEHRAN = zoneinfo.ZoneInfo("Asia/Tehran")


def test_sample_publish_time_reads_like_a_persian_news_site():
    moment = datetime.datetime(2026, 11, 24, 19, 14, tzinfo=UTC)  # 22:44 in Tehran
    assert jalali.format_datetime(moment) == "سه\u200cشنبه ۳ آذر ۱۴۰۵ - ۲۲:۴۴"
    assert jalali.isoformat(moment) == "2026-11-24T22:44:00+03:30"


def test_nowruz_1405_starts_at_tehran_midnight():
    nowruz = datetime.datetime(2026, 3, 21, 0, 0, tzinfo=TEHRAN)
    assert jalali.format_datetime(nowruz) == "شنبه ۱ فروردین ۱۴۰۵ - ۰۰:۰۰"
    assert jalali.format_datetime(nowruz - datetime.timedelta(minutes=1)) == (
        "جمعه ۲۹ اسفند ۱۴۰۴ - ۲۳:۵۹"
    )


def test_last_day_of_leap_year_1403():
    assert jalali.format_date(datetime.date(2025, 3, 20)) == "۳۰ اسفند ۱۴۰۳"
    assert jalali.format_date(datetime.date(2025, 3, 21)) == "۱ فروردین ۱۴۰۴"


@pytest.mark.parametrize(
    ("utc", "tehran_day"),
    [
        (datetime.datetime(2026, 11, 24, 20, 29, 59, tzinfo=UTC), "۳ آذر ۱۴۰۵"),
        (datetime.datetime(2026, 11, 24, 20, 30, 0, tzinfo=UTC), "۴ آذر ۱۴۰۵"),
    ],
)
def test_the_day_turns_at_tehran_midnight_not_utc(utc, tehran_day):
    assert jalali.format_date(utc) == tehran_day


def test_values_from_jalali_model_fields_format_the_same():
    moment = datetime.datetime(2026, 11, 24, 22, 44, tzinfo=TEHRAN)
    from_db = jdatetime.datetime.fromgregorian(datetime=moment)
    assert jalali.format_datetime(from_db) == jalali.format_datetime(moment)
    assert jalali.isoformat(from_db) == "2026-11-24T22:44:00+03:30"


def test_day_bounds_are_tehran_midnights():
    start, end = jalali.day_bounds(1405, 1, 1)
    assert start == datetime.datetime(2026, 3, 20, 20, 30, tzinfo=UTC)
    assert end - start == datetime.timedelta(days=1)


def test_day_bounds_refuse_a_day_the_calendar_lacks():
    with pytest.raises(ValueError):
        jalali.day_bounds(1405, 7, 31)
