"""CKEditor's image upload and server browser, over the image library: CSRF kept, writers
only, images only (checked and cleaned as every library upload), a reporter's own pictures
and an editor's everyone's; and the body's library pictures shown as <picture>."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from articles.images.models import Image as LibraryImage
from articles.models import Article
from tests.articles.test_images import GPS_IFD, bomb, phone_photo
from tests.factories import make_article, make_image, make_user

UPLOAD = "/ckeditor/upload/"
BROWSE = "/ckeditor/browse/"
ADD = reverse("admin:articles_article_add")


def picture(name: str = "عکس خبر.png", image_format: str = "PNG", size=(40, 30)):
    data = io.BytesIO()
    Image.new("RGB", size, (200, 30, 40)).save(data, image_format)
    return SimpleUploadedFile(name, data.getvalue(), content_type=f"image/{image_format.lower()}")


def strict_client(user=None) -> tuple[Client, str]:
    """A client that checks CSRF as browsers meet it, and the token its admin pages carry."""
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    client.get(reverse("admin:index") if user else reverse("admin:login"))
    return client, client.cookies["csrftoken"].value


def upload(client, token, file, **fields) -> object:
    return client.post(UPLOAD, {"upload": file, **fields}, headers={"X-CSRFToken": token})


@pytest.mark.django_db
def test_an_upload_without_the_csrf_token_is_refused(reporter, settings):
    client, _ = strict_client(reporter)
    response = client.post(UPLOAD, {"upload": picture()})
    assert response.status_code == 403
    assert not (settings.MEDIA_ROOT / "uploads").exists()


@pytest.mark.django_db
def test_an_upload_goes_into_the_library_and_is_answered_as_ckeditor_expects(reporter):
    client, token = strict_client(reporter)
    response = client.post(
        UPLOAD, {"upload": picture(), "alt": "کتابخانه سیار"}, headers={"X-CSRFToken": token}
    )
    assert response.status_code == 200
    answer = response.json()
    image = LibraryImage.objects.get()
    assert answer == {
        "uploaded": 1,
        "fileName": image.file.name.rsplit("/", 1)[-1],
        "url": image.file.url,
        "image": image.pk,
        "alt": "کتابخانه سیار",
    }
    assert (image.alt, image.uploaded_by, image.alt_from_file_name) == (
        "کتابخانه سیار",
        reporter,
        False,
    )
    assert image.file.url.startswith("/media/images/")
    assert Image.open(image.file.path).size == (40, 30)
    assert image.renditions_current  # made by the background task, as for any library upload


@pytest.mark.django_db
def test_an_upload_without_alt_text_takes_its_file_name_and_is_marked(reporter, admin_client):
    client, token = strict_client(reporter)
    answer = upload(client, token, picture("کتابخانه_سیار-روستا.png")).json()
    image = LibraryImage.objects.get(pk=answer["image"])
    assert image.alt == "کتابخانه سیار روستا"
    assert image.alt_from_file_name
    assert answer["alt"] == ""  # the dialog's alt box is left for the writer
    # The library lists it among those whose alt text is still to be written.
    listed = admin_client.get(
        reverse("admin:articles_image_changelist"), {"alt_from_file_name__exact": "1"}
    ).text
    assert "کتابخانه سیار روستا" in listed


@pytest.mark.django_db
def test_writing_the_alt_text_in_the_library_clears_the_mark(reporter, editor):
    client, token = strict_client(reporter)
    image = LibraryImage.objects.get(pk=upload(client, token, picture("x1.png")).json()["image"])
    library = Client()
    library.force_login(editor)
    change = reverse("admin:articles_image_change", args=[image.pk])
    fields = {"alt": "دانش‌آموزان در کتابخانه", "caption": "", "credit": ""}
    response = library.post(change, {**fields, "focal_x": "0.5", "focal_y": "0.5"})
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.alt, image.alt_from_file_name) == ("دانش‌آموزان در کتابخانه", False)


@pytest.mark.django_db
def test_the_upload_strips_where_a_phone_photo_was_taken(reporter):
    client, token = strict_client(reporter)
    photo = SimpleUploadedFile("phone.jpg", phone_photo(), content_type="image/jpeg")
    image = LibraryImage.objects.get(pk=upload(client, token, photo).json()["image"])
    with Image.open(image.file.path) as stored:
        assert GPS_IFD not in stored.getexif().get_ifd(GPS_IFD) and not stored.getexif()
        assert stored.size == (40, 60)  # turned upright


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("Reporters", 200),
        ("Editors", 200),
        ("superuser", 200),
        ("Moderators", 403),
        ("Analysts", 403),
        (None, 403),
    ],
)
def test_only_writers_may_upload(role, status):
    client, token = strict_client(make_user(role) if role else None)
    assert upload(client, token, picture()).status_code == status
    assert LibraryImage.objects.count() == (1 if status == 200 else 0)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "file",
    [
        SimpleUploadedFile("notes.jpg", "این یک نوشته است".encode(), content_type="image/jpeg"),
        SimpleUploadedFile("x.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'),
        picture("page.html"),  # a real PNG that a browser would be told is a page
        picture("photo.gif"),  # a PNG calling itself a GIF
        SimpleUploadedFile("empty.png", b""),
        SimpleUploadedFile("bomb.png", bomb(), content_type="image/png"),
    ],
    ids=["text", "svg", "png-as-html", "png-as-gif", "empty", "decompression-bomb"],
)
def test_what_is_not_an_image_is_refused_in_persian(reporter, settings, file):
    client, token = strict_client(reporter)
    response = upload(client, token, file)
    assert response.status_code == 400
    message = response.json()["error"]["message"]
    assert "تصویر" in message or "پرونده" in message
    assert response.json()["uploaded"] == 0
    assert not LibraryImage.objects.exists()
    assert not (settings.MEDIA_ROOT / "images").exists()


@pytest.mark.django_db
def test_an_oversize_image_is_refused_saying_the_limit(reporter, settings):
    settings.IMAGE_MAX_BYTES = 2 * 1024 * 1024
    client, token = strict_client(reporter)
    big = SimpleUploadedFile("big.jpg", b"\xff" * (3 * 1024 * 1024 + 200 * 1024))
    response = upload(client, token, big)
    assert response.status_code == 400
    message = response.json()["error"]["message"]
    assert message == "حجم این پرونده بیش از اندازه است؛ حداکثر ۲ مگابایت."


@pytest.mark.django_db
def test_an_upload_without_a_file_or_by_get_is_a_clean_4xx(reporter):
    client, token = strict_client(reporter)
    empty = client.post(UPLOAD, {}, headers={"X-CSRFToken": token})
    assert empty.status_code == 400
    assert empty.json()["error"]["message"] == "تصویری بفرستید."
    assert client.get(UPLOAD).status_code == 405


@pytest.mark.django_db
def test_the_server_browser_shows_a_reporter_their_own_library_pictures_only():
    mine, theirs = make_user("Reporters"), make_user("Reporters")
    make_image(alt="پل طبیعت در شب", uploaded_by=mine)
    make_image(alt="بازار تجریش", uploaded_by=theirs)
    client, token = strict_client(mine)
    page = client.get(BROWSE, {"CKEditor": "id_body", "CKEditorFuncNum": "1"})
    assert page.status_code == 200
    assert "پل طبیعت در شب" in page.text
    assert "بازار تجریش" not in page.text
    # Its search box posts with the token, as every form here does.
    assert client.post(BROWSE, {"q": "پل"}).status_code == 403
    found = client.post(BROWSE, {"q": "پل"}, headers={"X-CSRFToken": token})
    assert found.status_code == 200 and "پل طبیعت در شب" in found.text


@pytest.mark.django_db
def test_the_server_browser_shows_an_editor_everyones_pictures_and_finds_them(editor):
    make_image(alt="پل طبیعت در شب", uploaded_by=make_user("Reporters"))
    make_image(alt="بازار تجریش", caption="شب یلدا", credit="مریم احمدی")
    client, token = strict_client(editor)
    page = client.get(BROWSE).text
    assert "پل طبیعت در شب" in page and "بازار تجریش" in page
    # By alt text, caption or credit, Arabic letters typed or not.
    found = client.post(BROWSE, {"q": "احمدي"}, headers={"X-CSRFToken": token}).text
    assert "بازار تجریش" in found and "پل طبیعت در شب" not in found


@pytest.mark.django_db
def test_the_server_browser_hands_the_dialog_the_address_and_alt_text(editor):
    image = make_image(alt="پل طبیعت در شب")
    guessed = make_image(alt="IMG 2034", alt_from_file_name=True)
    client, _ = strict_client(editor)
    page = client.get(BROWSE).text
    assert f'data-src="{image.file.url}" data-alt="پل طبیعت در شب"' in page
    # A name taken from the file is not offered as alt text.
    assert f'data-src="{guessed.file.url}" data-alt=""' in page


@pytest.mark.django_db
def test_the_server_browser_costs_the_same_queries_for_one_or_many_pictures(
    editor, django_assert_max_num_queries
):
    client, _ = strict_client(editor)
    make_image()
    with django_assert_max_num_queries(8) as one:
        client.get(BROWSE)
    for n in range(5):
        make_image(alt=f"تصویر {n}")
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(BROWSE)


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "status"), [("Moderators", 403), ("Analysts", 403)])
def test_the_server_browser_is_for_writers_only(role, status):
    client, _ = strict_client(make_user(role))
    assert client.get(BROWSE).status_code == status


@pytest.mark.django_db
def test_a_picture_put_into_the_body_is_marked_as_the_librarys(reporter, section):
    writer, token = strict_client(reporter)
    answer = upload(writer, token, picture(), alt="کتابخانه سیار").json()
    figure = (
        f'<figure class="image"><img alt="کتابخانه سیار" height="30" src="{answer["url"]}"'
        ' width="40"><figcaption>کتابخانه سیار در روستا</figcaption></figure>'
    )
    article = make_article(section=section, body=f"<p>متن</p>{figure}")
    assert f'<img data-image="{answer["image"]}" alt="کتابخانه سیار"' in article.body


@pytest.mark.django_db
def test_an_uploaded_image_shows_to_readers_as_a_lazy_picture_with_its_caption_and_credit(
    client, reporter, section
):
    writer, token = strict_client(reporter)
    answer = upload(writer, token, picture(size=(1400, 900)), alt="کتابخانه سیار").json()
    LibraryImage.objects.filter(pk=answer["image"]).update(credit="مریم احمدی")
    figure = (
        f'<figure class="image"><img alt="کتابخانه سیار در روستا" height="30" '
        f'src="{answer["url"]}" width="40"><figcaption>کتابخانه سیار</figcaption></figure>'
    )
    article = make_article(section=section, body=f"<p>متن</p>{figure}")
    page = client.get(article.get_absolute_url()).text
    body = page.split('class="article__body">')[1].split("</div>")[0]
    image = LibraryImage.objects.get(pk=answer["image"])
    assert '<figure class="article__figure"><picture>' in body
    assert f'srcset="{image.srcset("width", "webp")}"' in body
    assert 'sizes="(min-width: 48rem) 38rem, calc(100vw - 4rem)"' in body
    assert (
        f'<img src="{image.file.url}" alt="کتابخانه سیار در روستا" width="1400" height="900"'
        ' loading="lazy" decoding="async">'
    ) in body
    assert (
        '<figcaption>کتابخانه سیار <span class="article__credit">عکس: مریم احمدی</span>'
        "</figcaption>"
    ) in body
    assert "fetchpriority" not in body


@pytest.mark.django_db
def test_a_picture_uploaded_before_the_library_stays_a_plain_img(client, section, settings):
    old = "/media/uploads/by-user/3/2026/11/19/kermanshah.jpg"
    figure = f'<figure><img alt="کرمانشاه" src="{old}"><figcaption>شهر</figcaption></figure>'
    article = make_article(section=section, body=f"<p>متن</p>{figure}")
    page = client.get(article.get_absolute_url()).text
    assert figure in page
    assert "data-image" not in article.body


@pytest.mark.django_db
def test_a_library_picture_deleted_since_stays_a_plain_img(client, section):
    image = make_image(alt="پل طبیعت")
    article = make_article(section=section, body=f'<p><img alt="پل" src="{image.file.url}"></p>')
    url = image.file.url
    image.delete()
    page = client.get(article.get_absolute_url()).text
    assert f'alt="پل" src="{url}">' in page and "<picture>" not in page.split("article__body")[1]


@pytest.mark.django_db
def test_an_article_page_reads_its_body_pictures_in_one_query(client, section):
    def page_queries(pictures: int) -> int:
        images = [make_image(alt=f"عکس {n}") for n in range(pictures)]
        body = "".join(f'<p><img alt="" src="{image.file.url}"></p>' for image in images)
        article = make_article(section=section, body=f"<p>متن</p>{body}")
        with CaptureQueriesContext(connection) as queries:
            page = client.get(article.get_absolute_url()).text
        assert page.count("<picture>") == pictures
        return len(queries.captured_queries)

    one = page_queries(1)
    assert page_queries(6) <= one


def test_the_editor_sends_the_token_and_shows_the_site_font(admin_client):
    page = admin_client.get(ADD).text
    resources = json.loads(
        page.split('data-external-plugin-resources="')[1].split('"')[0].replace("&quot;", '"')
    )
    assert resources == [["newsroom", "/static/newsroom/ckeditor/newsroom/plugin.js", ""]]
    assert "/static/newsroom/editor.css" in page
    plugin = admin_client.get(resources[0][1])
    assert "X-CSRFToken" in b"".join(plugin.streaming_content).decode()


@pytest.mark.django_db
def test_an_upload_costs_a_few_queries(reporter, django_assert_max_num_queries):
    client, token = strict_client(reporter)
    # The session, the user and their rights; the picture; its renditions, which the tests
    # make as the task is enqueued (a worker makes them in production), and the articles
    # that show it touched.
    with django_assert_max_num_queries(11):
        assert upload(client, token, picture()).status_code == 200


@pytest.mark.django_db
def test_a_change_to_a_body_picture_rebuilds_the_pages_that_show_it(section):
    image = make_image()
    showing = make_article(section=section, body=f'<p><img alt="" src="{image.file.url}"></p>')
    other = make_article(section=section, body='<p><img alt="" src="/media/elsewhere.jpg"></p>')
    before = {a.pk: a.updated_at for a in Article.objects.all()}
    image.caption = "زیرنویس تازه"
    image.save()
    after = {a.pk: a.updated_at for a in Article.objects.all()}
    assert after[showing.pk] > before[showing.pk]
    assert after[other.pk] == before[other.pk]


@pytest.mark.django_db
def test_words_that_look_like_a_library_mark_show_no_picture(client, section):
    image = make_image(alt="پل طبیعت")
    article = make_article(
        section=section,
        body=(
            f'<p>data-image="{image.pk}" &lt;img data-image="{image.pk}" src=x&gt;</p>'
            f'<p><img alt=\'x" data-image="{image.pk}\' src="/media/elsewhere.jpg"></p>'
        ),
    )
    body = client.get(article.get_absolute_url()).text.split('class="article__body">')[1]
    assert "<picture" not in body.split("</div>")[0]
