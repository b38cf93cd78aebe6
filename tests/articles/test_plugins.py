"""Other apps plug into the articles' pages and commands through articles/plugins.py; the
articles know nothing of them."""

import copy
import io
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import AppRegistryNotReady
from django.core.management import call_command
from django.template import engines
from django.urls import reverse

from articles import plugins
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

ARTICLES_TEMPLATES = Path(__file__).parents[2] / "templates"


@pytest.fixture
def block_templates(settings, tmp_path):
    """A folder of templates for the blocks the tests register."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    settings.TEMPLATES = templates

    def write(name: str, text: str) -> str:
        (tmp_path / name).write_text(text, encoding="utf-8")
        return name

    return write


def test_a_part_another_app_registers_is_shown_below_the_article_and_cached_as_a_part(
    settings, client, monkeypatch, block_templates, editor
):
    settings.PAGE_CACHE_SECONDS = 0  # the page built each time, from its parts
    built = []

    def data(context) -> dict:
        built.append(context["request"].GET.get("part", ""))
        return {"title": context["article"].title}

    part = plugins.ArticlePart(
        block_templates("part.html", '<aside class="part">زیر «{{ title }}»</aside>'),
        data,
        name="test-part",
        inputs=lambda versions, article: (versions.article,),
        params=("part",),
    )
    monkeypatch.setattr(plugins, "article_parts", [*plugins.article_parts, part])
    article = make_article(title="خبر با بخش")
    url = article.get_absolute_url()

    page = client.get(url).text
    assert '<aside class="part">زیر «خبر با بخش»</aside>' in page
    assert page.index('class="part"') < page.index('class="rankings"')
    client.get(url)
    client.get(f"{url}?part=2")
    assert built == ["", "2"]  # the second reading came from the cache of parts
    client.force_login(editor)
    preview = client.get(article.get_preview_url()).text
    assert 'class="part"' not in preview


def test_rankings_and_desk_blocks_other_apps_register_are_shown(
    client, monkeypatch, block_templates
):
    ranking = plugins.Block(
        block_templates("ranking.html", "<p>رتبه‌بندی آزمایشی</p>"), lambda context: {}
    )
    notice = plugins.Block(
        block_templates("notice.html", "<p>خبر برای {{ name }}</p>"),
        lambda context: {"name": context["request"].user.get_username()},
    )
    block = plugins.Block(
        block_templates("block.html", "<section>بلوک آزمایشی</section>"), lambda context: {}
    )
    monkeypatch.setattr(plugins, "rankings", [*plugins.rankings, ranking])
    monkeypatch.setattr(plugins, "desk_notices", [notice])
    monkeypatch.setattr(plugins, "desk_blocks", [block])
    article = make_article()

    assert "رتبه‌بندی آزمایشی" in client.get("/").text
    assert "رتبه‌بندی آزمایشی" in client.get(article.get_absolute_url()).text
    client.force_login(make_user("Editors", username="dabir"))
    desk = client.get(reverse("admin:index")).text
    assert desk.index("خبر برای dabir") < desk.index('class="newsroom-desk"')
    assert desk.index('class="newsroom-desk"') < desk.index("بلوک آزمایشی")


@pytest.mark.usefixtures("renditions_later")
def test_the_commands_make_the_content_other_apps_register(settings, monkeypatch):
    calls = []

    def add_arguments(parser) -> None:
        parser.add_argument("--widgets", type=int, default=1)

    def generate(batch: plugins.GeneratedBatch) -> int:
        calls.append(("generate", len(batch.article_ids)))
        return len(batch.article_ids) * batch.options["widgets"]

    widgets = plugins.Content(
        name="widgets",
        demo=lambda users: calls.append(("demo", sorted(users))),
        add_arguments=add_arguments,
        generate=generate,
        bench=lambda empty, heavy: None,
    )
    monkeypatch.setattr(plugins, "content", [*plugins.content, widgets])
    settings.DEBUG = True
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}

    call_command("load_demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("generate_articles", count=5, batch=2, widgets=3, stdout=out, verbosity=0)

    assert calls[0] == ("demo", ["admin", "analyst", "editor", "moderator", "reporter"])
    assert calls[1:] == [("generate", 2), ("generate", 2), ("generate", 1)]
    assert re.search(r"Generated 5 articles, \d+ comments, 15 widgets, ", out.getvalue())


def test_the_article_pages_parameters_are_asked_of_the_parts_only_once_apps_are_ready(
    monkeypatch,
):
    assert plugins.article_page_params() == ("comments",)
    monkeypatch.setattr(apps, "ready", False)
    with pytest.raises(AppRegistryNotReady):
        plugins.article_page_params()


def test_the_articles_templates_load_no_tags_of_other_apps():
    libraries = engines["django"].engine.libraries  # name → module
    for path in [
        *(ARTICLES_TEMPLATES / "articles").glob("*.html"),
        *(ARTICLES_TEMPLATES / "includes").glob("*.html"),
        ARTICLES_TEMPLATES / "admin" / "index.html",
        ARTICLES_TEMPLATES / "admin" / "desk.html",
    ]:
        for loaded in re.findall(r"{%\s*load\s+([^%]+?)\s*%}", path.read_text()):
            for name in loaded.split():
                assert not libraries[name].startswith("comments."), f"{path.name}: {name}"
