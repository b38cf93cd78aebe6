"""«ویرایش خودکار نگارش» in the admin: on what the form holds, change by change, per role."""

import re

import pytest
from django.urls import reverse

from articles.models import Article
from newsroom.persian.copyedit import ZWNJ as Z
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db


def copyedit_url(article) -> str:
    return reverse("admin:articles_article_copyedit", args=[article.pk])


def from_the_form(client, article, **fields):
    return client.post(copyedit_url(article), {"source": "form", **fields})


def suggestions_part(html: str) -> str:
    """The suggestions a person reads, without the hidden copies of the form's text."""
    return html[html.index('<div class="copyedit"') :]


@pytest.fixture
def draft(reporter, section):
    return make_article(
        section=section, author=reporter, status=Article.Status.DRAFT, title="تیتر درست"
    )


def test_the_dialog_works_on_what_the_form_holds_not_on_what_is_saved(client, reporter, draft):
    client.force_login(reporter)
    response = from_the_form(client, draft, title="کتاب ها رسید", body="<p>او میکند</p>")
    assert response.status_code == 200
    page = suggestions_part(response.text)
    assert '<input type="checkbox" name="accept" value="title-1" checked>' in page
    assert "<del>کتاب ها</del>" in page
    assert f"<ins>کتاب{Z}ها</ins>" in page
    assert f"<ins>می{Z}کند</ins>" in page
    assert "<html" not in response.text  # a part for the form's dialog, not a page
    draft.refresh_from_db()
    assert draft.title == "تیتر درست"


def test_the_accepted_changes_go_back_to_the_form_and_nothing_is_saved(client, reporter, draft):
    client.force_login(reporter)
    version = draft.version
    response = from_the_form(
        client,
        draft,
        title="کتاب ها و رسانه ای",
        lead="سال 1405",
        _apply="1",
        accept=["title-2", "lead-1"],  # «رسانه‌ای» and «۱۴۰۵», not «کتاب‌ها»
    )
    assert response.json() == {"title": f"کتاب ها و رسانه{Z}ای", "lead": "سال ۱۴۰۵"}
    draft.refresh_from_db()
    assert (draft.title, draft.version) == ("تیتر درست", version)


def test_accept_all_takes_every_change(client, reporter, draft):
    client.force_login(reporter)
    response = from_the_form(client, draft, title="کتاب ها و رسانه ای", _apply="1", accept_all="1")
    assert response.json() == {"title": f"کتاب{Z}ها و رسانه{Z}ای"}


def test_a_diff_never_shows_an_entity_literally(client, reporter, draft):
    client.force_login(reporter)
    body = "<p>ادامه داد:&nbsp;&nbsp;اکنون میکند&nbsp;و 2.5 &laquo;درصد&raquo;</p>"
    page = suggestions_part(from_the_form(client, draft, body=body).text)
    assert "nbsp" not in page and "laquo" not in page
    assert "«درصد»" in page


def test_nothing_to_fix_says_so(client, reporter, draft):
    client.force_login(reporter)
    page = from_the_form(client, draft, title="تیتر درست", body="<p>متن درست</p>").text
    assert "چیزی برای اصلاح پیدا نکرد" in page


@pytest.mark.parametrize("role", ["Moderators", "Analysts"])
def test_who_does_not_write_may_not_use_it(client, role, draft):
    client.force_login(make_user(role))
    assert from_the_form(client, draft, title="کتاب ها").status_code == 403
    assert from_the_form(client, draft, title="کتاب ها", _apply="1").status_code == 403


def test_a_reporter_may_not_use_it_on_someone_elses_article(client, reporter, section):
    theirs = make_article(section=section, status=Article.Status.DRAFT)
    client.force_login(reporter)
    assert from_the_form(client, theirs, title="کتاب ها").status_code == 403


def test_an_editor_may_use_it_on_any_article(client, editor, draft):
    client.force_login(editor)
    response = from_the_form(client, draft, title="کتاب ها", _apply="1", accept_all="1")
    assert response.json() == {"title": f"کتاب{Z}ها"}


def test_the_form_carries_the_hook(client, reporter, draft):
    client.force_login(reporter)
    page = client.get(reverse("admin:articles_article_change", args=[draft.pk])).text
    assert f'<a href="{copyedit_url(draft)}" data-copyedit>ویرایش خودکار نگارش</a>' in page
    assert "newsroom/admin-copyedit.js" in page


# The page of its own: the saved text, the accepted changes saved


def test_the_page_saves_only_the_accepted_changes_as_a_revision(client, editor, section):
    article = make_article(section=section, title="کتاب ها و رسانه ای", lead="سال 1405")
    client.force_login(editor)
    page = client.get(copyedit_url(article)).text
    assert "نسخه ذخیره‌شده" in page
    ids = re.findall(r'name="accept" value="([\w-]+)"', page)
    assert ids == ["title-1", "title-2", "lead-1", "body-1"]  # the body: «شماره ۱»
    client.post(copyedit_url(article), {"accept": ["title-1"], "version": article.version})
    article.refresh_from_db()
    assert (article.title, article.lead) == (f"کتاب{Z}ها و رسانه ای", "سال 1405")
    assert article.history.first().history_change_reason == "ویرایش خودکار نگارش"


def test_the_page_refuses_to_save_over_a_newer_version(client, editor, section):
    article = make_article(section=section, title="کتاب ها")
    client.force_login(editor)
    opened = article.version
    article.lead = "کسی دیگر ذخیره کرد"
    article.save()
    response = client.post(
        copyedit_url(article), {"accept_all": "1", "version": opened}, follow=True
    )
    assert "پس از باز کردن این صفحه ذخیره شده است" in response.text
    article.refresh_from_db()
    assert article.title == "کتاب ها"


def test_the_dialog_and_the_page_cost_a_few_queries(
    client, editor, draft, django_assert_max_num_queries
):
    client.force_login(editor)
    body = "".join(f"<p>پاراگراف {n} که میشود</p>" for n in range(200))
    with django_assert_max_num_queries(8):
        assert from_the_form(client, draft, title="کتاب ها", body=body).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(copyedit_url(draft)).status_code == 200
