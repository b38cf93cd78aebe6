"""/search/: every way Persian gets typed finds the article; odd queries never break."""

import datetime

import pytest
from django.core.cache import caches

from articles import search
from articles.models import Article, SearchEntry
from tests.factories import make_article, make_section, make_tag

pytestmark = pytest.mark.django_db

ZWNJ = "\u200c"
ONE_DAY = datetime.timedelta(days=1)


def found(client, query, **params) -> list[str]:
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return [a.title for a in response.context["articles"]]


@pytest.fixture
def sample(section):
    return make_article(
        section=section,
        title="«کرمانشاه» به شبکه شهرهای یادگیرنده یونسکو پیوست",
        lead=f"این عضویت زمینه آموزش شهروندان را فراهم می{ZWNJ}کند.",
        body=(
            f"<p>مراسم در سال ۱۴۰۵ برگزار می{ZWNJ}شود و کتاب{ZWNJ}ها اهدا شد. "
            "مؤسسه یادگیری مادام‌العمر UNESCO (UIL) حامی است.</p>"
        ),
    )


@pytest.mark.parametrize(
    "query",
    [
        "کرمانشاه",
        "كرمانشاه",  # Arabic kaf
        "یونسکو",
        "يونسكو",  # Arabic yeh and kaf
        f"می{ZWNJ}شود",
        "می شود",
        "میشود",
        "مي شود",
        "کتاب ها",
        "کتابها",
        f"کتاب{ZWNJ}ها",
        "۱۴۰۵",  # Persian digits
        "١٤٠٥",  # Arabic-Indic digits
        "1405",  # Latin digits
        "یادگیرنده",
        "یادگیــرنده",  # tatweel
        "یادگیرَنده",  # a diacritic
        "unesco",
        "UNESCO",
        "موسسه",  # without the hamza seat
        "شهر",  # a prefix of «شهرهای»
        "کرمانشاه یونسکو",  # every word must match, in any order
    ],
)
def test_every_variant_finds_the_article(client, sample, query):
    assert found(client, query) == [sample.title]


@pytest.mark.parametrize("query", ["تهران", "کرمانشاه تهران", "zzzz"])
def test_words_not_in_the_article_do_not_find_it(client, sample, query):
    assert found(client, query) == []


def test_title_matches_rank_above_body_matches_then_newest_first(client, section):
    now = datetime.datetime.now(datetime.UTC)
    in_body_new = make_article(
        section=section, title="خبر اول", body="<p>درباره زعفران</p>", published_at=now
    )
    in_title_old = make_article(
        section=section, title="صادرات زعفران", published_at=now - datetime.timedelta(days=3)
    )
    in_body_old = make_article(
        section=section,
        title="خبر دوم",
        body="<p>درباره زعفران</p>",
        published_at=now - datetime.timedelta(days=1),
    )
    assert found(client, "زعفران") == [in_title_old.title, in_body_new.title, in_body_old.title]


def test_more_title_words_rank_first_then_the_newest_however_often_a_word_comes(client, section):
    now = datetime.datetime.now(datetime.UTC)

    def made(title, body, days):
        return make_article(
            section=section,
            title=title,
            body=f"<p>{body}</p>",
            published_at=now - datetime.timedelta(days=days),
        ).title

    both_old = made("صادرات زعفران", "", 9)
    # A word in the kicker or a tag is a title word too; «زعفرانی» holds «زعفران».
    one_twice_older = made("زعفران و باز هم زعفران", "صادرات", 5)
    one_newer = made("برداشت زعفرانی", "صادرات", 2)
    body_only_newest = made("خبر تازه", "صادرات زعفران", 0)
    tagged = make_article(
        section=section,
        title="خبر برچسب‌دار",
        body="<p>صادرات</p>",
        tags=[make_tag(name="زعفران")],
        published_at=now - datetime.timedelta(days=1),
    ).title
    assert found(client, "زعفران صادرات") == [
        both_old,
        tagged,
        one_newer,
        one_twice_older,
        body_only_newest,
    ]


def test_past_the_ranked_matches_the_newest_are_ranked_among_themselves(
    client, section, monkeypatch
):
    monkeypatch.setattr(search, "RANKED", 3)
    now = datetime.datetime.now(datetime.UTC)

    def made(title, hours):
        body = "<p>خبر بارش</p>"
        published_at = now - datetime.timedelta(hours=hours)
        return make_article(section=section, title=title, body=body, published_at=published_at)

    made("بارش در شمال", 5)  # a title match, but older than the newest three
    made("خبر دوم", 4)
    third = made("خبر سوم", 3)
    in_title = made("بارش در جنوب", 2)
    newest = made("خبر پنجم", 1)
    response = client.get("/search/", {"q": "بارش"})
    assert [a.title for a in response.context["articles"]] == [
        in_title.title,
        newest.title,
        third.title,
    ]
    assert "بیش از ۳ نتیجه" in response.text


