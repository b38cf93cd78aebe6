"""«گزارش مفید بودن اخبار»: what staff learn from the votes, and who may see it."""

import csv
import datetime
import io
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.feedback.admin import UsefulnessReportAdmin, nice_top
from articles.feedback.models import wilson_lower_bound
from articles.models import Article, FeedbackVote, UsefulnessReport
from tests.factories import make_article, make_section, make_user

pytestmark = pytest.mark.django_db

REPORT = reverse("admin:articles_usefulnessreport_changelist")
CSV = reverse("admin:articles_usefulnessreport_csv")
by = UsefulnessReportAdmin.sorted_by


def add_votes(article, yes: int, no: int, reasons=(), when=None):
    start = FeedbackVote.objects.count()
    for i in range(yes + no):
        vote = FeedbackVote.objects.create(
            article=article,
            reader=f"a:{start + i}",
            useful=i < yes,
            reason=reasons[i - yes] if i >= yes and i - yes < len(reasons) else "",
        )
        if when is not None:
            FeedbackVote.objects.filter(pk=vote.pk).update(created_at=when)


def staff(role="Analysts") -> Client:
    client = Client()
    client.force_login(make_user(role))
    return client


@pytest.mark.parametrize(
    ("yes", "total", "expected"),
    [
        (0, 0, 0.0),
        (1, 1, 0.2065),
        (90, 100, 0.8256),
        (5, 10, 0.2366),
        (0, 1, 0.0),
        (100, 100, 0.963),
    ],
)
def test_wilson_lower_bound_worked_examples(yes, total, expected):
    assert wilson_lower_bound(yes, total) == pytest.approx(expected, abs=1e-4)


def test_database_score_matches_the_python_one():
    pairs = [(1, 1), (90, 100), (3, 7), (0, 4)]
    articles = []
    for yes, total in pairs:
        article = make_article()
        add_votes(article, yes, total - yes)
        articles.append(article)
    rows = {a.pk: a for a in UsefulnessReport.objects.with_usefulness()}
    for article, (yes, total) in zip(articles, pairs, strict=True):
        row = rows[article.pk]
        assert (row.yes, row.no, row.total) == (yes, total - yes, total)
        assert row.wilson == pytest.approx(wilson_lower_bound(yes, total), abs=1e-9)


def test_ranking_puts_ninety_of_a_hundred_above_one_of_one():
    lucky = make_article(title="یک از یک")
    solid = make_article(title="نود از صد")
    add_votes(lucky, 1, 0)
    add_votes(solid, 90, 10)
    page = staff().get(REPORT, {"min_votes": "1"})
    assert [a.title for a in page.context["cl"].result_list][:2] == ["نود از صد", "یک از یک"]


def test_report_rows_show_counts_percent_and_score_in_persian(client):
    article = make_article(title="خبر سنجیده")
    add_votes(article, 3, 1)
    page = staff().get(REPORT, {"min_votes": "1"}).text
    assert "خبر سنجیده" in page
    assert '<td class="field-percent_useful">۷۵٪</td>' in page  # the sign after the number
    assert '<td class="field-score">۰٫۳۰</td>' in page  # Wilson for 3 of 4: 0.3006
    assert "<dd>۷۵٪</dd>" in page and "<dd>۰٫۳۰</dd>" in page  # the totals write them alike
    assert "٪۷" not in page and "۰.۳" not in page and "0.3" not in page


def test_columns_sort(client):
    few, many = make_article(title="کم‌رأی"), make_article(title="پررأی")
    add_votes(few, 1, 0)
    add_votes(many, 2, 8)
    viewer = staff()
    by_total = viewer.get(REPORT, {"o": by("-total_votes"), "min_votes": "1"})
    assert [a.title for a in by_total.context["cl"].result_list][:2] == ["پررأی", "کم‌رأی"]
    by_percent = viewer.get(REPORT, {"o": by("-percent_useful"), "min_votes": "1"})
    by_percent = by_percent.context["cl"].result_list
    assert [a.title for a in by_percent][:2] == ["کم‌رأی", "پررأی"]


def test_filters_by_section_and_minimum_votes():
    sport = make_section(name="ورزشی", slug="sport")
    in_sport = make_article(section=sport, title="ورزشی پررأی")
    make_article(section=sport, title="ورزشی کم‌رأی")
    other = make_article(title="غیرورزشی")
    add_votes(in_sport, 4, 2)
    add_votes(other, 9, 0)
    rows = staff().get(REPORT, {"section__id__exact": sport.pk, "min_votes": "5"})
    assert [a.title for a in rows.context["cl"].result_list] == ["ورزشی پررأی"]


