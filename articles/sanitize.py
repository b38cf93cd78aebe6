"""The HTML an article body may contain: what CKEditor makes, minus anything that runs."""

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
    "img": {"src", "alt", "width", "height"},
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


def _embed_values_checked(tag: str, attribute: str, value: str) -> str | None:
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
        attribute_filter=_embed_values_checked,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
