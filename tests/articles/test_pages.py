import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from articles.models import article as article_model
from newsroom.persian.jalali import to_jalali
from newsroom.persian.text import to_persian_digits
from tests.factories import make_article, make_section, make_tag

pytestmark = pytest.mark.django_db

SAMPLE_TIME = datetime.datetime(2026, 11, 24, 19, 14, tzinfo=datetime.UTC)  # 22:44 Tehran


@pytest.fixture
def sample(section):
    return make_article(
        section=section,
        kicker="با تأیید یونسکو",
        title="«کرمانشاه» به شبکه شهرهای یادگیرنده یونسکو پیوست",
        lead="رییس سازمان فرهنگی، اجتماعی و ورزشی شهرداری کرمانشاه از پیوستن خبر داد.",
        body="<p>به گزارش اداره ارتباطات سازمان فرهنگی...</p>",
        source="به گزارش فرتاک نیوز،",
        published_at=SAMPLE_TIME,
        tags=[make_tag(name="یونسکو"), make_tag(name="کرمانشاه")],
    )


def test_every_reader_page_is_persian_and_right_to_left(client, sample):
    for url in ["/", "/section/society/", sample.get_absolute_url(), "/no-such-page/"]:
        assert '<html lang="fa" dir="rtl">' in client.get(url).text


def test_article_page_shows_what_a_news_page_shows(client, sample):
    page = client.get(sample.get_absolute_url()).text
    assert '<h1 class="article__title">«کرمانشاه» به شبکه شهرهای یادگیرنده' in page
    assert "با تأیید یونسکو" in page
    assert "رییس سازمان فرهنگی" in page
    assert "به گزارش فرتاک نیوز،" in page
    assert f"کدخبر: {to_persian_digits(sample.code)}" in page
    assert (
        '<time datetime="2026-11-24T22:44:00+03:30">سه\u200cشنبه ۳ آذر ۱۴۰۵ - ۲۲:۴۴</time>' in page
    )
    assert 'href="/tag/%DB%8C%D9%88%D9%86%D8%B3%DA%A9%D9%88/"' in page  # ASCII URL for «یونسکو»
    assert f"https://t.me/share/url?url=http%3A%2F%2Ftestserver%2Fn%2F{sample.code}&amp;" in page
    assert f'value="http://testserver/n/{sample.code}"' in page


def test_reader_sees_no_latin_digits_in_dates(client, sample):
    page = client.get("/").text
    visible_times = re.findall(r"<time [^>]*>([^<]*)</time>", page)
    assert visible_times
    assert not any(re.search(r"[0-9]", text) for text in visible_times)


def test_header_shows_todays_jalali_date_and_sections(client, sample, time_machine):
    time_machine.move_to(SAMPLE_TIME + datetime.timedelta(hours=1))  # 23:44 Tehran, 3 Azar
    page = client.get("/").text
    assert "سه\u200cشنبه ۳ آذر ۱۴۰۵" in page
    assert '<a href="/section/society/">اجتماعی</a>' in page


def test_home_has_top_story_latest_and_section_blocks(client, section):
    sport = make_section(name="ورزشی", slug="sports", order=2)
    earlier = timezone.now() - datetime.timedelta(days=1)
    for n in range(4):
        make_article(section=sport, title=f"خبر ورزشی دیروز {n}", published_at=earlier)
    for _ in range(16):
        make_article(section=section)
    top = make_article(
        section=section, title="تیتر یک امروز", is_featured=True, published_at=earlier
    )
    other = make_article(section=sport, title="خبر ورزشی")
    page = client.get("/").context["page"]
    assert page.lead == top
    assert other in page.top
    assert [s.slug for s, _ in page.section_blocks] == ["society", "sports"]


def test_related_news_prefers_shared_tags_then_section(client, section):
    tag = make_tag()
    article = make_article(section=section, tags=[tag])
    same_tag = make_article(section=make_section(), tags=[tag])
    same_section = make_article(section=section)
    make_article(section=make_section())  # unrelated
    assert list(client.get(article.get_absolute_url()).context["related"]) == [
        same_tag,
        same_section,
    ]


