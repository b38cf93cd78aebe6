"""The library's tags (loaded as `images`, articles/templatetags/images.py):
`{% picture image sizes=… priority=… %}`. An article's lead image is
templates/includes/lead_image.html, which uses it."""

from django import template

from articles.images.models import Image

register = template.Library()

TYPES = {"avif": "image/avif", "webp": "image/webp"}


@register.inclusion_tag("includes/picture.html")
def picture(
    image: Image,
    sizes: str = "100vw",
    priority: bool = False,
    kind: str = "width",
    alt: str = "",
    css_class: str = "",
    loading: str = "",
):
    """`<picture>` with AVIF and WebP renditions when they exist, the stored original as the
    `<img>` otherwise (never a broken picture while the worker is busy). The largest picture
    on a screen is `priority` (or `loading="priority"`): fetched first, never lazily; the
    others load lazily, but for `loading="eager"` (on the screen as the page opens).
    `alt`: this page's words for it, when they are not the library's."""
    priority = priority or loading == "priority"
    sources = [
        {"type": mime, "srcset": srcset}
        for image_format, mime in TYPES.items()
        if (srcset := image.srcset(kind, image_format))
    ]
    # A crop's own shape (a card's 16:9), so the page keeps its place before it loads.
    largest = (image.rendition_files(kind) or [None])[-1] if kind != "width" else None
    return {
        "image": image,
        "width": largest["width"] if largest else image.width,
        "height": largest["height"] if largest else image.height,
        "sources": sources,
        "sizes": sizes,
        "priority": priority,
        "lazy": not priority and loading != "eager",
        "alt": alt or image.alt,
        "css_class": css_class,
    }
