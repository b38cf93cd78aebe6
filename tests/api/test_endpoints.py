"""The API's answers: their shapes, only what readers may see, filters and the cursor, and
bad or hostile input refused in Persian JSON, never a 500."""

import datetime
import json
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Article, GalleryItem
from articles.popularity import counting as popularity
from tests.factories import make_article, make_image, make_section, make_tag

pytestmark = pytest.mark.django_db

API = "/api/v1"


def get(client: Client, path: str, **params):
    response = client.get(f"{API}{path}", params)
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return response


def walk(client: Client, path: str, **params) -> list[dict]:
    """Every item of a list, page after page by its `next`."""
    items, response = [], get(client, path, **params)
    pages = 0
    while True:
        assert response.status_code == 200, response.json()
        body = response.json()
        items += body["items"]
        pages += 1
        assert pages < 100
        if body["next"] is None:
            return items
        parts = urlsplit(body["next"])
        assert parts.path == f"{API}{path}"
        response = client.get(parts.path, {k: v[0] for k, v in parse_qs(parts.query).items()})


@pytest.fixture
def hidden(section):
    """A story of each kind readers must not see, each titled so."""
    later = timezone.now() + datetime.timedelta(hours=2)
    tag = make_tag(name="پنهان")
    return [
        make_article(section=section, title="پیش‌نویس پنهان", status="draft", tags=[tag]),
        make_article(section=section, title="در بررسی پنهان", status="review", tags=[tag]),
        make_article(section=section, title="زمان‌بندی پنهان", published_at=later, tags=[tag]),
        make_article(section=section, title="برداشته پنهان", status="unpublished", tags=[tag]),
    ]


# -- Shapes --------------------------------------------------------------------------------


def test_the_list_gives_each_article_with_its_section_times_and_picture(client, section):
    picture = make_image(credit="ایرنا")
    article = make_article(section=section, kicker="روتیتر", lead_image=picture)
    body = get(client, "/articles/").json()
    assert body["next"] is None
    (item,) = body["items"]
    assert item["code"] == article.code
    assert item["url"] == f"http://testserver{article.get_absolute_url()}"
    assert (item["title"], item["kicker"], item["lead"]) == (article.title, "روتیتر", article.lead)
    assert item["section"] == {
        "slug": "society",
        "name": "اجتماعی",
        "url": "http://testserver/section/society/",
    }
    when = timezone.localtime(article.published_at)
    assert item["published_at"]["iso"] == when.replace(microsecond=0).isoformat()
    assert item["published_at"]["iso"].endswith("+03:30")
    assert "۱۴۰" in item["published_at"]["jalali"] and not any(
        c.isascii() and c.isdigit() for c in item["published_at"]["jalali"]
    )
    image = item["image"]
    assert (image["id"], image["credit"], image["width"], image["height"]) == (
        picture.pk,
        "ایرنا",
        2000,
        1500,
    )
    kinds = {(r["kind"], r["format"]) for r in image["renditions"]}
    assert {("width", "webp"), ("width", "avif"), ("social", "jpeg")} <= kinds
    widths = [
        r["width"] for r in image["renditions"] if (r["kind"], r["format"]) == ("width", "webp")
    ]
    assert widths == sorted(widths) and len(widths) > 2
    for rendition in image["renditions"]:
        assert rendition["url"].startswith("http://testserver/media/images/renditions/")