def test_filters_by_jalali_publication_range():
    inside = make_article(
        title="آذرماه", published_at=datetime.datetime(2026, 11, 24, 19, 0, tzinfo=datetime.UTC)
    )
    make_article(
        title="آبان‌ماه", published_at=datetime.datetime(2026, 11, 1, 12, 0, tzinfo=datetime.UTC)
    )
    page = staff().get(
        REPORT,
        {"published_at__jfrom": "۱۴۰۵/۰۹/۰۱", "published_at__jto": "1405-09-30", "min_votes": 0},
    )
    assert list(page.context["cl"].result_list) == [inside]


def test_vote_date_range_counts_only_votes_in_it_and_totals_follow():
    article = make_article()
    add_votes(article, 2, 0, when=datetime.datetime(2026, 11, 1, 12, tzinfo=datetime.UTC))
    add_votes(article, 1, 3, when=datetime.datetime(2026, 11, 24, 12, tzinfo=datetime.UTC))
    page = staff().get(
        REPORT,
        {
            "feedback_votes__created_at__jfrom": "1405/09/01",
            "feedback_votes__created_at__jto": "1405/09/05",
            "min_votes": "1",
        },
    )
    row = page.context["cl"].result_list[0]
    assert (row.yes, row.no, row.total) == (1, 3, 4)
    totals = page.context["totals"]
    assert (totals["tally"].yes, totals["tally"].total, totals["percent"]) == (1, 4, 25)


def test_totals_cover_the_filtered_set():
    sport = make_section(slug="sport2")
    add_votes(make_article(section=sport), 3, 1)
    add_votes(make_article(section=sport), 1, 1)
    add_votes(make_article(), 10, 0)
    totals = (
        staff().get(REPORT, {"section__id__exact": sport.pk, "min_votes": "1"}).context["totals"]
    )
    assert (totals["articles"], totals["tally"].yes, totals["tally"].total) == (2, 4, 6)
    assert "جمع برای اخبار فیلترشده" in staff().get(REPORT).text


@pytest.mark.parametrize("value", ["۱۴۰۵/۱۳/۴۰", "abc", "<script>", "1405/7/31", "99999/1/1"])
def test_malformed_date_ranges_are_not_server_errors(value):
    response = staff().get(REPORT, {"published_at__jfrom": value})
    assert response.status_code in (200, 302)


def test_csv_is_utf8_with_bom_and_follows_the_filters():
    sport = make_section(name="ورزشی", slug="sport3")
    article = make_article(section=sport, title='=HYPERLINK("x") تیتر')
    make_article(title="بیرون از فیلتر")
    add_votes(article, 3, 1)
    response = staff().get(CSV, {"section__id__exact": sport.pk, "min_votes": "1"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["کد خبر", "تیتر", "سرویس"]
    assert len(rows) == 2
    code, title, section, published, jalali_day, yes, no, total, percent, score = rows[1]
    assert (int(code), section, yes, no, total, percent) == (
        article.code,
        "ورزشی",
        "3",
        "1",
        "4",
        "75.0",
    )
    assert title.startswith("'=")  # never run as a spreadsheet formula
    assert float(score) == pytest.approx(wilson_lower_bound(3, 4), abs=1e-4)
    # Machine-friendly, and the headings say so: ISO 8601 with the offset, Latin digits.
    published_at = article.published_at.replace(microsecond=0)
    assert datetime.datetime.fromisoformat(published) == published_at
    assert published.endswith("+03:30")
    assert jalali_day.startswith("1405/") and len(jalali_day) == 10
    assert rows[0][3] == "زمان انتشار (ISO 8601)"
    assert "0 تا 1" in rows[0][9]


def test_detail_shows_chart_reasons_and_notes_newest_first():
    article = make_article()
    with time_machine.travel(datetime.datetime(2026, 11, 20, 9, tzinfo=datetime.UTC)):
        add_votes(article, 2, 1, reasons=["outdated"])
        FeedbackVote.objects.filter(useful=False).update(note="یادداشت قدیمی")
    with time_machine.travel(datetime.datetime(2026, 11, 22, 9, tzinfo=datetime.UTC)):
        add_votes(article, 0, 2, reasons=["wrong", "wrong"])
        FeedbackVote.objects.filter(useful=False, note="").update(note="یادداشت تازه")
    page = staff().get(reverse("admin:articles_usefulnessreport_change", args=[article.pk])).text
    assert page.count("<rect ") == 2 * 3  # 29 Aban to 1 Azar: three days, two bars each
    assert "<svg" in page and 'role="img"' in page
    assert "cdn" not in page.lower()
    assert "<td>اطلاعات نادرست</td><td>۲</td>" in page
    assert "<td>قدیمی</td><td>۱</td>" in page
    assert page.index("یادداشت تازه") < page.index("یادداشت قدیمی")


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("Analysts", True), ("Editors", True), ("superuser", True), ("Reporters", False),
     ("Moderators", False)],
)  # fmt: skip
def test_report_permissions_per_role(role, allowed):
    article = make_article()
    client = staff(role)
    detail = reverse("admin:articles_usefulnessreport_change", args=[article.pk])
    for url in (REPORT, CSV, detail):
        assert (client.get(url).status_code == 200) is allowed, url


