"""What the API answers, field by field: the OpenAPI schema is written from these."""

from ninja import Field, Schema


class Moment(Schema):
    """A time, for machines and for readers."""

    iso: str = Field(
        description="ISO 8601 with Tehran's offset",
        examples=["2026-12-07T14:30:00+03:30"],
        json_schema_extra={"format": "date-time"},
    )
    jalali: str = Field(
        description="As the site prints it: Jalali, Persian digits",
        examples=["یکشنبه ۱۶ آذر ۱۴۰۵ - ۱۴:۳۰"],
    )


class Section(Schema):
    slug: str = Field(examples=["politics"])
    name: str = Field(examples=["سیاسی"])
    url: str = Field(description="The section's page on the site")


class Tag(Schema):
    slug: str = Field(examples=["انتخابات"])
    name: str = Field(examples=["انتخابات"])
    url: str = Field(description="The tag's page on the site")


class Rendition(Schema):
    kind: str = Field(
        description="`width`: the whole picture at a width; `social`: the 1200×630 crop"
    )
    format: str = Field(examples=["avif", "webp", "jpeg"])
    width: int
    height: int
    url: str


class Image(Schema):
    id: int
    alt: str = Field(description="What the picture shows, for who cannot see it")
    caption: str
    credit: str = Field(description="The photographer or the source")
    width: int
    height: int
    url: str = Field(description="The stored picture itself")
    renditions: list[Rendition] = Field(
        description="Smaller and lighter copies, narrowest first; empty while being made"
    )


class ArticleSummary(Schema):
    code: int = Field(description="The news code (کد خبر): the article's id")
    url: str
    kicker: str = Field(description="روتیتر")
    title: str
    lead: str
    section: Section
    published_at: Moment
    image: Image | None = Field(description="The lead picture")


class Note(Schema):
    kind: str = Field(description="`correction` (اصلاحیه) or `update` (به‌روزرسانی)")
    label: str = Field(examples=["اصلاحیه"])
    text: str
    noted_at: Moment


class ArticleDetail(ArticleSummary):
    short_url: str
    updated_at: Moment = Field(description="Its last change (the page's dateModified)")
    notes: list[Note] = Field(description="Its corrections and updates, oldest first")
    byline: str
    source: str
    body_html: str = Field(
        description="The body as the site shows it: sanitised HTML, library pictures as "
        "`<picture>`; links relative to the site"
    )
    body_text: str = Field(description="The body as plain text, a paragraph a line")
    tags: list[Tag]
    body_images: list[Image] = Field(description="The library pictures in the body, in order")
    gallery: list[Image] = Field(description="The photo gallery (گزارش تصویری), in order")


class ArticlePage(Schema):
    items: list[ArticleSummary]
    next: str | None = Field(description="The next page's address; null on the last page")


class TagPage(Schema):
    items: list[Tag]
    next: str | None = Field(description="The next page's address; null on the last page")


class SearchPage(Schema):
    query: str = Field(description="The query as searched, normalised")
    items: list[ArticleSummary]
    more: bool = Field(description="More matches than the ranked ones (a few hundred)")
    next: str | None = Field(description="The next page's address; null on the last page")


class RankedArticle(Schema):
    code: int
    url: str
    title: str
    published_at: Moment


class MostRead(Schema):
    day: list[RankedArticle] = Field(description="The last 24 hours")
    week: list[RankedArticle] = Field(description="The last 7 days")


class ParamProblem(Schema):
    param: str = Field(description="The query parameter")
    message: str = Field(description="What is wrong with it, in Persian")


class Problem(Schema):
    detail: str = Field(description="What went wrong, in Persian")
    errors: list[ParamProblem] | None = Field(None, description="For a bad parameter: each")


class LiveEmbed(Schema):
    provider: str = Field(examples=["aparat"])
    link: str = Field(description="The item on the provider's own site")


class LiveEntry(Schema):
    id: int
    url: str = Field(description="The entry on the article's page")
    created_at: Moment
    updated_at: Moment
    is_pinned: bool
    text: str = Field(description="Plain text, as written; paragraphs by blank lines")
    image: Image | None
    embed: LiveEmbed | None = Field(description="A video or post, from the allow-list")


class LiveCoverage(Schema):
    code: int = Field(description="The article's news code")
    is_live: bool = Field(description="Still being covered (false once it has ended)")
    started_at: Moment
    ended_at: Moment | None = Field(description="When the coverage ends or ended, if set")
    pinned: LiveEntry | None = Field(description="The entry pinned above the rest (first page)")
    items: list[LiveEntry] = Field(description="Newest first; the pinned one among them")
    next: str | None = Field(description="The next (older) page's address; null on the last")
