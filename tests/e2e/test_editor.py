"""The body editor in Chromium: a reporter puts a photo in the body through CKEditor."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import re_path
from django.views.static import serve
from PIL import Image
from playwright.sync_api import expect

from articles.models import Article
from articles.models import Image as LibraryImage
from newsroom.urls import urlpatterns as site_urls
from tests.e2e.conftest import log_in, screenshot
from tests.factories import make_article, make_image, make_section, make_user

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.e2e,
    # The site's own addresses, and its uploads served as a web server in front would.
    pytest.mark.urls(__name__),
]


def media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [*site_urls, re_path(r"^media/(?P<path>.+)$", media)]

TITLE = "نخستین کتابخانه سیار به روستای نمونه رسید"
ALT = "کتابخانه سیار در میدان روستا"


def photo(folder: Path) -> Path:
    path = folder / "کتابخانه.jpg"
    data = io.BytesIO()
    Image.new("RGB", (320, 200), (20, 90, 160)).save(data, "JPEG")
    path.write_bytes(data.getvalue())
    return path


def image_dialog(page):
    """CKEditor's image dialog, opened from the toolbar, on its upload tab («بالاگذاری»)."""
    page.click("a.cke_button__image")
    dialog = page.locator(".cke_dialog").filter(has=page.locator(".cke_dialog_tab"))
    expect(dialog).to_be_visible()
    dialog.locator("a.cke_dialog_tab", has_text="بالاگذاری").click()
    return dialog


def choose_file(dialog, path: Path) -> None:
    # The file box is CKEditor's own little form, in an iframe of the dialog.
    frame = dialog.frame_locator("iframe.cke_dialog_ui_input_file")
    frame.locator("input[type=file]").set_input_files(str(path))


@pytest.mark.parametrize("screen", [(1366, 900), (390, 844)], ids=["desktop", "phone"])
def test_a_reporter_uploads_a_photo_into_the_body(new_page, tmp_path, screen):
    make_section(name="استان‌ها", slug="provinces")
    reporter = make_user("Reporters", username="reporter")
    watched = new_page(viewport=screen)
    page, name = watched.page, f"{screen[0]}"
    log_in(page, "reporter")
    page.goto("/admin/articles/article/add/")
    page.fill("#id_title", TITLE)
    page.fill("#id_lead", "کتابخانه سیار هر هفته به ده روستا می‌رود.")
    page.select_option("#id_section", label="استان‌ها")
    page.wait_for_selector("iframe.cke_wysiwyg_frame")
    page.frame_locator("iframe.cke_wysiwyg_frame").locator("body").click()
    page.keyboard.type("کودکان روستا نخستین کتاب‌هایشان را امانت گرفتند.")
    # The writing area is in the site's typeface, right to left, and the font has loaded.
    body = page.frame_locator("iframe.cke_wysiwyg_frame").locator("body")
    style = body.evaluate(
        "b => { const s = getComputedStyle(b);"
        " return [s.fontFamily.split(',')[0], s.direction,"
        " b.ownerDocument.fonts.check('16px Vazirmatn', 'کتاب')]; }"
    )
    assert style == ["Vazirmatn", "rtl", True]
    screenshot(page, f"editor-body-font-{name}")

    # Not a picture: CKEditor shows the server's Persian reason, nothing is stored.
    dialog = image_dialog(page)
    text = tmp_path / "notes.jpg"
    text.write_text("این پرونده عکس نیست")
    choose_file(dialog, text)
    with page.expect_event("dialog"):
        dialog.locator("a.cke_dialog_ui_fileButton", has_text="به سرور بفرست").click()
    assert watched.dialogs == [
        "این پرونده تصویر نیست یا خراب است؛ فقط عکس JPG، PNG، GIF یا WebP بفرستید."
    ]

    # A photo: uploaded with the CSRF token, its address put in the image's info tab.
    choose_file(dialog, photo(tmp_path))
    screenshot(page, f"editor-image-upload-{name}")
    dialog.locator("a.cke_dialog_ui_fileButton", has_text="به سرور بفرست").click()
    src_box = dialog.locator("input.cke_dialog_ui_input_text").first
    # Into the image library, under the month it came.
    expect(src_box).to_have_value(re.compile(r"^/media/images/\d{4}/\d{2}/.+\.jpg$"))
    src = src_box.input_value()
    # The dialog asks for the alt text before the picture goes into the body.
    with page.expect_event("dialog"):
        dialog.locator("a.cke_dialog_ui_button_ok").click()
    assert watched.dialogs[-1] == (
        "متن جایگزین را بنویسید: آنچه در تصویر است، برای کسی که آن را نمی‌بیند."
    )
    dialog.get_by_label("متن جایگزین").fill(ALT)
    screenshot(page, f"editor-image-info-{name}")
    dialog.locator("a.cke_dialog_ui_button_ok").click()
    editable = page.frame_locator("iframe.cke_wysiwyg_frame").locator(f'img[src="{src}"]')
    expect(editable).to_be_visible()
    screenshot(page, f"editor-image-inserted-{name}")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/articles/article/")

    article = Article.objects.get(title=TITLE)
    assert f'src="{src}"' in article.body
    assert f'alt="{ALT}"' in article.body
    picture = LibraryImage.objects.get(uploaded_by=reporter)
    assert f'data-image="{picture.pk}"' in article.body
    # Sent before its alt text was typed: named after its file until someone writes one.
    assert picture.alt_from_file_name

    # As readers will see it (the staff preview): the photo is there, from the library's
    # renditions, and loads.
    page.goto(article.get_preview_url())
    shown = page.locator(f'.article__body picture img[src="{src}"]')
    expect(shown).to_be_visible()
    assert shown.get_attribute("alt") == ALT
    assert shown.get_attribute("loading") == "lazy"
    loaded = shown.evaluate("img => img.complete && img.naturalWidth > 0 && img.currentSrc")
    assert f"/media/images/renditions/{picture.pk}/width-" in loaded
    assert page.evaluate("document.documentElement.scrollWidth") <= screen[0]
    screenshot(page, f"article-with-body-photo-{name}")
    assert not watched.csp_violations, watched.csp_violations


