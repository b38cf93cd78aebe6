"""Embeds (جاسازی): a video or a post from an allow-listed provider inside an article body.

An editor pastes a link on a line of its own (or uses the editor's «جاسازی» button); the
body keeps a placeholder that names the provider and the item and nothing else:

    <figure data-embed="youtube:dQw4w9WgXcQ">an optional title</figure>

The reference is checked against its provider's pattern when stored and again when shown
(articles/sanitize.py lets `data-embed` through only when it parses here), so no markup and
no address from outside is ever kept. Readers get a facade (templates/includes/embed.html):
a link to the provider's own page, which works without JavaScript, and which site.js
replaces with the provider's frame on a click — nothing is asked of the provider before it.
A page that holds embeds lets the browser frame those providers' hosts, and only them
(`frame_policy`).
"""

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.csp import CSP

# The longest link taken; and the characters a link may hold at all (no spaces, no
# backslashes, no bidi or zero-width marks: anything else is refused, not cleaned).
MAX_LINK_LENGTH = 2048
_LINK_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class Provider:
    """One allow-listed provider.

    `links` are patterns, matched whole against a pasted link's host, path and query
    («www.youtube.com/watch?v=…»); their groups, in order, fill `ref`, the reference kept in
    the body, which must match `ref_pattern` whole. `page` is the provider's own page for a
    reference (the facade's link), `frame` what its iframe loads; both take the reference's
    parts (split at «/») as {0}, {1}, and the whole as {ref}. The patterns are written so
    JavaScript reads them the same (the editor's dialog, editor_config()).
    """

    name: str
    label: str  # its Persian name, as readers see it
    kind: str  # "video" (16:9) or "post" (a taller card)
    links: tuple[str, ...]
    ref: str
    ref_pattern: str
    page: str
    frame: str

    @property
    def frame_origin(self) -> str:
        parts = urlsplit(self.frame)
        return f"{parts.scheme}://{parts.netloc}"


_YOUTUBE_ID = "([A-Za-z0-9_-]{11})"
_YOUTUBE_HOST = r"(?:www\.|m\.)?youtube\.com"
_TELEGRAM_CHANNEL = "([A-Za-z][A-Za-z0-9_]{3,31})"
_QUERY = r"(?:\?[^#]*)?"

