"""The public JSON API, version 1 (/api/v1/): what readers may see, read-only.

Built on django-ninja: the answers' shapes are Pydantic schemas (articles/api/schemas.py), and the
OpenAPI 3.1 schema (/api/v1/schema/) and its browsable docs (/api/v1/docs/, Swagger UI from
the package's own static files) are written from them. Every article comes through
`Article.objects.published()` and the pages' own queries, so a draft or a story whose time
has not come is never listed, found or shown.

Cached as reader pages are (newsroom/pagecache): each endpoint names the query parameters
its answer depends on (CACHED, read by articles/api/urls.py), and the page cache keeps its answer
under the content version, with an ETag; the next request after any change gets the new
one. articles/api/middleware.py limits each address and adds CORS.
"""

import base64
import binascii
import datetime
import html
import re
from typing import Annotated
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from ninja import NinjaAPI, Path, Query, Swagger
from ninja.errors import HttpError, ValidationError
from ninja.renderers import JSONRenderer
from pydantic import AfterValidator

from articles import body as body_pictures
from articles import search
from articles.api import schemas
from articles.models import Article, Section, Tag
from articles.models import Image as LibraryImage
from articles.popularity import counting
from articles.sanitize import sanitized
from articles.templatetags.articles import with_embeds
from newsroom.pagecache.middleware import PagePolicy
from newsroom.persian import jalali
from newsroom.persian.text import normalize, to_latin_digits, to_persian_digits

PER_PAGE = 20
MAX_PER_PAGE = 50
SEARCH_PER_PAGE = 20
MOST_READ = 10


