"""Where a story goes when it is published, and how: the messengers' bots (Telegram, Bale,
Eitaa) and the WebSub hub of the feeds, each configured in settings (OUTBOX_CHANNELS,
WEBSUB_HUB_URL); a channel without a token, or a hub without an address, is off.

A send answers with the post's id on the far side, or raises what the worker does next:
`RetryAfter` (the service asked us to wait), `Temporary` (try again later) or `Permanent`
(trying again will not help until someone changes something).
"""

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.urls import reverse

if TYPE_CHECKING:
    from articles.models import Article, ArticleNote

# A photo's caption holds 1024 characters, a message 4096 (the Bot API's limits).
CAPTION_LIMIT = 1024
TEXT_LIMIT = 4096


class SendError(Exception):
    """Why a send did not go: what the delivery's «آخرین خطا» shows."""


class RetryAfter(SendError):
    def __init__(self, seconds: int, message: str):
        super().__init__(message)
        self.seconds = seconds


class Temporary(SendError):
    pass


class Permanent(SendError):
    def __init__(self, message: str, status: int = 0):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Channel:
    name: str

    @property
    def enabled(self) -> bool:
        raise NotImplementedError

    def send(self, article: "Article", note: "ArticleNote | None" = None) -> str:
        """Post the story, or `note` on it (a correction or an update an editor sends)."""
        raise NotImplementedError


def absolute(url: str) -> str:
    """An address on this site as a reader outside it follows it (SITE_URL)."""
    return urllib.parse.urljoin(settings.SITE_URL + "/", url)


def message_text(article: "Article", limit: int, note: "ArticleNote | None" = None) -> str:
    """The post: the title (with its kicker), the lead, and the short link, as plain text
    (the three APIs' formatting differs; plain text reads the same in each). The lead is
    cut, never the link. For a note: «اصلاحیه: <title>», the note's text, the link."""
    title = f"{article.kicker} | {article.title}" if article.kicker else article.title
    text = article.lead
    if note is not None:
        title = f"{note.get_kind_display()}: {article.title}"
        text = note.text
    link = absolute(article.get_short_url())
    room = limit - len(title) - len(link) - 4
    text = text if len(text) <= room else text[: max(room - 1, 0)] + "…"
    return "\n\n".join(part for part in (title, text, link) if part)


def picture_url(article: "Article") -> str | None:
    """The lead picture as the feeds give it (the 1200×630 JPEG), absolute; or None."""
    from articles.feeds import enclosure

    found = enclosure(article)
    return absolute(found[0]) if found else None


def _post(url: str, fields: list[tuple[str, str]]) -> tuple[int, bytes, dict]:
    """POST a form; (status, body, headers), whatever the status. The network's failures
    are Temporary."""
    data = urllib.parse.urlencode(fields).encode()
    request = urllib.request.Request(url, data=data, method="POST")
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with urllib.request.urlopen(request, timeout=settings.OUTBOX_TIMEOUT_SECONDS) as answer:
            return answer.status, answer.read(), dict(answer.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers or {})
    except (urllib.error.URLError, OSError) as error:
        raise Temporary(f"network: {error}") from error


def _retry_after_header(headers: dict) -> int | None:
    value = {k.lower(): v for k, v in headers.items()}.get("retry-after", "")
    return int(value) if value.strip().isdigit() else None


@dataclass(frozen=True)
class BotChannel(Channel):
    """A Telegram Bot API, or one that answers as it does (Bale; Eitaa's eitaayar.ir)."""

    photo: bool = True  # sendPhoto with the picture's address; eitaayar takes files only

    @property
    def config(self) -> dict:
        return settings.OUTBOX_CHANNELS.get(self.name, {})

    @property
    def enabled(self) -> bool:
        return bool(self.config.get("token") and self.config.get("chat_id"))

    def send(self, article: "Article", note: "ArticleNote | None" = None) -> str:
        picture = picture_url(article) if self.photo and note is None else None
        if picture:
            caption = message_text(article, CAPTION_LIMIT)
            try:
                return self._call("sendPhoto", [("photo", picture), ("caption", caption)])
            except Permanent as refused:
                # The service could not fetch the picture (or took it for no picture): the
                # call was refused whole, so the story goes out as text, once.
                if refused.status != 400:
                    raise
        return self._call("sendMessage", [("text", message_text(article, TEXT_LIMIT, note))])

    def _call(self, method: str, fields: list[tuple[str, str]]) -> str:
        """One Bot API call: the message's id, or the error that says what to do next."""
        config = self.config
        url = config["api_url"].format(token=config["token"]) + method
        status, body, headers = _post(url, [("chat_id", config["chat_id"]), *fields])
        try:
            answer = json.loads(body)
        except ValueError:
            answer = {}
        if not isinstance(answer, dict):
            answer = {}
        if 200 <= status < 300 and answer.get("ok"):
            result = answer.get("result")
            message_id = result.get("message_id", "") if isinstance(result, dict) else ""
            return str(message_id)
        description = str(answer.get("description") or body[:200].decode(errors="replace"))
        said = f"{status}: {description}"
        if status == 429:
            parameters = answer.get("parameters") or {}
            seconds = parameters.get("retry_after") if isinstance(parameters, dict) else None
            if not isinstance(seconds, int):
                seconds = _retry_after_header(headers) or settings.OUTBOX_BACKOFF_SECONDS
            raise RetryAfter(seconds, said)
        if status >= 500 or status == 408:
            raise Temporary(said)
        raise Permanent(said, status)


@dataclass(frozen=True)
class WebSubHub(Channel):
    """The feeds' hub, told that the feeds the story is in have changed (WebSub §7:
    hub.mode=publish, hub.url each feed)."""

    @property
    def enabled(self) -> bool:
        return bool(settings.WEBSUB_HUB_URL)

    @staticmethod
    def feeds(article: "Article") -> list[str]:
        return [
            absolute(reverse("rss")),
            absolute(reverse("rss_section", kwargs={"slug": article.section.slug})),
        ]

    def send(self, article: "Article", note: "ArticleNote | None" = None) -> str:
        # A note changes the feeds' item as a new story adds one: the same ping.
        fields = [("hub.mode", "publish")] + [("hub.url", url) for url in self.feeds(article)]
        status, body, headers = _post(settings.WEBSUB_HUB_URL, fields)
        if 200 <= status < 300:
            return ""
        said = f"{status}: {body[:200].decode(errors='replace')}"
        if status == 429:
            raise RetryAfter(_retry_after_header(headers) or settings.OUTBOX_BACKOFF_SECONDS, said)
        if status >= 500 or status == 408:
            raise Temporary(said)
        raise Permanent(said, status)


CHANNELS: dict[str, Channel] = {
    "telegram": BotChannel("telegram"),
    "bale": BotChannel("bale"),
    "eitaa": BotChannel("eitaa", photo=False),
    "websub": WebSubHub("websub"),
}


def enabled() -> list[Channel]:
    return [channel for channel in CHANNELS.values() if channel.enabled]
