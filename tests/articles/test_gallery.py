"""«گزارش تصویری»: an article's ordered pictures from the library — edited in the change
form by whoever may edit the article, shown to readers without JavaScript, found by search
engines (sitemap, JSON-LD), and refreshed on the cached page as soon as it changes."""

import json
import re

import pytest
from django.urls import reverse

from articles.models import Article, GalleryItem
from newsroom.persian.text import to_persian_digits
from tests.factories import article_change_form, make_article, make_image, picture_bytes

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def gallery_of(article, count: int, size=(480, 320)) -> list[GalleryItem]:
    """`count` library pictures (small: renditions are made as they are uploaded) in
    `article`'s gallery, numbered in their captions."""
    return [
        GalleryItem.objects.create(
            article=article,
            image=make_image(
                picture_bytes(size), alt=f"عکس {n}", caption=f"زیرنویس {n}", credit="مریم احمدی"
            ),
            position=n,
        )
        for n in range(1, count + 1)
    ]


def gallery_section(page: str) -> str:
    start = page.index('<section class="gallery"')
    return page[start : page.index("</section>", start)]


# The reader's page


def test_the_gallery_reads_without_javascript(client):
    article = make_article()
    gallery_of(article, 12)
    page = client.get(article.get_absolute_url()).content.decode()
    section = gallery_section(page)
    assert "<h2" in section and "گزارش تصویری" in section
    assert section.count("<figure") == 12 and section.count("<figcaption>") == 12
    assert "۱ از ۱۲" in section and "۱۲ از ۱۲" in section and "3 از 12" not in section
    assert section.count('loading="lazy"') == 12 and "fetchpriority" not in section
    assert section.count('width="480" height="320"') == 12
    assert 'srcset="' in section and " 320w" in section
    assert "زیرنویس ۳" not in section and "زیرنویس 3" in section  # captions as typed
    assert section.count("عکس: مریم احمدی") == 12
    # In the order the editor set.
    assert [int(n) for n in re.findall(r'alt="عکس (\d+)"', section)] == list(range(1, 13))


def test_the_gallery_comes_after_the_body_and_not_before_the_lead_picture(client):
    article = make_article(lead_image=make_image(picture_bytes((640, 480)), alt="تصویر اصلی"))
    gallery_of(article, 2)
    page = client.get(article.get_absolute_url()).content.decode()
    assert page.index('alt="تصویر اصلی"') < page.index("article__body") < page.index("gallery")


def test_an_article_without_a_gallery_shows_none(client):
    article = make_article()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "گزارش تصویری" not in page and "associatedMedia" not in page


def test_a_gallery_caption_of_its_own_stands_in_for_the_librarys(client):
    article = make_article()
    (item,) = gallery_of(article, 1)
    item.caption = "معترضان روز سه‌شنبه مقابل ساختمان"
    item.save()
    section = gallery_section(client.get(article.get_absolute_url()).content.decode())
    assert "معترضان روز سه‌شنبه" in section and "زیرنویس 1" not in section


