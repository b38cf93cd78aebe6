"""Sharing an article on the messengers Iranians use (Eitaa, Bale, Rubika first: Telegram,
WhatsApp and X are filtered in Iran), and the site's channels on them."""

import html
import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest

from newsroom import messengers
from newsroom.pagecache import versions
from tests.factories import make_article

pytestmark = pytest.mark.django_db

# What a title may hold that a share address must encode: a space, «&», «#», «؟», «/».
TITLE = "نرخ ارز و طلا: ۳۰٪ افزایش & کاهش؟ #اقتصاد/بازار"
CHANNELS = {
    "EITAA_CHANNEL_URL": "https://eitaa.com/example_news",
    "BALE_CHANNEL_URL": "https://ble.ir/example_news",
    "RUBIKA_CHANNEL_URL": "https://rubika.ir/example_news",
    "TELEGRAM_CHANNEL_URL": "https://t.me/example_news",
}


class Elements(HTMLParser):
    """Each start tag with its attributes, and the text inside each <a>/<button> it opened."""

    def __init__(self, page: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self._open: list[dict] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        self.tags.append((tag, found))
        if tag in ("a", "button"):
            found["_text"] = ""
            self._open.append(found)

    def handle_endtag(self, tag):
        if tag in ("a", "button") and self._open:
            self._open.pop()

    def handle_data(self, data):
        for element in self._open:
            element["_text"] += data

    def having(self, tag: str, css_class: str) -> list[dict]:
        return [a for t, a in self.tags if t == tag and css_class in a.get("class", "").split()]


@pytest.fixture
def shared(section):
    return make_article(section=section, title=TITLE)


def share_links(client, article) -> list[dict]:
    return Elements(client.get(article.get_absolute_url()).text).having("a", "share__link")


def test_iranian_messengers_come_first_then_telegram_whatsapp_and_x(client, shared):
    hosts = [urlsplit(link["href"]).netloc for link in share_links(client, shared)]
    assert hosts == ["eitaa.com", "ble.ir", "rubika.ir", "t.me", "wa.me", "x.com"]


def test_each_share_link_carries_the_short_link_and_the_title(client, shared):
    short = f"http://testserver/n/{shared.code}"
    links = {urlsplit(link["href"]).netloc: link["href"] for link in share_links(client, shared)}
    for host in ("eitaa.com", "ble.ir", "rubika.ir", "t.me", "x.com"):
        assert parse_qs(urlsplit(links[host]).query) == {"url": [short], "text": [TITLE]}, host
    # WhatsApp's page takes one text: the title, then the link.
    assert parse_qs(urlsplit(links["wa.me"]).query) == {"text": [f"{TITLE} {short}"]}
    for href in links.values():  # each percent-encoded whole: no «&», «#» or space of the title
        query = urlsplit(href).query
        assert "#" not in href and " " not in href and "؟" not in href
        assert query.count("&") == (0 if "wa.me" in href else 1)
        assert "http%3A%2F%2Ftestserver%2Fn%2F" in query


def test_share_links_have_persian_names_and_open_apart(client, shared):
    page = client.get(shared.get_absolute_url()).text
    links = Elements(page).having("a", "share__link")
    names = [" ".join(link["_text"].split()) for link in links]
    assert names == [
        f"اشتراک در {name}" for name in ("ایتا", "بله", "روبیکا", "تلگرام", "واتس‌اپ", "ایکس")
    ]
    for link in links:
        assert link["rel"] == "noopener" and link["target"] == "_blank"
    # The share row is plain links, each with its mark hidden from screen readers.
    share_row = page[page.index('class="share__links"') : page.index('class="share__short"')]
    icons = re.findall(r"<svg [^>]*>", share_row)
    assert len(icons) == 7  # six messengers and the device's own sheet
    assert all('aria-hidden="true"' in icon for icon in icons)


def test_the_short_link_is_there_without_javascript_and_its_buttons_wait_for_it(client, shared):
    elements = Elements(client.get(shared.get_absolute_url()).text)
    (field,) = [a for t, a in elements.tags if t == "input" and a.get("id") == "short-link"]
    assert field["value"] == f"http://testserver/n/{shared.code}" and "readonly" in field
    (copy,) = elements.having("button", "share__copy")
    assert "hidden" in copy and "کپی پیوند" in copy["_text"]  # site.js shows it
    (native,) = [a for t, a in elements.tags if "data-share-native" in a]
    assert "hidden" in native  # site.js shows it where the browser has navigator.share


def test_icons_are_the_sites_own_and_nothing_loads_from_another_host(client, shared, settings):
    settings.EITAA_CHANNEL_URL = CHANNELS["EITAA_CHANNEL_URL"]
    elements = Elements(client.get(shared.get_absolute_url()).text)
    uses = [a["href"] for t, a in elements.tags if t == "use"]
    assert uses and all(href.startswith("/static/newsroom/icons/messengers.svg#") for href in uses)
    sprite = b"".join(client.get("/static/newsroom/icons/messengers.svg").streaming_content)
    for href in set(uses):
        assert f'id="{href.split("#")[1]}"'.encode() in sprite
    # What the page loads (scripts, styles, pictures, icons) comes from this site only; links
    # to the messengers are links.
    loaded = [a.get("src") for t, a in elements.tags if t in ("img", "script", "source", "iframe")]
    loaded += [a["href"] for t, a in elements.tags if t in ("link", "use") and "href" in a]
    loaded += [a.get("srcset", "") for t, a in elements.tags if t == "source"]
    for url in filter(None, loaded):
        assert not re.match(r"(https?:)?//", url) or url.startswith("http://testserver/"), url


def test_each_channel_set_gets_its_promo_irans_first(client, shared, settings):
    for name, url in CHANNELS.items():
        setattr(settings, name, url)
    page = client.get(shared.get_absolute_url()).text
    promos = Elements(page).having("a", "promo__link")
    assert [link["href"] for link in promos] == list(CHANNELS.values())
    assert " ".join(promos[0]["_text"].split()) == "برای ورود به کانال ایتا نیوزروم کلیک کنید."
    assert " ".join(promos[3]["_text"].split()) == "برای ورود به کانال تلگرام نیوزروم کلیک کنید."


@pytest.mark.parametrize("setting", list(CHANNELS))
def test_a_channel_shows_only_when_set(client, shared, settings, setting):
    page = client.get(shared.get_absolute_url()).text
    assert 'class="promos"' not in page and "برای ورود به کانال" not in page
    setattr(settings, setting, CHANNELS[setting])  # the page kept without it is not used
    promos = Elements(client.get(shared.get_absolute_url()).text).having("a", "promo__link")
    assert [link["href"] for link in promos] == [CHANNELS[setting]]


@pytest.mark.parametrize("setting", list(CHANNELS))
def test_a_channel_changed_renews_every_kept_page(settings, setting):
    before = versions.release()
    setattr(settings, setting, CHANNELS[setting])
    assert versions.release() != before
    assert setting in messengers.CHANNEL_SETTINGS


def test_the_share_row_is_escaped_as_any_text(client, section):
    article = make_article(section=section, title='خبر "ویژه" <b>')
    page = client.get(article.get_absolute_url()).text
    share = page[page.index('class="share"') : page.index('class="share__short"')]
    assert "<b>" not in share
    assert html.unescape(re.search(r'data-share-title="([^"]*)"', share)[1]) == 'خبر "ویژه" <b>'
