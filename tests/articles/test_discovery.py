"""Feeds, sitemaps, robots.txt and page metadata, read the way machines read them."""

import datetime
import email.utils
import json
import re
import xml.etree.ElementTree as ET
from io import BytesIO

import feedparser
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.models import Article
from tests.factories import make_article, make_image, make_section, make_tag

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
TEHRAN_SAMPLE = datetime.datetime(2026, 11, 24, 19, 14, tzinfo=datetime.UTC)


def png() -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (40, 20), (10, 80, 160)).save(buffer, "PNG")
    return SimpleUploadedFile("lead.png", buffer.getvalue(), "image/png")


@pytest.fixture
def published(section):
    return make_article(
        section=section,
        kicker="با تأیید یونسکو",
        title="«کرمانشاه» به شبکه شهرهای یادگیرنده یونسکو پیوست",
        lead="رییس سازمان فرهنگی از پیوستن خبر داد.",
        published_at=TEHRAN_SAMPLE,
        lead_image=make_image(png().read(), name="lead.png", alt="نمای کرمانشاه"),
        tags=[make_tag(name="یونسکو")],
    )


@pytest.fixture
def hidden(section):
    draft = make_article(section=section, title="پیش‌نویس پنهان", status=Article.Status.DRAFT)
    scheduled = make_article(
        section=section,
        title="خبر فردا",
        published_at=datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1),
    )
    return [draft, scheduled]


# RSS


