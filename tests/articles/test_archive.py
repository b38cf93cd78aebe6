"""The archive (آرشیو): the month's calendar with each day's count, month and day pages,
the section filter, nothing from the future; and the lists' numbered pagination."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from tests.factories import make_article, make_comment, make_section

pytestmark = pytest.mark.django_db

TEHRAN = datetime.timezone(datetime.timedelta(hours=3, minutes=30))
# Monday 16 Azar 1405, 12:30 in Tehran: the calendar's today.
NOW = datetime.datetime(2026, 12, 7, 12, 30, tzinfo=TEHRAN)
BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 Firefox/130"}


def azar(day: int, hour: int = 10) -> datetime.datetime:
    """A moment of a day of Azar 1405 in Tehran (1 Azar is 22 November 2026)."""
    return datetime.datetime(2026, 11, 21, hour, tzinfo=TEHRAN) + datetime.timedelta(days=day)


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(NOW, tick=False)


def calendar_cell(html: str, day: str) -> str:
    """The calendar's cell of a day, by its Persian number."""
    for cell in re.findall(r"<td[^>]*>(.*?)</td>", html, re.S):
        if re.search(rf'class="calendar__day[^"]*"[^>]*>{day}<', cell):
            return cell
    raise AssertionError(f"no day {day} in the calendar")


def test_archive_links_each_day_that_has_articles_with_their_count(client, section):
    make_article(section=section, published_at=azar(10, 9))
    make_article(section=section, published_at=azar(10, 23))  # 23:00 Tehran: still the 10th
    make_article(section=section, published_at=azar(16, 8))
    page = client.get("/archive/")
    assert page.status_code == 200
    assert "<title>آرشیو |" in page.text
    assert "آذر ۱۴۰۵" in page.text
    tenth = calendar_cell(page.text, "۱۰")
    assert 'href="/archive/1405/9/10/"' in tenth and "۲ خبر" in tenth
    assert 'href="/archive/1405/9/16/"' in calendar_cell(page.text, "۱۶")
    assert 'aria-current="date"' in calendar_cell(page.text, "۱۶")
    assert "<a " not in calendar_cell(page.text, "۱۱")  # no articles: plain text


def test_the_calendar_starts_its_weeks_on_saturday(client):
    page = client.get("/archive/").text
    weekdays = re.findall(r'<th scope="col"><abbr title="([^"]+)">', page)
    assert weekdays[0] == "شنبه" and weekdays[-1] == "جمعه"
    first_week = re.search(r"<tbody>\s*<tr>(.*?)</tr>", page, re.S).group(1)
    assert first_week.startswith("<td></td><td>")  # 1 Azar 1405 is a Sunday (یک‌شنبه)


def test_future_days_are_not_links_even_with_a_scheduled_article(client, section):
    make_article(section=section, published_at=azar(20))  # scheduled: its time has not come
    page = client.get("/archive/").text
    assert "/archive/1405/9/20/" not in page
    for day in ("۱۷", "۲۰", "۳۰"):
        cell = calendar_cell(page, day)
        assert "<a " not in cell and "calendar__day--future" in cell


def test_section_filter_changes_the_counts_and_is_carried_into_the_links(client, section):
    other = make_section(name="ورزشی", slug="sports")
    make_article(section=section, published_at=azar(10))
    make_article(section=other, published_at=azar(10))
    make_article(section=other, published_at=azar(12))
    make_article(section=other, published_at=azar(-5))  # in Aban: the month before has news
    everything = client.get("/archive/").text
    assert "۲ خبر" in calendar_cell(everything, "۱۰")
    sports = client.get("/archive/", {"section": "sports"}).text
    assert "۱ خبر" in calendar_cell(sports, "۱۰")
    assert 'href="/archive/1405/9/10/?section=sports"' in sports
    assert 'href="/archive/1405/8/?section=sports"' in sports  # the month before
    assert '<option value="sports" selected>' in sports
    # A filtered copy is for readers; search engines index the archive itself.
    assert 'content="noindex, follow"' in sports and "noindex" not in everything
    society = client.get("/archive/", {"section": section.slug}).text
    assert "<a " not in calendar_cell(society, "۱۲")


