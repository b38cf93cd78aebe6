"""The home page's cards: each rendered once and kept, so a publish renders only its own."""

import pytest
from django.test import Client

from tests.factories import make_article

pytestmark = [pytest.mark.django_db, pytest.mark.cache]

CARD = "includes/article_card.html"


@pytest.fixture
def reader():
    return Client(HTTP_USER_AGENT="Mozilla/5.0 Firefox/130")


def cards_rendered(response) -> int:
    return [t.name for t in response.templates].count(CARD)


def test_a_publish_renders_only_the_cards_that_changed(reader, section):
    for n in range(12):
        make_article(section=section, title=f"خبر شماره {n}")
    assert cards_rendered(reader.get("/")) == 15  # top story, 10 latest, 4 of the section
    new = make_article(section=section, title="خبر تازه منتشرشده")
    page = reader.get("/")
    assert page.wsgi_request.page_cache == "miss" and new.title in page.text
    # Its own cards (top story, its section's block) and the old top story's, now a card of
    # the latest: the other twelve come from the cache.
    assert cards_rendered(page) == 3


def test_kept_cards_show_an_edit_and_a_renamed_section(reader, section):
    article = make_article(section=section, title="تیتر نخست")
    reader.get("/")
    article.title = "تیتر اصلاح‌شده"
    article.edit()
    section.name = "جامعه"
    section.save()
    text = reader.get("/").text
    assert "تیتر اصلاح‌شده" in text and "تیتر نخست" not in text
    # Its section's name in both of its cards: the top story and its section's block.
    assert text.count(f'class="card__section" href="{section.get_absolute_url()}">جامعه</a>') == 2


def test_the_home_page_is_the_same_whether_its_cards_were_kept_or_rendered(
    reader, section, settings
):
    for n in range(6):
        make_article(section=section, title=f"خبر {n}", kicker="روتیتر", lead="لید خبر")
    settings.PAGE_CACHE_SECONDS = 0
    kept = (reader.get("/"), reader.get("/"))
    settings.FRAGMENT_CACHE_SECONDS = 0
    rendered = reader.get("/")
    assert cards_rendered(kept[1]) == 0
    assert kept[1].content == kept[0].content == rendered.content
