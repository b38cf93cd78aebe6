"""The library's tags (loaded as `images`, articles/templatetags/images.py):
`{% picture image sizes=… priority=… %}`. An article's lead image is
templates/includes/lead_image.html, which uses it."""

from django import template

from articles.images.models import Image

register = template.Library()

TYPES = {"avif": "image/avif", "webp": "image/webp"}


@register.inclusion_tag("includes/picture.html")
def picture(image: Image, sizes: str = "100vw", priority: bool = False, kind: str = "width"):
    """`<picture>` with AVIF and WebP renditions when they exist, the stored original as the
    `<img>` otherwise (never a broken picture while the worker is busy). The largest picture
    on a screen is `priority`: fetched first, never lazily."""
    sources = [
        {"type": mime, "srcset": srcset}
        for image_format, mime in TYPES.items()
        if (srcset := image.srcset(kind, image_format))
    ]
    return {"image": image, "sources": sources, "sizes": sizes, "priority": priority}
