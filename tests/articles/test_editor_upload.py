"""CKEditor's image upload and server browser: CSRF kept, writers only, images only."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from tests.factories import make_article, make_user

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


def upload(client, token, file) -> object:
    return client.post(UPLOAD, {"upload": file}, headers={"X-CSRFToken": token})


@pytest.mark.django_db
def test_an_upload_without_the_csrf_token_is_refused(reporter, settings):
    client, _ = strict_client(reporter)
    response = client.post(UPLOAD, {"upload": picture()})
    assert response.status_code == 403
    assert not (settings.MEDIA_ROOT / "uploads").exists()


@pytest.mark.django_db
def test_an_upload_with_the_token_is_stored_and_answered_as_ckeditor_expects(reporter, settings):
    client, token = strict_client(reporter)
    response = upload(client, token, picture())
    assert response.status_code == 200
    answer = response.json()
    assert answer["uploaded"] == "1"
    assert answer["url"].startswith(f"/media/uploads/by-user/{reporter.pk}/")
    stored = settings.MEDIA_ROOT / answer["url"].removeprefix("/media/")
    assert Image.open(stored).size == (40, 30)


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


@pytest.mark.django_db
@pytest.mark.parametrize(
    "file",
    [
        SimpleUploadedFile("notes.jpg", "این یک نوشته است".encode(), content_type="image/jpeg"),
        SimpleUploadedFile("x.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'),
        picture("page.html"),  # a real PNG that a browser would be told is a page
        picture("photo.gif"),  # a PNG calling itself a GIF
        SimpleUploadedFile("empty.png", b""),
    ],
    ids=["text", "svg", "png-as-html", "png-as-gif", "empty"],
)
def test_what_is_not_an_image_is_refused_in_persian(reporter, settings, file):
    client, token = strict_client(reporter)
    response = upload(client, token, file)
    assert response.status_code == 400
    message = response.json()["error"]["message"]
    assert "تصویر" in message or "پرونده" in message
    assert response.json()["uploaded"] == 0
    assert not (settings.MEDIA_ROOT / "uploads").exists()


@pytest.mark.django_db
def test_an_oversize_image_is_refused_saying_the_limit(reporter, settings):
    settings.CKEDITOR_UPLOAD_MAX_BYTES = 2 * 1024 * 1024
    client, token = strict_client(reporter)
    big = SimpleUploadedFile("big.jpg", b"\xff" * (3 * 1024 * 1024 + 200 * 1024))
    response = upload(client, token, big)
    assert response.status_code == 400
    assert response.json()["error"]["message"] == (
        "حجم این تصویر ۳٫۲ مگابایت است و بیشترین حجم مجاز ۲ مگابایت؛ "
        "تصویر را کوچک‌تر کنید و دوباره بفرستید."
    )


@pytest.mark.django_db
def test_an_upload_without_a_file_or_by_get_is_a_clean_4xx(reporter):
    client, token = strict_client(reporter)
    empty = client.post(UPLOAD, {}, headers={"X-CSRFToken": token})
    assert empty.status_code == 400
    assert empty.json()["error"]["message"] == "تصویری فرستاده نشد."
    assert client.get(UPLOAD).status_code == 405


@pytest.mark.django_db
def test_the_server_browser_shows_a_reporter_their_own_uploads_only(settings):
    mine, theirs = make_user("Reporters"), make_user("Reporters")
    client, token = strict_client(mine)
    my_url = upload(client, token, picture("mine.png")).json()["url"]
    other, other_token = strict_client(theirs)
    their_url = upload(other, other_token, picture("theirs.png")).json()["url"]
    page = client.get(BROWSE, {"CKEditor": "id_body", "CKEditorFuncNum": "1"})
    assert page.status_code == 200
    assert my_url in page.text
    assert their_url not in page.text
    # Its search box posts with the token, as every form here does.
    assert client.post(BROWSE, {"q": "mine"}).status_code == 403
    assert client.post(BROWSE, {"q": "mine"}, headers={"X-CSRFToken": token}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "status"), [("Moderators", 403), ("Analysts", 403)])
def test_the_server_browser_is_for_writers_only(role, status):
    client, _ = strict_client(make_user(role))
    assert client.get(BROWSE).status_code == status


@pytest.mark.django_db
def test_an_uploaded_image_survives_sanitising_and_shows_to_readers(client, reporter, section):
    writer, token = strict_client(reporter)
    url = upload(writer, token, picture()).json()["url"]
    figure = (
        f'<figure class="image"><img alt="کتابخانه سیار" height="30" src="{url}" width="40">'
        "<figcaption>کتابخانه سیار در روستا</figcaption></figure>"
    )
    article = make_article(section=section, body=f"<p>متن</p>{figure}")
    page = client.get(article.get_absolute_url()).text
    assert f'<img alt="کتابخانه سیار" height="30" src="{url}" width="40">' in page
    assert "<figcaption>کتابخانه سیار در روستا</figcaption>" in page


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
    with django_assert_max_num_queries(6):
        assert upload(client, token, picture()).status_code == 200
