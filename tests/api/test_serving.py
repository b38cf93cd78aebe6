"""How the API is served: from the page cache under the pages' versions (ETag, 304, a change
on the next request, the edge's keys), CORS for reading, a limit per address, and a
bounded number of queries per endpoint, however many articles and tags."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import GalleryItem
from newsroom.pagecache import edge
from tests.factories import make_article, make_image, make_section, make_tag

pytestmark = [pytest.mark.django_db, pytest.mark.cache]

API = "/api/v1"


@pytest.fixture
def reader():
    return Client()


# -- Cached as the pages are ---------------------------------------------------------------


def test_a_second_request_comes_from_the_cache_and_a_304_to_who_has_it(
    reader, article, django_assert_max_num_queries
):
    for path in ("/articles/", f"/articles/{article.code}/", "/sections/", "/search/?q=کرمانشاه"):
        first = reader.get(API + path)
        assert first.status_code == 200 and first["ETag"]
        assert "public" in first["Cache-Control"] and "no-cache" in first["Cache-Control"]
        # The versions, and the address's count.
        with django_assert_max_num_queries(2):
            again = reader.get(API + path)
        assert again.content == first.content and again["ETag"] == first["ETag"]
        unchanged = reader.get(API + path, HTTP_IF_NONE_MATCH=first["ETag"])
        assert unchanged.status_code == 304 and unchanged.content == b""


def test_a_publish_an_edit_and_an_unpublish_show_on_the_next_request(reader, article, editor):
    etag = reader.get(f"{API}/articles/")["ETag"]
    draft = make_article(section=article.section, title="خبر تازه", status="draft")
    listed = reader.get(f"{API}/articles/", HTTP_IF_NONE_MATCH=etag)
    assert listed.status_code == 304  # a draft changes nothing readers see
    draft.publish(by=editor)
    listed = reader.get(f"{API}/articles/", HTTP_IF_NONE_MATCH=etag)
    assert listed.status_code == 200
    assert listed.json()["items"][0]["title"] == "خبر تازه"

    detail = reader.get(f"{API}/articles/{draft.code}/")
    draft.title = "خبر تازه، ویراسته"
    draft.edit(by=editor)
    assert reader.get(f"{API}/articles/{draft.code}/").json()["title"] == "خبر تازه، ویراسته"
    again = reader.get(f"{API}/articles/{draft.code}/", HTTP_IF_NONE_MATCH=detail["ETag"])
    assert again.status_code == 200

    draft.unpublish(by=editor)
    assert reader.get(f"{API}/articles/{draft.code}/").status_code == 404
    assert [i["code"] for i in reader.get(f"{API}/articles/").json()["items"]] == [article.code]


def test_a_renamed_section_shows_on_the_next_request(reader, article):
    reader.get(f"{API}/sections/")
    article.section.name = "جامعه"
    article.section.save()
    assert [s["name"] for s in reader.get(f"{API}/sections/").json()] == ["جامعه"]
    assert reader.get(f"{API}/articles/").json()["items"][0]["section"]["name"] == "جامعه"


def test_tracking_parameters_get_the_same_answer_and_links_repeat_none(reader, section):
    for _ in range(3):
        make_article(section=section)
    first = reader.get(f"{API}/articles/", {"limit": 2})
    tracked = reader.get(f"{API}/articles/", {"limit": 2, "utm_source": "x", "fbclid": "y"})
    assert tracked.content == first.content
    assert "utm_source" not in first.json()["next"]


def test_api_answers_carry_the_edge_keys_pages_carry(reader, article, settings, monkeypatch):
    settings.EDGE_PURGER = "tests.newsroom.test_edge.Recording"
    monkeypatch.setattr(edge, "_retry_soon", lambda: None)
    monkeypatch.setattr(edge, "_again_later", lambda keys: None)
    monkeypatch.setattr(edge, "edge_seconds", lambda now=None: 60)
    for path in ("/articles/", f"/articles/{article.code}/", "/tags/", "/schema/"):
        for _ in ("built", "from the page cache"):
            response = reader.get(API + path)
            assert response["Surrogate-Key"].split() == ["content", "names"], path
            assert response["Surrogate-Control"] == "max-age=60"


# -- CORS ----------------------------------------------------------------------------------


def test_any_site_may_read_the_api_without_credentials(reader, article):
    origin = {"HTTP_ORIGIN": "https://elsewhere.example"}
    first = reader.get(f"{API}/articles/", **origin)
    for response in (
        first,
        reader.get(f"{API}/articles/", **origin),  # from the page cache
        reader.get(f"{API}/articles/", HTTP_IF_NONE_MATCH=first["ETag"], **origin),  # a 304
        reader.get(f"{API}/articles/999999/", **origin),  # an error, readable too
        reader.get(f"{API}/most-read/", **origin),
    ):
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "ETag" in response["Access-Control-Expose-Headers"]
        assert not response.has_header("Access-Control-Allow-Credentials")
    preflight = reader.options(
        f"{API}/articles/",
        HTTP_ORIGIN="https://elsewhere.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]


def test_the_sites_own_pages_and_forms_stay_same_origin(reader, article):
    page = reader.get(article.get_absolute_url(), HTTP_ORIGIN="https://elsewhere.example")
    assert not page.has_header("Access-Control-Allow-Origin")
    posted = reader.post(f"{API}/articles/", HTTP_ORIGIN="https://elsewhere.example")
    assert not posted.has_header("Access-Control-Allow-Origin")


# -- A limit per address -------------------------------------------------------------------


def test_past_the_limit_an_address_gets_429_in_persian_until_its_window_ends(
    reader, article, settings
):
    settings.API_RATE_LIMIT = (3, 60)
    start = timezone.now()
    for _ in range(3):  # the second and third from the page cache: counted all the same
        assert reader.get(f"{API}/articles/").status_code == 200
    refused = reader.get(f"{API}/articles/")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused["Access-Control-Allow-Origin"] == "*"
    assert "ثانیه دیگر دوباره بپرسید" in refused.json()["detail"]
    assert reader.get(f"{API}/sections/").status_code == 429  # every endpoint, one count
    assert Client(REMOTE_ADDR="10.0.0.9").get(f"{API}/articles/").status_code == 200
    assert reader.get(article.get_absolute_url()).status_code == 200  # the site itself is not
    import time_machine

    with time_machine.travel(start + datetime.timedelta(seconds=61)):
        assert reader.get(f"{API}/articles/").status_code == 200


# -- Bounded queries -----------------------------------------------------------------------


def queries(path: str) -> int:
    """The queries a request builds its answer with in a warm process, the cache empty."""
    Client().get(API + path)
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = Client().get(API + path)
    assert response.status_code == 200, response.content
    return len(captured)


def grow(section, count: int) -> list:
    """`count` more articles, each with three tags and a picture, the first with a gallery
    and a picture in its body."""
    picture = make_image()
    made = []
    for n in range(count):
        tags = [make_tag() for _ in range(3)]
        body = f'<p>متن</p><p><img src="{picture.file.url}" alt=""></p>' if n == 0 else "<p>متن</p>"
        made.append(make_article(section=section, tags=tags, lead_image=picture, body=body))
    GalleryItem.objects.create(article=made[0], image=picture)
    return made


BUDGETS = {
    # The address's count and the versions, then the answer's own reads: the articles (their
    # sections and lead pictures joined), the tag named; the article, its gallery, its tags
    # and its body's pictures and its notes; the search's matches and their cards; the day's and the
    # week's counts (their articles read only when some were read).
    "/articles/": 3,
    "/articles/?tag={tag}": 4,
    "/articles/?section=society&since=2020-01-01": 3,
    "/articles/{code}/": 7,
    "/sections/": 2,
    "/tags/": 3,
    "/search/?q=متن": 4,
    "/most-read/": 4,
    "/schema/": 2,
}


def test_each_endpoint_reads_a_bounded_number_of_queries_however_much_there_is(section):
    make_section(name="ورزشی", slug="sports")
    few = grow(section, 2)
    paths = {
        template: template.format(code=few[0].code, tag=few[0].tags.first().slug)
        for template in BUDGETS
    }
    counted = {template: queries(path) for template, path in paths.items()}
    for template, count in counted.items():
        assert count <= BUDGETS[template], (template, count)
    grow(section, 30)
    for template, path in paths.items():
        assert queries(path) == counted[template], template


def test_most_read_is_counted_afresh_but_still_answers_304_while_unchanged(reader, article):
    first = reader.get(f"{API}/most-read/")
    assert first.status_code == 200 and first["ETag"]
    assert "no-cache" in first["Cache-Control"]
    again = reader.get(f"{API}/most-read/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