def test_the_article_gives_its_body_as_html_and_text_its_tags_and_pictures(client, section):
    tag = make_tag(name="آب و هوا")
    in_body, in_gallery = make_image(alt="سد کرج"), make_image(alt="باران")
    article = make_article(
        section=section,
        tags=[tag],
        byline="گزارشگر ما",
        source="به گزارش ایرنا",
        body=(
            "<p>بند <b>یکم</b> &amp; دوم</p><script>alert(1)</script>"
            f'<p><img src="{in_body.file.url}" alt=""></p><p onclick="x()">بند سوم</p>'
        ),
    )
    GalleryItem.objects.create(article=article, image=in_gallery, caption="زیرنویس گزارش")
    article.add_note("correction", "نام سد درست شد.")
    response = get(client, f"/articles/{article.code}/")
    assert response.status_code == 200
    body = response.json()
    assert body["code"] == article.code and body["byline"] == "گزارشگر ما"
    assert body["source"] == "به گزارش ایرنا"
    assert body["short_url"] == f"http://testserver/n/{article.code}"
    assert "<b>یکم</b>" in body["body_html"] and "<picture>" in body["body_html"]
    assert "script" not in body["body_html"] and "onclick" not in body["body_html"]
    assert body["body_text"] == "بند یکم & دوم\nبند سوم"
    assert body["tags"] == [
        {"slug": tag.slug, "name": "آب و هوا", "url": f"http://testserver{tag.get_absolute_url()}"}
    ]
    assert [image["alt"] for image in body["body_images"]] == ["سد کرج"]
    assert [(image["alt"], image["caption"]) for image in body["gallery"]] == [
        ("باران", "زیرنویس گزارش")
    ]
    assert body["body_images"][0]["renditions"]
    ((note),) = body["notes"]
    assert (note["kind"], note["label"], note["text"]) == (
        "correction",
        "اصلاحیه",
        "نام سد درست شد.",
    )
    assert note["noted_at"]["iso"].endswith("+03:30")
    assert body["updated_at"]["iso"] >= body["published_at"]["iso"]


def test_sections_come_in_the_menus_order(client):
    make_section(name="ورزشی", slug="sports", order=2)
    make_section(name="سیاسی", slug="politics", order=1)
    body = get(client, "/sections/").json()
    assert [(s["slug"], s["name"]) for s in body] == [("politics", "سیاسی"), ("sports", "ورزشی")]


def test_tags_are_those_of_published_articles_page_by_page(client, section, hidden, settings):
    shown = [make_tag(name=f"برچسب {n}") for n in range(7)]
    make_article(section=section, tags=shown)
    make_tag(name="بی‌خبر")  # on no article at all
    first = get(client, "/tags/", limit=3).json()
    assert len(first["items"]) == 3 and first["next"]
    names = [tag["name"] for tag in walk(client, "/tags/", limit=3)]
    assert names == [tag.name for tag in shown]  # not «پنهان», not «بی‌خبر»


def test_search_finds_loosely_and_best_first(client, section):
    in_lead = make_article(section=section, title="گزارش روز", lead="افزایش قيمت نان در تهران")
    in_title = make_article(section=section, title="قیمت نان دوباره بالا رفت")
    body = get(client, "/search/", q="قيمت  نان").json()
    assert body["query"] == "قیمت نان"  # normalised: Persian letters, one space
    assert [item["code"] for item in body["items"]] == [in_title.code, in_lead.code]
    assert body["more"] is False and body["next"] is None


def test_search_pages_through_its_ranked_results(client, section):
    for n in range(25):
        make_article(section=section, title=f"سیل در استان {n}")
    first = get(client, "/search/", q="سیل").json()
    assert len(first["items"]) == 20
    assert "page=2" in first["next"] and "q=" in first["next"]
    codes = [item["code"] for item in walk(client, "/search/", q="سیل")]
    assert len(codes) == len(set(codes)) == 25


def test_most_read_ranks_what_readers_read(client, section):
    read, unread = make_article(section=section), make_article(section=section)
    reader = Client(HTTP_USER_AGENT="Mozilla/5.0 Firefox/130")
    for _ in range(3):
        reader.get(read.get_absolute_url())
    popularity.flush()
    body = get(client, "/most-read/").json()
    assert [item["code"] for item in body["day"]] == [read.code]
    assert [item["code"] for item in body["week"]] == [read.code]
    assert body["day"][0]["published_at"]["iso"].endswith("+03:30")
    assert unread.code not in [item["code"] for item in body["week"]]
    read.unpublish()
    assert get(client, "/most-read/").json() == {"day": [], "week": []}


def test_search_keeps_to_a_section_and_a_time(client, section):
    other = make_section(name="ورزشی", slug="sports")
    old = make_article(
        section=section,
        title="زلزله دیروز",
        published_at=timezone.now() - datetime.timedelta(days=3),
    )
    new = make_article(section=section, title="زلزله امروز")
    elsewhere = make_article(section=other, title="زلزله در ورزشگاه")
    since = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    found = get(client, "/search/", q="زلزله", section="society", since=since).json()
    assert [item["code"] for item in found["items"]] == [new.code]
    until = (timezone.localdate() - datetime.timedelta(days=2)).isoformat()  # the whole day
    found = get(client, "/search/", q="زلزله", until=until).json()
    assert [item["code"] for item in found["items"]] == [old.code]
    assert elsewhere.code in [i["code"] for i in get(client, "/search/", q="زلزله").json()["items"]]