def test_related_news_looks_among_each_tags_newest_articles(client, section, monkeypatch):
    """A tag of a busy beat is on thousands of articles: related news counts the shared tags
    of each tag's newest only, so an old story sharing both tags gives way to new ones."""
    monkeypatch.setattr(article_model, "RELATED_CANDIDATES", 3)
    article_model._sharing_tags_sql.cache_clear()  # compiled with the old bound
    beat, city = make_tag(name="بازار"), make_tag(name="تهران")
    elsewhere = make_section()
    old = make_article(section=elsewhere, tags=[beat, city], title="خبر قدیمی هم‌برچسب")
    newer = [make_article(section=elsewhere, tags=[beat], title=f"خبر تازه {n}") for n in range(4)]
    for n in range(2):
        make_article(section=elsewhere, tags=[city], title=f"خبر تازه شهر {n}")
    article = make_article(section=section, tags=[beat, city])
    related = list(client.get(article.get_absolute_url()).context["related"])
    assert old not in related
    assert newer[-1] in related and newer[-2] in related
    monkeypatch.setattr(article_model, "RELATED_CANDIDATES", 100)
    article_model._sharing_tags_sql.cache_clear()
    cache.clear()
    assert Article.objects.published().related_to(article)[0] == old  # both tags, when seen
    article_model._sharing_tags_sql.cache_clear()


def test_vazirmatn_font_and_its_licence_are_served_locally(client):
    font = client.get("/static/newsroom/fonts/Vazirmatn-Variable.woff2")
    assert font.status_code == 200
    assert b"".join(font.streaming_content)[:4] == b"wOF2"
    licence = client.get("/static/newsroom/fonts/Vazirmatn-OFL.txt")
    assert b"SIL Open Font License" in b"".join(licence.streaming_content)


def queries(client, url) -> int:
    cache.clear()  # cold: the cached blocks («پربازدیدترین»…) are counted too
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def populate(n_articles: int, n_tags: int, section) -> Article:
    tags = [make_tag() for _ in range(n_tags)]
    sections = [section] + [make_section() for _ in range(2)]
    last = None
    for i in range(n_articles):
        last = make_article(section=sections[i % 3], tags=tags)
    return last


# Cold, each page reads the «خبر فوری» bar once (then once a process and content version);
# the home page its pins, the article its corrections and updates too.
@pytest.mark.parametrize(
    ("page", "budget"),
    [("/", 12), ("/section/society/", 7), ("tag", 7), ("archive", 7), ("article", 14)],
)
def test_query_count_does_not_grow_with_articles_or_tags(
    client, section, page, budget, django_assert_max_num_queries
):
    def url_for(article):
        day = to_jalali(article.published_at)
        return {
            "tag": article.tags.first().get_absolute_url(),
            "archive": f"/archive/{day.year}/{day.month}/{day.day}/",
            "article": article.get_absolute_url(),
        }.get(page, page)

    # Enough for the home page's section blocks to show stories not shown above them.
    small = queries(client, url_for(populate(20, 1, section)))
    last = populate(40, 12, section)
    with django_assert_max_num_queries(budget):
        large = queries(client, url_for(last))
    assert large <= small  # (related news may need one query fewer when tags fill it)


@pytest.mark.parametrize("cold", [False, True])
def test_a_section_added_or_removed_shows_in_every_pages_menu_at_once(
    client, article, settings, cold
):
    if cold:  # every part rendered: the menu from the sections as last read
        settings.PAGE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 0
    menu = 'class="section-menu"'
    client.get(article.get_absolute_url())
    added = make_section(name="سرویس تازه", slug="new-desk")
    page = client.get(article.get_absolute_url()).text
    assert "سرویس تازه" in page[page.index(menu) :]
    added.delete()
    assert "سرویس تازه" not in client.get(article.get_absolute_url()).text
    assert "سرویس تازه" not in client.get("/").text


def test_a_body_written_past_save_is_shown_cleaned_and_as_written(client, article, settings):
    settings.PAGE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 0
    client.get(article.get_absolute_url())
    Article.objects.filter(pk=article.pk).update(
        body='<p>متن تازه بی‌واسطه</p><script>alert("x")</script>'
    )
    page = client.get(article.get_absolute_url()).text
    assert "<p>متن تازه بی‌واسطه</p>" in page
    assert 'alert("x")' not in page
