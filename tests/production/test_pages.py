"""Reader pages as gunicorn sends them, with Redis and with the file cache."""

import re
from urllib.parse import quote

import pytest

from tests.production.conftest import mask_fill_time, new_request_id

pytestmark = pytest.mark.production

# Each reader page, where it is, and how it ends when it is whole.
PAGES = {
    "home": ("/", b"</html>"),
    "section": ("{section}", b"</html>"),
    "tag": ("{tag}", b"</html>"),
    "archive day": ("{archive_day}", b"</html>"),
    "article with comments": ("{article_with_comments}", b"</html>"),
    "article without comments": ("{article_without_comments}", b"</html>"),
    "search": ("/search/?q=" + quote("کرمانشاه"), b"</html>"),
    "corrections": ("/corrections/", b"</html>"),
    "rss": ("/rss/", b"</rss>"),
    "section rss": ("/rss/{section_slug}/", b"</rss>"),
    "sitemap": ("/sitemap.xml", b"</sitemapindex>"),
    "section sitemap": ("{sitemap_section}", b"</urlset>"),
    "news sitemap": ("/news-sitemap.xml", b"</urlset>"),
    "robots.txt": ("/robots.txt", b"/news-sitemap.xml"),
    "not found": ("/no-such-page/", b"</html>"),
}
# The pages anonymous readers get from the page cache.
CACHED = [
    *("home", "section", "tag", "archive day", "corrections"),
    *("article with comments", "article without comments"),
]


def url(server, name: str) -> str:
    return PAGES[name][0].format(**server.pages)


@pytest.mark.parametrize("name", PAGES)
def test_every_reader_page_arrives_whole(server, name):
    for attempt in ("first", "again"):  # built, then (where pages are cached) from the cache
        reply = server.get(url(server, name))
        assert reply.status == (404 if name == "not found" else 200), attempt
        assert reply.body.rstrip().endswith(PAGES[name][1]), (attempt, reply.body[-80:])
        assert int(reply.header("Content-Length")) == len(reply.body), attempt


def test_an_article_page_is_whole_however_long_its_fill_time_stamp(server):
    # 21b02b3: the stamp is longer than its placeholder, and gunicorn cut the page short at
    # the length CommonMiddleware had measured («…</fo»).
    reply = server.get(server.pages["article_with_comments"])
    assert b'name="started"' in reply.body
    assert b"newsroom-comment-form-handed-out-now" not in reply.body
    assert reply.body.rstrip().endswith(b"</html>")
    assert int(reply.header("Content-Length")) == len(reply.body)


@pytest.mark.parametrize("name", CACHED)
def test_a_page_from_the_cache_is_the_page_built(server, name):
    server.clear_cache()
    built_id, cached_id = new_request_id(), new_request_id()
    built = server.get(url(server, name), headers={"X-Request-ID": built_id})
    cached = server.get(url(server, name), headers={"X-Request-ID": cached_id})
    assert server.request_line(built_id)["page_cache"] == "miss"
    assert server.request_line(cached_id)["page_cache"] == "hit"
    assert mask_fill_time(cached.body) == mask_fill_time(built.body)
    unique = {"date", "x-request-id"}
    assert {k: v for k, v in cached.headers.items() if k not in unique} == {
        k: v for k, v in built.headers.items() if k not in unique
    }


@pytest.mark.parametrize("name", [n for n in PAGES if n != "not found"])
def test_a_conditional_get_answers_304_without_a_body(server, name):
    page = server.get(url(server, name))
    assert page.header("ETag") or page.header("Last-Modified"), "nothing to revalidate with"
    if page.header("ETag"):
        again = server.get(url(server, name), headers={"If-None-Match": page.header("ETag")})
        assert (again.status, again.body) == (304, b"")
    if page.header("Last-Modified"):
        again = server.get(
            url(server, name), headers={"If-Modified-Since": page.header("Last-Modified")}
        )
        assert (again.status, again.body) == (304, b"")


@pytest.mark.parametrize("name", ["home", "article with comments"])
def test_head_on_a_cached_page_sends_headers_only(server, name):
    page = server.get(url(server, name))
    request_id = new_request_id()
    head = server.get(url(server, name), method="HEAD", headers={"X-Request-ID": request_id})
    assert server.request_line(request_id)["page_cache"] == "hit"
    assert (head.status, head.body) == (200, b"")
    assert head.header("Content-Length") == page.header("Content-Length")
    assert head.header("ETag") == page.header("ETag")
    # gunicorn 27 drops a body handed to it for HEAD, saying so in its log; older ones
    # sent it after the headers.
    assert "no-body response" not in server.log()


@pytest.mark.parametrize("name", ["article without comments", "search", "rss", "sitemap"])
def test_head_on_a_page_built_for_it_sends_headers_only(server, name):
    server.clear_cache()
    head = server.get(url(server, name), method="HEAD")
    page = server.get(url(server, name))
    assert (head.status, head.body) == (200, b"")
    assert head.header("Content-Length") == page.header("Content-Length")
    assert "no-body response" not in server.log()


def test_static_files_come_from_whitenoise_hashed_and_kept_for_long(server):
    home = server.get("/").body.decode()
    stylesheet = re.search(r'<link rel="stylesheet" href="(/static/[^"]+\.css)"', home).group(1)
    assert re.search(r"\.[0-9a-f]{12}\.css$", stylesheet), stylesheet
    css = server.get(stylesheet, headers={"Accept-Encoding": "gzip"})
    assert css.status == 200
    assert css.header("Content-Type").startswith("text/css")
    assert css.header("Content-Encoding") == "gzip"
    assert "max-age=315360000" in css.header("Cache-Control")
    assert "immutable" in css.header("Cache-Control")
    assert int(css.header("Content-Length")) == len(css.body)
    head = server.get(stylesheet, method="HEAD", headers={"Accept-Encoding": "gzip"})
    assert (head.status, head.body) == (200, b"")
    assert head.header("Content-Length") == css.header("Content-Length")

    plain = server.get(stylesheet).body.decode()
    font = re.search(r"url\(['\"]?([^'\")]+\.woff2)", plain).group(1)
    font_url = font if font.startswith("/") else stylesheet.rsplit("/", 1)[0] + "/" + font
    woff2 = server.get(font_url)
    assert woff2.status == 200
    assert woff2.header("Content-Type") == "font/woff2"
    assert woff2.body[:4] == b"wOF2"
    assert "max-age=315360000" in woff2.header("Cache-Control")
    assert int(woff2.header("Content-Length")) == len(woff2.body)
