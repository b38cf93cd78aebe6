"""What every admin page shares, on the newsroom's own pages too: boxes named for a screen
reader."""

import re

import pytest

from comments.models import BannedWord
from tests.factories import make_section, make_user


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