def test_a_reporter_picks_an_earlier_upload_from_the_server_browser(new_page, tmp_path):
    reporter = make_user("Reporters", username="reporter")
    earlier = make_image(
        photo(tmp_path).read_bytes(), name="earlier.jpg", alt="قفسه کتاب‌ها", uploaded_by=reporter
    )
    watched = new_page(viewport=(1366, 900))
    page = watched.page
    log_in(page, "reporter")
    page.goto("/admin/articles/article/add/")
    page.wait_for_selector("iframe.cke_wysiwyg_frame")
    page.click("a.cke_button__image")
    dialog = page.locator(".cke_dialog").filter(has=page.locator(".cke_dialog_tab"))
    with page.expect_popup() as opened:
        dialog.locator("a.cke_dialog_ui_button", has_text="فهرست‌نمایی سرور").click()
    browser = opened.value
    browser.wait_for_load_state()
    screenshot(browser, "editor-server-browser")
    assert "کتابخانه تصویر" in browser.title() + browser.inner_text("h1")
    browser.get_by_role("button", name="درج در متن").click()
    src_box = dialog.locator("input.cke_dialog_ui_input_text").first
    expect(src_box).to_have_value(earlier.file.url)
    expect(dialog.get_by_label("متن جایگزین")).to_have_value("قفسه کتاب‌ها")


@pytest.mark.parametrize("screen", [(1366, 900), (390, 844)], ids=["desktop", "phone"])
def test_an_editor_copyedits_the_unsaved_text_in_the_form(new_page, screen):
    make_user("Editors", username="editor")
    article = make_article(title="تیتر ذخیره‌شده", body="<p>متن ذخیره‌شده</p>")
    watched = new_page(viewport=screen)
    page, name = watched.page, f"{screen[0]}"
    log_in(page, "editor")
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.wait_for_selector("iframe.cke_wysiwyg_frame")
    # Typed, not saved: a title and a pasted paragraph with the desk's usual slips.
    page.fill("#id_title", "کتاب ها و رسانه ای")
    body = page.frame_locator("iframe.cke_wysiwyg_frame").locator("body")
    body.click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text("نتایج امیدوار کننده بود:  او بر این نکته تاکید کرد که یکماه")
    page.click("a[data-copyedit]")
    dialog = page.get_by_role("dialog", name="ویرایش خودکار نگارش")
    expect(dialog).to_be_visible()
    assert "nbsp" not in dialog.inner_text()
    expect(dialog.locator("ins", has_text="امیدوارکننده")).to_be_visible()
    screenshot(page, f"copyedit-dialog-{name}")
    # Keep «کتاب ها» as typed; take the rest.
    dialog.get_by_role("checkbox", name=re.compile("کتاب‌ها")).uncheck()
    dialog.get_by_role("button", name="گذاشتن پذیرفته‌ها در فرم").click()
    expect(dialog).to_be_hidden()
    expect(page.locator("#id_title")).to_have_value("کتاب ها و رسانه\u200cای")
    expect(page.locator(".copyedit-status")).to_contain_text("برای ماندگاری، خبر را ذخیره کنید")
    expect(body).to_contain_text("نتایج امیدوارکننده بود: او بر این نکته تأکید کرد که یک ماه")
    screenshot(page, f"copyedit-back-in-the-form-{name}")
    article.refresh_from_db()
    assert article.title == "تیتر ذخیره‌شده"  # nothing saved behind the editor's back
    page.check("input[name=change_kind][value=typo]")  # published: the change says what it is
    page.click("input[name=_continue]")
    page.wait_for_load_state()
    article.refresh_from_db()
    assert article.title == "کتاب ها و رسانه\u200cای"
    assert "نتایج امیدوارکننده بود: او بر این نکته تأکید کرد که یک ماه" in article.body
    assert not watched.csp_violations, watched.csp_violations