PROVIDERS: dict[str, Provider] = {
    provider.name: provider
    for provider in (
        Provider(
            name="aparat",
            label="آپارات",
            kind="video",
            links=(
                r"(?:www\.)?aparat\.com/v/([A-Za-z0-9]{1,32})(?:/[^/?]*)?/?" + _QUERY,
                r"(?:www\.)?aparat\.com/video/video/embed/videohash/([A-Za-z0-9]{1,32})/vt/frame"
                + _QUERY,
            ),
            ref="{0}",
            ref_pattern="[A-Za-z0-9]{1,32}",
            page="https://www.aparat.com/v/{0}",
            frame="https://www.aparat.com/video/video/embed/videohash/{0}/vt/frame",
        ),
        Provider(
            name="youtube",
            label="یوتیوب",
            kind="video",
            links=(
                _YOUTUBE_HOST + r"/watch\?(?:[^#]*&)?v=" + _YOUTUBE_ID + "(?:&[^#]*)?",
                _YOUTUBE_HOST + "/(?:shorts|embed|live)/" + _YOUTUBE_ID + "/?" + _QUERY,
                r"youtu\.be/" + _YOUTUBE_ID + "/?" + _QUERY,
                r"(?:www\.)?youtube-nocookie\.com/embed/" + _YOUTUBE_ID + "/?" + _QUERY,
            ),
            ref="{0}",
            ref_pattern="[A-Za-z0-9_-]{11}",
            page="https://www.youtube.com/watch?v={0}",
            frame="https://www.youtube-nocookie.com/embed/{0}?autoplay=1",
        ),
        Provider(
            name="telegram",
            label="تلگرام",
            kind="post",
            links=(
                r"(?:t\.me|telegram\.me)/(?:s/)?" + _TELEGRAM_CHANNEL + "/([0-9]{1,10})/?" + _QUERY,
            ),
            ref="{0}/{1}",
            ref_pattern="[A-Za-z][A-Za-z0-9_]{3,31}/[0-9]{1,10}",
            page="https://t.me/{ref}",
            frame="https://t.me/{ref}?embed=1",
        ),
        Provider(
            name="instagram",
            label="اینستاگرام",
            kind="post",
            links=(
                r"(?:www\.)?instagram\.com/(?:p|reel|tv)/([A-Za-z0-9_-]{5,40})(?:/embed)?/?"
                + _QUERY,
            ),
            ref="{0}",
            ref_pattern="[A-Za-z0-9_-]{5,40}",
            page="https://www.instagram.com/p/{0}/",
            frame="https://www.instagram.com/p/{0}/embed",
        ),
        Provider(
            name="x",
            label="ایکس",
            kind="post",
            links=(
                r"(?:www\.|mobile\.)?(?:x|twitter)\.com/([A-Za-z0-9_]{1,15})/status(?:es)?/"
                r"([0-9]{1,20})(?:/(?:photo|video)/[1-4])?/?" + _QUERY,
            ),
            ref="{0}/{1}",
            ref_pattern="[A-Za-z0-9_]{1,15}/[0-9]{1,20}",
            page="https://x.com/{0}/status/{1}",
            frame="https://platform.twitter.com/embed/Tweet.html?id={1}",
        ),
    )
}
_LINK_PATTERNS = [
    (provider, re.compile(pattern)) for provider in PROVIDERS.values() for pattern in provider.links
]
_REF_PATTERNS = {name: re.compile(p.ref_pattern) for name, p in PROVIDERS.items()}


@dataclass(frozen=True)
class Embed:
    """One embedded item: its provider, its reference and the title an editor gave it."""

    provider: Provider
    ref: str
    title: str = ""

    @property
    def value(self) -> str:
        """What the placeholder's `data-embed` holds."""
        return f"{self.provider.name}:{self.ref}"

    @property
    def link(self) -> str:
        """The item on the provider's own site: the facade's link."""
        return self.provider.page.format(*self.ref.split("/"), ref=self.ref)

    @property
    def frame_src(self) -> str:
        """What the iframe loads when a reader asks for it."""
        return self.provider.frame.format(*self.ref.split("/"), ref=self.ref)

    @property
    def placeholder(self) -> str:
        return f'<figure data-embed="{self.value}">{html.escape(self.title, quote=False)}</figure>'


def from_value(value: str) -> Embed | None:
    """The embed a placeholder's `data-embed` names, if it is well formed."""
    name, _, ref = (value or "").partition(":")
    pattern = _REF_PATTERNS.get(name)
    if pattern is None or not pattern.fullmatch(ref):
        return None
    return Embed(PROVIDERS[name], ref)


def parse(link: str, title: str = "") -> Embed | None:
    """The embed a pasted link names, or None for anything not on the allow-list.

    Only http(s) links to a provider's own hosts, without user names, ports or anything
    a browser would read differently from us (backslashes, spaces, invisible marks).
    """
    link = (link or "").strip()
    if not link or len(link) > MAX_LINK_LENGTH or not _LINK_CHARACTERS.fullmatch(link):
        return None
    if not _SCHEME.match(link):
        link = "https://" + link.removeprefix("//")
    try:
        parts = urlsplit(link)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or port is not None:
        return None
    if "@" in parts.netloc or not parts.hostname:
        return None
    where = parts.hostname.lower() + parts.path + (f"?{parts.query}" if parts.query else "")
    for provider, pattern in _LINK_PATTERNS:
        if match := pattern.fullmatch(where):
            return Embed(provider, provider.ref.format(*match.groups()), title.strip())
    return None


