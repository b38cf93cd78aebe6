"""«چینش صفحه اول»: editors pin stories to the home page — the lead, the top stories beside
it, the head of a section's block — in their order, until an end that counts when the page
is read; the rest of the page fills in around the pins, no story twice."""

import datetime
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleEvent, FrontPage, HomePin, Section
from newsroom.pagecache import edge
from newsroom.persian import jalali
from newsroom.persian.text import to_persian_digits
from tests.factories import make_article, make_image, make_section, make_user, picture_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.cache]

ARRANGE = "/admin/articles/homepin/"
PREVIEW = "/admin/articles/homepin/preview/"
BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 Firefox/130"}


@pytest.fixture
def reader():
    return Client(**BROWSER)


@pytest.fixture
def stories(section) -> list[Article]:
    """Twenty published stories, the newest first."""
    now = timezone.now()
    return [
        make_article(
            section=section,
            title=f"خبر {to_persian_digits(n)} امروز",
            published_at=now - datetime.timedelta(minutes=10 + n),
        )
        for n in range(20)
    ]


def pin(article, place=HomePin.Place.TOP, position=0, **fields) -> HomePin:
    made = HomePin(article=article, place=place, position=position, **fields)
    made.put()
    return made


def lead_of(page: str) -> str:
    return page.split('<div class="top-story">', 1)[1].split("</div>", 1)[0]


def top_of(page: str) -> list[str]:
    part = page.split('<div class="top-stories">', 1)[1].split("</div>", 1)[0]
    return re.findall(r'class="card__title"><a href="[^"]*">([^<]*)</a>', part)


def card_links(page: str) -> list[str]:
    return re.findall(r'class="card__title"><a href="([^"]*)"', page)


def arrangement(lead=(), top=(), section=(), **extra) -> dict:
    """The arrangement page's form as an editor sends it: new rows in each table, in order.
    `section`: (article, section or None) pairs."""
    data = {}
    rows = {"lead": [(a, None) for a in lead], "top": [(a, None) for a in top]}
    rows["section"] = list(section)
    for prefix, items in rows.items():
        data[f"{prefix}-TOTAL_FORMS"] = str(len(items))
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        for n, (article, block) in enumerate(items):
            data[f"{prefix}-{n}-article"] = str(article.pk)
            data[f"{prefix}-{n}-position"] = str(n + 1)
            if block is not None:
                data[f"{prefix}-{n}-section"] = str(block.pk)
    data.update(extra)
    return data


def as_role(role: str) -> Client:
    client = Client()
    client.force_login(make_user(role))
    return client


# What readers see


def test_a_lead_pin_leads_over_the_featured_and_the_newest(reader, stories):
    stories[5].is_featured = True
    stories[5].edit()
    pin(stories[12], HomePin.Place.LEAD)
    assert stories[12].title in lead_of(reader.get("/").text)


def test_without_a_lead_pin_the_featured_story_leads_as_before(reader, stories):
    stories[5].is_featured = True
    stories[5].edit()
    assert stories[5].title in lead_of(reader.get("/").text)


def test_top_pins_stand_beside_the_lead_in_their_order(reader, stories):
    pin(stories[15], position=2)
    pin(stories[9], position=1)
    shown = top_of(reader.get("/").text)
    # Pinned first, in order; the newest fill the places left.
    assert shown[:2] == [stories[9].title, stories[15].title]
    assert len(shown) == 4 and stories[1].title in shown


def test_a_section_pin_heads_the_block_it_was_pinned_to(reader, stories):
    other = make_section(name="ورزشی", slug="sport")
    make_article(section=other, title="خبر ورزشی")
    pin(stories[18], HomePin.Place.SECTION, section=other)
    page = reader.get("/").text
    block = page.split('id="section-sport"', 1)[1].split("</section>", 1)[0]
    assert card_links(block)[0] == stories[18].get_absolute_url()


