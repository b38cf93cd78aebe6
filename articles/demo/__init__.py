"""Demo content for `manage.py load_demo`: invented news in the newsroom's style, kept in
the data files beside this module.

- sections.json: the sections (سرویس‌ها) and their order on the site;
- articles.json: the published articles, newest first (one embeds a video: a paragraph
  that is only a link; one carries a correction, one an update);
- showcase.json: the sample page this newsroom is modelled on, as published (its spelling
  kept); the demo shows it after the copy-editor, as a revision of its own;
- unpublished.json: not for readers yet: one scheduled for tomorrow, one reporter's draft;
- gallery.json: a «گزارش تصویری» of twelve generated pictures, with their alt text, caption
  and credit, for one of the published articles;
- breaking.json: a «خبر فوری» line, shown from when the demo is loaded for as long as it
  `lasts` (a timedelta's arguments);
- pins.json: «چینش صفحه اول», the stories an editor pinned to the home page, each table's
  in order: the lead, the top stories beside it (one ending hours after loading: `ends_in`),
  one at the head of its section's block;
- live.json: «لحظه‌به‌لحظه», a story covered live since it was published (`started` ago),
  with a dozen entries, each `ago` from loading, one `pinned` and one with a `picture`;
- words.txt: the words `generate_articles` invents articles from, one a line.

Times are relative, so the demo looks the same at any hour: an article was published `ago`
(or is scheduled `ahead`) by a `datetime.timedelta`'s arguments from when it is loaded.
"""

import json
import random
from pathlib import Path
from typing import NamedTuple, NotRequired, TypedDict

from newsroom.persian.text import normalize

HERE = Path(__file__).parent


class DemoSection(NamedTuple):
    slug: str
    name: str
    order: int
    # The colours (RGB) of its articles' generated lead pictures (load_demo.demo_photo).
    sky: list[int]
    field: list[int]


class DemoNote(TypedDict):
    kind: str  # ArticleNote.Kind: "correction" or "update"
    text: str
    ago: dict[str, int]  # noted this long before loading (after the article was published)


class DemoArticle(TypedDict):
    section: str  # its slug
    kicker: NotRequired[str]
    title: str
    lead: str
    # Paragraphs of plain text, or a link on a line of its own ({"link", "title"}): an embed.
    body: list[str | dict[str, str]]
    source: NotRequired[str]
    tags: list[str]
    ago: NotRequired[dict[str, int]]
    ahead: NotRequired[dict[str, int]]
    status: NotRequired[str]  # published unless said
    featured: NotRequired[bool]
    author: NotRequired[str]  # the demo user who wrote it: the editor's if published, unless said
    copyedit: NotRequired[bool]  # saved again after «ویرایش خودکار نگارش»
    notes: NotRequired[list[DemoNote]]  # its «اصلاحیه» and «به‌روزرسانی», as an editor adds them
    # The lead image: a generated picture in its section's colours, with this alt text.
    image_alt: str
    image_caption: NotRequired[str]


class DemoPin(TypedDict):
    place: str  # lead, top or section (HomePin.Place)
    title: str  # the pinned article's
    section: NotRequired[str]  # the block's slug, when not the article's own section
    ends_in: NotRequired[dict[str, int]]  # from when it is loaded


class DemoPicture(TypedDict):
    alt: str
    caption: str
    credit: str
    sky: list[int]  # the generated picture's colours (RGB)
    field: list[int]


class DemoBreaking(TypedDict):
    text: str
    lasts: dict[str, int]  # from when the demo is loaded


class DemoLiveEntry(TypedDict):
    text: str
    ago: dict[str, int]  # written this long before loading
    pinned: NotRequired[bool]
    picture: NotRequired[bool]  # with a generated picture from the library


class DemoLive(TypedDict):
    article: DemoArticle
    started: dict[str, int]  # covered live since this long before loading
    entries: list[DemoLiveEntry]


class DemoGallery(TypedDict):
    article: str  # the title of the article that carries it
    pictures: list[DemoPicture]


def _read(name: str):
    return json.loads((HERE / name).read_text(encoding="utf-8"))


SECTIONS: list[DemoSection] = [DemoSection(**section) for section in _read("sections.json")]
SECTION_COLOURS: dict[str, tuple[list[int], list[int]]] = {
    section.slug: (section.sky, section.field) for section in SECTIONS
}
ARTICLES: list[DemoArticle] = _read("articles.json")
SAMPLE_ARTICLE: DemoArticle = _read("showcase.json")
UNPUBLISHED_ARTICLES: list[DemoArticle] = _read("unpublished.json")
GALLERY: DemoGallery = _read("gallery.json")
BREAKING: DemoBreaking = _read("breaking.json")
PINS: list[DemoPin] = _read("pins.json")
LIVE: DemoLive = _read("live.json")
WORDS: list[str] = (HERE / "words.txt").read_text(encoding="utf-8").split()


def sentence(rng: random.Random, length: int) -> str:
    """Invented words, as many as asked."""
    return " ".join(rng.choices(WORDS, k=length))


def published_titles() -> list[str]:
    """The titles of the demo's published articles, as they are stored (normalised)."""
    return [normalize(item["title"]) for item in [SAMPLE_ARTICLE, *ARTICLES, LIVE["article"]]]
