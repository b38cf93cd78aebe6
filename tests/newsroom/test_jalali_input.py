"""Jalali dates and times as Iranians type them: every form a desk uses, one shown form."""

import datetime
import re

import jdatetime
import pytest
import time_machine
from django.contrib import admin
from django.urls import reverse

from articles.forms import SearchForm
from articles.models import Article
from newsroom.persian import jalali
from newsroom.persian.fields import AdminJalaliSplitDateTime, JalaliDateTimeFormField
from tests.factories import make_article

UTC = datetime.UTC
# 1405/09/09 10:30 in Tehran.
AZAR_9_1030 = datetime.datetime(2026, 11, 30, 7, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "typed",
    [
        "۱۴۰۵/۰۹/۰۹",  # Persian digits, slashes: what Iranian desks show
        "1405/09/09",
        "1405-09-09",  # what the picker wrote before
        "1405-9-9",
        "١٤٠٥/٠٩/٠٩",  # Arabic-Indic digits, from an Arabic keyboard
        "۱۴۰۵.۹.۹",
        "۱۴۰۵٫۰۹٫۰۹",  # the Persian decimal sign, next to the slash on a Persian keyboard
        "۹/۹/۱۴۰۵",  # day first, as some write it by hand
        "۱۴۰۵۰۹۰۹",  # a phone's number pad has no slash
        "\u200f۱۴۰۵/۰۹/۰۹\u200f ",  # pasted with direction marks
        " 1405 / 09 / 09 ",
    ],
)
def test_a_jalali_date_is_read_however_it_is_typed(typed):
    assert jalali.parse_date(typed) == jdatetime.date(1405, 9, 9)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("۱۴۰۵/۰۷/۳۱", "مهر ۱۴۰۵ فقط ۳۰ روز دارد"),
        ("1404/12/30", "اسفند ۱۴۰۴ فقط ۲۹ روز دارد"),
        ("1405/13/01", "ماه ۱۳ نداریم"),
        ("2026/11/30", "تاریخ را شمسی بنویسید"),
        ("05/09/09", "تاریخ را به شکل ۱۴۰۵/۰۹/۰۹ (سال/ماه/روز) بنویسید."),
        ("دیروز", "تاریخ را به شکل ۱۴۰۵/۰۹/۰۹ (سال/ماه/روز) بنویسید."),
        ("", "تاریخ را به شکل ۱۴۰۵/۰۹/۰۹ (سال/ماه/روز) بنویسید."),
    ],
)
def test_a_date_that_is_not_one_is_explained_in_persian(typed, says):
    with pytest.raises(ValueError, match=re.escape(says)):
        jalali.parse_date(typed)


def test_the_last_day_of_a_leap_year_is_a_date():
    assert jalali.parse_date("۱۴۰۳/۱۲/۳۰") == jdatetime.date(1403, 12, 30)


@pytest.mark.parametrize(
    ("typed", "clock"),
    [
        ("۱۰:۳۰", datetime.time(10, 30)),
        ("10:30", datetime.time(10, 30)),
        ("٠٩:٠٥", datetime.time(9, 5)),
        ("9:05", datetime.time(9, 5)),
        ("۱۰:۳۰:۱۵", datetime.time(10, 30, 15)),
        ("23:59", datetime.time(23, 59)),
    ],
)
def test_a_time_is_read_in_any_digits(typed, clock):
    assert jalali.parse_time(typed) == clock


@pytest.mark.parametrize("typed", ["24:00", "10:60", "10", "ده و نیم", "10:3"])
def test_a_time_that_is_not_one_is_explained_in_persian(typed):
    with pytest.raises(ValueError, match=re.escape("ساعت را به شکل ۱۰:۳۰ بنویسید (۲۴ ساعته")):
        jalali.parse_time(typed)


def test_dates_and_times_are_shown_with_persian_digits_and_slashes():
    assert jalali.format_input_date(AZAR_9_1030) == "۱۴۰۵/۰۹/۰۹"
    assert jalali.format_input_date(jdatetime.date(1405, 1, 1)) == "۱۴۰۵/۰۱/۰۱"
    assert jalali.format_input_time(datetime.time(10, 30)) == "۱۰:۳۰"
    # Seconds only when there are some: a form saved unchanged never moves a time.
    assert jalali.format_input_time(datetime.time(10, 30, 7)) == "۱۰:۳۰:۰۷"


