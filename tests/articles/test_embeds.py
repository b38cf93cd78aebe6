"""Embeds: a pasted link from the allow-list becomes a placeholder that only a valid reference
gets through; readers see a link to the provider, and a page frames only what it embeds."""

import io
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils.safestring import mark_safe

from articles import embeds, search
from articles.models import Article
from articles.sanitize import sanitize
from tests.factories import make_article

YOUTUBE = "dQw4w9WgXcQ"
TWEET = "1790000000000000000"

GOOD = [
    (f"https://www.youtube.com/watch?v={YOUTUBE}", f"youtube:{YOUTUBE}"),
    (f"https://www.youtube.com/watch?feature=share&v={YOUTUBE}&t=42", f"youtube:{YOUTUBE}"),
    (f"https://m.youtube.com/watch?v={YOUTUBE}", f"youtube:{YOUTUBE}"),
    (f"https://youtu.be/{YOUTUBE}?si=abc", f"youtube:{YOUTUBE}"),
    (f"youtu.be/{YOUTUBE}", f"youtube:{YOUTUBE}"),
    (f"https://youtube.com/shorts/{YOUTUBE}", f"youtube:{YOUTUBE}"),
    (f"HTTPS://WWW.YOUTUBE.COM/watch?v={YOUTUBE}", f"youtube:{YOUTUBE}"),
    ("https://www.aparat.com/v/k8Tq2", "aparat:k8Tq2"),
    ("https://aparat.com/v/k8Tq2/", "aparat:k8Tq2"),
    ("https://www.aparat.com/video/video/embed/videohash/k8Tq2/vt/frame", "aparat:k8Tq2"),
    ("https://t.me/irna_1313/204518", "telegram:irna_1313/204518"),
    ("https://t.me/s/irna_1313/204518?single", "telegram:irna_1313/204518"),
    ("https://www.instagram.com/p/C7xYz12AbCd/", "instagram:C7xYz12AbCd"),
    ("https://instagram.com/reel/C7xYz12AbCd/?igsh=x", "instagram:C7xYz12AbCd"),
    (f"https://x.com/irna_en/status/{TWEET}", f"x:irna_en/{TWEET}"),
    (f"https://twitter.com/irna_en/status/{TWEET}?s=20", f"x:irna_en/{TWEET}"),
]  # fmt: skip

HOSTILE = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert('https://youtu.be/dQw4w9WgXcQ')",
    "data:text/html,https://youtu.be/dQw4w9WgXcQ",
    f"https://youtube.com.evil.ir/watch?v={YOUTUBE}",
    f"https://evilyoutube.com/watch?v={YOUTUBE}",
    f"https://www.youtube.com.@evil.ir/watch?v={YOUTUBE}",
    f"https://www.youtube.com@evil.ir/watch?v={YOUTUBE}",
    f"https://evil.ir@www.youtube.com/watch?v={YOUTUBE}",
    f"https://user:pass@youtu.be/{YOUTUBE}",
    f"https://evil.ir\\@youtu.be/{YOUTUBE}",
    f"https://evil.ir\\.youtu.be/{YOUTUBE}",
    f"https://www.youtube.com:8443/watch?v={YOUTUBE}",
    f"https://www.youtube.com./watch?v={YOUTUBE}",
    f"ftp://youtu.be/{YOUTUBE}",
    f"https://you\u200btu.be/{YOUTUBE}",  # zero-width space
    f"https://youtu.be/{YOUTUBE}\u202e",  # right-to-left override
    f"\u2066https://youtu.be/{YOUTUBE}",  # left-to-right isolate
    f"https://youtu.be/{YOUTUBE[:-1]}\u0430",  # a Cyrillic lookalike
    f"https://xn--youtub-cta.com/watch?v={YOUTUBE}",
    f"https://youtu.be/{YOUTUBE}%22onload=alert(1)",
    f'https://youtu.be/{YOUTUBE}"><script>alert(1)</script>',
    "https://www.youtube.com/watch?v=short",
    f"https://www.youtube.com/watch?v={YOUTUBE}X",
    "https://www.aparat.com/v/../../etc/passwd",
    "https://t.me/c/1234567/89",  # a private chat's post: no embed exists
    "https://t.me/irna_1313/not-a-number",
    "https://www.instagram.com/stories/someone/123/",
    "https://x.com/irna_en/likes",
    "https://platform.twitter.com/widgets.js",
    f"https://youtu.be/{YOUTUBE}?" + "a" * 5000,  # huge
    "https://" + "a." * 3000 + "youtu.be/x",
    "",
    " ",
]  # fmt: skip


