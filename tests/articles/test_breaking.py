"""«خبر فوری»: the bar on every reader page, decided when the page is read and exact with
the page cache and the edge; put up and ended by editors only, each change logged."""

import datetime
import json

import pytest
import time_machine
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.test import Client
from django.utils import timezone

from articles.models import Article, BreakingNews
from newsroom.pagecache import edge
from newsroom.persian import jalali
from tests.factories import make_article, make_breaking, make_user

pytestmark = pytest.mark.django_db

TEHRAN = datetime.timezone(datetime.timedelta(hours=3, minutes=30))
# After the fixtures' articles were published, a minute past a five-minute mark: the
# rankings' clock, which also bounds the edge, is four minutes away, past the bars' ends.
NOON = datetime.datetime(2027, 1, 5, 12, 1, 0, tzinfo=TEHRAN)


def bar_of(page) -> str | None:
    """The bar's words as a reader reads them, or None."""
    html = page.content.decode()
    if 'aria-label="خبر فوری"' not in html:
        return None
    start = html.index('aria-label="خبر فوری"')
    return html[start : html.index("</div>", start)]


@pytest.fixture
def frozen():
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


def test_the_bar_shows_on_the_home_article_and_section_pages(article, frozen):
    make_breaking(text="زلزله 5.2 ریشتری در کرمان", url="https://example.org/quake")
    for url in ["/", article.get_absolute_url(), article.section.get_absolute_url()]:
        bar = bar_of(Client().get(url))
        assert bar is not None, url
        assert "فوری" in bar
        assert "زلزله ۵.۲ ریشتری در کرمان" in bar  # Persian digits
        assert 'href="https://example.org/quake"' in bar


def test_a_bar_for_an_article_shows_its_title_and_links_to_it(article, frozen):
    make_breaking(article=article, text="")
    bar = bar_of(Client().get("/"))
    assert article.title in bar
    assert f'href="{article.get_absolute_url()}"' in bar


def test_a_bar_for_an_article_readers_cannot_see_does_not_show(section, frozen):
    draft = make_article(section=section, status=Article.Status.DRAFT, published_at=None)
    make_breaking(article=draft, text="")
    assert bar_of(Client().get("/")) is None


def test_of_several_bars_the_newest_shows(frozen):
    make_breaking(text="قدیمی‌تر", starts_at=timezone.now() - datetime.timedelta(minutes=30))
    make_breaking(text="تازه‌تر")
    bar = bar_of(Client().get("/"))
    assert "تازه‌تر" in bar and "قدیمی‌تر" not in bar


def test_the_bar_is_gone_after_its_end_though_the_page_was_cached(article, frozen):
    make_breaking(text="پایان در دو دقیقه", ends_at=NOON + datetime.timedelta(minutes=2))
    assert bar_of(Client().get("/")) is not None
    frozen.shift(datetime.timedelta(seconds=119))
    assert bar_of(Client().get("/")) is not None  # the cached page, still true
    frozen.shift(datetime.timedelta(seconds=1))
    assert bar_of(Client().get("/")) is None
    assert bar_of(Client().get(article.get_absolute_url())) is None


def test_a_page_cached_before_a_bar_starts_shows_it_when_it_starts(frozen):
    make_breaking(text="از ده دقیقهٔ دیگر", starts_at=NOON + datetime.timedelta(minutes=10))
    assert bar_of(Client().get("/")) is None
    frozen.shift(datetime.timedelta(minutes=10))
    assert "از ده دقیقهٔ دیگر" in bar_of(Client().get("/"))


def test_a_withdrawn_bar_is_gone_on_the_next_load(editor, frozen):
    bar = make_breaking(text="پس گرفته می‌شود")
    assert bar_of(Client().get("/")) is not None
    assert bar.withdraw(by=editor)
    assert bar_of(Client().get("/")) is None
    entry = LogEntry.objects.get(object_id=str(bar.pk), action_flag=CHANGE)
    assert entry.user == editor


def test_a_cached_page_with_a_bar_costs_one_query_and_a_rebuild_no_more_than_one_more(
    article, frozen, django_assert_num_queries
):
    client = Client()
    client.get("/")
    with django_assert_num_queries(1):
        client.get("/")  # from the page cache: the versions only

    def rebuild_queries(url):
        Article.objects.filter(pk=article.pk).update(updated_at=timezone.now())
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return len(queries)

    without = rebuild_queries(article.get_absolute_url())
    make_breaking(text="یک پرس‌وجو")
    with_bar = rebuild_queries(article.get_absolute_url())
    assert with_bar <= without + 1
    with django_assert_num_queries(1):
        assert bar_of(client.get(article.get_absolute_url())) is not None


# -- /breaking.json -------------------------------------------------------------------------