def test_an_unknown_section_is_a_bad_request_said_in_persian(client, section):
    make_article(section=section, published_at=azar(10))
    page = client.get("/archive/", {"section": "no-such"})
    assert page.status_code == 400
    assert "چنین سرویسی نیست" in page.text
    assert 'href="/archive/1405/9/10/"' in page.text  # the calendar still there, unfiltered


def test_month_page_lists_its_articles_newest_first_and_paginates(client, section, settings):
    settings.ARTICLES_PER_PAGE = 2
    older = make_article(section=section, title="خبر دوم آذر", published_at=azar(2))
    middle = make_article(section=section, title="خبر هشتم آذر", published_at=azar(8))
    newest = make_article(section=section, title="خبر پانزدهم آذر", published_at=azar(15))
    make_article(section=section, title="خبر آبان", published_at=azar(-3))
    first = client.get("/archive/1405/09/")
    assert first.status_code == 200
    assert "آرشیو اخبار آذر ۱۴۰۵" in first.text
    assert list(first.context["articles"]) == [newest, middle]
    assert "calendar__table" in first.text
    assert 'href="?page=2"' in first.text
    second = client.get("/archive/1405/9/", {"page": 2})
    assert list(second.context["articles"]) == [older]
    assert "خبر آبان" not in first.text + second.text


def test_month_page_filters_by_section_and_keeps_it_in_its_page_links(client, section, settings):
    settings.ARTICLES_PER_PAGE = 1
    other = make_section(name="ورزشی", slug="sports")
    mine = [make_article(section=other, published_at=azar(day)) for day in (3, 4)]
    make_article(section=section, published_at=azar(5))
    page = client.get("/archive/1405/9/", {"section": "sports"})
    assert list(page.context["articles"]) == [mine[1]]
    assert page.context["paginator"].count == 2
    assert 'href="?section=sports&amp;page=2"' in page.text


@pytest.mark.parametrize(
    "url", ["/archive/1405/13/", "/archive/1405/0/", "/archive/1405/10/", "/archive/1406/1/"]
)
def test_a_month_not_in_the_calendar_or_not_yet_come_is_not_found(client, url):
    assert client.get(url).status_code == 404


def test_the_current_month_links_back_but_not_forward(client, section):
    make_article(section=section, published_at=azar(-40))  # in Mehr
    page = client.get("/archive/1405/9/").text
    assert 'rel="prev" href="/archive/1405/8/"' in page
    assert "/archive/1405/10/" not in page
    assert 'rel="next" href="/archive/1405/9/"' in client.get("/archive/1405/8/").text


def test_the_months_go_back_to_the_first_article_and_no_further(client, section):
    make_article(section=section, published_at=azar(-3))  # 28 Aban, the first
    assert 'rel="prev" href="/archive/1405/8/"' in client.get("/archive/1405/9/").text
    assert 'rel="prev"' not in client.get("/archive/1405/8/").text
    months = client.get("/archive/").text
    assert "/archive/1405/8/" in months
    assert "/archive/1405/7/" not in months


def test_a_day_after_today_is_not_found(client):
    assert client.get("/archive/1405/9/17/").status_code == 404
    assert client.get("/archive/1405/9/16/").status_code == 200


def test_todays_page_has_no_next_day_and_yesterdays_leads_to_today(client):
    today = client.get("/archive/1405/9/16/").text
    assert "روز بعد" not in today
    assert 'rel="prev" href="/archive/1405/9/15/"' in today
    yesterday = client.get("/archive/1405/9/15/").text
    assert 'rel="next" href="/archive/1405/9/16/"' in yesterday


def test_the_next_day_crosses_into_the_next_month(client):
    page = client.get("/archive/1405/8/30/").text  # Aban has 30 days
    assert 'rel="next" href="/archive/1405/9/1/"' in page


def test_a_day_page_links_up_to_its_month_and_the_archive_keeping_the_filter(client, section):
    make_article(section=section, published_at=azar(10))
    page = client.get("/archive/1405/9/10/", {"section": section.slug}).text
    assert f'href="/archive/?section={section.slug}">آرشیو</a>' in page
    assert f'href="/archive/1405/9/?section={section.slug}">آذر ۱۴۰۵</a>' in page
    assert f'rel="prev" href="/archive/1405/9/9/?section={section.slug}"' in page