@pytest.mark.parametrize("link,value", GOOD)
def test_each_providers_links_are_read_as_that_provider_and_item(link, value):
    assert embeds.parse(link).value == value


@pytest.mark.parametrize("link", HOSTILE)
def test_a_link_off_the_allow_list_or_dressed_up_is_refused(link):
    assert embeds.parse(link) is None


def test_the_facade_links_and_frames_go_only_to_the_providers_own_addresses():
    got = {value: (e.link, e.frame_src) for link, value in GOOD if (e := embeds.parse(link))}
    assert got[f"youtube:{YOUTUBE}"] == (
        f"https://www.youtube.com/watch?v={YOUTUBE}",
        f"https://www.youtube-nocookie.com/embed/{YOUTUBE}?autoplay=1",
    )
    assert got["aparat:k8Tq2"] == (
        "https://www.aparat.com/v/k8Tq2",
        "https://www.aparat.com/video/video/embed/videohash/k8Tq2/vt/frame",
    )
    assert got["telegram:irna_1313/204518"] == (
        "https://t.me/irna_1313/204518",
        "https://t.me/irna_1313/204518?embed=1",
    )
    assert got["instagram:C7xYz12AbCd"] == (
        "https://www.instagram.com/p/C7xYz12AbCd/",
        "https://www.instagram.com/p/C7xYz12AbCd/embed",
    )
    assert got["x:irna_en/1790000000000000000"] == (
        "https://x.com/irna_en/status/1790000000000000000",
        "https://platform.twitter.com/embed/Tweet.html?id=1790000000000000000",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "pasted",
    [
        f"<p>https://www.youtube.com/watch?v={YOUTUBE}&amp;t=3</p>",
        f"<p> https://youtu.be/{YOUTUBE} <br></p>",
        f'<p><a href="https://youtu.be/{YOUTUBE}">https://youtu.be/{YOUTUBE}</a></p>',
        f'<p dir="ltr"><a href="https://youtu.be/{YOUTUBE}" target="_blank">'
        f"https://youtu.be/{YOUTUBE}</a></p>",
    ],
)
def test_a_link_pasted_on_a_line_of_its_own_is_kept_as_a_placeholder(pasted):
    article = make_article(body=f"<p>پیش از آن</p>{pasted}<p>پس از آن</p>")
    assert article.body == (
        f'<p>پیش از آن</p><figure data-embed="youtube:{YOUTUBE}"></figure><p>پس از آن</p>'
    )


@pytest.mark.django_db
def test_a_pasted_links_own_text_becomes_the_embeds_title():
    article = make_article(
        body='<p><a href="https://t.me/irna_1313/204518">بیانیه &amp; متن</a></p>'
    )
    assert (
        article.body == '<figure data-embed="telegram:irna_1313/204518">بیانیه &amp; متن</figure>'
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        f"<p>ویدیو را ببینید: https://youtu.be/{YOUTUBE}</p>",  # a link inside a sentence
        f'<p>ببینید <a href="https://youtu.be/{YOUTUBE}">این ویدیو</a> را</p>',
        "<p>https://example.com/watch?v=dQw4w9WgXcQ</p>",
        f"<p>https://youtube.com.evil.ir/watch?v={YOUTUBE}</p>",
        f"<p><a href='javascript:alert(1)'>https://youtu.be/{YOUTUBE}</a></p>",
    ],
)
def test_other_links_stay_links(body):
    article = make_article(body=body)
    assert "data-embed" not in article.body


