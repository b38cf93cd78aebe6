import pytest
from django.test import Client

from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_news_code_without_slug_redirects_permanently_to_canonical(client, article):
    response = client.get(f"/news/{article.code}/")
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_wrong_slug_redirects_permanently_to_canonical(client, article):
    response = client.get(f"/news/{article.code}/some-old-title/")
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_short_link_redirects_to_the_article(client, article):
    for url in (f"/n/{article.code}", f"/n/{article.code}/"):
        response = client.get(url)
        assert response.status_code == 301
        assert response["Location"] == article.get_absolute_url()


def test_canonical_url_answers_200(client, article):
    assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/news/999999/",
        "/news/999999/slug/",
        "/news/abc/",
        "/news/-1/",
        "/news/۱۲۳/",
        "/news/99999999999999999999999999999999/",
        "/n/99999999999999999999999999999999",
        "/section/no-such-section/",
        "/tag/هیچ-برچسبی/",
        "/archive/1405/7/31/",
        "/archive/1405/13/1/",
        "/archive/1405/0/1/",
        "/archive/99999999999999999999/1/1/",
        "/archive/abc/1/1/",
        "/no-such-page/",
    ],
)
def test_bad_urls_answer_a_persian_404(client, article, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "پیدا نشد" in response.text


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999", "9" * 40, "1.5", "%00"])
def test_absurd_page_numbers_answer_404(client, article, page):
    for url in ("/section/society/", "/archive/1405/9/3/"):
        assert client.get(url, {"page": page}).status_code == 404


def test_server_error_page_is_persian_and_standalone(settings):
    from django.urls import path

    def boom(request):
        raise RuntimeError("boom")

    settings.ROOT_URLCONF = type("urls", (), {"urlpatterns": [path("boom/", boom)]})
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert 'lang="fa" dir="rtl"' in response.text
    assert "مشکلی پیش آمد" in response.text


def test_list_pages_are_paginated(client, section, settings):
    settings.ARTICLES_PER_PAGE = 12
    for _ in range(13):
        make_article(section=section)
    first = client.get("/section/society/")
    assert len(first.context["articles"]) == 12
    assert '<a href="?page=1" aria-current="page">۱</a>' in first.text
    assert '<a href="?page=2">۲</a>' in first.text
    assert len(client.get("/section/society/", {"page": 2}).context["articles"]) == 1
