"""Sitemaps for search engines: articles (with their pictures), sections, tags; and Google
News' last 48 hours."""

from urllib.parse import urljoin

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef, Prefetch, Subquery
from django.urls import reverse

from articles.models import Article, GalleryItem, Section, Tag

# What a sitemap's line needs of a picture to name its widest rendition.
PICTURE_FIELDS = ("file", "width", "height", "renditions", "focal_x", "focal_y")


class HomeSitemap(Sitemap):
    changefreq = "always"
    priority = 1.0

    def items(self):
        return ["articles:home", "articles:archive"]

    def location(self, item: str) -> str:
        return reverse(item)


class ArticleSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8
    limit = 10_000

    def items(self):
        """Each article with its lead picture and its gallery's: three queries a page of the
        sitemap (the count, the articles, their galleries), however many pictures."""
        return (
            Article.objects.published()
            .select_related("lead_image")
            .prefetch_related(
                Prefetch(
                    "gallery_items",
                    queryset=GalleryItem.objects.for_page().only(
                        "article_id", "position", *(f"image__{f}" for f in PICTURE_FIELDS)
                    ),
                    to_attr="sitemap_gallery",
                )
            )
            .only("code", "slug", "updated_at", *(f"lead_image__{f}" for f in PICTURE_FIELDS))
            .order_by("-code")
        )

    def lastmod(self, item: Article):
        return item.updated_at

    def get_urls(self, page=1, site=None, protocol=None):
        """Each line names its pictures too (Google's image sitemap extension, written by
        templates/articles/sitemap.xml): the lead picture, then the gallery's, each the
        whole picture at its widest."""
        urls = super().get_urls(page, site, protocol)
        origin = f"{self.get_protocol(protocol)}://{self.get_domain(site)}/"
        for url in urls:
            article = url["item"]
            pictures = [item.image for item in article.sitemap_gallery]
            if article.lead_image is not None:
                pictures.insert(0, article.lead_image)
            # A picture on a storage of its own (a CDN) already has an absolute URL.
            url["images"] = [urljoin(origin, picture.largest()["url"]) for picture in pictures]
        return urls


class SectionSitemap(Sitemap):
    changefreq = "hourly"
    priority = 0.6

    def items(self):
        newest = Article.objects.published().filter(section=OuterRef("pk")).order_by("-updated_at")
        return Section.objects.annotate(latest=Subquery(newest.values("updated_at")[:1]))

    def lastmod(self, item: Section):
        return item.latest


class TagSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.4
    limit = 10_000

    def items(self):
        published = Article.objects.published().filter(tags=OuterRef("pk"))
        return Tag.objects.filter(Exists(published)).order_by("pk")


SITEMAPS = {
    "home": HomeSitemap,
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
}