@pytest.mark.parametrize(
    "html",
    [
        '<figure data-embed="youtube:../../evil">x</figure>',
        '<figure data-embed="youtube:dQw4w9WgXcQ&quot; onload=&quot;alert(1)">x</figure>',
        '<figure data-embed="evil:abc">x</figure>',
        '<figure data-embed="javascript:alert(1)">x</figure>',
        '<figure data-embed="telegram:c/1">x</figure>',
        f'<p data-embed="youtube:{YOUTUBE}">x</p>',
        f'<div data-embed="youtube:{YOUTUBE}">x</div>',
        f'<figure data-embed="youtube:{YOUTUBE} ">x</figure>',
        f'<figure data-embed="YOUTUBE:{YOUTUBE}">x</figure>',
    ],
)
def test_the_sanitiser_drops_a_placeholder_that_does_not_parse(html):
    assert "data-embed" not in sanitize(html)


def test_the_sanitiser_keeps_a_valid_placeholder_and_cleans_its_title():
    cleaned = sanitize(
        f'<figure data-embed="youtube:{YOUTUBE}" class="x" onclick="alert(1)" '
        f'data-embed-src="https://evil.ir">عنوان<script>alert(1)</script>'
        f'<iframe src="https://evil.ir"></iframe></figure>'
    )
    assert cleaned == f'<figure data-embed="youtube:{YOUTUBE}">عنوان</figure>'


def facades(html: str) -> str:
    from articles.templatetags.articles import with_embeds

    return with_embeds(mark_safe(sanitize(html)))  # as Article.body_html gives it


def test_the_facade_is_a_plain_link_to_the_provider_with_no_frame_and_no_request():
    page = facades(f'<figure data-embed="youtube:{YOUTUBE}">گل دوم</figure>')
    assert "<iframe" not in page
    addresses = re.findall(r'(?<![-\w])(?:src|href|srcset|poster|action|data)="([^"]*)"', page)
    assert addresses == [f"https://www.youtube.com/watch?v={YOUTUBE}"]
    assert 'rel="noopener"' in page
    assert "گل دوم" in page and "یوتیوب" in page
    # Where site.js finds what to load on a click.
    assert f'data-embed-src="https://www.youtube-nocookie.com/embed/{YOUTUBE}?autoplay=1"' in page


@pytest.mark.parametrize(
    "value,name",
    [
        ("aparat:k8Tq2", "آپارات"),
        (f"youtube:{YOUTUBE}", "یوتیوب"),
        ("telegram:irna_1313/204518", "تلگرام"),
        ("instagram:C7xYz12AbCd", "اینستاگرام"),
        ("x:irna_en/1790000000000000000", "ایکس"),
    ],
)
def test_each_facade_names_its_provider_in_persian(value, name):
    page = facades(f'<figure data-embed="{value}"></figure>')
    assert f"از {name} بارگذاری می‌شود" in page


def test_a_title_cannot_break_out_of_the_facade():
    page = facades(
        f'<figure data-embed="youtube:{YOUTUBE}">&lt;img src=x onerror=alert(1)&gt;'
        f'"quoted"</figure>'
    )
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_a_placeholder_holding_markup_shows_its_text_alone():
    page = facades(
        f'<figure title="a>b" dir="rtl" data-embed="youtube:{YOUTUBE}"><strong>گل</strong> دوم'
        '<figure><img src="/media/x.png" alt="عکس"><figcaption>زیرنویس</figcaption></figure>'
        "</figure><p>پس از آن</p>"
    )
    assert "<img" not in page and "/media/x.png" not in page and "<strong>" not in page
    assert "گل دوم زیرنویس" in page and page.endswith("</figure><p>پس از آن</p>")
    assert page.count("embed__facade") == 1