class PersianJSON(JSONRenderer):
    """JSON with Persian as Persian, not \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="Newsroom API",
    version="1",
    description=(
        "The site's published news, read-only, as JSON. Answers are cached and carry an "
        "ETag (ask with If-None-Match for a 304); any site may read them (CORS). "
        f"Each address may ask {settings.API_RATE_LIMIT[0]} times in "
        f"{settings.API_RATE_LIMIT[1]} seconds; past that, 429 with Retry-After. "
        "Errors are JSON with a Persian `detail`."
    ),
    urls_namespace="api_v1",
    openapi_url="/schema/",
    docs_url="/docs/",
    docs=Swagger(settings={"validatorUrl": None, "deepLinking": True}),
    renderer=PersianJSON(),
)

# The query parameters each endpoint's answer depends on (by its url_name): the page cache
# keys it on them alone (articles/api/urls.py), and the answer's links repeat no other.
CACHED = {
    "openapi-json": PagePolicy(),  # the schema
    "articles": PagePolicy(params=("section", "tag", "since", "until", "cursor", "limit")),
    "article": PagePolicy(),
    "sections": PagePolicy(),
    "tags": PagePolicy(params=("cursor", "limit")),
    "search": PagePolicy(params=("section", "since", "until", "page"), words=("q",)),
    # An entry added, edited or deleted renews only its article's own version.
    "live": PagePolicy(params=("cursor", "limit"), article_code=lambda kwargs: kwargs["code"]),
}


# -- Errors: JSON, in Persian, never a 500 for what a caller typed --------------------------

PROBLEMS = {400: schemas.Problem, 404: schemas.Problem}


def _why(error: dict) -> str:
    """What is wrong with a parameter, in Persian, with its bound where it has one."""
    bound = {key: to_persian_digits(value) for key, value in (error.get("ctx") or {}).items()}
    return {
        "int_parsing": "باید عدد باشد",
        "greater_than_equal": f"باید دست‌کم {bound.get('ge')} باشد",
        "less_than_equal": f"باید حداکثر {bound.get('le')} باشد",
        "string_too_long": f"بیش از {bound.get('max_length')} نویسه است",
        "missing": "لازم است",
        "value_error": "نویسه‌هایی دارد که پذیرفته نیست",
    }.get(error.get("type", ""), "پذیرفتنی نیست")


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {"param": str(error.get("loc", ["", "?"])[-1]), "message": _why(error)}
        for error in exc.errors
    ]
    detail = "؛ ".join(f"«{e['param']}» {e['message']}" for e in errors)
    return api.create_response(
        request, {"detail": f"درخواست درست نیست: {detail}.", "errors": errors}, status=400
    )


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": NOT_FOUND}, status=404)


NOT_FOUND = "چنین چیزی در این API نیست."


def _printable(value: str) -> str:
    """Refuse control characters (a null byte, …): no query word holds one."""
    if any(ord(c) < 32 or 127 <= ord(c) < 160 for c in value):
        raise ValueError("control character")
    return value


Text = Annotated[str, AfterValidator(_printable)]


def bad(message: str) -> HttpError:
    return HttpError(400, message)


# -- Shared readings of the query ---------------------------------------------------------


def _moment(value: datetime.datetime) -> dict:
    return {"iso": jalali.isoformat(value), "jalali": jalali.format_datetime(value)}


def _bound(name: str, text: str | None, end: bool) -> datetime.datetime | None:
    """`since` or `until`: a time (ISO 8601; without an offset, Tehran's) or a day (its
    start for `since`; for `until`, the start of the day after: the day is included)."""
    if not text:
        return None
    text = to_latin_digits(text.strip())
    problem = bad(
        f"«{name}» باید تاریخ یا زمانی به قالب ISO 8601 باشد، مانند ۲۰۲۶-۱۲-۰۷ یا "
        "۱۴۰۵-۰۹-۱۶ یا ۲۰۲۶-۱۲-۰۷T۱۴:۳۰:۰۰+۰۳:۳۰."
    )
    try:
        if "T" in text or " " in text:
            moment = parse_datetime(text)
            if moment is None:
                raise problem
            return moment if timezone.is_aware(moment) else timezone.make_aware(moment)
        day = parse_date(text)
        if day is None:
            raise problem
        if day.year < 1700:  # the Jalali calendar
            start, after = jalali.day_bounds(day.year, day.month, day.day)
        else:
            start = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
            after = timezone.make_aware(
                datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
            )
    except (ValueError, OverflowError) as exc:  # 2026-02-30, a Jalali day that is not
        raise problem from exc
    return after if end else start


def _section(slug: str | None) -> Section | None:
    if not slug:
        return None
    for section in Section.objects.in_order():
        if section.slug == slug:
            return section
    raise bad(f"سرویسی با نامک «{slug}» نیست؛ نامک‌ها را از /api/v1/sections/ ببینید.")


def _next_url(request: HttpRequest, params: dict) -> str:
    given = {name: value for name, value in params.items() if value not in (None, "")}
    return request.build_absolute_uri(request.path) + "?" + urlencode(given)


def _cursor(values: tuple) -> str:
    text = "|".join(str(value) for value in values)
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _read_cursor(cursor: str, count: int) -> list[str]:
    """A cursor's parts; a 400 for anything this API did not write."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise bad(BAD_CURSOR) from exc
    parts = text.split("|")
    if len(parts) != count or not all(part.isascii() and part.isdigit() for part in parts):
        raise bad(BAD_CURSOR)
    return parts


def _time_cursor(moment: datetime.datetime, key: int) -> str:
    """A cursor after (`moment`, `key`): the moment in whole microseconds since the epoch."""
    return _cursor((int(moment.timestamp()) * 1_000_000 + moment.microsecond, key))


