"""The image library: uploads checked and cleaned (no GPS leaves the newsroom), renditions
made in the background when a picture is uploaded, and the article's lead picture served
as <picture> from them."""

import io
import struct
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image as PILImage
from PIL import features

from articles.images import processing
from articles.images.models import Image
from tests.factories import make_article, make_image, picture_bytes

ADD = reverse("admin:articles_image_add")
GPS_IFD = 0x8825
ORIENTATION = 0x0112


def upload(data: bytes, name: str = "عکس.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def phone_photo() -> bytes:
    """A 60×40 JPEG as a phone writes it: turned (Orientation 6, shown 40×60) and with where
    it was taken (GPS)."""
    exif = PILImage.Exif()
    exif[ORIENTATION] = 6
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (35.0, 41.0, 22.5)  # Tehran
    gps[3] = "E"
    gps[4] = (51.0, 23.0, 20.1)
    return picture_bytes((60, 40), exif=exif.tobytes())


def bomb() -> bytes:
    """A PNG of a few bytes whose header says 100000×100000 pixels."""
    data = bytearray(picture_bytes((1, 1), "PNG"))
    ihdr = data.index(b"IHDR")
    data[ihdr + 4 : ihdr + 12] = struct.pack(">II", 100_000, 100_000)
    crc = zlib.crc32(bytes(data[ihdr : ihdr + 17]))
    data[ihdr + 17 : ihdr + 21] = struct.pack(">I", crc)
    return bytes(data)


@pytest.fixture
def admin_client_as_editor(client, editor):
    client.force_login(editor)
    return client


def form(file, **fields) -> dict:
    return {
        "file": file,
        "alt": "مردم در صف نانوایی",
        "caption": "صف نان در بازار تجریش",
        "credit": "مریم احمدی",
        "focal_x": "0.5",
        "focal_y": "0.5",
        **fields,
    }


# Uploading


@pytest.mark.django_db
def test_an_editor_uploads_a_picture_with_its_alt_text_caption_and_credit(admin_client_as_editor):
    response = admin_client_as_editor.post(ADD, form(upload(picture_bytes((800, 600)))))
    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.alt, image.credit, (image.width, image.height)) == (
        "مردم در صف نانوایی",
        "مریم احمدی",
        (800, 600),
    )


@pytest.mark.django_db
def test_the_library_speaks_persian_in_the_admin(admin_client_as_editor):
    page = admin_client_as_editor.get(ADD).content.decode()
    assert "متن جایگزین" in page and "عکاس یا منبع" in page and "نقطه کانونی" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "name", "settings_change", "message"),
    [
        (b"<html><script>alert(1)</script></html>", "عکس.jpg", {}, "این پرونده تصویر نیست"),
        (picture_bytes(), "عکس.html", {}, "این پرونده تصویر نیست"),
        (picture_bytes(), "عکس.jpg", {"IMAGE_MAX_BYTES": 100}, "حجم این پرونده بیش از اندازه"),
        (picture_bytes((400, 300)), "عکس.jpg", {"IMAGE_MAX_PIXELS": 1000}, "ابعاد این تصویر"),
        # Refused by Pillow's own guard, whatever the newsroom's limit says.
        (bomb(), "عکس.png", {"IMAGE_MAX_PIXELS": 10**12}, "ابعاد این تصویر"),
    ],
    ids=["not-an-image", "wrong-ending", "too-many-bytes", "too-many-pixels", "bomb"],
)
def test_a_refused_upload_says_why_in_persian_and_keeps_what_was_typed(
    admin_client_as_editor, settings, data, name, settings_change, message
):
    for setting, value in settings_change.items():
        setattr(settings, setting, value)
    response = admin_client_as_editor.post(ADD, form(upload(data, name)))
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert 'value="صف نان در بازار تجریش"' in page and 'value="مریم احمدی"' in page
    assert not Image.objects.exists()
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.*"))


@pytest.mark.django_db
def test_a_picture_without_alt_text_is_refused(admin_client_as_editor):
    response = admin_client_as_editor.post(ADD, form(upload(picture_bytes()), alt=""))
    assert response.status_code == 400
    assert "متن جایگزین را بنویسید" in response.content.decode()


@pytest.mark.django_db
def test_no_stored_file_of_a_phone_photo_carries_its_gps_and_it_stands_upright(
    admin_client_as_editor, settings
):
    assert PILImage.open(io.BytesIO(phone_photo())).getexif().get_ifd(GPS_IFD)  # it has some
    response = admin_client_as_editor.post(ADD, form(upload(phone_photo())))
    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == (40, 60)  # turned as its orientation said
    stored = [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]
    assert len(stored) > 1  # the original and its renditions
    for path in stored:
        data = path.read_bytes()
        with PILImage.open(path) as served:
            exif = served.getexif()
            assert not exif.get_ifd(GPS_IFD), path.name
            assert ORIENTATION not in exif, path.name
        assert b"Exif\x00\x00" not in data and b"PhoneMaker" not in data, path.name


# Renditions