def test_a_moment_typed_is_on_tehrans_clock():
    assert jalali.parse_datetime("۱۴۰۵/۰۹/۰۹ ۱۰:۳۰") == AZAR_9_1030
    assert jalali.parse_datetime("1405-09-09 00:00:00") == datetime.datetime(
        2026, 11, 29, 20, 30, tzinfo=UTC
    )


# The form field behind «زمان انتشار»


def clean(date: str, time: str):
    return JalaliDateTimeFormField(required=False).clean([date, time])


@pytest.mark.parametrize(
    ("date", "time"),
    [
        ("۱۴۰۵/۰۹/۰۹", "۱۰:۳۰"),
        ("1405/09/09", "10:30"),
        ("1405-09-09", "10:30:00"),
        ("۱۴۰۵/۰۹/۰۹ ۱۰:۳۰", ""),  # the whole moment typed (or pasted) into the date box
    ],
)
def test_the_publish_time_field_reads_the_iranian_ways(date, time):
    assert clean(date, time) == AZAR_9_1030


def test_an_empty_publish_time_is_none():
    assert clean("", "") is None


@pytest.mark.parametrize(
    ("date", "time", "says"),
    [
        ("۱۴۰۵/۰۹/۰۹", "", "ساعت را هم بنویسید، مانند ۱۰:۳۰."),
        ("", "۱۰:۳۰", "تاریخ را هم بنویسید، مانند ۱۴۰۵/۰۹/۰۹."),
        ("۱۴۰۵/۰۷/۳۱", "۱۰:۳۰", "مهر ۱۴۰۵ فقط ۳۰ روز دارد؛ روز ۳۱ در آن نیست."),
        ("۱۴۰۵/۰۹/۰۹", "۲۵:۰۰", "ساعت را به شکل ۱۰:۳۰ بنویسید (۲۴ ساعته، به وقت تهران)."),
    ],
)
def test_the_publish_time_field_explains_what_to_fix(date, time, says):
    with pytest.raises(Exception) as refused:
        clean(date, time)
    assert refused.value.messages == [says]


def test_the_admin_date_box_shows_persian_digits_and_slashes_in_tehran_time():
    field = Article._meta.get_field("published_at")
    form_field = admin.site._registry[Article].formfield_for_dbfield(field, request=None)
    assert isinstance(form_field.widget, AdminJalaliSplitDateTime)
    html = form_field.widget.render("published_at", AZAR_9_1030 + datetime.timedelta(seconds=7))
    assert 'value="۱۴۰۵/۰۹/۰۹"' in html and 'value="۱۰:۳۰:۰۷"' in html
    assert "۱۴۰۵/۰۹/۰۹" in str(form_field.help_text) and "۱۰:۳۰" in str(form_field.help_text)
    # django-jalali's picker, started by our script rather than its left-to-right main.js.
    scripts = str(form_field.widget.media)
    assert "jquery.ui.datepicker-cc.js" in scripts and "newsroom/admin-dates.js" in scripts
    assert "admin/main.js" not in scripts


def test_an_unchanged_publish_time_is_not_a_change():
    moment = AZAR_9_1030 + datetime.timedelta(seconds=7, microseconds=123)
    field = JalaliDateTimeFormField(required=False)
    assert not field.has_changed(moment, ["۱۴۰۵/۰۹/۰۹", "۱۰:۳۰:۰۷"])
    assert field.has_changed(moment, ["۱۴۰۵/۰۹/۰۹", "۱۰:۳۰"])


# The article form in the admin


def article_form(section, **fields) -> dict:
    return {
        "kicker": "",
        "title": "بارش برف در همدان",
        "lead": "نخستین برف پاییزی همدان را سفیدپوش کرد.",
        "body": "<p>متن خبر</p>",
        "source": "",
        "byline": "",
        "section": section.pk,
        "comments_open": "on",
        **fields,
    }