def test_rss_parses_and_carries_the_published_items(client, published, hidden):
    response = client.get("/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    assert feed.feed.language == "fa"
    assert [entry.title for entry in feed.entries] == [f"{published.kicker} | {published.title}"]
    entry = feed.entries[0]
    assert entry.summary == published.lead
    assert entry.link == f"http://testserver{published.get_absolute_url()}"
    assert entry.id == f"http://testserver/n/{published.code}"  # an address, as the link is
    # RFC 822, and the same instant as the article's.
    assert email.utils.parsedate_to_datetime(entry.published) == TEHRAN_SAMPLE
    assert "+0330" in entry.published
    enclosure = entry.enclosures[0]
    assert enclosure.type == "image/jpeg"  # the share-sized rendition
    assert enclosure.href.startswith("http://testserver/media/images/renditions/")
    assert int(enclosure.length) > 0
    assert {tag.term for tag in entry.tags} == {published.section.name, "یونسکو"}


def test_section_rss_has_only_that_section(client, published):
    other = make_section(slug="sport", name="ورزشی")
    in_other = make_article(section=other, title="خبر ورزشی")
    feed = feedparser.parse(client.get("/rss/sport/").content)
    assert not feed.bozo
    assert [e.title for e in feed.entries] == [in_other.title]
    assert "ورزشی" in feed.feed.title
    assert client.get("/rss/no-such-section/").status_code == 404


# Sitemaps


def xml(response) -> ET.Element:
    assert response.status_code == 200
    return ET.fromstring(response.content)


def test_sitemap_index_and_sections_parse_with_only_published_articles(client, published, hidden):
    index = xml(client.get("/sitemap.xml"))
    locations = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert any("sitemap-articles.xml" in url for url in locations)
    assert any("sitemap-sections.xml" in url for url in locations)
    assert any("sitemap-tags.xml" in url for url in locations)

    articles = xml(client.get("/sitemap-articles.xml"))
    urls = [loc.text for loc in articles.iter(f"{SITEMAP}loc")]
    assert urls == [f"http://testserver{published.get_absolute_url()}"]

    sections = [loc.text for loc in xml(client.get("/sitemap-sections.xml")).iter(f"{SITEMAP}loc")]
    assert sections == [f"http://testserver{published.section.get_absolute_url()}"]
    tags = [loc.text for loc in xml(client.get("/sitemap-tags.xml")).iter(f"{SITEMAP}loc")]
    assert tags == [f"http://testserver{published.tags.get().get_absolute_url()}"]


def test_news_sitemap_has_the_last_48_hours(client, section, hidden):
    now = datetime.datetime.now(datetime.UTC)
    fresh = make_article(
        section=section, title="خبر تازه", published_at=now - datetime.timedelta(hours=3)
    )
    make_article(section=section, title="خبر کهنه", published_at=now - datetime.timedelta(hours=49))
    root = xml(client.get("/news-sitemap.xml"))
    urls = root.findall(f"{SITEMAP}url")
    assert [u.find(f"{SITEMAP}loc").text for u in urls] == [
        f"http://testserver{fresh.get_absolute_url()}"
    ]
    news = urls[0].find(f"{NEWS}news")
    assert news.find(f"{NEWS}publication/{NEWS}language").text == "fa"
    assert news.find(f"{NEWS}publication/{NEWS}name").text
    date = news.find(f"{NEWS}publication_date").text
    assert date.endswith("+03:30")
    assert datetime.datetime.fromisoformat(date) == fresh.published_at.replace(microsecond=0)
    assert news.find(f"{NEWS}title").text == "خبر تازه"


def test_robots_points_at_both_sitemaps(client):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Sitemap: http://testserver/news-sitemap.xml" in text
    assert "Disallow: /admin/" in text


# Metadata


def structured(page: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return [json.loads(block) for block in blocks]


def meta(page: str, name: str) -> list[str]:
    return re.findall(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)"', page)


def test_article_json_ld_parses_with_the_right_dates(client, published):
    page = client.get(published.get_absolute_url()).text
    article, crumbs = structured(page)
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == published.title
    assert article["description"] == published.lead
    assert article["datePublished"] == "2026-11-24T22:44:00+03:30"
    assert datetime.datetime.fromisoformat(
        article["dateModified"]
    ).utcoffset() == datetime.timedelta(hours=3, minutes=30)
    assert article["image"][0].startswith("http://testserver/media/")
    assert article["publisher"]["logo"]["url"] == "http://testserver/static/newsroom/logo.png"
    assert article["articleSection"] == published.section.name
    assert article["keywords"] == ["یونسکو"]
    assert article["mainEntityOfPage"]["@id"] == f"http://testserver{published.get_absolute_url()}"
    assert [item["name"] for item in crumbs["itemListElement"]][1:] == [
        published.section.name,
        published.title,
    ]


def test_article_open_graph_and_twitter_tags(client, published):
    page = client.get(published.get_absolute_url()).text
    assert meta(page, "og:locale") == ["fa_IR"]
    assert meta(page, "og:type") == ["article"]
    assert meta(page, "og:title") == [published.title.replace("«", "«")]
    assert meta(page, "og:description") == [published.lead]
    assert meta(page, "og:image")[0].startswith("http://testserver/media/images/")
    assert meta(page, "twitter:card") == ["summary_large_image"]
    assert meta(page, "article:published_time") == ["2026-11-24T22:44:00+03:30"]
    assert f'<link rel="canonical" href="http://testserver{published.get_absolute_url()}">' in page


def test_json_ld_cannot_be_broken_out_of(client, section):
    article = make_article(section=section, title="</script><script>alert(1)</script>")
    page = client.get(article.get_absolute_url()).text
    assert "</script><script>alert(1)" not in page
    assert structured(page)[0]["headline"] == "</script><script>alert(1)</script>"


def test_section_and_home_pages_have_metadata_and_breadcrumbs(client, published):
    section_page = client.get(published.section.get_absolute_url()).text
    (crumbs,) = structured(section_page)
    assert crumbs["@type"] == "BreadcrumbList"
    assert crumbs["itemListElement"][-1]["name"] == published.section.name
    assert meta(section_page, "og:locale") == ["fa_IR"]
    assert f'href="/rss/{published.section.slug}/"' in section_page

    home = client.get("/").text
    types = [block["@type"] for block in structured(home)]
    assert types == ["WebSite", "BreadcrumbList"]


def test_print_stylesheet_hides_everything_but_the_article(client):
    css = b"".join(client.get("/static/newsroom/site.css").streaming_content).decode()
    print_rules = css[css.index("@media print") :]
    for selector in (".share", ".comments", ".feedback", ".site-footer"):
        assert selector in print_rules
