"""Cards show their lead image: the 16:9 crop from the library with its renditions, the
picture on the screen as the page opens fetched first and never lazily, the rest lazily,
and every card's picture read with the list in one query."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.factories import make_article, make_tag

pytestmark = pytest.mark.django_db


def make_image(size=(1000, 600), **fields):
    """A library picture small enough to make its renditions quickly, as the worker has."""
    image = factories.make_image(factories.picture_bytes(size), **fields)
    image.refresh_from_db()
    return image


def cards(page: str) -> list[str]:
    return re.findall(r'<article class="card.*?</article>', page, re.DOTALL)


def img(card: str) -> str:
    return re.search(r"<img [^>]*>", card).group()


def test_the_top_story_shows_its_crop_first_and_never_lazily(client, section):
    image = make_image(alt="صف نانوایی در تجریش")
    make_article(section=section, title="خبر دیروز")
    make_article(section=section, title="تیتر یک", lead_image=image, is_featured=True)
    top = cards(client.get("/").text)[0]
    assert 'class="card card--large card--pictured"' in top
    assert f'<source type="image/webp" srcset="{image.srcset("card", "webp")}"' in top
    assert "960w" in image.srcset("card", "webp")  # the crop's renditions, not the original's
    assert 'sizes="(min-width: 72rem) 41rem, (min-width: 48rem) 57vw, calc(100vw - 4rem)"' in top
    assert (
        f'<img src="{image.file.url}" alt="صف نانوایی در تجریش" width="960" height="540"'
        ' fetchpriority="high" decoding="async">'
    ) == img(top)


def test_the_top_stories_beside_the_lead_load_lazily(client, section):
    image = make_image()
    make_article(section=section, title="خبر با عکس", lead_image=image)
    make_article(section=section, title="تیتر یک", is_featured=True)
    page = client.get("/").text
    top, beside = cards(page)[0], cards(page)[1]
    assert "<picture" not in top and 'class="card card--large"' in top
    assert 'class="card card--medium card--pictured"' in beside
    assert 'loading="lazy"' in img(beside) and "fetchpriority" not in img(beside)
    assert 'sizes="(min-width: 72rem) 13rem, (min-width: 48rem) 20vw, 45vw"' in beside
    assert page.count('fetchpriority="high"') == 0  # no picture at the top: none is hurried


def test_a_card_without_a_picture_stays_as_it_was(client, section):
    make_article(section=section, title="خبر بی‌عکس", kicker="روتیتر")
    card = cards(client.get(section.get_absolute_url()).text)[0]
    assert 'class="card"' in card and "<picture" not in card and "<img" not in card


def test_a_section_page_hurries_its_first_card_loads_the_next_at_once_and_the_rest_lazily(
    client, section
):
    image = make_image((400, 240))
    for n in range(5):
        make_article(section=section, title=f"خبر {n}", lead_image=image)
    shown = [img(card) for card in cards(client.get(section.get_absolute_url()).text)]
    assert 'fetchpriority="high"' in shown[0] and "loading" not in shown[0]
    assert all("fetchpriority" not in tag and "loading" not in tag for tag in shown[1:3])
    assert len(shown) == 5 and all('loading="lazy"' in tag for tag in shown[3:])


def test_the_first_card_with_a_picture_is_hurried_when_the_first_has_none(client, section):
    image = make_image((400, 240))
    make_article(section=section, title="دوم", lead_image=image)
    make_article(section=section, title="نخست، بی‌عکس")
    listed = cards(client.get(section.get_absolute_url()).text)
    assert "<picture" not in listed[0]
    assert 'fetchpriority="high"' in img(listed[1]) and "loading" not in img(listed[1])


def test_a_tag_page_shows_its_cards_pictures(client, section):
    tag = make_tag(name="برف")
    make_article(section=section, title="برف در همدان", lead_image=make_image(), tags=[tag])
    card = cards(client.get(tag.get_absolute_url()).text)[0]
    assert "<picture" in card and 'fetchpriority="high"' in card


def test_a_section_blocks_first_story_shows_its_picture_the_rest_stay_compact(client, section):
    image = make_image()
    for n in range(20):
        make_article(section=section, title=f"خبر {n}", lead_image=image)
    page = client.get("/").text
    block = page.split('id="section-society"', 1)[1].split("</section>", 1)[0]
    first, *rest = cards(block)
    assert "<picture" in first and 'loading="lazy"' in img(first)
    assert rest and all("card--compact" in card and "<picture" not in card for card in rest)


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("where", ["home", "section"])
def test_cards_pictures_cost_no_query_each(client, section, where, settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 0
    url = "/" if where == "home" else section.get_absolute_url()
    make_article(section=section, lead_image=make_image((400, 240)))
    one = queries(client, url)
    for _ in range(5):
        make_article(section=section, lead_image=make_image((400, 240), alt="عکس دیگر"))
    assert queries(client, url) <= one
