"""RSS 2.0 for feed readers and aggregators: everything, and per section."""

import copy
import mimetypes

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed, rfc3339_date
from django.utils.html import format_html, format_html_join

from articles.models import Article, Section
from newsroom.persian import jalali

FEED_LENGTH = 30


class PersianRssFeed(Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:atom": "http://www.w3.org/2005/Atom"}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        # RSS has no per-item time of change; Atom's <updated> says it, as feed readers and
        # aggregators that follow corrections read it (its namespace is declared above).
        if item["updateddate"] is not None:
            handler.addQuickElement("atom:updated", rfc3339_date(item["updateddate"]))


class LatestArticlesFeed(Feed):
    feed_type = PersianRssFeed
    language = "fa"

    def title(self, obj=None) -> str:
        return settings.SITE_NAME

    def description(self, obj=None) -> str:
        return settings.SITE_DESCRIPTION

    def link(self, obj=None) -> str:
        return reverse("articles:home")

    def __call__(self, request, *args, **kwargs):
        # One instance serves every request (the URLconf holds it): each request gets a copy
        # of its own that knows it, for absolute enclosure URLs and ids, so threads of one
        # worker never read another's request.
        feed = copy.copy(self)
        feed.request = request
        return super(LatestArticlesFeed, feed).__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return None

    def articles(self, obj):
        return (
            Article.objects.published()
            .for_listing()
            .select_related("author")
            .prefetch_related("tags", "notes")
        )

    def items(self, obj=None):
        return self.articles(obj)[:FEED_LENGTH]

    def item_title(self, item: Article) -> str:
        return f"{item.kicker} | {item.title}" if item.kicker else item.title

    def item_description(self, item: Article) -> str:
        """The lead; with its corrections and updates, each dated, as HTML paragraphs (a
        feed reader shows a description as HTML), so a reader of the feed learns of them."""
        notes = list(item.notes.all())
        if not notes:
            return item.lead
        return format_html("<p>{}</p>", item.lead) + format_html_join(
            "",
            "<p><strong>{} ({})</strong>: {}</p>",
            (
                (note.get_kind_display(), jalali.format_datetime(note.noted_at), note.text)
                for note in notes
            ),
        )

    def item_link(self, item: Article) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: Article) -> str:
        # An id is an address a reader could follow: absolute, as the link is (Django makes
        # the link absolute, not the id).
        return self.request.build_absolute_uri(item.get_short_url())

    def item_pubdate(self, item: Article):
        return timezone.localtime(item.published_at)

    def item_updateddate(self, item: Article):
        # In whole seconds, as the page's dateModified says it.
        return timezone.localtime(item.updated_at).replace(microsecond=0)

    def item_author_name(self, item: Article) -> str:
        return item.byline_name

    def item_categories(self, item: Article) -> list[str]:
        return [item.section.name, *(tag.name for tag in item.tags.all())]

    def item_enclosures(self, item: Article) -> list[Enclosure]:
        """The lead picture for feed readers: the library's 1200×630 JPEG (what every reader
        shows), the stored original until it is made.
        Read with the item (for_listing), sized from what the renditions recorded."""
        found = enclosure(item)
        if found is None:
            return []
        url, length, mime_type = found
        return [Enclosure(self.request.build_absolute_uri(url), str(length), mime_type)]


def enclosure(article: Article) -> tuple[str, int, str] | None:
    """(address, bytes, MIME type) of an article's picture, or None."""
    image = article.lead_image
    if image is None:
        return None
    if social := image.social():
        return social["url"], social["bytes"], "image/jpeg"
    stored = image.file
    try:
        length = stored.size
    except OSError:  # the file is gone; the item still goes out, without it
        return None
    return stored.url, length, mimetypes.guess_type(stored.name)[0] or "image/jpeg"


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