def _read_time_cursor(cursor: str) -> tuple[datetime.datetime, int]:
    """What `_time_cursor` wrote; a 400 for anything else."""
    micros, key = (int(part) for part in _read_cursor(cursor, 2))
    try:
        at = datetime.datetime.fromtimestamp(micros // 1_000_000, tz=datetime.UTC)
        return at.replace(microsecond=micros % 1_000_000), key
    except (ValueError, OverflowError, OSError) as exc:
        raise bad(BAD_CURSOR) from exc


BAD_CURSOR = "«cursor» درست نیست؛ آن را همان‌گونه که در «next» آمده است بفرستید."


# -- What each thing looks like -------------------------------------------------------------


def _image(request: HttpRequest, image: LibraryImage, caption: str | None = None) -> dict:
    storage = image.file.storage
    return {
        "id": image.pk,
        "alt": image.alt,
        "caption": image.caption if caption is None else caption,
        "credit": image.credit,
        "width": image.width,
        "height": image.height,
        "url": request.build_absolute_uri(image.file.url),
        "renditions": [
            {
                "kind": made["kind"],
                "format": made["format"],
                "width": made["width"],
                "height": made["height"],
                "url": request.build_absolute_uri(storage.url(made["name"])),
            }
            for made in sorted(
                image.rendition_files("width") + image.rendition_files("social"),
                key=lambda made: (made["kind"], made["format"], made["width"]),
            )
        ],
    }


def _section_out(request: HttpRequest, section: Section) -> dict:
    return {
        "slug": section.slug,
        "name": section.name,
        "url": request.build_absolute_uri(section.get_absolute_url()),
    }


def _tag_out(request: HttpRequest, tag: Tag) -> dict:
    return {
        "slug": tag.slug,
        "name": tag.name,
        "url": request.build_absolute_uri(tag.get_absolute_url()),
    }


def _summary(request: HttpRequest, article: Article) -> dict:
    return {
        "code": article.code,
        "url": request.build_absolute_uri(article.get_absolute_url()),
        "kicker": article.kicker,
        "title": article.title,
        "lead": article.lead,
        "section": _section_out(request, article.section),
        "published_at": _moment(article.published_at),
        "image": _image(request, article.lead_image) if article.lead_image_id else None,
    }


_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|figure|figcaption|pre|tr)>|<br\s*/?>")


def plain_text(body: str) -> str:
    """A sanitised body as text: a paragraph a line, entities read, spaces single."""
    text = html.unescape(strip_tags(_BLOCK_END.sub("\n", body)))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


# -- The endpoints --------------------------------------------------------------------------


@api.get(
    "/articles/",
    response={200: schemas.ArticlePage, **PROBLEMS},
    url_name="articles",
    summary="Published articles, newest first",
    tags=["articles"],
)
def articles(
    request: HttpRequest,
    section: Text = Query("", max_length=60, description="A section's slug"),
    tag: Text = Query("", max_length=80, description="A tag's slug"),
    since: Text = Query(
        "",
        max_length=40,
        description="Published at or after: an ISO 8601 time, or a day (2026-12-07, or "
        "Jalali 1405-09-16), from its start in Tehran",
    ),
    until: Text = Query(
        "",
        max_length=40,
        description="Published before this time; a day is included whole",
    ),
    cursor: Text = Query(
        "", max_length=60, description="Where the page starts: the last page's `next`"
    ),
    limit: int = Query(PER_PAGE, ge=1, le=MAX_PER_PAGE),
):
    """The listing pages' own query (`published().for_cards()`, newest first), a page at a
    time from a cursor on (publish time, news code), which the listing indexes serve however
    deep the page."""
    found = Article.objects.published().for_cards()
    if (chosen := _section(section)) is not None:
        found = found.filter(section=chosen)
    if tag:
        the_tag = Tag.objects.filter(slug=tag).first()
        if the_tag is None:
            raise bad(f"برچسبی با نامک «{tag}» نیست؛ برچسب‌ها را از /api/v1/tags/ ببینید.")
        found = found.filter(tags=the_tag)
    if (start := _bound("since", since, end=False)) is not None:
        found = found.filter(published_at__gte=start)
    if (end := _bound("until", until, end=True)) is not None:
        found = found.filter(published_at__lt=end)
    if cursor:
        at, code = _read_time_cursor(cursor)
        found = found.filter(Q(published_at__lt=at) | Q(published_at=at, code__lt=code))
    page = list(found[: limit + 1])
    following = None
    if len(page) > limit:
        page = page[:limit]
        last = page[-1]
        following = _next_url(
            request,
            {
                "section": section,
                "tag": tag,
                "since": since,
                "until": until,
                "cursor": _time_cursor(last.published_at, last.code),
                "limit": limit if limit != PER_PAGE else None,
            },
        )
    return {"items": [_summary(request, article) for article in page], "next": following}


