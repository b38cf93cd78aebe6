"""The HTML an article body may contain: what CKEditor makes, minus anything that runs."""

import functools
import re

import nh3

from articles import embeds
from newsroom.persian.text import normalize

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6",
    "strong", "b", "em", "i", "u", "s", "sub", "sup", "small", "mark", "span", "bdi", "bdo",
    "ul", "ol", "li", "dl", "dt", "dd",
    "a", "img", "figure", "figcaption", "blockquote", "q", "cite", "abbr",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"dir", "lang", "title"},
    "a": {"href"},
    # data-image: the picture's id in the image library (articles/body.py), a number only.
    "img": {"src", "alt", "width", "height", "data-image"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start", "reversed"},
    "col": {"span"},
    "colgroup": {"span"},
    "figure": {"data-embed"},  # an embed's placeholder, only when it parses (articles/embeds.py)
    "blockquote": {"cite"},
    "q": {"cite"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
LIBRARY_ID = re.compile(r"[1-9][0-9]{0,17}")


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    """The data attributes hold what parses, or go: a library picture's id, an embed's
    reference."""
    if attribute == "data-image":
        return value if LIBRARY_ID.fullmatch(value) else None
    if attribute == "data-embed":
        embed = embeds.from_value(value) if tag == "figure" else None
        return None if embed is None else embed.value
    return value


def sanitize(html: str) -> str:
    """`html` with nothing left that can run or restyle the page.

    Scripts, styles, event handlers, `javascript:`/`data:` URLs, iframes and forms go;
    headings, lists, links, images, tables, quotes and figures stay, and an embed's
    placeholder whose reference parses. Links get `rel="noopener noreferrer"`.
    """
    return nh3.clean(
        normalize(html or ""),
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style", "template", "noscript", "iframe", "object"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        attribute_filter=_filter_attribute,
        link_rel="noopener noreferrer",
    )


@functools.lru_cache(maxsize=256)
def sanitized(html: str) -> str:
    """`sanitize(html)` for showing a body on every read of its page: the same text cleans
    to the same HTML, so each body being read is cleaned once a process."""
    return sanitize(html)
