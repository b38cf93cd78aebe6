"""Structured data (schema.org JSON-LD) for search engines and link previews."""

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static

from articles.models import Article, GalleryItem, LiveEntry, Tag
from articles.models.live import LiveBlock
from newsroom.persian.jalali import isoformat


def image_url(request: HttpRequest, article: Article | None = None) -> str:
    """The picture a share shows: the article's lead image, else the site's icon."""
    if article is not None and article.lead_image and (social := article.lead_image.social()):
        return request.build_absolute_uri(social["url"])
    if article is not None and article.lead_image:
        return request.build_absolute_uri(article.lead_image.file.url)
    return request.build_absolute_uri(static("newsroom/icon.png"))


def publisher(request: HttpRequest) -> dict:
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.SITE_NAME,
        "url": request.build_absolute_uri("/"),
        "logo": {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(static("newsroom/logo.png")),
            "width": 600,
            "height": 60,
        },
    }


def news_article(
    request: HttpRequest,
    article: Article,
    tags: list[Tag] | None = None,
    gallery: list[GalleryItem] | None = None,
    live: LiveBlock | None = None,
) -> dict:
    """The article for search engines; `tags` and `gallery`: its tags and its gallery's
    pictures, when the caller has read them.

    The gallery's pictures are its `associatedMedia`, each an ImageObject with its caption
    and credit, not more of its `image`: Google takes `image` for the picture that stands
    for the article (its crops in several shapes), and a gallery's twelfth photo must not
    become a story's thumbnail. schema.org's ImageGallery is a kind of WebPage, not of
    MediaObject, so it is not something an article's associatedMedia holds."""
    url = request.build_absolute_uri(article.get_absolute_url())
    author = article.byline_name or settings.SITE_NAME
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "alternativeHeadline": article.kicker or None,
        "description": article.lead,
        "image": [image_url(request, article)],
        "datePublished": isoformat(article.published_at) if article.published_at else None,
        "dateModified": isoformat(article.updated_at),
        "author": [{"@type": "Person" if article.byline_name else "Organization", "name": author}],
        "publisher": publisher(request),
        "articleSection": article.section.name,
        "keywords": [tag.name for tag in (article.tags.all() if tags is None else tags)],
        "inLanguage": "fa-IR",
        "identifier": str(article.code),
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "associatedMedia": [
            gallery_picture(request, item)
            for item in (article.gallery_items.for_page() if gallery is None else gallery)
        ]
        or None,
    }
    if live is not None and live.is_live:
        data.update(live_blog(request, article, live, url))
    return data


def live_blog(request: HttpRequest, article: Article, live: LiveBlock, url: str) -> dict:
    """What makes a live article a LiveBlogPosting while it is covered live: its coverage's
    start, its end if one is set ahead, and its entries, newest first, as BlogPostings (once
    it ends, an ordinary NewsArticle again, its entries still on the page)."""
    entries = [entry for entry in [live.pinned, *live.entries] if entry is not None]
    entries.sort(key=lambda entry: (entry.created_at, entry.pk), reverse=True)
    modified = max([article.updated_at, *(entry.updated_at for entry in entries)])
    data = {
        "@type": "LiveBlogPosting",
        "dateModified": isoformat(modified),
        "coverageStartTime": isoformat(live.started_at),
        "liveBlogUpdate": [live_update(request, article, entry, url) for entry in entries],
    }
    if live.ended_at is not None:
        data["coverageEndTime"] = isoformat(live.ended_at)
    return data


def live_update(request: HttpRequest, article: Article, entry: LiveEntry, url: str) -> dict:
    update = {
        "@type": "BlogPosting",
        "headline": (entry.text.split("\n", 1)[0] or article.title)[:110],
        "articleBody": entry.text or None,
        "datePublished": isoformat(entry.created_at),
        "dateModified": isoformat(entry.updated_at),
        "url": f"{url}#{entry.anchor}",
    }
    if entry.image is not None:
        update["image"] = request.build_absolute_uri(entry.image.largest()["url"])
    return update


def gallery_picture(request: HttpRequest, item: GalleryItem) -> dict:
    """A picture of the gallery as an ImageObject: the whole of it, its caption and credit."""
    largest = item.image.largest()
    picture = {
        "@type": "ImageObject",
        "contentUrl": request.build_absolute_uri(largest["url"]),
        "width": largest["width"],
        "height": largest["height"],
        "caption": item.shown_caption or item.image.alt,
    }
    if item.image.credit:
        picture["creditText"] = item.image.credit
    return picture


def breadcrumbs(request: HttpRequest, *crumbs: tuple[str, str]) -> dict:
    """BreadcrumbList from (name, path) pairs, the home page first."""
    trail = [(settings.SITE_NAME, "/"), *crumbs]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": request.build_absolute_uri(path),
            }
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }


def website(request: HttpRequest) -> dict:
    """The site, with its search box, for the home page."""
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": settings.SITE_NAME,
        "url": request.build_absolute_uri("/"),
        "inLanguage": "fa-IR",
        "publisher": publisher(request),
        "potentialAction": {
            "@type": "SearchAction",
            "target": request.build_absolute_uri("/search/") + "?q={query}",
            "query-input": "required name=query",
        },
    }
