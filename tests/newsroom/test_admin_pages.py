"""What every admin page shares, on the newsroom's own pages too: boxes named for a screen
reader, and the admin's breadcrumb bar."""

import re

import pytest

from comments.models import BannedWord, Comment
from tests.factories import make_article, make_comment, make_section, make_user


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, url, make, name",
    [
        (
            "Editors",
            "/admin/articles/section/",
            lambda: make_section(name="اقتصادی", slug="economy"),
            'aria-label="ترتیب: اقتصادی"',
        ),
        (
            "Moderators",
            "/admin/comments/bannedword/",
            lambda: BannedWord.objects.create(word="کلاهبرداری"),
            'aria-label="نتیجه: کلاهبرداری"',
        ),
    ],
    ids=["sections", "banned-words"],
)
def test_each_box_of_an_editable_list_is_named_for_its_row(client, role, url, make, name):
    make()
    client.force_login(make_user(role))
    html = client.get(url).content.decode()
    boxes = [
        box
        for box in re.findall(r"<(?:input|select)[^>]*name=\"form-0-[a-z]+\"[^>]*>", html)
        if 'type="hidden"' not in box
    ]
    assert boxes and all(name in box for box in boxes), boxes


@pytest.mark.django_db
def test_the_newsrooms_own_admin_pages_have_the_admins_breadcrumb_bar(client):
    article = make_article(title="برف در همدان")
    comment = make_comment(article, status=Comment.Status.PENDING)
    client.force_login(make_user("superuser"))
    home = client.get("/admin/articles/article/").content.decode()
    home_crumb = re.search(r'<ol class="breadcrumbs">\s*<li><a href="/admin/">([^<]+)</a>', home)
    pages = [
        f"/admin/articles/article/{article.pk}/history/",
        f"/admin/articles/article/{article.pk}/compare/",
        f"/admin/articles/article/{article.pk}/copyedit/",
        f"/admin/articles/usefulnessreport/{article.pk}/change/",
        f"/admin/comments/comment/{comment.pk}/reply/",
    ]
    for url in pages:
        html = client.get(url).content.decode()
        # The bar Django's own pages have (an <ol> it styles), starting where theirs does.
        crumb = re.search(r'<ol class="breadcrumbs">\s*<li><a href="/admin/">([^<]+)</a>', html)
        assert crumb and crumb[1] == home_crumb[1], url
        assert '<li aria-current="page">' in html, url