@pytest.mark.django_db
def test_a_huge_body_is_kept_as_it_came():
    huge = "<p>" + "https://youtu.be/" + "a" * 200_000 + "</p>" + "<p>متن</p>" * 10_000
    article = make_article(body=huge)
    assert article.body == huge


def test_text_not_marked_safe_gets_no_facade():
    from articles.templatetags.articles import with_embeds

    page = with_embeds(f'<figure data-embed="youtube:{YOUTUBE}"></figure>')
    assert "embed__facade" not in page and "&lt;figure" in page


@pytest.mark.django_db
def test_the_feed_and_the_structured_data_carry_no_placeholder(client):
    article = make_article(
        title="گل دوم سپاهان",
        body=f'<p>متن</p><p><a href="https://youtu.be/{YOUTUBE}">خلاصه بازی</a></p>',
    )
    feed = client.get("/rss/").text
    page = client.get(article.get_absolute_url()).text
    structured = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert "گل دوم سپاهان" in feed and structured
    for text in (feed, *structured):
        assert "data-embed" not in text and "figure" not in text and YOUTUBE not in text


@pytest.mark.django_db
def test_search_finds_an_embed_by_its_title():
    article = make_article(
        body=f'<p><a href="https://youtu.be/{YOUTUBE}">خلاصه بازی سپاهان</a></p>'
    )
    assert "data-embed" in article.body
    assert [hit.pk for hit in search.Results("سپاهان")[:10].hits] == [article.pk]


@pytest.mark.django_db
def test_a_page_with_embeds_may_frame_only_their_providers(client, django_assert_max_num_queries):
    article = make_article(
        body=(
            f"<p>https://youtu.be/{YOUTUBE}</p><p>https://t.me/irna_1313/204518</p>"
            f"<p>https://www.youtube.com/shorts/{YOUTUBE}</p>"
        )
    )
    plain = make_article()
    with django_assert_max_num_queries(13):  # as any article's page (tests/articles/test_pages)
        response = client.get(article.get_absolute_url())
    policy = directives(response["Content-Security-Policy"])
    assert policy["frame-src"] == ["'self'", "https://t.me", "https://www.youtube-nocookie.com"]
    assert policy["script-src"] == ["'self'"] and policy["default-src"] == ["'self'"]
    assert "frame-src" not in directives(
        client.get(plain.get_absolute_url())["Content-Security-Policy"]
    )
    assert "frame-src" not in directives(client.get("/")["Content-Security-Policy"])


@pytest.mark.django_db
@pytest.mark.cache
def test_a_page_from_the_page_cache_keeps_its_own_frame_policy():
    reader = Client(HTTP_USER_AGENT="Mozilla/5.0 Firefox/130")
    article = make_article(body="<p>https://www.aparat.com/v/k8Tq2</p>")
    plain = make_article()
    for _ in range(2):
        embedding = reader.get(article.get_absolute_url())
        other = reader.get(plain.get_absolute_url())
    assert embedding.wsgi_request.page_cache == other.wsgi_request.page_cache == "hit"
    assert directives(embedding["Content-Security-Policy"])["frame-src"] == [
        "'self'",
        "https://www.aparat.com",
    ]
    assert "frame-src" not in directives(other["Content-Security-Policy"])


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


@pytest.mark.django_db
@pytest.mark.usefixtures("renditions_later")
def test_the_demo_has_an_article_with_a_video_from_aparat(settings, client):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    article = Article.objects.get(title="سپاهان در نقش جهان از سد تراکتور گذشت")
    assert '<figure data-embed="aparat:Xq7mZ">خلاصه بازی سپاهان و تراکتور</figure>' in article.body
    page = client.get(article.get_absolute_url())
    assert 'href="https://www.aparat.com/v/Xq7mZ"' in page.text
    assert "https://www.aparat.com" in page["Content-Security-Policy"]
