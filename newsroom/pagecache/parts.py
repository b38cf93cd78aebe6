"""Parts of a page cached apart, so a page the page cache does not hold is quick to build.

Publishing anything renews the content version, and with it every cached page; yet most of
an article's page did not change. Each part of it is cached with what it was built from,
and used only while that is still current:

- the article row: the content version (any visible change to any article renews it);
- "head", "main" (title, lead, body, tags, share links, channels) and "blocks" (the feedback
  form, after the related news): the article's own version and last change, the names
  version (sections, tags, bylines) and the address the absolute links point at;
- "comments": the article's comment version, the comments page and whether comments are
  still open;
- "header" (the date and the section menu): the names version and the day;
- "related" and "rankings" (most read, most commented): the content version, since they
  show other articles, and for the rankings a five-minute clock for the view counts.

So after a publish, an article's page is rebuilt from one query for its row, its related
news and the rankings; its body, comments and header come from the cache. A page a link
with tracking parameters or a logged-in editor asks for, or one whose comments changed,
costs one cache round trip for the parts and the versions together.

A view fetches its parts (`PageFragments.from_cache`), says what each is built from
(`declare`), and `{% fragment "name" %}…{% endfragment %}` in the templates prints a part
from the cache or renders and keeps it. Without a `fragments` object in the context — any
other view, a preview, or FRAGMENT_CACHE_SECONDS=0 — the tag just renders.
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache

from newsroom.pagecache.versions import Versions, release, versions_and_cached

ENTRY_FORMAT = 1


class PageFragments:
    def __init__(self, keys: dict[str, str], entries: dict, versions: Versions):
        self.versions = versions
        self._keys = keys  # part name → cache key
        self._entries = entries  # part name → {"inputs": …, "value": …} from the cache
        self._inputs: dict[str, tuple] = {}  # part name → what it must be built from

    @classmethod
    def from_cache(
        cls, keys: dict[str, str], article_code: int | None = None, also: list[str] = ()
    ) -> "PageFragments | None":
        """The parts named in `keys` (name → an identifier of the part) and the current
        versions, in one cache round trip; None when parts are not cached. `also`: cache
        keys of other parts the page will ask for (`kept_many`'s, from `keys_of`), fetched
        in the same round trip and kept as `prefetched`."""
        if settings.FRAGMENT_CACHE_SECONDS <= 0:
            return None
        keys = {name: _key(name, key) for name, key in keys.items()}
        versions, found = versions_and_cached([*keys.values(), *also], article_code=article_code)
        entries = {name: found[key] for name, key in keys.items() if key in found}
        fragments = cls(keys, entries, versions)
        fragments.prefetched = {key: found.get(key) for key in also}
        return fragments

    def declare(self, name: str, inputs: tuple) -> None:
        """Part `name` is current only if it was built from `inputs`."""
        self._inputs[name] = inputs

    def declared(self, name: str) -> bool:
        return name in self._inputs

    def get(self, name: str):
        entry = self._entries.get(name)
        if isinstance(entry, dict) and entry.get("inputs") == self._inputs[name]:
            return entry["value"]
        return None

    def store(self, name: str, value) -> None:
        entry = {"inputs": self._inputs[name], "value": value}
        cache.set(self._keys[name], entry, settings.FRAGMENT_CACHE_SECONDS)
        self._entries[name] = entry

    def get_or_build(self, name: str, inputs: tuple, build: Callable[[], object]):
        """A value (not HTML) kept like a part: `build()` when the cache lacks it."""
        self.declare(name, inputs)
        value = self.get(name)
        if value is None:
            value = build()
            self.store(name, value)
        return value


def _key(name: str, key: str) -> str:
    # The entry's layout and the deploy are part of the key: a new one starts afresh.
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"fragment:{ENTRY_FORMAT}:{release()}:{name}:{digest}"


def kept(name: str, inputs: tuple, build: Callable[[], str]) -> str:
    """One part kept apart from any page (a ranking's list): from the cache while it was
    built from `inputs`, else `build()`, kept."""
    return kept_many(name, {"": inputs}, lambda idents: {"": build()})[""]


def keys_of(name: str, idents) -> dict[str, str]:
    """The cache keys of the parts `kept_many(name, …)` keeps for `idents`."""
    return {ident: _key(name, ident) for ident in idents}


def kept_many(
    name: str,
    inputs: dict[str, tuple],
    build: Callable[[list[str]], dict[str, str]],
    prefetched: dict | None = None,
) -> dict[str, str]:
    """Many parts of one kind at once (the cards of a page's lists): `inputs` names each
    (identifier → what it is built from). They come from the cache in one round trip, or
    none where the page fetched them with its own parts (`prefetched`: cache key → entry or
    None, from `PageFragments.from_cache(also=…)`); `build(identifiers)` renders those
    missing or built from other inputs, kept in one more. Without a part cache
    (FRAGMENT_CACHE_SECONDS=0) everything is built."""
    if settings.FRAGMENT_CACHE_SECONDS <= 0:
        return build(list(inputs))
    keys = keys_of(name, inputs)
    prefetched = prefetched or {}
    found = {key: prefetched[key] for key in keys.values() if prefetched.get(key) is not None}
    if asked := [key for key in keys.values() if key not in prefetched]:
        found.update(cache.get_many(asked))
    parts = {}
    for ident, key in keys.items():
        entry = found.get(key)
        if isinstance(entry, dict) and entry.get("inputs") == inputs[ident]:
            parts[ident] = entry["value"]
    missing = [ident for ident in inputs if ident not in parts]
    if missing:
        built = build(missing)
        cache.set_many(
            {keys[i]: {"inputs": inputs[i], "value": built[i]} for i in missing},
            settings.FRAGMENT_CACHE_SECONDS,
        )
        parts.update(built)
    return parts