def test_an_ended_pin_is_gone_when_its_end_comes_though_the_home_was_cached(reader, stories):
    ends = timezone.now() + datetime.timedelta(hours=2)
    pin(stories[14], HomePin.Place.LEAD, ends_at=ends)
    reader.get("/")
    assert stories[14].title in lead_of(reader.get("/").text)  # from the cache
    with time_machine.travel(ends + datetime.timedelta(seconds=1)):
        page = reader.get("/")
        assert page.wsgi_request.page_cache == "miss"
        assert stories[14].title not in lead_of(page.text)
        assert stories[0].title in lead_of(page.text)  # the newest leads again


def test_a_pinned_story_taken_off_the_site_leaves_the_home_page(reader, stories, editor):
    pin(stories[3], HomePin.Place.LEAD)
    reader.get("/")
    stories[3].unpublish(by=editor)
    assert stories[3].get_absolute_url() not in reader.get("/").text


def test_no_story_shows_twice_on_the_home_page(reader, stories, section):
    other = make_section(name="ورزشی", slug="sport")
    for n in range(6):
        make_article(section=other, title=f"ورزشی {n}")
    stories[0].is_featured = True
    stories[0].edit()
    pin(stories[1], HomePin.Place.LEAD)
    pin(stories[0], HomePin.Place.TOP)
    pin(stories[2], HomePin.Place.SECTION)  # its own section's block
    pin(stories[19], HomePin.Place.SECTION, section=other)
    links = card_links(reader.get("/").text)
    assert len(links) == len(set(links)) and len(links) > 20


def test_the_rule_of_what_goes_where_takes_each_story_once():
    newest = [Article(pk=n, section_id=1) for n in range(1, 30)]
    pins = [HomePin(place="lead"), HomePin(place="top"), HomePin(place="top")]
    for made, story in zip(pins, [newest[4], newest[4], newest[6]], strict=True):
        made.article = story  # the same story pinned twice: shown once, where first pinned
    page = FrontPage.arrange(pins, newest, None, top_count=4, latest_count=10, per_section=4)
    section = Section(pk=1)
    page.fill_sections([section], {s.pk: s for s in newest}, {1: [1, 2, 15, 16, 17, 18]}, 4)
    ids = [story.pk for story in page.articles()]
    assert page.lead is newest[4] and [s.pk for s in page.top] == [7, 1, 2, 3]
    assert [s.pk for s in page.latest] == [4, 6, 8, 9, 10, 11, 12, 13, 14, 15]
    assert [s.pk for s in page.section_blocks[0][1]] == [16, 17, 18]
    assert len(ids) == len(set(ids))


def test_latest_news_links_to_the_full_list_of_every_published_story(reader, stories):
    page = reader.get("/").text
    assert '<h2 id="latest-title" class="block-title"><a href="/latest/">آخرین اخبار</a>' in page
    full = reader.get("/latest/")
    assert full.status_code == 200 and '<h1 class="page-title">آخرین اخبار</h1>' in full.text
    assert stories[0].title in full.text
    assert 'aria-current="page">۱</a>' in full.text and "?page=2" in full.text