# -- Only what readers may see -------------------------------------------------------------


def test_no_draft_scheduled_or_unpublished_story_is_listed_found_or_shown(client, section, hidden):
    visible = make_article(section=section, title="خبر پنهان نیست")
    listed = walk(client, "/articles/")
    assert [item["code"] for item in listed] == [visible.code]
    assert [item["code"] for item in walk(client, "/articles/", section="society")] == [
        visible.code
    ]
    assert [item["code"] for item in get(client, "/search/", q="پنهان").json()["items"]] == [
        visible.code
    ]
    for article in hidden:
        response = get(client, f"/articles/{article.code}/")
        assert response.status_code == 404
        assert response.json()["detail"] == "خبری با این کد منتشر نشده است."
    assert get(client, "/tags/").json()["items"] == []


def test_a_scheduled_story_appears_once_its_time_comes(client, section):
    import time_machine

    due = timezone.now() + datetime.timedelta(minutes=10)
    scheduled = make_article(section=section, published_at=due)
    assert get(client, "/articles/").json()["items"] == []
    with time_machine.travel(due + datetime.timedelta(seconds=1)):
        assert [i["code"] for i in get(client, "/articles/").json()["items"]] == [scheduled.code]
        assert get(client, f"/articles/{scheduled.code}/").status_code == 200


# -- Filters and the cursor ----------------------------------------------------------------


@pytest.fixture
def archive(section):
    """53 articles over a few days, several at the very same instant (ties broken by code),
    in two sections, some tagged."""
    other = make_section(name="ورزشی", slug="sports")
    tag = make_tag(name="اقتصاد")
    base = timezone.now().replace(microsecond=123456) - datetime.timedelta(days=3)
    made = []
    for n in range(53):
        made.append(
            make_article(
                section=section if n % 3 else other,
                published_at=base + datetime.timedelta(hours=(n // 4) * 2),
                tags=[tag] if n % 2 else [],
            )
        )
    return made


def newest_first(articles) -> list[int]:
    ordered = sorted(articles, key=lambda a: (a.published_at, a.code), reverse=True)
    return [a.code for a in ordered]


@pytest.mark.parametrize("limit", [1, 7, 20, 50])
def test_the_cursor_walks_every_article_once_newest_first(client, archive, limit):
    codes = [item["code"] for item in walk(client, "/articles/", limit=limit)]
    assert codes == newest_first(archive)


def test_an_article_published_between_two_pages_neither_repeats_nor_hides_the_rest(client, archive):
    first = get(client, "/articles/", limit=10).json()
    make_article(section=archive[0].section)  # the newest now; the walk goes on below
    parts = urlsplit(first["next"])
    rest = client.get(parts.path, {k: v[0] for k, v in parse_qs(parts.query).items()}).json()
    seen = [i["code"] for i in first["items"]] + [i["code"] for i in rest["items"]]
    assert seen == newest_first(archive)[:20]


def test_filters_by_section_tag_and_time_keep_to_their_articles_across_pages(client, archive):
    sports = [a for a in archive if a.section.slug == "sports"]
    codes = [i["code"] for i in walk(client, "/articles/", section="sports", limit=4)]
    assert codes == newest_first(sports)
    tagged = [a for a in archive if a.tags.exists()]
    codes = [i["code"] for i in walk(client, "/articles/", tag="اقتصاد", limit=5)]
    assert codes == newest_first(tagged)
    middle = sorted({a.published_at for a in archive})[5]
    since = middle.isoformat()
    until = (middle + datetime.timedelta(hours=6)).isoformat()
    window = [a for a in archive if middle <= a.published_at < middle + datetime.timedelta(hours=6)]
    codes = [i["code"] for i in walk(client, "/articles/", since=since, until=until, limit=3)]
    assert codes == newest_first(window) and window


def test_a_day_filter_takes_the_whole_tehran_day_gregorian_or_jalali(client, section):
    from newsroom.persian.jalali import to_jalali

    day = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
    day -= datetime.timedelta(days=2)
    morning = make_article(section=section, published_at=day.replace(hour=0, minute=5))
    night = make_article(section=section, published_at=day.replace(hour=23, minute=55))
    make_article(section=section, published_at=day + datetime.timedelta(days=1))
    make_article(section=section, published_at=day - datetime.timedelta(days=1))
    jalali_day = to_jalali(day)
    for since, until in [
        (day.date().isoformat(), day.date().isoformat()),
        (f"{jalali_day.year}-{jalali_day.month:02}-{jalali_day.day:02}",) * 2,
        (
            f"{jalali_day.year}-{jalali_day.month:02}-{jalali_day.day:02}".translate(
                str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
            ),
        )
        * 2,
    ]:
        found = walk(client, "/articles/", since=since, until=until)
        assert [i["code"] for i in found] == [night.code, morning.code], since


# -- Bad and hostile input -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/articles/", {"cursor": "not-a-cursor"}),
        ("/articles/", {"cursor": "OTk5OTk5OTk5OTk5OTk5OTk5OTk5fDE"}),  # a time past any year
        ("/articles/", {"since": "دیروز"}),
        ("/articles/", {"until": "2026-02-30"}),
        ("/articles/", {"since": "1405-12-31"}),  # 1405 is not a leap year
        ("/articles/", {"since": "2026-12-07T25:00"}),
        ("/articles/", {"section": "no-such-section"}),
        ("/articles/", {"tag": "نیست"}),
        ("/articles/", {"limit": "0"}),
        ("/articles/", {"limit": "1000"}),
        ("/articles/", {"limit": "ده"}),
        ("/tags/", {"cursor": "!!"}),
        ("/search/", {}),
        ("/search/", {"q": "x" * 201}),
        ("/search/", {"q": "نان", "page": "99"}),
        ("/search/", {"q": "نان", "section": "nowhere"}),
    ],
)
def test_bad_input_is_a_400_with_a_persian_message(client, section, path, params):
    response = get(client, path, **params)
    assert response.status_code == 400, response.content
    detail = response.json()["detail"]
    assert any("\u0600" <= c <= "\u06ff" for c in detail)