def test_the_json_gives_the_bar_as_pages_show_it_and_304_to_who_has_it(frozen):
    bar = make_breaking(text="برای اسکریپت", ends_at=NOON + datetime.timedelta(hours=1))
    reply = Client().get("/breaking.json")
    state = json.loads(reply.content)
    assert state["id"] == bar.pk
    assert "برای اسکریپت" in state["html"] and 'aria-label="خبر فوری"' in state["html"]
    assert state["ends_at"] == "2027-01-05T13:01:00+03:30"
    assert reply["Cache-Control"] == "public, max-age=15"
    again = Client().get("/breaking.json", headers={"if-none-match": reply["ETag"]})
    assert again.status_code == 304


def test_the_json_is_kept_no_longer_than_until_the_bar_ends(frozen):
    make_breaking(text="نزدیک به پایان", ends_at=NOON + datetime.timedelta(seconds=8))
    assert Client().get("/breaking.json")["Cache-Control"] == "public, max-age=8"


def test_the_json_says_when_no_bar_shows(frozen):
    state = json.loads(Client().get("/breaking.json").content)
    assert state["id"] is None and "breaking__text" not in state["html"]


# -- The edge ------------------------------------------------------------------------------


class Recording(edge.Purger):
    purged: list[list[str]] = []

    def purge(self, keys):
        Recording.purged.append(keys)


@pytest.fixture
def an_edge(settings, monkeypatch):
    settings.EDGE_PURGER = "tests.articles.test_breaking.Recording"
    Recording.purged = []
    monkeypatch.setattr(edge, "_retry_soon", lambda: None)
    monkeypatch.setattr(edge, "_again_later", lambda keys: None)
    # Keys an earlier test's rolled-back writes left waiting would go with the next commit.
    monkeypatch.setattr(edge._waiting, "keys", set(), raising=False)


def test_the_edge_keeps_a_page_with_a_bar_no_longer_than_the_bar(an_edge, frozen):
    make_breaking(text="دو دقیقه", ends_at=NOON + datetime.timedelta(seconds=100))
    assert Client().get("/")["Surrogate-Control"] == "max-age=100"
    assert Client().get("/breaking.json")["Surrogate-Control"] == "max-age=100"


def test_the_edge_keeps_a_page_no_longer_than_until_a_bar_starts(an_edge, frozen):
    make_breaking(text="بعداً", starts_at=NOON + datetime.timedelta(seconds=70))
    assert Client().get("/")["Surrogate-Control"] == "max-age=70"


@pytest.mark.django_db(transaction=True)
def test_a_bar_put_up_or_withdrawn_purges_every_page_at_the_edge(an_edge):
    editor = make_user("superuser")
    Recording.purged.clear()
    bar = make_breaking(text="پاک‌کردن لبه")
    assert Recording.purged == [["content"]]
    Recording.purged.clear()
    bar.withdraw(by=editor)
    assert Recording.purged == [["content"]]


# -- The admin -----------------------------------------------------------------------------


def add_form(**fields) -> dict:
    ends = timezone.now() + datetime.timedelta(hours=1)
    data = {
        "text": "خبر فوری",
        "article": "",
        "url": "",
        "starts_at_0": "",
        "starts_at_1": "",
        "ends_at_0": jalali.format_input_date(ends),
        "ends_at_1": jalali.localtime(ends).strftime("%H:%M"),
    }
    return {**data, **fields}


def staff_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_editor_puts_up_a_bar_and_it_is_logged_with_them(editor):
    page = staff_client(editor).post(
        "/admin/articles/breakingnews/add/", add_form(text="  سقوط  بالگرد\nدر  شمال  كشور ")
    )
    assert page.status_code == 302
    bar = BreakingNews.objects.get()
    assert bar.text == "سقوط بالگرد در شمال کشور"  # one line, Persian letters
    assert bar.created_by == editor
    assert LogEntry.objects.get(object_id=str(bar.pk), action_flag=ADDITION).user == editor
    assert "سقوط بالگرد در شمال کشور" in bar_of(Client().get("/"))


def test_the_add_form_opens_with_jalali_boxes_ending_in_two_hours(editor):
    page = staff_client(editor).get("/admin/articles/breakingnews/add/")
    html = page.content.decode()
    ends = jalali.localtime(timezone.now() + datetime.timedelta(hours=2))
    assert f'value="{jalali.format_input_date(ends)}"' in html
    assert 'class="vjDateField' in html and 'aria-label="ساعت پایان"' in html


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"text": ""}, "text", "متن خبر فوری را بنویسید"),
        ({"text": "ب" * 201}, "text", "حداکثر ۲۰۰ نویسه"),
        ({"url": "javascript:alert(1)"}, "url", ""),
    ],
)
def test_a_bad_bar_comes_back_with_a_persian_message(editor, fields, field, message):
    page = staff_client(editor).post("/admin/articles/breakingnews/add/", add_form(**fields))
    assert page.status_code == 200
    errors = page.context["adminform"].form.errors
    assert field in errors and message in " ".join(errors[field])
    assert not BreakingNews.objects.exists()


