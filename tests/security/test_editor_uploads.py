"""CKEditor's image upload and server browser (the image library): who sees whose images."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from articles.images.models import Image as LibraryImage
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def png(name: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def upload(user, name: str) -> str:
    response = logged_in(user).post("/ckeditor/upload/", {"upload": png(name)})
    assert response.status_code == 200, response.content
    return response.json()["url"]


@pytest.fixture
def uploads(db):
    """Two reporters and an editor, each with an image of their own."""
    people = {
        "first": make_user("Reporters"),
        "second": make_user("Reporters"),
        "editor": make_user("Editors"),
    }
    for who, user in people.items():
        upload(user, f"embargoed-{who}.png")
    return people


def browse(user) -> str:
    response = logged_in(user).get("/ckeditor/browse/")
    assert response.status_code == 200
    return response.text


def test_a_reporter_sees_only_their_own_uploads(uploads):
    page = browse(uploads["first"])
    assert "embargoed-first.png" in page
    assert "embargoed-second.png" not in page
    assert "embargoed-editor.png" not in page


def test_a_new_reporter_sees_nothing(uploads):
    page = browse(make_user("Reporters"))
    assert "embargoed-" not in page


@pytest.mark.parametrize("role", ["Editors", "superuser"])
def test_editors_see_every_upload_to_reuse_a_photo(uploads, role):
    page = browse(make_user(role))
    for who in ("first", "second", "editor"):
        assert f"embargoed-{who}.png" in page


def test_a_reporter_s_search_stays_within_their_own_uploads(uploads):
    response = logged_in(uploads["first"]).post("/ckeditor/browse/", {"q": "embargoed"})
    assert response.status_code == 200
    assert "embargoed-first.png" in response.text
    assert "embargoed-second.png" not in response.text


@pytest.mark.parametrize("role", [None, "Moderators", "Analysts"])
def test_the_browser_is_for_writers_only(uploads, role):
    client = logged_in(make_user(role)) if role else Client()
    response = client.get("/ckeditor/browse/")
    assert response.status_code in (302, 403)
    assert "embargoed-" not in response.text


def test_an_upload_is_kept_as_its_uploader_s(uploads):
    url = upload(uploads["first"], "photo.png")
    assert (
        LibraryImage.objects.get(file=url.removeprefix("/media/")).uploaded_by == uploads["first"]
    )
