"""An embed in Chromium: nothing is asked of the provider until the reader clicks, then its
frame takes the facade's place, the page's CSP allowing it; without JavaScript, a link."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.e2e.conftest import load_axe, log_in, overflow, screenshot, wcag_violations
from tests.factories import make_article, make_section, make_user

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.e2e]

VIDEO = "dQw4w9WgXcQ"
FRAME = f"https://www.youtube-nocookie.com/embed/{VIDEO}?autoplay=1"
TITLE = "خلاصه بازی سپاهان و تراکتور"


@pytest.fixture
def article():
    return make_article(
        section=make_section(name="ورزشی", slug="sports"),
        title="سپاهان در نقش جهان از سد تراکتور گذشت",
        body=(
            "<p>این دیدار امشب در ورزشگاه نقش جهان برگزار شد.</p>"
            f'<p><a href="https://youtu.be/{VIDEO}">{TITLE}</a></p>'
            "<p>https://t.me/irna_1313/204518</p>"
            "<p>با این نتیجه، سپاهان به رده دوم جدول رسید.</p>"
        ),
    )


def third_party_requests(context, live_server) -> list[str]:
    """Every request of the context to another host, in order; each is answered with a
    refusal (the browser test needs no network, and learns the same either way)."""
    ours = urlsplit(live_server.url).netloc
    asked: list[str] = []

    def route(route):
        if urlsplit(route.request.url).netloc == ours:
            route.continue_()
        else:
            asked.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    return asked


@pytest.mark.parametrize("width", [390, 1366])
def test_nothing_is_asked_of_the_provider_until_the_reader_clicks(
    new_page, live_server, article, width
):
    watched = new_page(viewport=(width, 844 if width == 390 else 900))
    page = watched.page
    asked = third_party_requests(page.context, live_server)
    load_axe(page)
    page.goto(article.get_absolute_url())
    page.wait_for_load_state("networkidle")
    facade = page.locator(".embed--youtube .embed__facade")
    expect(facade).to_be_visible()
    expect(facade).to_contain_text(TITLE)
    expect(page.locator(".embed--telegram")).to_contain_text("تلگرام")
    assert page.locator("iframe").count() == 0
    assert asked == [], asked
    assert wcag_violations(page) == []
    assert overflow(page) is None
    screenshot(page, f"embed-facade-{width}")

    box = page.locator(".embed--youtube .embed__box").bounding_box()
    facade.click()
    frame = page.locator(".embed--youtube iframe.embed__frame")
    expect(frame).to_have_attribute("src", FRAME)
    expect(frame).to_have_attribute("title", f"یوتیوب: {TITLE}")
    assert "allow-scripts" in frame.get_attribute("sandbox")
    assert page.locator(".embed--youtube .embed__box").bounding_box() == box  # nothing moved
    # The note no longer promises a load: it links to the provider's own page.
    note = page.locator(".embed--youtube .embed__note")
    expect(note).not_to_contain_text("با کلیک")
    expect(note.get_by_role("link", name="دیدن در یوتیوب")).to_have_attribute(
        "href", re.compile(r"^https://www\.youtube\.com/")
    )
    page.wait_for_timeout(300)  # the frame's request, refused by the route above
    assert [urlsplit(url).netloc for url in asked] == ["www.youtube-nocookie.com"]
    assert page.locator(".embed--telegram iframe").count() == 0  # the other waits its turn
    assert watched.csp_violations == []
    screenshot(page, f"embed-clicked-{width}")


def test_without_javascript_the_facade_is_a_link_to_the_provider(new_page, live_server, article):
    page = new_page(viewport=(390, 844), javascript=False).page
    asked = third_party_requests(page.context, live_server)
    page.goto(article.get_absolute_url())
    link = page.get_by_role("link", name=TITLE)
    expect(link).to_have_attribute("href", f"https://www.youtube.com/watch?v={VIDEO}")
    expect(page.locator(".embed--telegram a")).to_have_attribute(
        "href", "https://t.me/irna_1313/204518"
    )
    assert page.locator("iframe").count() == 0
    assert asked == []


@pytest.mark.parametrize("screen", [(1366, 900), (390, 844)], ids=["desktop", "phone"])
def test_a_reporter_embeds_a_video_with_the_button_and_a_post_by_pasting_its_link(new_page, screen):
    make_section(name="ورزشی", slug="sports")
    make_user("Reporters", username="reporter")
    watched = new_page(viewport=screen)
    page = watched.page
    log_in(page, "reporter")
    page.goto("/admin/articles/article/add/")
    page.fill("#id_title", "سپاهان از سد تراکتور گذشت")
    page.fill("#id_lead", "سپاهان با دو گل پیروز شد.")
    page.select_option("#id_section", label="ورزشی")
    page.wait_for_selector("iframe.cke_wysiwyg_frame")
    editable = page.frame_locator("iframe.cke_wysiwyg_frame").locator("body")
    editable.click()
    page.keyboard.type("این دیدار امشب برگزار شد.")
    page.keyboard.press("Enter")
    page.keyboard.insert_text("https://t.me/irna_1313/204518")  # a link on a line of its own
    page.keyboard.press("Enter")

    # «جاسازی»: a link off the allow-list is refused in Persian, and the dialog stays open.
    page.click("a.cke_button__newsroomembed")
    dialog = page.locator(".cke_dialog").filter(has_text="جاسازی ویدیو یا پست")
    expect(dialog).to_be_visible()
    dialog.get_by_label("پیوند").fill(f"https://youtube.com.evil.ir/watch?v={VIDEO}")
    with page.expect_event("dialog"):
        dialog.locator("a.cke_dialog_ui_button_ok").click()
    assert watched.dialogs[-1].startswith("این پیوند را نمی‌توان جاسازی کرد.")
    assert "آپارات، یوتیوب، تلگرام، اینستاگرام، ایکس" in watched.dialogs[-1]
    dialog.get_by_label("پیوند").fill(f"https://www.youtube.com/watch?v={VIDEO}&t=42")
    dialog.get_by_label("عنوان (اختیاری)").fill(TITLE)
    screenshot(page, f"editor-embed-dialog-{screen[0]}")
    dialog.locator("a.cke_dialog_ui_button_ok").click()
    placeholder = page.frame_locator("iframe.cke_wysiwyg_frame").locator(
        f'figure[data-embed="youtube:{VIDEO}"]'
    )
    expect(placeholder).to_have_text(TITLE)
    screenshot(page, f"editor-embed-inserted-{screen[0]}")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/articles/article/")

    article = Article.objects.get(title="سپاهان از سد تراکتور گذشت")
    assert f'<figure data-embed="youtube:{VIDEO}">{TITLE}</figure>' in article.body
    assert '<figure data-embed="telegram:irna_1313/204518"></figure>' in article.body

    # Opened again, the editor keeps both placeholders as they were.
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.wait_for_selector("iframe.cke_wysiwyg_frame")
    frame = page.frame_locator("iframe.cke_wysiwyg_frame")
    expect(frame.locator("figure[data-embed]")).to_have_count(2)
    frame.locator(f'figure[data-embed="youtube:{VIDEO}"]').dblclick()  # its dialog, filled in
    dialog = page.locator(".cke_dialog").filter(has_text="جاسازی ویدیو یا پست")
    expect(dialog.get_by_label("پیوند")).to_have_value(f"https://www.youtube.com/watch?v={VIDEO}")
    expect(dialog.get_by_label("عنوان (اختیاری)")).to_have_value(TITLE)
    dialog.locator("a.cke_dialog_ui_button_cancel").click()
    page.click("input[name=_continue]")
    page.wait_for_url(f"**/admin/articles/article/{article.pk}/change/")
    article.refresh_from_db()
    assert article.body.count("<figure data-embed=") == 2

    page.goto(article.get_preview_url())
    expect(page.locator(".embed__facade")).to_have_count(2)
    assert not watched.csp_violations, watched.csp_violations
