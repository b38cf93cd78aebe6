"""The API's browsable docs in Chromium, under the reader pages' Content Security Policy:
Swagger UI from the site's own static files renders every endpoint, and «Try it out» asks
the API and shows its answer."""

import os

import pytest
from playwright.sync_api import expect

from tests.factories import make_article

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.e2e]


def test_the_docs_render_and_try_an_endpoint_with_nothing_from_elsewhere(new_page, live_server):
    article = make_article(title="خبری برای آزمودن API")
    watched = new_page(viewport=(1280, 1000))
    page = watched.page
    elsewhere = []
    page.on("request", lambda r: r.url.startswith(live_server.url) or elsewhere.append(r.url))
    page.goto("/api/v1/docs/")
    expect(page.locator(".opblock")).to_have_count(7)
    expect(page.locator(".info .title")).to_contain_text("Newsroom API")

    listing = page.locator(".opblock").filter(has=page.locator('[data-path="/api/v1/articles/"]'))
    listing.locator(".opblock-summary").click()
    listing.get_by_role("button", name="Try it out").click()
    listing.get_by_role("button", name="Execute").click()
    answer = listing.locator(".responses-wrapper .live-responses-table")
    expect(answer.locator("tbody .response-col_status")).to_contain_text("200")
    expect(answer).to_contain_text(str(article.code))
    if os.environ.get("API_DOCS_SCREENSHOT"):
        page.screenshot(path=os.environ["API_DOCS_SCREENSHOT"], full_page=False)

    assert watched.csp_violations == []
    assert elsewhere == []