@time_machine.travel(datetime.datetime(2026, 11, 22, 9, 0, tzinfo=UTC), tick=False)
def test_editor_schedules_by_typing_the_iranian_way(client, editor, section):
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_article_add"),
        article_form(
            section, status="published", published_at_0="۱۴۰۵/۰۹/۰۹", published_at_1="۱۰:۳۰"
        ),
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.published_at == AZAR_9_1030
    assert article.is_scheduled


def test_a_mistyped_date_comes_back_as_typed_with_a_persian_message(client, editor, section):
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_article_add"),
        article_form(
            section, status="published", published_at_0="۱۴۰۵/۰۷/۳۱", published_at_1="۱۰:۳۰"
        ),
    )
    assert response.status_code == 200
    assert "مهر ۱۴۰۵ فقط ۳۰ روز دارد؛ روز ۳۱ در آن نیست." in response.text
    assert 'value="۱۴۰۵/۰۷/۳۱"' in response.text and 'value="۱۰:۳۰"' in response.text
    assert not Article.objects.exists()


# The admin's list filters and the reader's search


@time_machine.travel(datetime.datetime(2026, 11, 30, 9, 0, tzinfo=UTC), tick=False)
def test_the_changelist_date_filter_takes_slashes_and_persian_digits(client, editor):
    today = make_article(title="امروز", published_at=AZAR_9_1030)
    make_article(title="دیروز", published_at=AZAR_9_1030 - datetime.timedelta(days=1))
    client.force_login(editor)
    page = client.get(
        reverse("admin:articles_article_changelist"),
        {"published_at__gte": "۱۴۰۵/۰۹/۰۹", "published_at__lt": "1405/09/10 00:00"},
    )
    assert list(page.context["cl"].result_list) == [today]


def test_the_changelist_date_filter_turns_nonsense_away(client, editor):
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_changelist"), {"published_at__gte": "x"})
    assert page.status_code == 302 and "e=1" in page["Location"]


@pytest.mark.parametrize("typed", ["۱۴۰۵/۰۹/۰۹", "1405/09/09", "١٤٠٥-٠٩-٠٩", "۱۴۰۵۰۹۰۹"])
def test_search_dates_are_read_however_they_are_typed(typed):
    form = SearchForm({"q": "برف", "since": typed, "until": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["since"] == form.cleaned_data["until"] == jdatetime.date(1405, 9, 9)


def test_a_search_date_that_is_not_one_says_what_to_fix():
    form = SearchForm({"q": "برف", "since": "۱۴۰۵/۰۷/۳۱"})
    assert form.errors["since"] == ["مهر ۱۴۰۵ فقط ۳۰ روز دارد؛ روز ۳۱ در آن نیست."]


REPORT = reverse("admin:articles_usefulnessreport_changelist")


def test_the_report_range_filter_shows_the_dates_in_the_one_form_and_says_it(client, analyst):
    client.force_login(analyst)
    page = client.get(REPORT, {"published_at__jfrom": "1405-9-1", "published_at__jto": "۱۴۰۵۰۹۳۰"})
    assert 'value="۱۴۰۵/۰۹/۰۱"' in page.text and 'value="۱۴۰۵/۰۹/۳۰"' in page.text
    assert "تاریخ شمسی، مانند ۱۴۰۵/۰۹/۰۹؛ رقم فارسی یا انگلیسی." in page.text


@pytest.mark.parametrize("typed", ["١٤٠٥-٠٩-٠٩", "۱۴۰۵۰۹۰۹", "9/9/1405"])
def test_the_vote_date_filter_reads_any_digits_and_separators(client, analyst, typed):
    voted = make_article(title="رأی‌دار")
    voted.feedback_votes.create(reader="a:1", useful=True)
    voted.feedback_votes.update(created_at=AZAR_9_1030)
    client.force_login(analyst)
    page = client.get(
        REPORT,
        {
            "feedback_votes__created_at__jfrom": typed,
            "feedback_votes__created_at__jto": typed,
            "min_votes": 1,  # one vote is not enough to be ranked by default
        },
    )
    assert page.status_code == 200
    assert [row.total for row in page.context["cl"].result_list] == [1]