def test_the_home_pages_queries_do_not_grow_with_pins_or_stories(
    reader, stories, section, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # every request builds the page
    reader.get("/")  # the sections and the rankings, kept for minutes
    # The versions, the pins, the newest, the featured, each section's newest and their rows.
    with django_assert_max_num_queries(6):
        reader.get("/")
    for n in range(4):
        pin(stories[10 + n], HomePin.Place.TOP, position=n)
    pin(stories[19], HomePin.Place.LEAD)
    for _ in range(3):
        pin(make_article(section=make_section()), HomePin.Place.SECTION)
    for _ in range(20):
        make_article(section=section)
    reader.get("/")
    with django_assert_max_num_queries(6):
        reader.get("/")


# The edge and the cache


def test_a_pins_end_bounds_how_long_the_edge_keeps_the_home_page(stories, settings, monkeypatch):
    settings.EDGE_PURGER = "tests.newsroom.test_edge.Recording"
    monkeypatch.setattr(edge, "_retry_soon", lambda: None)
    monkeypatch.setattr(edge, "_again_later", lambda keys: None)
    # Mid-way through the rankings' five minutes, which bound the edge's time too.
    moment = (timezone.now() + datetime.timedelta(hours=1)).replace(
        minute=2, second=10, microsecond=0
    )
    with time_machine.travel(moment, tick=False):
        pin(stories[4], ends_at=moment + datetime.timedelta(seconds=40))
        assert Client().get("/")["Surrogate-Control"] == "max-age=40"


@pytest.mark.django_db(transaction=True)
def test_a_pin_put_or_taken_away_purges_the_edge_once_committed(section, settings, monkeypatch):
    from tests.newsroom.test_edge import Recording

    story = make_article(section=section)
    settings.EDGE_PURGER = "tests.newsroom.test_edge.Recording"
    monkeypatch.setattr(edge, "_retry_soon", lambda: None)
    monkeypatch.setattr(edge, "_again_later", lambda keys: None)
    Recording.purged, Recording.down = [], False
    made = pin(story, HomePin.Place.LEAD)
    # One purge a commit, the content key in it (with whatever earlier tests left waiting).
    assert ["content" in keys for keys in Recording.purged] == [True]
    HomePin.objects.filter(pk=made.pk).delete()  # as the admin's bulk delete does
    assert ["content" in keys for keys in Recording.purged] == [True, True]


def test_pins_deleted_or_changed_in_bulk_show_at_once(reader, stories):
    lead = pin(stories[7], HomePin.Place.LEAD)
    reader.get("/")
    HomePin.objects.filter(pk=lead.pk).update(article=stories[8])
    assert stories[8].title in lead_of(reader.get("/").text)
    HomePin.objects.all().delete()
    assert stories[0].title in lead_of(reader.get("/").text)


# The editor's page


def test_an_editor_arranges_the_home_page_and_the_log_names_them(reader, stories, editor):
    client = Client()
    client.force_login(editor)
    assert client.get(ARRANGE).status_code == 200
    response = client.post(ARRANGE, arrangement(lead=[stories[11]], top=[stories[13], stories[12]]))
    assert response.status_code == 302
    page = reader.get("/").text
    assert stories[11].title in lead_of(page)
    assert top_of(page)[:2] == [stories[13].title, stories[12].title]
    events = ArticleEvent.objects.filter(action=ArticleEvent.Action.PINNED)
    assert {(e.article_id, e.actor_id) for e in events} == {
        (stories[11].pk, editor.pk),
        (stories[13].pk, editor.pk),
        (stories[12].pk, editor.pk),
    }


def test_an_editor_takes_a_pin_away_and_the_log_says_so(reader, stories, editor):
    lead = pin(stories[11], HomePin.Place.LEAD)
    client = Client()
    client.force_login(editor)
    data = {
        **arrangement(),
        "lead-TOTAL_FORMS": "1",
        "lead-INITIAL_FORMS": "1",
        "lead-0-id": str(lead.pk),
        "lead-0-article": str(stories[11].pk),
        "lead-0-position": "1",
        "lead-0-DELETE": "on",
    }
    assert client.post(ARRANGE, data).status_code == 302
    assert not HomePin.objects.exists()
    assert stories[11].title not in lead_of(reader.get("/").text)
    event = ArticleEvent.objects.get(action=ArticleEvent.Action.UNPINNED)
    assert (event.article_id, event.actor_id) == (stories[11].pk, editor.pk)


def test_an_editor_sets_an_end_typed_the_iranian_way(stories, editor):
    client = Client()
    client.force_login(editor)
    ends = timezone.localtime() + datetime.timedelta(days=1)
    day = jalali.to_jalali(ends)
    data = arrangement(top=[stories[3]])
    data["top-0-ends_at_0"] = to_persian_digits(day.strftime("%Y/%m/%d"))
    data["top-0-ends_at_1"] = "۱۰:۳۰"
    assert client.post(ARRANGE, data).status_code == 302
    saved = timezone.localtime(HomePin.objects.get().ends_at)
    assert (saved.date(), saved.hour, saved.minute) == (ends.date(), 10, 30)


def test_only_a_published_story_may_be_pinned(stories, editor, section):
    draft = make_article(section=section, status=Article.Status.DRAFT, title="پیش‌نویس")
    client = Client()
    client.force_login(editor)
    response = client.post(ARRANGE, arrangement(lead=[draft], top=[stories[2]]))
    assert response.status_code == 200 and not HomePin.objects.exists()
    assert "گزینه معتبری" in response.text or "معتبر" in response.text
    assert f'value="{stories[2].pk}" selected' in response.text  # the rest kept as typed


def test_a_story_pinned_twice_is_refused_in_persian(stories, editor):
    client = Client()
    client.force_login(editor)
    response = client.post(ARRANGE, arrangement(lead=[stories[2]], top=[stories[2]]))
    assert response.status_code == 200 and not HomePin.objects.exists()
    assert "دو بار چیده شده است" in response.text


def test_the_preview_shows_the_pending_arrangement_and_changes_nothing(reader, stories, editor):
    before = reader.get("/").text
    client = Client()
    client.force_login(editor)
    preview = client.post(PREVIEW, arrangement(lead=[stories[16]], top=[stories[17]]))
    assert preview.status_code == 200
    assert "no-cache" in preview["Cache-Control"] or "max-age=0" in preview["Cache-Control"]
    assert stories[16].title in lead_of(preview.text) and "پیش‌نمایش چینش" in preview.text
    assert top_of(preview.text)[0] == stories[17].title
    assert not HomePin.objects.exists() and not ArticleEvent.objects.exists()
    assert reader.get("/").text == before


@pytest.mark.parametrize("role", ["Reporters", "Moderators", "Analysts"])
def test_other_roles_may_not_arrange_the_home_page(stories, role):
    client = as_role(role)
    assert client.get(ARRANGE).status_code == 403
    assert client.post(ARRANGE, arrangement(lead=[stories[3]])).status_code == 403
    assert client.post(PREVIEW, arrangement(lead=[stories[3]])).status_code == 403
    assert not HomePin.objects.exists()


def test_the_arrangement_page_is_on_the_editors_admin_menu_only(editor, reporter):
    editor_client, reporter_client = Client(), Client()
    editor_client.force_login(editor)
    reporter_client.force_login(reporter)
    assert reverse("admin:articles_homepin_changelist") in editor_client.get("/admin/").text
    assert reverse("admin:articles_homepin_changelist") not in reporter_client.get("/admin/").text


def test_the_article_box_searches_published_stories_through_the_index(stories, editor, section):
    make_article(section=section, status=Article.Status.DRAFT, title="خبر پیش‌نویس ویژه")
    make_article(section=section, title="خبر منتشرشده ویژه")
    client = Client()
    client.force_login(editor)
    found = client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "homepin", "field_name": "article", "term": "ویژه"},
    ).json()
    assert [r["text"] for r in found["results"]] == ["خبر منتشرشده ویژه"]


def test_a_pinned_story_shows_its_picture_and_section(reader, stories, section):
    stories[9].lead_image = make_image(picture_bytes((400, 240)), alt="پل معلق")
    stories[9].edit()
    pin(stories[9], HomePin.Place.TOP)
    card = reader.get("/").text.split('<div class="top-stories">', 1)[1].split("</article>", 1)[0]
    assert 'class="card card--medium card--pictured"' in card and 'alt="پل معلق"' in card
    assert f'href="{section.get_absolute_url()}">{section.name}</a>' in card
