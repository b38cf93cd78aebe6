"""The CSRF-exempt reader forms (votes, comments, reactions, reports) against other sites."""

from urllib.parse import urlencode

import pytest
from django.test import Client

from articles.models import FeedbackVote
from comments.models import CommentReport
from tests.factories import comment_form, make_comment

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}
FOREIGN = "این فرم را باید از خود وبگاه فرستاد"


def vote(client, article, **headers):
    return client.post(f"/feedback/{article.code}/", {"useful": "yes"}, **headers)


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "null"},  # a sandboxed iframe on any site
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "https://testserver"},  # another scheme is another origin
        {"HTTP_ORIGIN": "http://testserver:8080"},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site", "HTTP_ORIGIN": "http://blog.testserver"},
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "null"},
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "http://testserver"},
    ],
)
def test_a_vote_from_another_origin_is_refused_in_persian(client, article, headers):
    response = vote(client, article, **headers)
    assert response.status_code == 403
    assert FOREIGN in response.text
    assert not FeedbackVote.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "http://testserver"},
        {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"},
        {"HTTP_SEC_FETCH_SITE": "same-origin"},
        {"HTTP_SEC_FETCH_SITE": "none"},  # the reader sent it themselves
        {},  # no browser's form: curl, an old client (see guards.same_origin)
    ],
)
def test_a_vote_from_this_site_is_taken(client, article, headers):
    assert vote(client, article, **headers).status_code == 302
    assert FeedbackVote.objects.count() == 1


def test_the_script_is_told_why_in_json(client, article):
    response = vote(client, article, HTTP_ORIGIN="null", **JSON)
    assert response.status_code == 403
    assert FOREIGN in response.json()["error"]


def test_a_report_from_a_sandboxed_frame_is_refused(client, article):
    comment = make_comment(article)
    response = client.post(f"/comments/report/{comment.pk}/", HTTP_ORIGIN="null")
    assert response.status_code == 403
    assert not CommentReport.objects.exists()


def test_an_https_site_behind_its_proxy_takes_its_own_https_origin(article, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    proxied = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_HOST": "testserver"}
    assert vote(Client(**proxied), article, HTTP_ORIGIN="https://testserver").status_code == 302
    refused = vote(Client(**proxied), article, HTTP_ORIGIN="http://testserver")
    assert refused.status_code == 403


def test_csrf_trusted_origins_are_this_site_too(article, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://www.news.example", "https://*.news.example"]
    for origin in ("https://www.news.example", "https://m.news.example"):
        response = vote(Client(), article, HTTP_ORIGIN=origin, HTTP_SEC_FETCH_SITE="same-site")
        assert response.status_code == 302, origin
    for origin in ("http://m.news.example", "https://news.example.evil", "null"):
        assert vote(Client(), article, HTTP_ORIGIN=origin).status_code == 403, origin


# Bodies


class Unread:
    """A request body that says it is 200 MB and fails the test if anyone reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


BIG = str(200 * 1024 * 1024)


@pytest.mark.parametrize(
    "url",
    [
        "/feedback/{code}/",
        "/feedback/{code}/why/",
        "/comments/{code}/",
        "/comments/react/{comment}/",
        "/comments/report/{comment}/",
    ],
)
def test_a_huge_body_is_refused_in_persian_before_it_is_read(client, article, url):
    url = url.format(code=article.code, comment=make_comment(article).pk)
    response = client.generic(
        "POST",
        url,
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=BIG,
        **{"wsgi.input": Unread()},
    )
    assert response.status_code == 413
    assert "بیش از اندازه بزرگ است" in response.text
    assert not FeedbackVote.objects.exists()


def test_the_script_hears_of_a_huge_body_in_json(client, article):
    response = client.generic(
        "POST",
        f"/feedback/{article.code}/",
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=BIG,
        **{"wsgi.input": Unread()},
        **JSON,
    )
    assert response.status_code == 413
    assert "بیش از اندازه بزرگ است" in response.json()["error"]


def test_a_comment_of_the_longest_allowed_text_fits(client, article):
    text = "😀" * 1500  # four bytes a character, twelve once percent-encoded
    response = client.post(
        f"/comments/{article.code}/",
        urlencode(comment_form(article, text=text)),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 302
