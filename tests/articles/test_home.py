"""The home page's cards: each rendered once and kept, so a publish renders only its own."""

import pytest
from django.template.loader import render_to_string
from django.test import Client

from articles import cards
from tests.factories import make_article

pytestmark = [pytest.mark.django_db, pytest.mark.cache]


@pytest.fixture
def reader():
    return Client(HTTP_USER_AGENT="Mozilla/5.0 Firefox/130")


@pytest.fixture
def rendered_cards(monkeypatch) -> list:
    """Each card rendered (articles/cards.py), rather than taken from the cache."""
    rendered = []
    render = cards.render

    def counted(article, **options):
        rendered.append(article.pk)
        return render(article, **options)

    monkeypatch.setattr(cards, "render", counted)
    return rendered


def cards_rendered(rendered_cards: list) -> int:
    """How many cards the requests since the last count rendered."""
    count = len(rendered_cards)
    rendered_cards.clear()
    return count


def test_a_publish_renders_only_the_cards_that_changed(reader, section, rendered_cards):
    for n in range(20):
        make_article(section=section, title=f"خبر شماره {n}")
    reader.get("/")
    assert cards_rendered(rendered_cards) == 19  # the lead, 4 top, 10 latest, 4 of the section
    new = make_article(section=section, title="خبر تازه منتشرشده")
    page = reader.get("/")
    assert page.wsgi_request.page_cache == "miss" and new.title in page.text
    # Its own card (the lead) and the three that moved to a place with another card: the
    # old lead to the top stories, the last top story to the latest, the head of its
    # section's block down the block (the last of the latest heads it, in the same card).
    # The other fifteen come from the cache.
    assert cards_rendered(rendered_cards) == 4


def test_kept_cards_show_an_edit_and_a_renamed_section(reader, section):
    article = make_article(section=section, title="تیتر نخست")
    reader.get("/")
    article.title = "تیتر اصلاح‌شده"
    article.edit()
    section.name = "جامعه"
    section.save()
    text = reader.get("/").text
    assert "تیتر اصلاح‌شده" in text and "تیتر نخست" not in text
    # Its section's name in its one card: the lead (no story twice on the page).
    assert text.count(f'class="card__section" href="{section.get_absolute_url()}">جامعه</a>') == 1


def test_the_home_page_is_the_same_whether_its_cards_were_kept_or_rendered(
    reader, section, settings, rendered_cards
):
    for n in range(6):
        make_article(section=section, title=f"خبر {n}", kicker="روتیتر", lead="لید خبر")
    settings.PAGE_CACHE_SECONDS = 0
    first = reader.get("/")
    cards_rendered(rendered_cards)
    kept = reader.get("/")
    assert cards_rendered(rendered_cards) == 0
    settings.FRAGMENT_CACHE_SECONDS = 0
    rendered = reader.get("/")
    assert kept.content == first.content == rendered.content


@pytest.mark.parametrize("kicker", ["", "روتیتر <ویژه>"])
def test_a_compact_card_is_the_card_template_with_size_compact(section, kicker):
    article = make_article(section=section, title="خبر «کوتاه» & تیتر", kicker=kicker)
    written = cards.compact(article, show_lead=True, level=2)
    assert written == render_to_string(
        cards.TEMPLATE, {"article": article, "size": "compact", "show_lead": True, "level": 2}
    )
    assert "&lt;ویژه&gt;" in written or not kicker
