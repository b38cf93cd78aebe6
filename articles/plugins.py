"""What other apps add to the articles' content, registered from their `AppConfig.ready()`:
the articles know nothing of those apps, only what is registered here.

- `content`: an app's share of `load_demo`, `generate_articles` and `make bench`.
"""

import argparse
import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from articles.models import Article


@dataclass(frozen=True)
class GeneratedBatch:
    """Articles `generate_articles` has just written, in its transaction, to add to."""

    rng: random.Random  # the command's: one seed, one database
    article_ids: list[int]
    now: datetime.datetime  # the command's time, for everything it writes
    options: dict  # the command's options, the app's own among them


@dataclass(frozen=True, kw_only=True)
class Content:
    """An app's share of the content the commands make."""

    name: str  # what it makes, in `generate_articles`' summary
    demo: Callable[[dict], None]  # `load_demo`, given the demo users by role
    add_arguments: Callable[[argparse.ArgumentParser], None]  # for `generate_articles`
    generate: Callable[[GeneratedBatch], int]  # each batch of generated articles: rows made
    # `make bench`: the first article with none of it, the second with a busy page's worth.
    bench: Callable[["Article", "Article"], None]


content: list[Content] = []