def test_the_page_costs_the_same_queries_for_one_picture_and_twelve(
    client, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 0
    one, twelve = make_article(), make_article()
    gallery_of(one, 1)
    gallery_of(twelve, 12)
    client.get(one.get_absolute_url())  # warm what every page reads once a process
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(one.get_absolute_url())
    budget = len(queries)
    with django_assert_max_num_queries(budget):
        response = client.get(twelve.get_absolute_url())
    assert response.content.decode().count("<figure") >= 12


# Search engines


def test_json_ld_lists_the_gallery_as_associated_media(client):
    article = make_article()
    gallery_of(article, 3)
    page = client.get(article.get_absolute_url()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    news = next(json.loads(b) for b in blocks if '"NewsArticle"' in b)
    media = news["associatedMedia"]
    assert [m["caption"] for m in media] == ["زیرنویس 1", "زیرنویس 2", "زیرنویس 3"]
    assert all(m["@type"] == "ImageObject" and m["creditText"] == "مریم احمدی" for m in media)
    assert all(m["contentUrl"].startswith("http://testserver/") for m in media)
    assert media[0]["width"] == 480 and media[0]["contentUrl"].endswith(".webp")


def test_a_caption_cannot_close_the_json_ld_script(client):
    article = make_article()
    (item,) = gallery_of(article, 1)
    item.caption = "</script><script>alert(1)</script>"
    item.save()
    page = client.get(article.get_absolute_url()).content.decode()
    head = page[: page.index("</head>")]
    assert "<script>alert(1)" not in head and "\\u003C/script\\u003E" in head


def test_the_sitemap_names_the_lead_picture_and_the_gallerys(client, django_assert_max_num_queries):
    lead = make_image(picture_bytes((640, 480)), alt="تصویر اصلی")
    article = make_article(lead_image=lead)
    items = gallery_of(article, 3)
    others = [make_article() for _ in range(3)]
    for other in others:
        gallery_of(other, 2)
    make_article(status=Article.Status.DRAFT, lead_image=make_image(picture_bytes((320, 240))))
    with django_assert_max_num_queries(4):
        response = client.get("/sitemap-articles.xml")
    xml = response.content.decode()
    assert 'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"' in xml
    entry = xml[xml.index(article.get_absolute_url()) :]
    entry = entry[: entry.index("</url>")]
    locs = re.findall(r"<image:loc>(.*?)</image:loc>", entry)
    assert len(locs) == 4
    lead.refresh_from_db()  # its renditions were made after it was saved
    for item in items:
        item.image.refresh_from_db()
    assert all(loc.endswith(".webp") for loc in locs)
    assert locs[0] == "http://testserver" + lead.largest()["url"]
    assert locs[1:] == ["http://testserver" + item.image.largest()["url"] for item in items]
    assert xml.count("<image:image>") == 4 + 3 * 2  # the draft's picture is not there


# The revision and the cached page


def test_a_change_to_the_gallery_shows_on_the_cached_page_at_once(client):
    article = make_article()
    first, second = gallery_of(article, 2)
    assert "۲ از ۲" in client.get(article.get_absolute_url()).content.decode()
    GalleryItem.objects.create(article=article, image=make_image(picture_bytes((400, 300))))
    assert "۳ از ۳" in client.get(article.get_absolute_url()).content.decode()
    second.delete()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "۲ از ۲" in page and 'alt="عکس 2"' not in page
    first.image.caption = "زیرنویس تازه"
    first.image.save()
    assert "زیرنویس تازه" in client.get(article.get_absolute_url()).content.decode()
    first.image.delete()  # gone from the library: gone from the gallery
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'alt="عکس 1"' not in page and "۱ از ۱" in page


def test_bulk_changes_to_galleries_reach_the_cached_page(client):
    article = make_article()
    gallery_of(article, 2)
    assert "زیرنویس 1" in client.get(article.get_absolute_url()).content.decode()
    GalleryItem.objects.filter(article=article).update(caption="زیرنویس گروهی")
    assert "زیرنویس گروهی" in client.get(article.get_absolute_url()).content.decode()


# The change form


def article_form(article, **overrides) -> dict:
    """The change form as a browser posts it, the gallery's management form included."""
    gallery = {
        "gallery_items-TOTAL_FORMS": "0",
        "gallery_items-INITIAL_FORMS": "0",
        "gallery_items-MIN_NUM_FORMS": "0",
        "gallery_items-MAX_NUM_FORMS": "1000",
    }
    return article_change_form(article, **{**gallery, **overrides})


def rows(*pictures, existing=()) -> dict:
    """Inline rows: `existing` (item, position) first, then new (image, position)."""
    data = {}
    all_rows = [(item.pk, item.image_id, position) for item, position in existing]
    all_rows += [("", image.pk, position) for image, position in pictures]
    for n, (pk, image_id, position) in enumerate(all_rows):
        data[f"gallery_items-{n}-id"] = pk
        data[f"gallery_items-{n}-image"] = image_id
        data[f"gallery_items-{n}-position"] = position
        data[f"gallery_items-{n}-caption"] = ""
    data["gallery_items-TOTAL_FORMS"] = str(len(all_rows))
    data["gallery_items-INITIAL_FORMS"] = str(len(existing))
    return data


def library(count: int):
    return [make_image(picture_bytes((400, 300)), alt=f"عکس کتابخانه {n}") for n in range(count)]


@pytest.mark.parametrize("role", ["editor", "reporter"])
def test_editors_and_reporters_add_a_gallery_in_the_change_form(client, role, request):
    user = request.getfixturevalue(role)
    article = make_article(author=user, status=Article.Status.DRAFT)
    first, second = library(2)
    client.force_login(user)
    page = client.get(change_url(article)).content.decode()
    assert "گزارش تصویری" in page and 'aria-label="ترتیب، تصویر ۱ گزارش"' in page
    response = client.post(
        change_url(article), article_form(article, **rows((second, 2), (first, 1)))
    )
    assert response.status_code == 302
    saved = list(article.gallery_items.for_page().values_list("image_id", flat=True))
    assert saved == [first.pk, second.pk]


def test_a_reporter_cannot_touch_the_gallery_of_an_article_not_theirs(client, reporter):
    article = make_article(status=Article.Status.DRAFT)  # another reporter's
    (picture,) = library(1)
    client.force_login(reporter)
    response = client.post(change_url(article), article_form(article, **rows((picture, 1))))
    assert response.status_code in (302, 403, 404)
    assert not GalleryItem.objects.exists()


def test_a_reporter_sees_a_submitted_articles_gallery_but_cannot_change_it(client, reporter):
    article = make_article(author=reporter, status=Article.Status.REVIEW)
    (item,) = gallery_of(article, 1)
    client.force_login(reporter)
    page = client.get(change_url(article)).content.decode()
    assert "زیرنویس 1" not in page or 'name="gallery_items-0-caption"' not in page
    assert 'name="gallery_items-0-image"' not in page
    client.post(
        change_url(article),
        article_form(article, **rows(existing=[(item, 1)]), **{"gallery_items-0-DELETE": "on"}),
    )
    assert GalleryItem.objects.filter(pk=item.pk).exists()


def test_an_editor_reorders_and_removes_pictures_and_the_page_follows(client, editor):
    article = make_article()
    items = gallery_of(article, 3)
    client.force_login(editor)
    assert "عکس 1" in client.get(article.get_absolute_url()).content.decode()
    data = article_form(article, **rows(existing=[(items[0], 3), (items[1], 2), (items[2], 1)]))
    data["gallery_items-1-DELETE"] = "on"
    response = client.post(change_url(article), data)
    assert response.status_code == 302
    client.logout()
    section = gallery_section(client.get(article.get_absolute_url()).content.decode())
    assert re.findall(r'alt="(عکس \d)"', section) == ["عکس 3", "عکس 1"]
    assert "۲ از ۲" in section


def test_the_revision_of_a_save_keeps_the_gallery_it_had(client, editor):
    article = make_article(author=editor, status=Article.Status.DRAFT)
    first, second = library(2)
    client.force_login(editor)
    client.post(change_url(article), article_form(article, **rows((first, 1), (second, 2))))
    article.refresh_from_db()
    revision = article.history.order_by("-history_id").first()
    assert revision.version == article.version
    kept = revision.gallery.order_by("position").values_list("image_id", flat=True)
    assert list(kept) == [first.pk, second.pk]
    assert article.history.filter(version=article.version).count() == 1  # one revision


def test_a_post_without_the_gallery_leaves_it_as_it_is(client, editor):
    article = make_article(author=editor, status=Article.Status.DRAFT)
    gallery_of(article, 2)
    client.force_login(editor)
    data = {k: v for k, v in article_form(article, title="تیتر تازه").items()}
    data = {k: v for k, v in data.items() if not k.startswith("gallery_items-")}
    assert client.post(change_url(article), data).status_code == 302
    assert article.gallery_items.count() == 2
    article.refresh_from_db()
    assert article.title == "تیتر تازه"


def test_compare_and_restore_cover_the_gallery(client, editor):
    article = make_article(author=editor, status=Article.Status.DRAFT)
    first, second = library(2)
    client.force_login(editor)
    client.post(change_url(article), article_form(article, **rows((first, 1), (second, 2))))
    with_two = Article.objects.get(pk=article.pk).version
    item = article.gallery_items.get(image=second)
    client.post(
        change_url(article),
        article_form(
            article,
            **rows(existing=[(article.gallery_items.get(image=first), 1), (item, 2)]),
            **{"gallery_items-1-DELETE": "on"},
        ),
    )
    with_one = Article.objects.get(pk=article.pk).version
    compare = reverse("admin:articles_article_compare", args=[article.pk])
    page = client.get(compare, {"a": with_two, "b": with_one}).text
    assert "<h2>گزارش تصویری</h2>" in page and "عکس کتابخانه 1</del>" in page
    client.post(reverse("admin:articles_article_restore", args=[article.pk, with_two]))
    restored = article.gallery_items.for_page().values_list("image_id", flat=True)
    assert list(restored) == [first.pk, second.pk]
    assert article.history.order_by("-history_id").first().gallery.count() == 2


# The demo


@pytest.mark.usefixtures("renditions_later")
def test_the_demo_has_an_article_with_a_gallery_of_twelve(client, settings):
    import io

    from django.core.management import call_command

    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())  # twice: nothing more
    (article,) = Article.objects.filter(gallery_items__isnull=False).distinct()
    items = list(article.gallery_items.for_page())
    assert len(items) == 12 and GalleryItem.objects.count() == 12
    assert all(item.image.alt and item.image.caption and item.image.credit for item in items)
    assert len({item.image.file.size for item in items}) == 12  # twelve different pictures
    section = gallery_section(client.get(article.get_absolute_url()).content.decode())
    assert section.count("<figure") == 12 and "۱۲ از ۱۲" in section and "عکس: " in section


def test_a_new_article_is_written_with_its_gallery(client, reporter, section):
    first, second = library(2)
    client.force_login(reporter)
    data = {
        "title": "بارش برف در همدان",
        "lead": "نخستین برف پاییزی همدان را سفیدپوش کرد.",
        "body": "<p>متن خبر</p>",
        "section": section.pk,
        "status": "draft",
        "comments_open": "on",
        "gallery_items-MIN_NUM_FORMS": "0",
        "gallery_items-MAX_NUM_FORMS": "1000",
        **rows((first, 1), (second, 2)),
    }
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302
    article = Article.objects.get()
    assert list(article.gallery_items.for_page().values_list("image_id", flat=True)) == [
        first.pk,
        second.pk,
    ]
    assert article.history.get().gallery.count() == 2  # in its first revision


def test_a_picture_twice_or_one_not_in_the_library_is_refused_in_persian(client, editor):
    article = make_article(author=editor, status=Article.Status.DRAFT)
    (picture,) = library(1)
    client.force_login(editor)
    twice = client.post(
        change_url(article), article_form(article, **rows((picture, 1), (picture, 2)))
    )
    assert twice.status_code == 200 and "دو بار در گزارش تصویری آمده است" in twice.text
    data = article_form(article, **rows((picture, 1)))
    data["gallery_items-0-image"] = "999999"
    missing = client.post(change_url(article), data)
    assert missing.status_code == 200 and 'value="۹۹۹۹۹۹"' in missing.text  # as typed, in Persian
    assert "errorlist" in missing.text and "Select a valid" not in missing.text
    assert not GalleryItem.objects.exists()


def test_a_picture_given_no_place_goes_after_the_others(client, editor):
    article = make_article(author=editor, status=Article.Status.DRAFT)
    gallery_of(article, 2)
    (added,) = library(1)
    client.force_login(editor)
    data = article_form(article, **rows((added, 0)))  # a new row, its place left at 0
    data.update(
        {
            "gallery_items-0-id": "",
            "gallery_items-TOTAL_FORMS": "1",
            "gallery_items-INITIAL_FORMS": "0",
        }
    )
    assert client.post(change_url(article), data).status_code == 302
    last = list(article.gallery_items.for_page())[-1]
    assert (last.image, last.position) == (added, 3)


def test_the_gallery_places_and_picture_numbers_are_in_persian_digits(client, editor):
    article = make_article(author=editor, status=Article.Status.DRAFT)
    (picture,) = library(1)
    client.force_login(editor)
    saved = client.post(change_url(article), article_form(article, **rows((picture, "۱"))))
    assert saved.status_code == 302  # a place typed in Persian digits is taken
    page = client.get(change_url(article)).text
    assert f'value="{to_persian_digits(picture.pk)}"' in page
    assert 'name="gallery_items-0-position" value="۱"' in page
