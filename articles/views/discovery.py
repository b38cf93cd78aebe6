"""What machines read: the Google News sitemap and robots.txt."""

import datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET

from articles.models import Article
from newsroom.pagecache.middleware import reader_page

NEWS_WINDOW = datetime.timedelta(hours=48)
NEWS_LIMIT = 1000  # Google News reads at most this many


@require_GET
@reader_page
def news_sitemap(request: HttpRequest) -> HttpResponse:
    """/news-sitemap.xml: the articles of the last 48 hours, as Google News wants them."""
    now = timezone.now()
    articles = (
        Article.objects.published(now)
        .filter(published_at__gte=now - NEWS_WINDOW)
        .only("code", "slug", "title", "published_at")
        .order_by("-published_at")[:NEWS_LIMIT]
    )
    return render(
        request,
        "articles/news_sitemap.xml",
        {"articles": articles, "site_name": settings.SITE_NAME},
        content_type="application/xml; charset=utf-8",
    )


@require_GET
@cache_page(60 * 60)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /preview/",
        "Disallow: /feedback/",
        "Disallow: /comments/",
        "Disallow: /search/",
        "Disallow: /seen/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        f"Sitemap: {request.build_absolute_uri(reverse('news_sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
