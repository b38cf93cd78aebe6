"""A request for a host this site is not answers 400 in Persian, never 500."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

BAD_REQUEST = "درخواست نادرست بود"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/"),
        ("get", "/no-such-page/"),
        ("get", "/search/?q=خبر"),
        ("get", "/admin/"),
        ("get", "/healthz"),
        ("post", "/comments/1/"),
    ],
)
@pytest.mark.parametrize("host", ["evil.example", "bad host", "testserver@evil.example"])
def test_an_invalid_host_header_is_a_persian_400(article, settings, method, path, host):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    response = getattr(client, method)(path, HTTP_HOST=host)
    assert response.status_code == 400
    assert BAD_REQUEST in response.text
    assert host not in response.text


def test_an_article_page_for_an_invalid_host_is_a_persian_400(article, settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    response = client.get(article.get_absolute_url(), HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert BAD_REQUEST in response.text