HOSTILE = [
    "\x00",
    "نان\x00",
    "\u202eنان\u202c",  # a bidi override
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    '"*:*',
    "a" * 5000,
    "\ud800",
]


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("name", ["q", "section", "tag", "since", "until", "cursor", "limit"])
def test_hostile_query_strings_get_a_4xx_or_an_answer_never_a_500(client, section, name, value):
    make_article(section=section, title="نان")
    for path in ("/articles/", "/search/", "/tags/"):
        query = f"q=نان&{name}={quote(value, safe='', errors='surrogatepass')}"
        response = client.get(f"{API}{path}?{query}")
        assert response.status_code in (200, 400), (path, response.status_code)
        json.loads(response.content)  # JSON either way


def test_an_article_code_out_of_any_range_is_not_found(client):
    for code in ("0", "99999999999999999999999", "-1", "abc", "1e3"):
        response = client.get(f"{API}/articles/{code}/")
        assert response.status_code in (400, 404), code
        assert response.json()["detail"]


def test_unknown_addresses_under_the_api_are_json_404s(client):
    response = client.get(f"{API}/nothing/")
    assert response.status_code == 404
    assert response.json() == {"detail": "چنین چیزی در این API نیست."}
    assert client.get("/api/v2/articles/").status_code == 404
    assert client.get(f"{API}/articles").status_code == 301  # only the final slash missing


def test_nothing_but_reading(client, article):
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(f"{API}/articles/")
        assert response.status_code == 405
    assert Article.objects.count() == 1


def test_the_versions_root_says_where_each_part_is(client):
    body = get(client, "/").json()
    assert body["articles"] == "http://testserver/api/v1/articles/"
    assert body["schema"] == "http://testserver/api/v1/schema/"
    assert body["docs"] == "http://testserver/api/v1/docs/"
    assert set(body) == {"articles", "sections", "tags", "search", "most_read", "schema", "docs"}
    for url in body.values():
        assert client.get(url, {"q": "x"}).status_code == 200, url


def test_a_number_out_of_bounds_is_told_its_bounds_in_persian(client):
    response = get(client, "/articles/", limit="500")
    assert response.status_code == 400
    assert response.json()["detail"] == "درخواست درست نیست: «limit» باید حداکثر ۵۰ باشد."
    assert response.json()["errors"] == [{"param": "limit", "message": "باید حداکثر ۵۰ باشد"}]