# Attributes as the sanitiser writes them: each value in double quotes, any quote inside
# it escaped, so a «>» or a «data-embed="» inside a value is never read as markup.
_ATTRIBUTES = r'(?:\s+[\w-]+(?:="[^"]*")?)*'
# A paragraph that holds one link and nothing else, as the sanitiser writes it: the address
# as text, or an <a> (its text the address again, or a title).
_LONE_LINK = re.compile(
    rf"<p{_ATTRIBUTES}>\s*(?:"
    rf'<a href="(?P<href>[^"]*)"{_ATTRIBUTES}>(?P<text>(?:(?!</a>).){{0,500}})</a>'
    r"|(?P<bare>[^\s<>]{1,2048})"
    r")\s*(?:<br>)?\s*</p>",
    re.DOTALL,
)
_TAGS = re.compile(r"<[^>]*>")


def mark(body: str) -> str:
    """`body` (sanitised HTML) with each paragraph that holds only an allow-listed link made
    a placeholder; a link's own text, when it is not the address, becomes the title."""

    def placeholder(match: re.Match) -> str:
        if match["bare"] is not None:
            embed = parse(html.unescape(match["bare"]))
        else:
            text = html.unescape(_TAGS.sub("", match["text"])).strip()
            href = html.unescape(match["href"])
            title = "" if text in (href, "") or parse(text) is not None else text
            embed = parse(href, title)
        return match[0] if embed is None else embed.placeholder

    return _LONE_LINK.sub(placeholder, body)


# A placeholder as the sanitiser writes it (data-embed checked; dir, lang or title beside
# it): what is inside, up to its own </figure>, is its title.
_PLACEHOLDER = re.compile(rf'<figure(?={_ATTRIBUTES}\s+data-embed="([^"]*)"){_ATTRIBUTES}>')
_FIGURE_TAG = re.compile(rf"<(/?)figure{_ATTRIBUTES}>")


def placeholders(body: str) -> Iterator[tuple[int, int, Embed]]:
    """Each placeholder in sanitised `body`: (start, end, Embed with its title)."""
    at = 0
    while match := _PLACEHOLDER.search(body, at):
        depth, end, inner_end = 1, len(body), len(body)
        for tag in _FIGURE_TAG.finditer(body, match.end()):
            depth += -1 if tag[1] else 1
            if depth == 0:
                inner_end, end = tag.start(), tag.end()
                break
        at = end
        if (embed := from_value(match[1])) is None:
            continue
        title = " ".join(html.unescape(_TAGS.sub(" ", body[match.end() : inner_end])).split())
        yield match.start(), end, Embed(embed.provider, embed.ref, title)


def replace(body: str, render: Callable[[Embed], str]) -> str:
    """`body` with each placeholder replaced by `render(embed)`."""
    out, at = [], 0
    for start, end, embed in placeholders(body):
        out += [body[at:start], render(embed)]
        at = end
    return "".join([*out, body[at:]])


def providers_in(body: str) -> list[Provider]:
    """The providers `body` embeds, each once, in the order they first appear."""
    found: dict[str, Provider] = {}
    for _, _, embed in placeholders(body):
        found.setdefault(embed.provider.name, embed.provider)
    return list(found.values())


def frame_policy(body: str, every_provider: bool = False) -> dict | None:
    """The reader CSP for a page showing `body`, if it embeds anything: frames from this
    site and from the hosts of the providers it embeds, nothing more. None: the usual one.
    `every_provider`: a page whose embeds may arrive after it (a live article's entries)
    may frame any provider of the allow-list."""
    providers = list(PROVIDERS.values()) if every_provider else providers_in(body)
    if not providers:
        return None
    origins = sorted({provider.frame_origin for provider in providers})
    return {**settings.SECURE_CSP, "frame-src": [CSP.SELF, *origins]}


def editor_config() -> list[dict]:
    """The allow-list for the editor's «جاسازی» dialog (newsroom's CKEditor plugin)."""
    return [
        {"name": p.name, "label": p.label, "links": list(p.links), "ref": p.ref, "page": p.page}
        for p in PROVIDERS.values()
    ]
