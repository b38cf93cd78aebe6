"""The image library in Chromium: the editor sets the focal point by clicking the picture."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Image
from newsroom.persian.text import to_latin_digits, to_persian_digits
from tests.e2e.conftest import log_in
from tests.factories import make_image, make_user, picture_bytes

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.e2e]


@pytest.fixture
def editor(settings):
    settings.SERVE_MEDIA = True  # the live server shows the pictures, as `make serve` does
    return make_user("Editors", username="editor")


def click_at(page, fraction_x: float, fraction_y: float) -> None:
    picture = page.locator(".focal-picker img")
    picture.wait_for()
    page.wait_for_function("document.querySelector('.focal-picker img').naturalWidth > 0")
    box = picture.bounding_box()
    picture.click(position={"x": box["width"] * fraction_x, "y": box["height"] * fraction_y})


def test_a_click_on_the_picture_sets_its_focal_point_and_its_crops_follow(new_page, editor):
    image = make_image(picture_bytes((800, 600)))
    page = new_page().page
    log_in(page, "editor")
    page.goto(f"/admin/articles/image/{image.pk}/change/")
    assert page.input_value("#id_focal_x") == "۰٫۵"  # Persian digits, as the editor writes
    click_at(page, 0.25, 0.8)
    typed = page.input_value("#id_focal_x")
    assert re.fullmatch("۰٫[۰-۹]+", typed)
    assert abs(float(to_latin_digits(typed).replace("٫", ".")) - 0.25) < 0.02
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/articles/image/")
    image.refresh_from_db()
    assert abs(image.focal_x - 0.25) < 0.02 and abs(image.focal_y - 0.8) < 0.02
    assert image.renditions_current  # made again around the new point


def test_the_picker_shows_a_picture_chosen_for_upload(new_page, editor, tmp_path):
    path = tmp_path / "بازار.jpg"
    path.write_bytes(picture_bytes((900, 500)))
    page = new_page().page
    log_in(page, "editor")
    page.goto("/admin/articles/image/add/")
    expect(page.locator(".focal-picker")).to_be_hidden()  # nothing to click before a picture
    # The browser's own box would say «Choose File»: the editor clicks a Persian button.
    button = page.get_by_text("انتخاب تصویر…", exact=True)
    expect(button).to_be_visible()
    assert page.locator("#id_file").evaluate("box => getComputedStyle(box).opacity") == "0"
    with page.expect_file_chooser() as chooser:
        button.click()
    chooser.value.set_files(str(path))
    expect(page.locator("[data-file-name]")).to_have_text("بازار.jpg")
    page.fill("#id_alt", "بازار تجریش در شب یلدا")
    click_at(page, 0.7, 0.3)
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/articles/image/")
    image = Image.objects.get()
    assert abs(image.focal_x - 0.7) < 0.02 and abs(image.focal_y - 0.3) < 0.02


def test_a_picture_picked_from_the_library_popup_shows_its_number_in_persian(new_page, editor):
    from articles.models import Article
    from tests.factories import make_article

    article = make_article(author=editor, status=Article.Status.DRAFT)
    image = make_image(picture_bytes((800, 450)), alt="میدان آزادی در غروب")
    page = new_page().page
    log_in(page, "editor")
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    with page.expect_popup() as opened:
        page.click("#lookup_id_lead_image")
    library = opened.value
    library.wait_for_load_state()
    library.locator(f"a[data-popup-opener='{image.pk}']").first.click()
    box = page.locator("#id_lead_image")
    expect(box).to_have_value(to_persian_digits(image.pk))
    page.click("input[name=_continue]")
    page.wait_for_load_state()
    expect(page.locator("#id_lead_image")).to_have_value(to_persian_digits(image.pk))
    article.refresh_from_db()
    assert article.lead_image_id == image.pk
