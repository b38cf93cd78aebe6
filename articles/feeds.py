"""RSS 2.0 for feed readers and aggregators: everything, and per section."""

import mimetypes

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed

from articles.models import Article, Section
from newsroom.persian.jalali import localtime

FEED_LENGTH = 30


class PersianRssFeed(Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:atom": "http://www.w3.org/2005/Atom"}


class LatestArticlesFeed(Feed):
    feed_type = PersianRssFeed
    language = "fa"

    def title(self, obj=None) -> str:
        return settings.SITE_NAME

    def description(self, obj=None) -> str:
        return settings.SITE_DESCRIPTION

    def link(self, obj=None) -> str:
        return reverse("articles:home")

    def get_object(self, request, *args, **kwargs):
        self.request = request  # for absolute enclosure URLs
        return None

    def articles(self, obj):
        return (
            Article.objects.published()
            .for_listing()
            .select_related("author")
            .prefetch_related("tags")
        )

    def items(self, obj=None):
        return self.articles(obj)[:FEED_LENGTH]

    def item_title(self, item: Article) -> str:
        return f"{item.kicker} | {item.title}" if item.kicker else item.title

    def item_description(self, item: Article) -> str:
        return item.lead

    def item_link(self, item: Article) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: Article) -> str:
        return item.get_short_url()

    def item_pubdate(self, item: Article):
        return localtime(item.published_at)

    def item_updateddate(self, item: Article):
        return localtime(item.updated_at)

    def item_author_name(self, item: Article) -> str:
        return item.byline_name

    def item_categories(self, item: Article) -> list[str]:
        return [item.section.name, *(tag.name for tag in item.tags.all())]

    def item_enclosure_url(self, item: Article) -> str | None:
        return self.request.build_absolute_uri(item.image.url) if item.image else None

    def item_enclosure_length(self, item: Article) -> int:
        try:
            return item.image.size if item.image else 0
        except OSError:  # the file is gone; the item still goes out
            return 0

    def item_enclosure_mime_type(self, item: Article) -> str:
        if not item.image:
            return ""
        return mimetypes.guess_type(item.image.name)[0] or "image/jpeg"


class SectionFeed(LatestArticlesFeed):
    def get_object(self, request, slug: str) -> Section:
        super().get_object(request)
        return get_object_or_404(Section, slug=slug)

    def title(self, obj: Section) -> str:
        return f"{settings.SITE_NAME} | {obj.name}"

    def link(self, obj: Section) -> str:
        return obj.get_absolute_url()

    def articles(self, obj: Section):
        return super().articles(obj).filter(section=obj)
