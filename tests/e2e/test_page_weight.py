"""What a phone fetches to open a picture story: a lead photo, a «گزارش تصویری» of twelve
and a video, at 390 px on a metered connection. The pictures cost at most a quarter of the
originals' bytes, nothing on the page moves as they arrive, and nobody else is asked for
anything until the reader clicks the video. (`make weigh` prints the same per page type.)"""

import posixpath
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from articles import demo
from articles.management.commands.load_demo import demo_photo
from articles.management.commands.weigh import CLS_SCRIPT
from articles.models import GalleryItem, Image
from tests.e2e.test_embeds import third_party_requests
from tests.factories import make_article, make_image

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.e2e]

PHONE = (390, 844)
PHOTO = (2400, 1600)  # as a desk's camera or a phone sends it, after the library's clean-up


def photo(n: int, **fields) -> Image:
    picture = demo.GALLERY["pictures"][n % len(demo.GALLERY["pictures"])]
    data = demo_photo(picture["sky"], picture["field"], seed=n, size=PHOTO).read()
    fields.setdefault("alt", picture["alt"])
    return make_image(data, name=f"photo-{n}.jpg", credit=picture["credit"], **fields)


def renditions_copied(source: Image, to: Image) -> None:
    """`to` given copies of `source`'s renditions under its own addresses: making thirteen
    pictures' renditions for real would take the test a minute, and the bytes a reader
    fetches are the same."""
    storage = source.file.storage
    files = []
    for made in source.renditions["files"]:
        with storage.open(made["name"]) as rendition:
            name = storage.save(
                f"images/renditions/{to.pk}/{posixpath.basename(made['name'])}",
                ContentFile(rendition.read()),
            )
        files.append({**made, "name": name})
    to.renditions = {"source": to.file.name, "focal": list(to.focal), "files": files}
    Image.objects.filter(pk=to.pk).update(renditions=to.renditions)


@pytest.fixture
def picture_story(settings):
    settings.SERVE_MEDIA = True  # the live server shows the pictures, as `make serve` does
    lead = photo(0, alt="شالیزارهای گیلان در آغاز فصل نشاکاری")  # its renditions made for real
    lead.refresh_from_db()
    assert lead.renditions_current
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    gallery = [photo(n) for n in range(1, 13)]
    for image in gallery:
        renditions_copied(lead, image)
    article = make_article(
        title=demo.GALLERY["article"],
        lead="نشاکاری برنج در شالیزارهای گیلان با حضور هزاران کشاورز آغاز شد.",
        lead_image=lead,
        body=(
            "<p>" + "کشاورزان گیلانی از بامداد امروز کار نشاکاری را آغاز کردند. " * 6 + "</p>"
            '<p><a href="https://www.aparat.com/v/k8Tq2">گزارش ویدیویی نشاکاری</a></p>'
            "<p>" + "کارشناسان جهاد کشاورزی بر آبیاری به‌موقع تأکید کردند. " * 6 + "</p>"
        ),
    )
    for position, image in enumerate(gallery, start=1):
        GalleryItem.objects.create(article=article, image=image, position=position)
    return article, [lead, *gallery]


def test_a_phone_opens_a_picture_story_for_a_quarter_of_its_pictures_bytes(
    new_page, live_server, picture_story
):
    article, pictures = picture_story
    originals = sum(picture.file.size for picture in pictures)
    page = new_page(viewport=PHONE).page
    page.add_init_script(CLS_SCRIPT)
    asked = third_party_requests(page.context, live_server)
    fetched = []
    page.on("requestfinished", lambda request: fetched.append(request))
    page.goto(article.get_absolute_url(), wait_until="load")
    page.wait_for_timeout(500)  # late shifts: the font, pictures decoding

    lead = page.locator(".article__figure img")
    assert page.evaluate("(img) => img.complete && img.naturalWidth > 0", lead.element_handle())
    assert page.locator(".gallery figure").count() == 12
    pictures_fetched = [request for request in fetched if request.resource_type == "image"]
    fetched_bytes = sum(request.sizes()["responseBodySize"] for request in pictures_fetched)
    assert 0 < fetched_bytes <= 0.25 * originals, (fetched_bytes, originals)
    assert not any(urlsplit(r.url).path.endswith(".jpg") for r in pictures_fetched)
    assert page.evaluate("window.__cls") <= 0.02
    assert asked == []  # the video's provider included, until it is asked for

    page.locator(".embed__facade").click()
    expect(page.locator("iframe.embed__frame")).to_have_count(1)
    page.wait_for_timeout(300)
    assert [urlsplit(url).netloc for url in asked] == ["www.aparat.com"]
