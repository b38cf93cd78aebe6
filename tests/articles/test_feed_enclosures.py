"""The feeds carry each article's lead picture as an enclosure: the library's share-sized
JPEG at its absolute address, with its true length in bytes and its type."""

import threading

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.images.models import Image
from tests.factories import make_article, make_image, picture_bytes

pytestmark = pytest.mark.django_db


def entries(client, url: str = "/rss/"):
    feed = feedparser.parse(client.get(url).content)
    assert not feed.bozo, feed.bozo_exception
    return feed.entries


def test_an_item_encloses_the_share_sized_jpeg_with_its_length_and_type(client, section):
    image = make_image(picture_bytes((1600, 1000)))
    make_article(section=section, lead_image=image)
    social = Image.objects.get(pk=image.pk).social()
    (enclosure,) = entries(client)[0].enclosures
    assert enclosure.href == f"http://testserver{social['url']}"
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == image.file.storage.size(social["name"])
    assert (social["width"], social["height"]) == (1200, 630)


def test_a_picture_whose_renditions_are_not_made_yet_encloses_its_original(client, section):
    image = make_image(picture_bytes((300, 200), "PNG"), name="نمودار.png")
    Image.objects.filter(pk=image.pk).update(renditions={})
    make_article(section=section, lead_image=image)
    (enclosure,) = entries(client)[0].enclosures
    assert enclosure.href == f"http://testserver{image.file.url}"
    assert (enclosure.type, int(enclosure.length)) == ("image/png", image.file.size)


def test_renditions_made_before_their_sizes_were_recorded_are_measured(client, section):
    image = make_image(picture_bytes((800, 500)))
    image.refresh_from_db()
    files = [{k: v for k, v in made.items() if k != "bytes"} for made in image.renditions["files"]]
    Image.objects.filter(pk=image.pk).update(renditions={**image.renditions, "files": files})
    make_article(section=section, lead_image=image)
    (enclosure,) = entries(client)[0].enclosures
    social = image.social()
    assert int(enclosure.length) == image.file.storage.size(social["name"]) > 0


def test_an_item_without_a_picture_has_no_enclosure(client, section):
    make_article(section=section)
    assert entries(client)[0].enclosures == []


def test_a_feed_costs_the_same_queries_for_one_or_many_pictures(client, section, settings):
    settings.PAGE_CACHE_SECONDS = 0

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/rss/").status_code == 200
        return len(captured.captured_queries)

    make_article(section=section, lead_image=make_image(picture_bytes((640, 400))))
    one = queries()
    for _ in range(4):
        make_article(section=section, lead_image=make_image(picture_bytes((640, 400))))
    assert queries() <= one
    assert len(entries(client)) == 5 and all(e.enclosures for e in entries(client))


@pytest.mark.django_db(transaction=True)
def test_two_readers_at_once_each_get_their_own_sites_addresses(section, settings, monkeypatch):
    """One feed object serves every request: a reader's ids and enclosures name the site
    they asked, even while another reader's request runs in a thread of the same worker."""
    from django.test import Client

    from articles.feeds import LatestArticlesFeed

    settings.ALLOWED_HOSTS = ["first.example", "second.example"]
    make_article(section=section, lead_image=make_image(picture_bytes((1600, 1000))))
    first_is_writing, second_is_done = threading.Event(), threading.Event()
    title = LatestArticlesFeed.item_title

    def item_title(feed, item):
        if threading.current_thread().name == "first":
            first_is_writing.set()
            second_is_done.wait(timeout=10)
        return title(feed, item)

    monkeypatch.setattr(LatestArticlesFeed, "item_title", item_title)
    read = {}

    def reader(host):
        read[host] = feedparser.parse(Client(HTTP_HOST=host).get("/rss/").content).entries

    first = threading.Thread(target=reader, args=("first.example",), name="first")
    first.start()
    assert first_is_writing.wait(timeout=10)
    reader("second.example")
    second_is_done.set()
    first.join(timeout=10)
    for host, items in read.items():
        (item,) = items
        assert item.id.startswith(f"http://{host}/")
        assert item.enclosures[0].href.startswith(f"http://{host}/")