def test_filters_together_and_an_unknown_section_finds_nothing(client, section):
    sport = make_section(slug="sport", name="ورزشی")
    day = datetime.datetime(2026, 11, 24, 19, 0, tzinfo=datetime.UTC)  # 1405/09/03, Tehran
    make_article(section=section, title="باران و سیل", published_at=day)
    make_article(section=sport, title="باران و بازی دیروز", published_at=day - ONE_DAY)
    on_the_day = make_article(section=sport, title="باران و بازی", published_at=day)
    assert found(client, "باران", section="sport", since="1405/09/03") == [on_the_day.title]
    assert found(client, "باران", section="sport", until="1405/09/02") == ["باران و بازی دیروز"]
    assert found(client, "باران", section="no-such-section") == []
    form = client.get("/search/", {"q": "باران", "section": "sport"}).text
    assert '<option value="sport" selected>ورزشی</option>' in form


def test_a_search_asked_again_shows_its_own_query_and_page(client, section, settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request builds its page, from its parts
    settings.ARTICLES_PER_PAGE = 1
    for title in ("باران در تهران", "باران در شیراز", "تونل تازه"):
        make_article(section=section, title=title)
    client.get("/search/", {"q": "باران"})
    again = client.get("/search/", {"q": "باران"}).text
    assert "<title>جست‌وجو: باران |" in again and "<mark>باران</mark>" in again
    other = client.get("/search/", {"q": "تونل"}).text
    assert "<title>جست‌وجو: تونل |" in other and "باران" not in other
    second = client.get("/search/", {"q": "باران", "page": 2}).text
    assert '<link rel="canonical" href="http://testserver/search/?page=2">' in second


def test_a_search_asked_again_reads_only_the_versions_and_the_matches(
    client, section, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0  # after a publish, with a tracking parameter
    for i in range(30):
        make_article(section=section, title=f"بودجه سال {i}", tags=[make_tag()])
    client.get("/search/", {"q": "بودجه"})
    with django_assert_max_num_queries(2):
        response = client.get("/search/", {"q": "بودجه", "utm_source": "x"})
    assert "۳۰ نتیجه" in response.text


def test_a_search_asked_again_takes_its_parts_and_results_in_one_cache_round_trip(
    client, section, settings, monkeypatch
):
    """The header, the head and each result's part come together, once the search has said
    which results are on the page: one round trip to the cache, not one for the page's parts
    and one more for its results."""
    settings.PAGE_CACHE_SECONDS = 0  # after a publish, with a tracking parameter
    settings.ARTICLES_PER_PAGE = 10
    for i in range(12):
        make_article(section=section, title=f"بودجه سال {i}")
    client.get("/search/", {"q": "بودجه"})
    asked = []
    backend = caches["default"]
    get_many = backend.get_many

    def counted(keys, *args, **kwargs):
        asked.append(list(keys))
        return get_many(keys, *args, **kwargs)

    monkeypatch.setattr(backend, "get_many", counted)
    page = client.get("/search/", {"q": "بودجه", "utm_source": "x"}).text
    assert "<mark>بودجه</mark>" in page and "۱۲ نتیجه" in page
    assert len(asked) == 1
    assert sum(":search-result:" in key for key in asked[0]) == 10
    assert any(":header:" in key for key in asked[0])


def test_only_published_articles_are_found(client, section):
    make_article(section=section, title="زلزله پیش‌نویس", status=Article.Status.DRAFT)
    make_article(
        section=section,
        title="زلزله آینده",
        published_at=datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=1),
    )
    live = make_article(section=section, title="زلزله امروز")
    assert found(client, "زلزله") == [live.title]


def test_index_follows_edits_publish_and_unpublish(client, section):
    article = make_article(section=section, title="پل تازه", status=Article.Status.DRAFT)
    assert found(client, "پل") == []
    article.publish()
    assert found(client, "پل") == ["پل تازه"]
    article.title = "تونل تازه"
    article.save()
    assert found(client, "پل") == []
    assert found(client, "تونل") == ["تونل تازه"]
    article.unpublish()
    assert found(client, "تونل") == []
    article.delete()
    assert found(client, "تونل") == []


def test_index_follows_tags(client, section):
    article = make_article(section=section, title="خبر بی‌برچسب")
    tag = make_tag(name="محیط زیست")
    article.tags.add(tag)
    assert found(client, "محیط") == ["خبر بی‌برچسب"]
    tag.name = "طبیعت"
    tag.save()
    assert found(client, "طبیعت") == ["خبر بی‌برچسب"]
    tag.articles.clear()
    assert found(client, "طبیعت") == []


def test_filters_by_section_and_jalali_dates(client, section):
    sport = make_section(slug="sport", name="ورزشی")
    make_article(section=section, title="باران در شهر")
    in_sport = make_article(
        section=sport,
        title="باران و فوتبال",
        published_at=datetime.datetime(2026, 11, 24, 19, 0, tzinfo=datetime.UTC),
    )
    assert found(client, "باران", section="sport") == [in_sport.title]
    assert found(client, "باران", since="۱۴۰۵/۰۹/۰۳", until="1405/09/03") == [in_sport.title]


def test_matched_words_are_highlighted(client, sample):
    page = client.get("/search/", {"q": "یونسکو کرمانشاه"}).text
    assert "<mark>یونسکو</mark>" in page
    assert "«<mark>کرمانشاه</mark>»" in page


def test_the_query_is_shown_escaped(client, sample):
    page = client.get("/search/", {"q": "<b>یونسکو</b>"}).text
    assert "&lt;b&gt;یونسکو&lt;/b&gt;" in page
    assert "<b>یونسکو" not in page


def test_past_the_ranked_matches_the_page_says_there_are_more(
    client, section, monkeypatch, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # the same address, asked twice
    monkeypatch.setattr(search, "RANKED", 3)
    now = datetime.datetime.now(datetime.UTC)
    made = [
        make_article(
            section=section, title=f"سیل شماره {i}", published_at=now - datetime.timedelta(hours=i)
        )
        for i in range(5, 0, -1)
    ]
    response = client.get("/search/", {"q": "سیل"})
    assert "بیش از ۳ نتیجه" in response.text
    # The newest three, ranked: a reader reads the first pages.
    assert [a.title for a in response.context["articles"]] == [a.title for a in made[:-4:-1]]
    monkeypatch.setattr(search, "RANKED", 5)
    exact = client.get("/search/", {"q": "سیل"}).text
    assert "۵ نتیجه" in exact and "بیش از" not in exact


def test_a_result_shown_before_follows_its_article_and_section(client, section):
    article = make_article(section=section, title="باران در تهران")
    assert "<mark>باران</mark> در تهران" in client.get("/search/", {"q": "باران"}).text
    article.title = "باران در شیراز"
    article.save()
    section.name = "سرویس تازه"
    section.save()
    page = client.get("/search/", {"q": "باران"}).text
    assert "<mark>باران</mark> در شیراز" in page and "در تهران" not in page
    assert ">سرویس تازه</a>" in page


def test_results_are_paginated(client, section, settings):
    settings.ARTICLES_PER_PAGE = 12
    for i in range(13):
        make_article(section=section, title=f"گزارش شماره {i}")
    first = client.get("/search/", {"q": "گزارش"})
    assert len(first.context["articles"]) == 12
    assert "page=2" in first.text and "q=%DA%AF%D8%B2%D8%A7%D8%B1%D8%B4" in first.text
    assert len(client.get("/search/", {"q": "گزارش", "page": 2}).context["articles"]) == 1


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "%",
        "%%",
        "_",
        "'",
        '"',
        '"unbalanced',
        "a OR b",
        "NEAR(a b)",
        "title:کرمانشاه",
        "*",
        "-",
        "^",
        "کرمانشاه*",
        "' OR 1=1; DROP TABLE articles_article; --",
        "<script>alert(1)</script>",
        "\x00",
        "\u202eکرمانشاه",
        "ک" * 100_000,
        "a & b | !c :* ()",
    ],
)
def test_odd_queries_answer_a_normal_page(client, sample, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    assert Article.objects.filter(pk=sample.pk).exists()


def test_bad_date_says_so_in_persian(client, sample):
    response = client.get("/search/", {"q": "کرمانشاه", "since": "۱۴۰۵/۱۳/۴۰"})
    assert response.status_code == 200
    assert "ماه ۱۳ نداریم: ماه از ۱ (فروردین) تا ۱۲ (اسفند) است." in response.text


def test_search_query_count_is_bounded(client, section, django_assert_max_num_queries):
    for i in range(40):
        make_article(section=section, title=f"بودجه سال {i}", tags=[make_tag()])
    with django_assert_max_num_queries(5):
        client.get("/search/", {"q": "بودجه"})


def test_every_article_has_one_entry_in_the_index_until_it_is_deleted(section):
    article = make_article(section=section, title="پیش‌نویس", status=Article.Status.DRAFT)
    pk = article.pk
    assert SearchEntry.objects.filter(article=article).count() == 1
    article.save()
    assert SearchEntry.objects.filter(article=article).count() == 1
    article.delete()
    assert not SearchEntry.objects.filter(pk=pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("prepare", [True, False], ids=["prepared", "pooler-friendly"])
def test_on_postgresql_the_version_read_is_prepared_and_a_search_planned_for_its_words(
    client, section, settings, prepare
):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's (DATABASE_URL=postgres://…)")
    settings.DATABASE_PREPARED_STATEMENTS = prepare
    settings.PAGE_CACHE_SECONDS = 300  # every reader page asks the versions first
    make_article(title="بارش برف در کوهرنگ", section=section)
    assert found(client, "برف کوهرنگ") == found(client, "کوهرنگ برف") == ["بارش برف در کوهرنگ"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        statements = [row[0] for row in cursor.fetchall()]
    # The versions' read once a connection (none behind a pooler); a search never: a plan
    # made once for any words is the wrong one for most.
    assert len([s for s in statements if "newsroom_cacheversion" in s]) == (1 if prepare else 0)
    assert not [s for s in statements if "articles_search" in s]
