"""What other apps, and the articles' own feedback, popularity and desk, add to the articles'
pages and content, registered from their `AppConfig.ready()` (the subpackages' from
`ArticlesConfig.ready()`): the articles' core knows nothing of them, only what is
registered here.

- `article_blocks`: what closes the article itself (the usefulness question), after its
  related news, in a part of the page cached as the article's own is, so they show only what
  the article's row holds;
  never on a staff preview;
- `article_parts`: parts of the article page below the article (the comments), each cached
  as a part of its own (newsroom/pagecache/parts.py); never on a staff preview;
- `article_viewed`: told of each reader's view of an article, pages from the cache
  included (the view counts of «پربازدیدترین»);
- `rankings`: the lists on the home page and under each article («پربازدیدترین»,
  «پربحث‌ترین»);
- `desk_notices`, `desk_blocks`: the admin's first page, above the desk and its blocks
  (the newsroom's lists, then other apps');
- `content`: an app's share of `load_demo`, `generate_articles` and `make bench`;
- `change_form_boxes`: read-only boxes at the foot of an article's change form (where the
  outbox says what went to the channels).
"""

import argparse
import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.apps import apps
from django.core.exceptions import AppRegistryNotReady
from django.http import HttpRequest
from django.template import Context
from django.utils.safestring import SafeString, mark_safe

from newsroom.pagecache import parts
from newsroom.pagecache.versions import Versions

if TYPE_CHECKING:
    from articles.models import Article


@dataclass(frozen=True)
class Block:
    """A template and what it shows, taken from the context of the page it is on.

    `shows`, given, says what of `data`'s answer the HTML shows (the listed articles'
    versions and last changes, their counts): the HTML is then kept as a part
    (newsroom/pagecache/parts.py) under it, and the template rendered only when it changes.
    """

    template: str
    data: Callable[[Context], dict]
    shows: Callable[[dict], tuple] | None = None

    def render(self, context: Context) -> SafeString:
        """As an inclusion tag renders: the template with its own data only."""
        data = self.data(context)
        if self.shows is None:
            return self._render(context, data)
        # Rendered from this project's template, escaped as it was rendered.
        return mark_safe(
            parts.kept(
                f"block:{self.template}", self.shows(data), lambda: self._render(context, data)
            )
        )

    def _render(self, context: Context, data: dict) -> SafeString:
        template = context.template.engine.get_template(self.template)
        own = context.new(data)
        csrf_token = context.get("csrf_token")  # for its forms, as an inclusion tag passes it
        if csrf_token is not None:
            own["csrf_token"] = csrf_token
        return template.render(own)


@dataclass(frozen=True, kw_only=True)
class ArticlePart(Block):
    """A part of the article page below the article, which `data` finds in the context as
    `article`. It is cached as a part of the page, for the article and the `params` in the
    address, and used while what `inputs` says it was built from has not changed."""

    name: str  # its name among the page's parts
    inputs: Callable[[Versions, "Article"], tuple]
    params: tuple[str, ...] = ()  # the query parameters it changes with (its own pages)

    def key(self, request: HttpRequest, code: int) -> str:
        """Which of the article's copies of the part a request asks for."""
        return "|".join([str(code), *(request.GET.get(name, "")[:12] for name in self.params)])


@dataclass(frozen=True)
class GeneratedBatch:
    """Articles `generate_articles` has just written, in its transaction, to add to."""

    rng: random.Random  # the command's: one seed, one database
    article_ids: list[int]
    now: datetime.datetime  # the command's time, for everything it writes
    options: dict  # the command's options, the app's own among them


def _no_options(parser: argparse.ArgumentParser) -> None:
    pass


def _none_generated(batch: GeneratedBatch) -> int:
    return 0


def _nothing_for_the_bench(empty: "Article", heavy: "Article") -> None:
    pass


@dataclass(frozen=True, kw_only=True)
class Content:
    """An app's share of the content the commands make; the demo's only, unless it says."""

    name: str  # what it makes, in `generate_articles`' summary
    demo: Callable[[dict], None]  # `load_demo`, given the demo users by role
    add_arguments: Callable[[argparse.ArgumentParser], None] = _no_options  # generate_articles
    generate: Callable[[GeneratedBatch], int] = _none_generated  # each batch: rows made
    # `make bench`: the first article with none of it, the second with a busy page's worth.
    bench: Callable[["Article", "Article"], None] = _nothing_for_the_bench


@dataclass(frozen=True)
class ChangeFormBox:
    """A read-only box at the foot of the article's change form, under `title`: shown when
    `shows` says so for the request's user and the article, its HTML from `html`."""

    title: str
    shows: Callable[[HttpRequest, "Article"], bool]
    html: Callable[["Article"], SafeString]


article_blocks: list[Block] = []
article_parts: list[ArticlePart] = []
change_form_boxes: list[ChangeFormBox] = []
article_viewed: list[Callable[[HttpRequest, int], None]] = []  # the request, the article's id
rankings: list[Block] = []
desk_notices: list[Block] = []
desk_blocks: list[Block] = []
content: list[Content] = []


def ranked(articles, *counts: str) -> tuple:
    """What a ranking's list shows of its articles (`Block.shows`): each one's title and
    link, as its version and last change stand, and the `counts` it prints beside them."""
    return tuple(
        (
            article.pk,
            article.version,
            article.updated_at.isoformat(),
            *(getattr(article, count) for count in counts),
        )
        for article in articles
    )


def article_page_params() -> tuple[str, ...]:
    """The query parameters the article page changes with: its parts'. Asked when the views
    are imported, which is after every app's `ready()`."""
    if not apps.ready:
        raise AppRegistryNotReady("The article page's parts are registered in ready().")
    return tuple(name for part in article_parts for name in part.params)