def test_a_day_page_filters_by_section(client, section):
    other = make_section(name="ورزشی", slug="sports")
    make_article(section=section, title="خبر اجتماعی روز", published_at=azar(10))
    make_article(section=other, title="خبر ورزشی روز", published_at=azar(10))
    page = client.get("/archive/1405/9/10/", {"section": "sports"}).text
    assert "خبر ورزشی روز" in page and "خبر اجتماعی روز" not in page


def test_every_reader_page_links_to_the_archive(client, section):
    make_article(section=section)
    home = client.get("/").text
    assert re.search(r'<footer.*href="/archive/".*</footer>', home, re.S)
    assert 'href="/archive/">آرشیو</a>' in client.get(section.get_absolute_url()).text


def test_the_sitemap_lists_the_archive(client):
    assert "/archive/</loc>" in client.get("/sitemap-home.xml").text


def test_a_publish_shows_on_the_cached_archive_and_month_at_once(section):
    reader = Client(**BROWSER)
    make_article(section=section, published_at=azar(10))
    draft = make_article(section=section, status=Article.Status.DRAFT)
    for url in ("/archive/", "/archive/1405/9/"):
        reader.get(url)
        assert reader.get(url).wsgi_request.page_cache == "hit"
    draft.publish()
    for url in ("/archive/", "/archive/1405/9/"):
        page = reader.get(url).text
        assert 'href="/archive/1405/9/16/"' in page
        assert "۱ خبر" in calendar_cell(page, "۱۶")
    assert draft.title in reader.get("/archive/1405/9/").text


def _queries(client, url: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("url", "budget"),
    [
        ("/archive/", 5),
        ("/archive/?section=society", 5),
        ("/archive/1405/9/", 7),
        ("/archive/1405/9/?section=society&page=2", 7),
        ("/archive/1405/9/16/", 5),
    ],
)
def test_archive_query_count_does_not_grow_with_articles(
    client, section, url, budget, settings, django_assert_max_num_queries
):
    settings.ARTICLES_PER_PAGE = 1
    others = [make_section() for _ in range(2)]

    def publish(n: int) -> None:
        for i in range(n):
            where = (section, *others)[i % 3]
            make_article(section=where, published_at=azar(1 + i % 16, 6 + i % 10))

    publish(5)
    small = _queries(client, url)
    publish(45)
    with django_assert_max_num_queries(budget):
        large = _queries(client, url)
    assert large <= small


def test_pagination_shows_persian_page_numbers_with_the_middle_left_out(client, section, settings):
    settings.ARTICLES_PER_PAGE = 1
    for _ in range(12):
        make_article(section=section)
    page = client.get(section.get_absolute_url(), {"page": 6, "utm_source": "x"}).text
    nav = re.search(r'<nav class="pagination" aria-label="([^"]+)">(.*?)</nav>', page, re.S)
    assert nav.group(1) == "صفحه‌های فهرست"
    numbers = re.findall(r">([۰-۹]+|…)</", nav.group(2))
    assert numbers == ["۱", "…", "۴", "۵", "۶", "۷", "۸", "…", "۱۲"]
    assert '<a href="?page=6" aria-current="page">۶</a>' in nav.group(2)
    assert 'rel="prev" href="?page=5">قبلی</a>' in nav.group(2)
    assert 'rel="next" href="?page=7">بعدی</a>' in nav.group(2)
    assert "utm_source" not in nav.group(2)  # a tracking parameter is not the page's


def test_search_pagination_keeps_the_query(client, section, settings):
    settings.ARTICLES_PER_PAGE = 1
    for n in range(3):
        make_article(section=section, title=f"کرمانشاه خبر {n}")
    page = client.get("/search/", {"q": "کرمانشاه", "section": section.slug}).text
    assert (
        f'href="?q=%DA%A9%D8%B1%D9%85%D8%A7%D9%86%D8%B4%D8%A7%D9%87&amp;section={section.slug}&amp;page=2">۲</a>'
        in page
    )


def test_most_commented_is_numbered_in_persian_digits(client, section):
    for n in range(2):
        article = make_article(section=section, title=f"خبر پربحث {n}")
        make_comment(article)
    page = client.get("/").text
    block = page[page.index("پربحث‌ترین") :]
    # The numbers are the list's markers, counted in Persian by the stylesheet.
    assert block.index('<ol class="ranking__list">') < block.index("خبر پربحث")
    css = client.get("/static/newsroom/site.css")
    assert "ol { list-style-type: persian; }" in b"".join(css.streaming_content).decode()
