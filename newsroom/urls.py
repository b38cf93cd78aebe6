from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path

from articles import views as article_views
from articles.feeds import LatestArticlesFeed, SectionFeed
from articles.sitemaps import SITEMAPS
from articles.views import discovery
from newsroom.pagecache.middleware import reader_page
from newsroom.serving import views as serving_views

urlpatterns = [
    path("healthz", serving_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("ckeditor/upload/", article_views.editor_upload, name="ckeditor_upload"),
    path("ckeditor/browse/", article_views.editor_browse, name="ckeditor_browse"),
    path("rss/", LatestArticlesFeed(), name="rss"),
    path("rss/<slug:slug>/", SectionFeed(), name="rss_section"),
    # Sitemaps are cached as pages are, under the same versions: an unpublished article's
    # address leaves them at once.
    path(
        "sitemap.xml",
        reader_page(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        reader_page(sitemap_views.sitemap, params=["p"]),
        # Django's template, with Google's image namespace for the articles' pictures.
        {"sitemaps": SITEMAPS, "template_name": "articles/sitemap.xml"},
        name="sitemap_section",
    ),
    path("news-sitemap.xml", discovery.news_sitemap, name="news_sitemap"),
    path("robots.txt", discovery.robots_txt, name="robots_txt"),
    path("breaking.json", article_views.breaking, name="breaking"),
    # The public JSON API, read-only (api/): /api/v1/, its schema and docs.
    path("api/", include("api.urls")),
    # Uploads, where nothing in front serves them (DEBUG, SERVE_MEDIA): serving/views.py.
    re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.+)$", serving_views.media),
    path("", include("comments.urls")),
    path("", include("articles.urls")),
]

if settings.BENCH:
    urlpatterns += [path("bench/bare/", serving_views.bare)]