def test_anonymous_readers_cannot_see_the_report(client):
    assert client.get(REPORT).status_code == 302
    assert client.get(CSV).status_code == 302


def test_analysts_can_change_nothing():
    article = make_article()
    analyst = staff("Analysts")
    assert analyst.get(reverse("admin:articles_article_changelist")).status_code == 403
    assert analyst.post(
        reverse("admin:articles_usefulnessreport_change", args=[article.pk]), {"title": "x"}
    ).status_code in (200, 403)
    article.refresh_from_db()
    assert article.title != "x"
    assert (
        analyst.get(
            reverse("admin:articles_usefulnessreport_delete", args=[article.pk])
        ).status_code
        == 403
    )
    assert "addlink" not in analyst.get(REPORT).text


def test_article_admin_links_to_its_report():
    article = make_article()
    page = staff("Editors").get(reverse("admin:articles_article_change", args=[article.pk])).text
    assert reverse("admin:articles_usefulnessreport_change", args=[article.pk]) in page


def test_report_query_count_does_not_grow_with_articles(django_assert_max_num_queries):
    viewer = staff()
    for _ in range(3):
        add_votes(make_article(), 2, 1)
    viewer.get(REPORT)
    for _ in range(30):
        add_votes(make_article(), 2, 1)
    with django_assert_max_num_queries(12):
        viewer.get(REPORT)


# Rankings only of what can be judged, and of what readers could read.


def titles(response) -> list[str]:
    return [a.title for a in response.context["cl"].result_list]


def test_articles_with_too_few_votes_stay_out_of_the_ranking_and_are_counted():
    add_votes(make_article(title="پنج رأی"), 4, 1)
    add_votes(make_article(title="دو رأی"), 2, 0)
    make_article(title="بی‌رأی")
    viewer = staff()
    page = viewer.get(REPORT)
    assert titles(page) == ["پنج رأی"]
    assert "۲ خبر رأی کافی برای رتبه‌بندی ندارد" in page.text
    assert 'href="?min_votes=0"' in page.text
    assert 'class="selected"' in page.text.split("حداقل تعداد رأی", 1)[1].split("۵ رأی")[0]
    everything = viewer.get(REPORT, {"min_votes": "0"})
    assert sorted(titles(everything)) == sorted(["پنج رأی", "دو رأی", "بی‌رأی"])
    assert "رأی کافی برای رتبه‌بندی ندارد" not in everything.text
    assert titles(viewer.get(REPORT, {"min_votes": "۲"})) == ["پنج رأی", "دو رأی"]


def test_the_hidden_count_follows_the_other_filters_and_the_search():
    sport = make_section(slug="sport4")
    add_votes(make_article(section=sport, title="ورزشی کم‌رأی"), 1, 0)
    make_article(section=sport, title="ورزشی بی‌رأی")
    make_article(title="بیرون از سرویس")
    viewer = staff()
    assert viewer.get(REPORT, {"section__id__exact": sport.pk}).context["unranked"]["count"] == 2
    searched = viewer.get(REPORT, {"section__id__exact": sport.pk, "q": "کم‌رأی"})
    assert searched.context["unranked"]["count"] == 1


def test_no_vote_articles_come_last_whichever_way_the_score_is_sorted():
    add_votes(make_article(title="بد"), 0, 6)
    add_votes(make_article(title="خوب"), 6, 0)
    make_article(title="بی‌رأی")
    viewer = staff()
    least_useful_first = viewer.get(REPORT, {"min_votes": "0", "o": by("score")})
    assert titles(least_useful_first) == ["بد", "خوب", "بی‌رأی"]
    assert titles(viewer.get(REPORT, {"min_votes": "0", "o": by("-score")})) == [
        "خوب",
        "بد",
        "بی‌رأی",
    ]
    assert titles(viewer.get(REPORT, {"min_votes": "0", "o": by("percent_useful")}))[-1] == "بی‌رأی"
    assert '<td class="field-score">—</td>' in least_useful_first.text