@pytest.mark.django_db
def test_renditions_are_made_when_a_picture_is_uploaded():
    image = make_image(picture_bytes((2000, 1500)))
    image.refresh_from_db()
    assert image.renditions_current
    formats = ["avif", "webp"] if features.check("avif") else ["webp"]
    for image_format in formats:
        widths = [made["width"] for made in image.rendition_files("width", image_format)]
        assert widths == [320, 640, 960, 1280, 1600]
        cards = image.rendition_files("card", image_format)
        assert all(abs(made["width"] / made["height"] - 16 / 9) < 0.01 for made in cards)
    social = image.social()
    assert (social["width"], social["height"], social["format"]) == (1200, 630, "jpeg")
    for made in image.renditions["files"]:
        stored = image.file.storage.path(made["name"])
        with PILImage.open(stored) as rendition:
            assert rendition.size == (made["width"], made["height"])
            assert rendition.format.lower() == made["format"]


@pytest.mark.django_db
def test_no_rendition_is_wider_than_the_upload():
    image = make_image(picture_bytes((700, 500)))
    image.refresh_from_db()
    assert [made["width"] for made in image.rendition_files("width", "webp")] == [320, 640, 700]
    assert image.social()["width"] <= 700


def halves(top, bottom, size=(2000, 2000)) -> bytes:
    picture = PILImage.new("RGB", size, top)
    picture.paste(bottom, (0, size[1] // 2, size[0], size[1]))
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


@pytest.mark.django_db
def test_the_crops_are_centred_on_the_focal_point():
    blue, red = (20, 40, 220), (220, 30, 30)
    image = make_image(halves(red, blue), name="نیمه.png", focal_y=0.95)
    image.refresh_from_db()
    with PILImage.open(image.file.storage.path(image.social()["name"])) as social:
        assert all(abs(a - b) < 30 for a, b in zip(social.getpixel((600, 315)), blue, strict=True))
    image.focal_y = 0.05  # the editor moves it: new crops, the old files gone
    old = {made["name"] for made in image.renditions["files"]}
    image.save()
    image.refresh_from_db()
    with PILImage.open(image.file.storage.path(image.social()["name"])) as social:
        assert all(abs(a - b) < 30 for a, b in zip(social.getpixel((600, 315)), red, strict=True))
    storage = image.file.storage
    assert not [name for name in old if storage.exists(name) and name not in str(image.renditions)]


def test_a_crop_stays_inside_the_picture():
    assert processing.crop_box((2000, 1000), (16, 9), (0.0, 0.5)) == (0, 0, 1778, 1000)
    assert processing.crop_box((2000, 1000), (16, 9), (1.0, 0.5)) == (222, 0, 2000, 1000)
    assert processing.crop_box((1000, 2000), (16, 9), (0.5, 0.0)) == (0, 0, 1000, 562)


@pytest.mark.django_db(transaction=True)
def test_the_database_backend_enqueues_renditions_and_its_worker_makes_them(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    image = make_image(picture_bytes((900, 600)))
    image.refresh_from_db()
    assert not image.renditions_current  # not made by the request that uploaded it
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    image.refresh_from_db()
    assert image.renditions_current
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.django_db
def test_the_command_makes_renditions_for_pictures_that_have_none(settings, capsys):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    waiting = [make_image(picture_bytes((500, 400))) for _ in range(2)]
    assert not any(Image.objects.get(pk=image.pk).renditions_current for image in waiting)
    call_command("make_renditions")
    assert all(Image.objects.get(pk=image.pk).renditions_current for image in waiting)
    assert "100%" in capsys.readouterr().err  # tqdm's bar


# The article's page


@pytest.mark.django_db
def test_the_lead_picture_is_served_from_its_renditions_first_and_at_once(client):
    image = make_image(picture_bytes((2000, 1500)), caption="صف نان", credit="مریم احمدی")
    article = make_article(lead_image=image)
    page = client.get(article.get_absolute_url()).content.decode()
    figure = page[page.index('<figure class="article__figure">') :]
    figure = figure[: figure.index("</figure>")]
    if features.check("avif"):
        assert '<source type="image/avif" srcset="' in figure
    assert '<source type="image/webp" srcset="' in figure and " 1600w" in figure
    assert 'sizes="(min-width: 48rem) 38rem, calc(100vw - 4rem)"' in figure
    assert 'width="2000" height="1500"' in figure and 'alt="مردم در صف نانوایی"' in figure
    assert 'fetchpriority="high"' in figure and 'loading="lazy"' not in figure
    assert "صف نان" in figure and "عکس: مریم احمدی" in figure


@pytest.mark.django_db
def test_open_graph_and_json_ld_show_the_social_crop(client):
    image = make_image(picture_bytes((2000, 1500)))
    article = make_article(lead_image=image)
    page = client.get(article.get_absolute_url()).content.decode()
    social = Image.objects.get().social()["url"]
    assert f'<meta property="og:image" content="http://testserver{social}">' in page
    assert f'"image": ["http://testserver{social}"]' in page or social in page.split("ld+json")[1]
    assert 'content="summary_large_image"' in page


@pytest.mark.django_db
def test_until_its_renditions_exist_the_page_shows_the_original(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    image = make_image(picture_bytes((900, 600)))
    article = make_article(lead_image=image)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<source" not in page
    assert f'<img src="{image.file.url}" alt="مردم در صف نانوایی" width="900"' in page


@pytest.mark.django_db
def test_on_a_single_box_the_site_serves_the_pictures_itself(client, settings):
    image = make_image(picture_bytes((900, 600)))
    image.refresh_from_db()
    settings.DEBUG, settings.SERVE_MEDIA = False, True  # as `make serve` runs
    response = client.get(image.file.url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    social = client.get(image.social()["url"])
    assert social.status_code == 200 and social["Content-Type"] == "image/jpeg"
    assert client.get("/media/../pyproject.toml").status_code in (400, 404)
    settings.SERVE_MEDIA = False  # a web server in front serves them
    assert client.get(image.file.url).status_code == 404


@pytest.mark.django_db
def test_a_change_to_the_picture_shows_on_the_cached_article_page(client):
    image = make_image(picture_bytes((900, 600)), caption="صف نان")
    article = make_article(lead_image=image)
    assert "صف نان" in client.get(article.get_absolute_url()).content.decode()
    image.caption = "صف نان در بازار تجریش"
    image.save()
    assert "بازار تجریش" in client.get(article.get_absolute_url()).content.decode()
    image.delete()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "article__figure" not in page and image.file.name not in page


@pytest.mark.django_db
def test_renditions_made_later_reach_the_cached_article_page(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    image = make_image(picture_bytes((900, 600)))
    article = make_article(lead_image=image)
    assert "<source" not in client.get(article.get_absolute_url()).content.decode()
    call_command("make_renditions", verbosity=0)  # as the worker would
    assert "<source" in client.get(article.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_an_editor_moves_the_focal_point_without_uploading_again(admin_client_as_editor):
    image = make_image(picture_bytes((900, 600)))
    change = reverse("admin:articles_image_change", args=[image.pk])
    fields = {"alt": image.alt, "caption": "", "credit": "", "focal_x": "0.2", "focal_y": "0.7"}
    response = admin_client_as_editor.post(change, fields)
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (0.2, 0.7) and image.renditions_current
    assert 'src="/static/newsroom/admin-focal.js"' in admin_client_as_editor.get(change).text


@pytest.mark.django_db
def test_a_transparent_logo_stays_transparent():
    logo = PILImage.new("RGBA", (400, 200), (0, 0, 0, 0))
    logo.paste((200, 30, 40, 255), (100, 50, 300, 150))
    out = io.BytesIO()
    logo.save(out, "PNG")
    image = make_image(out.getvalue(), name="نشان.png")
    image.refresh_from_db()
    with PILImage.open(image.file.path) as stored:
        assert stored.convert("RGBA").getpixel((5, 5))[3] == 0
    webp = image.rendition_files("width", "webp")[-1]
    with PILImage.open(image.file.storage.path(webp["name"])) as rendition:
        assert rendition.convert("RGBA").getpixel((5, 5))[3] == 0


# The focal point in Persian digits


@pytest.mark.django_db
def test_the_focal_point_shows_in_persian_digits(admin_client_as_editor):
    image = make_image(picture_bytes((400, 300)), focal_x=0.25)
    page = admin_client_as_editor.get(reverse("admin:articles_image_change", args=[image.pk]))
    assert 'name="focal_x" value="۰٫۲۵"' in page.text
    assert 'name="focal_y" value="۰٫۵"' in page.text
    assert 'inputmode="decimal"' in page.text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "stored"),
    [("۰٫۲۵", 0.25), ("۰/۷", 0.7), ("٠٫٣", 0.3), ("0.4", 0.4), ("۱", 1.0), (" ۰٫۱ ", 0.1)],
)
def test_the_focal_point_is_typed_in_any_digits(admin_client_as_editor, typed, stored):
    image = make_image(picture_bytes((400, 300)))
    change = reverse("admin:articles_image_change", args=[image.pk])
    fields = {"alt": image.alt, "caption": "", "credit": "", "focal_x": typed, "focal_y": "۰٫۵"}
    assert admin_client_as_editor.post(change, fields).status_code == 302
    image.refresh_from_db()
    assert image.focal_x == stored


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("۱٫۵", "عددی از ۰ تا ۱ بنویسید."),
        ("-۰٫۲", "عددی از ۰ تا ۱ بنویسید."),
        ("نیم", "عددی بنویسید، مانند ۰٫۵."),
        ("", "این فیلد لازم است."),
    ],
)
def test_a_focal_point_out_of_range_is_refused_in_persian(admin_client_as_editor, typed, error):
    image = make_image(picture_bytes((400, 300)))
    change = reverse("admin:articles_image_change", args=[image.pk])
    fields = {"alt": "متن تازه", "caption": "", "credit": "", "focal_x": typed, "focal_y": "۰٫۵"}
    response = admin_client_as_editor.post(change, fields)
    assert response.status_code == 400
    assert error in response.text
    assert 'name="alt"' in response.text and "متن تازه" in response.text  # kept as typed
    image.refresh_from_db()
    assert image.focal_x == 0.5
