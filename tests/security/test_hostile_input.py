"""Hundreds of crafted inputs against every public form and query parameter.

Nothing answers 500, nothing is stored with the characters that hide or reorder text,
and nothing comes back unescaped.
"""

from urllib.parse import quote

import pytest
from django.test import Client

from articles.models import FeedbackVote
from comments.models import Comment
from tests.factories import comment_form, make_article, make_comment

pytestmark = [pytest.mark.django_db, pytest.mark.cache]

PAYLOADS = [
    # Markup and script in every context
    "<script>alert(1)</script>",
    "<ScRiPt>alert(1)</sCrIpT>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "<iframe src=javascript:alert(1)>",
    "<a href=javascript:alert(1)>x</a>",
    "javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    '"onmouseover="alert(1)',
    "'-alert(1)-'",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "{{ 7*7 }}{% debug %}",
    "${7*7}#{7*7}",
    "</script><script>alert(1)</script>",
    # Bidi and invisible characters
    "\u202eevil\u202c",
    "\u2066isolate\u2069",
    "\u200f\u200erlm lrm",
    "zero\u200bwidth\u200dz",
    "\ufeffbom",
    "\u061carabic mark",
    # Nulls and control characters
    "\x00",
    "a\x00b",
    "\x07\x08\x1b[31m",
    "line\r\nInjected-Header: yes",
    "\r\n\r\n<html>",
    # SQL and search syntax
    "' OR '1'='1",
    "'; DROP TABLE articles_article; --",
    '" OR ""="',
    "1; SELECT * FROM auth_user",
    "%' AND 1=1 --",
    "NEAR(a b) OR c*",
    "a & b | !c :* ()",
    # Paths and URLs
    "../../../../etc/passwd",
    "..%2f..%2f..%2fetc%2fpasswd",
    "%00",
    "%252e%252e%252f",
    "http://evil.example/",
    "//evil.example",
    # Sizes and numbers
    "9" * 40,
    "-1",
    "0",
    "1e309",
    "NaN",
    "ك" * 3000,
    # Unicode oddities
    "ﷺ﷽",
    "\U0001f600" * 10,
]  # a lone surrogate cannot even be sent as UTF-8: see the invalid-UTF-8 test
LARGE = "ب" * (2 * 1024 * 1024 // 2)  # about 2 MB of Persian in UTF-8
INVISIBLE = "\u202e\u202c\u2066\u2069\u200f\u200e\u200b\u200d\ufeff\u061c\x00"


def no_server_error(response):
    assert response.status_code < 500, response.status_code


def assert_clean(text: str):
    assert not any(c in text for c in INVISIBLE), repr(text)


@pytest.fixture
def target(settings):
    settings.FEEDBACK_RATE_LIMIT = (100_000, 600)
    settings.COMMENTS_RATE_LIMIT = (100_000, 600)
    settings.COMMENTS_REPORT_THRESHOLD = 100_000
    article = make_article(title="خبر هدف")
    comment = make_comment(article)
    return article, comment


@pytest.mark.parametrize("payload", PAYLOADS)
def test_query_parameters(client, target, payload):
    article, _ = target
    for url, params in [
        ("/search/", {"q": payload}),
        ("/search/", {"q": "خبر", "section": payload, "since": payload, "until": payload}),
        ("/search/", {"q": "خبر", "page": payload}),
        ("/", {"comments": payload, "page": payload}),
        (article.get_absolute_url(), {"comments": payload}),
        ("/section/society/", {"page": payload}),
        ("/rss/", {"q": payload}),
        ("/archive/", {"section": payload}),
        ("/archive/1405/9/", {"section": payload, "page": payload}),
        ("/archive/1405/9/1/", {"section": payload}),
    ]:
        response = client.get(url, params)
        no_server_error(response)
        if response.status_code == 200 and "<script>alert" in payload:
            assert payload not in response.content.decode()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_path_segments(client, target, payload):
    article, _ = target

    segment = quote(payload, safe="")
    for url in [
        f"/tag/{segment}/",
        f"/section/{segment}/",
        f"/news/{article.code}/{segment}/",
        f"/rss/{segment}/",
        f"/archive/1405/{segment}/1/",
        f"/archive/{segment}/",
        f"/archive/1405/{segment}/",
        f"/static/{segment}",
        f"/{segment}",
    ]:
        no_server_error(client.get(url))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_usefulness_forms(target, payload):
    article, _ = target
    reader = Client()
    no_server_error(reader.post(f"/feedback/{article.code}/", {"useful": payload}))
    reader.post(f"/feedback/{article.code}/", {"useful": "no"})
    response = reader.post(f"/feedback/{article.code}/why/", {"reason": "other", "note": payload})
    no_server_error(response)
    no_server_error(reader.post(f"/feedback/{article.code}/why/", {"reason": payload}))
    for vote in FeedbackVote.objects.all():
        assert_clean(vote.note)
    if "<script>alert" in payload:
        assert payload not in response.content.decode()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_comment_form(article, target, payload):
    article, comment = target
    reader = Client()
    for field in ("name", "email", "text", "parent", "started", "website"):
        response = reader.post(
            f"/comments/{article.code}/", comment_form(article, **{field: payload})
        )
        no_server_error(response)
        if "<script>alert" in payload:
            assert payload not in response.content.decode()
    no_server_error(reader.post(f"/comments/react/{comment.pk}/", {"value": payload}))
    no_server_error(reader.post(f"/comments/report/{comment.pk}/", {"reason": payload}))
    for stored in Comment.objects.all():
        assert_clean(stored.name + stored.text)

    Comment.objects.update(status=Comment.Status.APPROVED)
    page = Client().get(article.get_absolute_url()).content.decode()
    if "<script>alert" in payload or "<img" in payload or "<svg" in payload:
        assert payload not in page


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_admin_login_form(client, payload, db):
    response = client.post("/admin/login/", {"username": payload, "password": payload})
    no_server_error(response)


def test_two_megabyte_bodies(client, target):
    article, comment = target
    for url, data in [
        (f"/comments/{article.code}/", comment_form(article, text=LARGE)),
        (f"/feedback/{article.code}/", {"useful": LARGE}),
        (f"/feedback/{article.code}/why/", {"reason": "other", "note": LARGE}),
        ("/search/", {"q": LARGE[:200_000]}),
    ]:
        method = client.get if url == "/search/" else client.post
        no_server_error(method(url, data))
    assert not Comment.objects.exclude(pk=comment.pk).exists()


@pytest.mark.parametrize(
    "body",
    [
        b"name=%ff%fe%fd&text=%c3%28&started=x",
        b"\xff\xfe\x00\x00",
        b"text=\xed\xa0\x80",
        b"useful=%80yes",
        b"%",
        b"a=%zz&b=%",
        b"=" * 1000,
        b"&" * 100_000,
    ],
)
def test_invalid_utf8_and_broken_encodings(client, target, body):
    article, comment = target
    for url in (
        f"/comments/{article.code}/",
        f"/feedback/{article.code}/",
        f"/feedback/{article.code}/why/",
        f"/comments/react/{comment.pk}/",
    ):
        response = client.generic(
            "POST", url, body, content_type="application/x-www-form-urlencoded"
        )
        no_server_error(response)
    no_server_error(client.get("/search/?q=%ff%fe%c3%28"))


def test_the_suite_is_at_least_two_hundred_inputs():
    forms_and_params = 7 + 7 + 3 + 8 + 1  # per payload, across the tests above
    assert len(PAYLOADS) * forms_and_params >= 200
