"""The messengers readers share news on and the site has channels on. Telegram, WhatsApp and X
are filtered in Iran, so Iran's own come first: Eitaa (ایتا), Bale (بله), Rubika (روبیکا).

Each one's icon is the symbol of its key in newsroom/static/newsroom/icons/messengers.svg.
"""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.conf import settings


@dataclass(frozen=True)
class Messenger:
    key: str  # its icon's id and its CSS modifier
    name: str  # as readers call it
    share_address: str  # its page for sharing a link, where a reader picks the chat
    text_only: bool = False  # the page takes one text, the link written into it
    channel_setting: str = ""  # the setting of the site's channel on it, if it may have one

    def share_url(self, url: str, title: str) -> str:
        """Its share page, filled with `url` and `title`, both percent-encoded."""
        params = {"text": f"{title} {url}"} if self.text_only else {"url": url, "text": title}
        return f"{self.share_address}?{urlencode(params, quote_via=quote)}"

    @property
    def channel_url(self) -> str:
        return getattr(settings, self.channel_setting, "") if self.channel_setting else ""


# Eitaa's and Bale's share pages are the ones they answer at (url= and text=); Rubika documents
# none, and this is the address sites link to; WhatsApp's is its «click to chat» link.
MESSENGERS = (
    Messenger("eitaa", "ایتا", "https://eitaa.com/share/url", channel_setting="EITAA_CHANNEL_URL"),
    Messenger("bale", "بله", "https://ble.ir/share/url", channel_setting="BALE_CHANNEL_URL"),
    Messenger("rubika", "روبیکا", "https://rubika.ir/share", channel_setting="RUBIKA_CHANNEL_URL"),
    Messenger(
        "telegram", "تلگرام", "https://t.me/share/url", channel_setting="TELEGRAM_CHANNEL_URL"
    ),
    Messenger("whatsapp", "واتس‌اپ", "https://wa.me/", text_only=True),
    Messenger("x", "ایکس", "https://x.com/intent/post"),
)

CHANNEL_SETTINGS = tuple(m.channel_setting for m in MESSENGERS if m.channel_setting)


@dataclass(frozen=True)
class Link:
    messenger: Messenger
    url: str


def share_links(url: str, title: str) -> list[Link]:
    """A link to each messenger's share page for `url`, Iran's own first."""
    return [Link(m, m.share_url(url, title)) for m in MESSENGERS]


def channels() -> list[Link]:
    """The site's channels that are set, in the same order."""
    return [Link(m, m.channel_url) for m in MESSENGERS if m.channel_url]


def channels_shown() -> str:
    """The channel settings as pages show them: a page kept under other ones is not used."""
    return "|".join(getattr(settings, name) for name in CHANNEL_SETTINGS)
