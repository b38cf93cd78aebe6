"""The feeds carry each article's lead picture as an enclosure: the library's share-sized
JPEG at its absolute address, with its true length in bytes and its type."""

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