def test_only_published_articles_whose_time_has_come_are_reported():
    future = timezone.now() + datetime.timedelta(days=1)
    for title, fields in [
        ("زمان‌بندی‌شده", {"published_at": future}),
        ("پیش‌نویس", {"status": Article.Status.DRAFT}),
        ("لغو انتشار", {"status": Article.Status.UNPUBLISHED}),
        ("منتشرشده", {}),
    ]:
        add_votes(make_article(title=title, **fields), 5, 1)
    viewer = staff()
    assert titles(viewer.get(REPORT, {"min_votes": "0"})) == ["منتشرشده"]
    rows = list(csv.reader(io.StringIO(viewer.get(CSV).content.decode("utf-8-sig"))))
    assert [row[1] for row in rows[1:]] == ["منتشرشده"]


def test_the_score_is_explained_and_the_ranking_is_named_in_the_header():
    add_votes(make_article(), 5, 1)
    page = staff().get(REPORT).text
    assert "کران پایین سهم «بله» با اطمینان ۹۵٪" in page
    assert "کمتر از ۵ رأی رتبه‌بندی نمی‌شوند" in page
    # Unsorted by hand, the list is ranked by score, and the header says so.
    assert re.search(r'<th scope="col" class="[^"]*column-score[^"]*sorted descending', page)
    assert not re.search(r'class="[^"]*column-publish_time[^"]*sorted', page)


@pytest.mark.parametrize(
    ("value", "rows"), [("99999999999999999999999", 0), ("abc", 1), ("-3", 1), ("۱۰", 0)]
)
def test_an_odd_minimum_is_never_a_server_error(value, rows):
    add_votes(make_article(), 5, 1)
    response = staff().get(REPORT, {"min_votes": value})
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == rows


def test_detail_chart_has_jalali_dates_a_scale_and_a_legend():
    article = make_article()
    with time_machine.travel(datetime.datetime(2026, 11, 20, 9, tzinfo=datetime.UTC)):
        add_votes(article, 2, 1)
    with time_machine.travel(datetime.datetime(2026, 11, 22, 9, tzinfo=datetime.UTC)):
        add_votes(article, 0, 2)
    page = staff().get(reverse("admin:articles_usefulnessreport_change", args=[article.pk])).text
    days = page[page.index('class="usefulness-chart__days"') :]
    days = days[: days.index("</ol>")]
    assert '<li class="usefulness-chart__day--first">۲۹ آبان ۱۴۰۵</li>' in days
    assert '<li class="usefulness-chart__day--last">۱ آذر ۱۴۰۵</li>' in days
    assert '<li class="usefulness-chart__day--middle">۳۰ آبان</li>' in days
    scale = page[page.index('class="usefulness-chart__scale"') :]
    scale = scale[: scale.index("</ol>")]
    assert [text for text in re.findall(r">([^<]+)</li>", scale)] == ["۴", "۲", "۰"]  # peak 3
    assert "بله (مفید بود)" in page and "خیر (مفید نبود)" in page
    assert "امتیاز ویلسون: ۰٫" in page


@pytest.mark.parametrize(("peak", "top"), [(1, 2), (3, 4), (9, 10), (11, 20), (250, 400)])
def test_the_charts_scale_ends_on_a_round_even_number(peak, top):
    assert nice_top(peak) == top


def test_report_query_count_stays_bounded_with_many_articles(django_assert_max_num_queries):
    viewer = staff()
    sections = [make_section() for _ in range(3)]
    author = make_user("Reporters")
    Article.objects.bulk_create(
        Article(
            title=f"خبر انبوه {i}",
            slug=f"bulk-{i}",
            lead="لید",
            body="<p>متن</p>",
            section=sections[i % 3],
            author=author,
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() - datetime.timedelta(hours=i + 2),
            code=900000 + i,
        )
        for i in range(2000)
    )
    for _ in range(60):
        add_votes(make_article(), 4, 2)
    with django_assert_max_num_queries(14):
        page = viewer.get(REPORT)
    assert page.context["unranked"]["count"] == 2000
    with django_assert_max_num_queries(14):
        viewer.get(REPORT, {"min_votes": "0", "o": by("score"), "p": "3"})
    with django_assert_max_num_queries(8):
        viewer.get(CSV, {"min_votes": "0"})


def test_the_count_beside_the_search_offers_no_show_all_that_shows_the_same():
    add_votes(make_article(), 5, 1)
    make_article()
    page = staff().get(REPORT, {"q": "خبر"}).text
    assert '(<a href="?">' not in page and "در مجموع" not in page