@api.get(
    "/articles/{int:code}/",
    response={200: schemas.ArticleDetail, **PROBLEMS},
    url_name="article",
    summary="One published article, whole",
    tags=["articles"],
)
def article(request: HttpRequest, code: int = Path(..., ge=1, le=2**63 - 1)):
    """The article's page's own read (`published_for_page`): a draft, an unpublished or a
    scheduled story is a 404, as its page is."""
    found = Article.objects.published_for_page(code)
    if found is None:
        raise HttpError(404, "خبری با این کد منتشر نشده است.")
    body = sanitized(found.body)
    pictures = LibraryImage.objects.in_bulk(ids) if (ids := body_pictures.image_ids(body)) else {}
    gallery = list(found.gallery_items.for_page())
    return {
        **_summary(request, found),
        "short_url": request.build_absolute_uri(found.get_short_url()),
        "updated_at": _moment(found.updated_at),
        "notes": [
            {
                "kind": note.kind,
                "label": str(note.get_kind_display()),
                "text": note.text,
                "noted_at": _moment(note.noted_at),
            }
            for note in found.notes.for_page()
        ],
        "byline": found.byline_name,
        "source": found.source,
        # Sanitised HTML, as `Article.body_html` marks it, with the page's embeds.
        "body_html": str(with_embeds(mark_safe(body_pictures.render(body, pictures)))),
        "body_text": plain_text(body),
        "tags": [_tag_out(request, tag) for tag in found.tag_list()],
        "body_images": [_image(request, pictures[pk]) for pk in ids if pk in pictures],
        "gallery": [_image(request, item.image, item.shown_caption) for item in gallery],
    }


def _live_entry(request: HttpRequest, article: Article, entry) -> dict:
    embed = entry.shown_embed
    return {
        "id": entry.pk,
        "url": request.build_absolute_uri(f"{article.get_absolute_url()}#{entry.anchor}"),
        "created_at": _moment(entry.created_at),
        "updated_at": _moment(entry.updated_at),
        "is_pinned": entry.is_pinned,
        "text": entry.text,
        "image": _image(request, entry.image) if entry.image_id else None,
        "embed": {"provider": embed.provider.name, "link": embed.link} if embed else None,
    }


@api.get(
    "/articles/{int:code}/live/",
    response={200: schemas.LiveCoverage, **PROBLEMS},
    url_name="live",
    summary="A live article's entries (لحظه‌به‌لحظه), newest first",
    tags=["articles"],
)
def live(
    request: HttpRequest,
    code: int = Path(..., ge=1, le=2**63 - 1),
    cursor: Text = Query(
        "", max_length=60, description="Where the page starts: the last page's `next`"
    ),
    limit: int = Query(PER_PAGE, ge=1, le=MAX_PER_PAGE),
):
    """The entries of a published article covered live, a page at a time from a cursor on
    (time written, id), as its page's «مطالب قدیمی‌تر» reads them: a story readers may not
    see, or one never covered live, is a 404."""
    found = Article.objects.published_for_page(code)
    if found is None or not found.has_live_coverage:
        raise HttpError(404, "پوشش زنده‌ای با این کد خبر منتشر نشده است.")
    entries = found.live_entries.for_page()
    pinned = None
    if cursor:
        entries = entries.older_than(*_read_time_cursor(cursor))
    else:
        pinned = found.live_entries.for_page().pinned().first()
    page = list(entries[: limit + 1])
    following = None
    if len(page) > limit:
        page = page[:limit]
        last = page[-1]
        following = _next_url(
            request,
            {
                "cursor": _time_cursor(last.created_at, last.pk),
                "limit": limit if limit != PER_PAGE else None,
            },
        )
    return {
        "code": found.code,
        "is_live": found.is_live,
        "started_at": _moment(found.live_started_at),
        "ended_at": _moment(found.live_ended_at) if found.live_ended_at else None,
        "pinned": _live_entry(request, found, pinned) if pinned else None,
        "items": [_live_entry(request, found, entry) for entry in page],
        "next": following,
    }


