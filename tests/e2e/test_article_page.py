"""The article's page in Chromium: its share row, and the rankings beside it on a desk."""

from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from tests.factories import make_article, make_comment

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.e2e]


@pytest.fixture
def article():
    article = make_article(title="نرخ تورم نقطه‌ای آذرماه اعلام شد")
    make_article(section=article.section, title="خبر مرتبط همین سرویس")
    make_comment(article, text="نظری برای دیدن ترتیب صفحه")
    return article


def test_the_rankings_stand_beside_the_article_on_a_desk_and_below_it_on_a_phone(new_page, article):
    desk = new_page(viewport=(1366, 900)).page
    desk.goto(article.get_absolute_url())
    body = desk.locator(".article").bounding_box()
    side = desk.locator(".article-page__side").bounding_box()
    assert side["x"] + side["width"] <= body["x"]  # right to left: the column on its left
    assert abs(side["y"] - body["y"]) < 2

    phone = new_page(viewport=(390, 844)).page
    phone.goto(article.get_absolute_url())
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    comments = phone.locator("#comments").bounding_box()
    side = phone.locator(".article-page__side").bounding_box()
    assert side["y"] >= comments["y"] + comments["height"]
    # Related news right after the article, before the question and the comments.
    tops = [
        phone.locator(selector).bounding_box()["y"]
        for selector in (".share", ".related", "#feedback", "#comments")
    ]
    assert tops == sorted(tops)


def test_a_reader_copies_the_short_link_and_every_mark_is_drawn(new_page, article, live_server):
    watched = new_page(viewport=(390, 844))
    page = watched.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    with page.expect_response(lambda answer: "/icons/messengers" in answer.url) as sprite:
        page.goto(article.get_absolute_url())
    assert sprite.value.ok
    for link in page.locator(".share__link:visible").all():
        box = link.locator("svg").bounding_box()
        assert box["width"] == box["height"] == 20
    page.click(".share__copy")
    expect(page.locator(".share__copied")).to_have_text("پیوند کپی شد.")
    short = f"{live_server.url}/n/{article.code}"
    assert page.evaluate("navigator.clipboard.readText()") == short
    assert not watched.csp_violations, watched.csp_violations


def test_where_the_browser_has_a_share_sheet_it_is_offered(new_page, article, live_server):
    page = new_page(viewport=(390, 844)).page
    page.add_init_script(
        "navigator.share = async (data) => { window.shared = data; };"
        "navigator.canShare = () => true;"
    )
    page.goto(article.get_absolute_url())
    page.get_by_role("button", name="برنامه‌های دیگر").click()
    shared = page.evaluate("window.shared")
    assert shared == {"title": article.title, "url": f"{live_server.url}/n/{article.code}"}


def test_without_javascript_the_links_and_the_field_show(new_page, article, live_server):
    page = new_page(javascript=False).page
    page.goto(article.get_absolute_url())
    expect(page.locator(".share__link:visible")).to_have_count(6)
    expect(page.locator("#short-link")).to_be_visible()
    expect(page.locator(".share__copy")).to_be_hidden()
    short = quote(f"{live_server.url}/n/{article.code}", safe="")
    expect(page.get_by_role("link", name="اشتراک در ایتا")).to_have_attribute(
        "href", f"https://eitaa.com/share/url?url={short}&text={quote(article.title, safe='')}"
    )
