"""An article body's pictures from the image library.

The body editor puts a library picture into the body by its address (its upload and its
server browser are the library's: articles/views/pages.py). When the body is stored, each
`<img>` whose address is a library file is marked with the picture's id, `data-image="12"`
(the sanitiser keeps that attribute, a number only); when it is shown, each marked `<img>`
becomes the library's `<picture>`, with its renditions, and its credit when it stands in a
figure. Every picture of a body is read in one query. Anything else (pictures uploaded
before the library, pictures from elsewhere, a picture since deleted) stays a plain `<img>`.

Works on sanitised HTML (articles/sanitize.py), which nh3 writes in one way: attributes in
double quotes, with `"`, `<`, `>` and `&` escaped inside them.
"""

import html
import re
from urllib.parse import unquote, urlsplit

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from articles.images.models import Image

IMG = re.compile(r"<img\b[^>]*>")
ATTRIBUTE = re.compile(r'\s([a-z-]+)(?:="([^"]*)")?')
LIBRARY_ID = re.compile(r'\sdata-image="([0-9]+)"')
# A picture in a figure, as the editor's image dialog makes it with «زیرنویس»: the picture,
# then its caption (both optional around it: a figure that holds more stays as it is).
FIGURE = re.compile(
    r"<figure>\s*(?P<img><img\b[^>]*>)\s*(?:<figcaption>(?P<caption>.*?)</figcaption>\s*)?"
    r"</figure>",
    re.DOTALL,
)
TEMPLATE = "includes/body_image.html"


def _attributes(tag: str) -> dict[str, str]:
    return {name: html.unescape(value or "") for name, value in ATTRIBUTE.findall(tag[4:])}


def image_ids(body: str) -> list[int]:
    """The library ids a (sanitised) body shows, in order, each once."""
    return list(dict.fromkeys(int(found) for found in LIBRARY_ID.findall(body or "")))


def _library_name(src: str, media_path: str) -> str | None:
    path = unquote(urlsplit(src).path)
    if not path.startswith(media_path):
        return None
    name = path.removeprefix(media_path)
    return name if name.startswith("images/") else None


def mark_library_images(body: str) -> str:
    """`body` with each `<img>` showing a library file marked with its id (one query, none
    when the body shows no picture that could be the library's)."""
    tags = [tag for tag in IMG.findall(body or "") if not LIBRARY_ID.search(tag)]
    if not tags:
        return body
    storage = Image._meta.get_field("file").storage
    media_path = unquote(urlsplit(storage.url("images/x")).path).removesuffix("images/x")
    names = {}
    for tag in tags:
        name = _library_name(_attributes(tag).get("src", ""), media_path)
        if name:
            names[tag] = name
    if not names:
        return body
    ids = dict(Image.objects.filter(file__in=set(names.values())).values_list("file", "pk"))

    def mark(match: re.Match) -> str:
        tag = match.group()
        pk = ids.get(names.get(tag))
        return f'<img data-image="{pk}"{tag[4:]}' if pk else tag

    return IMG.sub(mark, body)


def render(body: str, images: dict[int, Image]) -> str:
    """A sanitised body with its marked pictures as the library's `<picture>`; `images`:
    those pictures by id."""
    if not images:
        return body

    def library_image(tag: str) -> Image | None:
        found = LIBRARY_ID.search(tag)
        return images.get(int(found.group(1))) if found else None

    def picture(tag: str, image: Image, figure: bool, caption: str = "") -> str:
        return render_to_string(
            TEMPLATE,
            {
                "image": image,
                # What the writer typed in the dialog for this story, else the library's.
                "alt": _attributes(tag).get("alt", "").strip() or image.alt,
                "figure": figure,
                # Sanitised HTML already: the writer's caption, else the library's (escaped).
                "caption": mark_safe(caption) if caption.strip() else image.caption,
            },
        )

    def in_figure(match: re.Match) -> str:
        image = library_image(match["img"])
        if image is None:
            return match.group()
        return picture(match["img"], image, figure=True, caption=match["caption"] or "")

    def alone(match: re.Match) -> str:
        image = library_image(match.group())
        return match.group() if image is None else picture(match.group(), image, figure=False)

    return IMG.sub(alone, FIGURE.sub(in_figure, body))


def rendered(body: str) -> SafeString:
    """A sanitised body as readers see it: its library pictures read in one query."""
    ids = image_ids(body)
    images = Image.objects.in_bulk(ids) if ids else {}
    # Sanitised HTML, and templates that escape what they print.
    return mark_safe(render(body, images))