@api.get(
    "/sections/",
    response=list[schemas.Section],
    url_name="sections",
    summary="Every section, in the menu's order",
    tags=["sections and tags"],
)
def sections(request: HttpRequest):
    return [_section_out(request, section) for section in Section.objects.in_order()]


@api.get(
    "/tags/",
    response={200: schemas.TagPage, **PROBLEMS},
    url_name="tags",
    summary="Tags on published articles",
    tags=["sections and tags"],
)
def tags(
    request: HttpRequest,
    cursor: Text = Query(
        "", max_length=40, description="Where the page starts: the last page's `next`"
    ),
    limit: int = Query(100, ge=1, le=200),
):
    """Only tags that some published article carries: a tag made for a story still in the
    works says nothing of it. Oldest first, a page at a time."""
    shown = Article.tags.through.objects.filter(
        tag_id=OuterRef("pk"), article__in=Article.objects.published()
    )
    found = Tag.objects.filter(Exists(shown)).order_by("pk")
    if cursor:
        (after,) = _read_cursor(cursor, 1)
        found = found.filter(pk__gt=int(after))
    page = list(found[: limit + 1])
    following = None
    if len(page) > limit:
        page = page[:limit]
        following = _next_url(
            request, {"cursor": _cursor((page[-1].pk,)), "limit": limit if limit != 100 else None}
        )
    return {"items": [_tag_out(request, tag) for tag in page], "next": following}


@api.get(
    "/search/",
    response={200: schemas.SearchPage, **PROBLEMS},
    url_name="search",
    summary="Search published articles",
    tags=["articles"],
)
def search_articles(
    request: HttpRequest,
    q: Text = Query(
        ...,
        max_length=search.MAX_QUERY_LENGTH,
        description="Words, each matched as the start of a word; Persian and Arabic letters, "
        "any digits and half-spaces meet",
    ),
    section: Text = Query("", max_length=60, description="A section's slug"),
    since: Text = Query("", max_length=40, description="As for /articles/"),
    until: Text = Query("", max_length=40, description="As for /articles/"),
    page: int = Query(1, ge=1, le=search.RANKED // SEARCH_PER_PAGE),
):
    """The search page's own search: the most title words first, then the newest, over the
    newest few hundred matches."""
    chosen = _section(section)
    results = search.Results(
        q,
        section=chosen.pk if chosen is not None else None,
        since=_bound("since", since, end=False),
        until=_bound("until", until, end=True),
    )
    start = (page - 1) * SEARCH_PER_PAGE
    shown = results[start : start + SEARCH_PER_PAGE]
    following = None
    if start + SEARCH_PER_PAGE < len(results):
        following = _next_url(
            request,
            {"q": q, "section": section, "since": since, "until": until, "page": page + 1},
        )
    return {
        "query": " ".join(normalize(q).split()),
        "items": [_summary(request, article) for article in shown.articles],
        "more": results.more,
        "next": following,
    }


@api.get(
    "/most-read/",
    response=schemas.MostRead,
    url_name="most_read",
    summary="Most read: the last day and the last week",
    tags=["articles"],
)
def most_read(request: HttpRequest, response: HttpResponse):
    """The site's «پربازدیدترین», counted again every five minutes (so not kept as the
    other answers are: its ETag is its content's)."""
    ranked = counting.most_read_spans((24, 24 * 7), MOST_READ)

    def line(article: Article) -> dict:
        return {
            "code": article.code,
            "url": request.build_absolute_uri(article.get_absolute_url()),
            "title": article.title,
            "published_at": _moment(article.published_at),
        }

    response["Cache-Control"] = "public, no-cache"
    return {"day": [line(a) for a in ranked[24]], "week": [line(a) for a in ranked[24 * 7]]}