def test_an_end_already_past_is_refused(editor):
    past = timezone.now() - datetime.timedelta(hours=1)
    page = staff_client(editor).post(
        "/admin/articles/breakingnews/add/",
        add_form(
            ends_at_0=jalali.format_input_date(past),
            ends_at_1=jalali.localtime(past).strftime("%H:%M"),
        ),
    )
    assert "زمان پایان گذشته است" in page.content.decode()
    assert 'value="خبر فوری"' in page.content.decode()  # the form comes back filled


def test_an_editor_ends_bars_now_from_the_list_and_each_is_logged(editor):
    bars = [make_breaking(), make_breaking()]
    page = staff_client(editor).post(
        "/admin/articles/breakingnews/",
        {"action": "withdraw", "_selected_action": [bar.pk for bar in bars]},
    )
    assert page.status_code == 302
    assert all(bar.withdrawn_at for bar in BreakingNews.objects.all())
    assert LogEntry.objects.filter(action_flag=CHANGE, user=editor).count() == 2
    assert bar_of(Client().get("/")) is None


def test_an_editor_ends_a_bar_now_from_its_form(editor):
    bar = make_breaking(text="از فرم")
    client = staff_client(editor)
    assert "پایان اکنون" in client.get(f"/admin/articles/breakingnews/{bar.pk}/change/").text
    form = add_form(
        text="از فرم",
        starts_at_0=jalali.format_input_date(bar.starts_at),
        starts_at_1=jalali.localtime(bar.starts_at).strftime("%H:%M:%S"),
        ends_at_0=jalali.format_input_date(bar.ends_at),
        ends_at_1=jalali.localtime(bar.ends_at).strftime("%H:%M:%S"),
        _withdraw="پایان اکنون",
    )
    assert client.post(f"/admin/articles/breakingnews/{bar.pk}/change/", form).status_code == 302
    bar.refresh_from_db()
    assert bar.withdrawn_at is not None
    assert bar_of(Client().get("/")) is None
    history = client.get(f"/admin/articles/breakingnews/{bar.pk}/history/").text
    assert "پایان داده شد" in history and editor.get_full_name() in history


@pytest.mark.parametrize("role", ["Reporters", "Moderators", "Analysts"])
def test_other_roles_can_neither_put_up_nor_end_a_bar(role):
    bar = make_breaking()
    client = staff_client(make_user(role))
    assert client.get("/admin/articles/breakingnews/").status_code == 403
    assert client.post("/admin/articles/breakingnews/add/", add_form()).status_code == 403
    page = client.post(
        "/admin/articles/breakingnews/", {"action": "withdraw", "_selected_action": [bar.pk]}
    )
    assert page.status_code == 403
    bar.refresh_from_db()
    assert bar.withdrawn_at is None and BreakingNews.objects.count() == 1


def test_an_editor_may_not_delete_a_bar_only_end_it(editor):
    bar = make_breaking()
    page = staff_client(editor).get(f"/admin/articles/breakingnews/{bar.pk}/delete/")
    assert page.status_code == 403


def test_an_editor_makes_an_article_breaking_from_the_articles_list(editor, article):
    page = staff_client(editor).post(
        "/admin/articles/article/", {"action": "make_breaking", "_selected_action": [article.pk]}
    )
    assert page.status_code == 302
    bar = BreakingNews.objects.get()
    assert bar.article == article and bar.created_by == editor
    assert bar.ends_at - bar.starts_at == datetime.timedelta(hours=2)
    assert LogEntry.objects.get(object_id=str(bar.pk), action_flag=ADDITION).user == editor
    assert article.title in bar_of(Client().get("/"))


def test_an_article_not_on_the_site_cannot_be_made_breaking(editor, section):
    draft = make_article(section=section, status=Article.Status.DRAFT, published_at=None)
    client = staff_client(editor)
    page = client.post(
        "/admin/articles/article/",
        {"action": "make_breaking", "_selected_action": [draft.pk]},
        follow=True,
    )
    assert "خبر فوری باید منتشر شده باشد" in page.text
    assert not BreakingNews.objects.exists()


def test_a_reporter_is_not_offered_to_make_an_article_breaking(reporter):
    page = staff_client(reporter).get("/admin/articles/article/")
    actions = [name for name, _label in page.context["action_form"].fields["action"].choices]
    assert "submit_for_review" in actions and "make_breaking" not in actions


@pytest.mark.django_db
def test_the_bar_is_found_without_walking_the_archive():
    # Read on every page rebuilt after a change: the bar's own article joined, never
    # «article IN (every published article)», which cost 55 ms at 100 000 articles.
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("the plan read here is SQLite's")
    bar = make_breaking(article=make_article())
    plan = BreakingNews.objects.showing().explain()
    assert "SUBQUERY" not in plan  # (the old one: «LIST SUBQUERY» over the listing index)
    assert BreakingNews.objects.shown().pk == bar.pk
