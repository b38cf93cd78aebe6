"""Dependencies point one way: the shared helpers (newsroom/…) know no app, and articles
knows nothing of comments, which plug into the article's page from their side; the public
API (api/) reads the apps, and none of them knows it.

Imports are read with `ast`, wherever a module makes them: at its top, inside functions,
under `if TYPE_CHECKING:`, relative ones, and the dotted names given to `import_module`,
`import_string` or `__import__`.
"""

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# What may not import what: modules under the first name import nothing under the others.
RULES = {
    "newsroom": ("articles", "comments", "api"),
    "articles": ("comments", "api"),
    "comments": ("api",),
}
# The project's configuration wires the apps together, and the bench measures the whole
# site: these may name any app. Everything else in newsroom/ is a shared helper.
PROJECT_CONFIG = (
    "newsroom.settings",
    "newsroom.urls",
    "newsroom.wsgi",
    "newsroom.gunicorn.conf",
    "newsroom.management.commands.bench",
)
DYNAMIC_IMPORTS = {"import_module", "import_string", "__import__"}


@dataclass(frozen=True)
class Import:
    line: int
    target: str  # the dotted name of the module imported
    statement: str  # as written


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(source: str, module: str, is_package: bool = False) -> Iterator[Import]:
    """Every module `source` (the module `module`) imports, anywhere in it."""
    for node in ast.walk(ast.parse(source)):
        statement = " ".join((ast.get_source_segment(source, node) or "").split())
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(node.lineno, alias.name, statement)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".") if is_package else module.split(".")[:-1]
                package = package[: len(package) - node.level + 1]
                base = ".".join([*package, *([base] if base else [])])
            for alias in node.names:
                # `from articles import models` imports articles.models; the rules read
                # the leading names, so both spellings are caught.
                yield Import(node.lineno, f"{base}.{alias.name}" if base else alias.name, statement)
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name in DYNAMIC_IMPORTS and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    yield Import(node.lineno, first.value, statement)


def under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def wrong_way(module: str, source: str, shown_as: str, is_package: bool = False) -> list[str]:
    """The imports of `module` that run against RULES, as "file:line: import (rule)"."""
    if any(under(module, config) for config in PROJECT_CONFIG):
        return []
    found = []
    for owner, forbidden in RULES.items():
        if not under(module, owner):
            continue
        for imported in sorted(imports(source, module, is_package), key=lambda i: i.line):
            if any(under(imported.target, app) for app in forbidden):
                found.append(
                    f"{shown_as}:{imported.line}: {imported.statement}"
                    f" ({owner} imports nothing of {' or '.join(forbidden)})"
                )
    return found


def project_modules() -> Iterator[tuple[str, Path]]:
    for owner in RULES:
        for path in sorted((ROOT / owner).rglob("*.py")):
            yield module_name(path), path


def test_dependencies_point_one_way():
    found = []
    for module, path in project_modules():
        source = path.read_text(encoding="utf-8")
        is_package = path.name == "__init__.py"
        found += wrong_way(module, source, str(path.relative_to(ROOT)), is_package)
    assert found == [], "Imports running the wrong way:\n" + "\n".join(found)


def test_the_rules_read_the_real_modules():
    modules = dict(project_modules())
    assert len(modules) > 50  # the walk finds the project
    for config in PROJECT_CONFIG:  # an exception that names no module would hide nothing
        assert any(under(module, config) for module in modules), config


def test_an_import_running_the_wrong_way_is_found_wherever_it_is():
    source = """\
from typing import TYPE_CHECKING

from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from comments.models import Comment


def build():
    import articles.models
    from importlib import import_module

    return import_module("comments.blocks"), import_string("articles.search.fold")
"""
    found = wrong_way("newsroom.persian.text", source, "newsroom/persian/text.py")
    assert found == [
        "newsroom/persian/text.py:6: from comments.models import Comment"
        " (newsroom imports nothing of articles or comments or api)",
        "newsroom/persian/text.py:10: import articles.models"
        " (newsroom imports nothing of articles or comments or api)",
        'newsroom/persian/text.py:13: import_module("comments.blocks")'
        " (newsroom imports nothing of articles or comments or api)",
        'newsroom/persian/text.py:13: import_string("articles.search.fold")'
        " (newsroom imports nothing of articles or comments or api)",
    ]


def test_a_relative_import_is_read_from_where_it_stands():
    found = wrong_way("articles.views.pages", "from ...comments import blocks\n", "pages.py")
    assert found == [
        "pages.py:1: from ...comments import blocks (articles imports nothing of comments or api)"
    ]
    assert wrong_way("articles.views", "from . import pages\n", "x.py", is_package=True) == []


def test_the_project_config_and_the_apps_own_imports_are_allowed():
    assert wrong_way("newsroom.urls", "from comments import views\n", "newsroom/urls.py") == []
    assert wrong_way("comments.views", "from articles.models import Article\n", "v.py") == []
    assert wrong_way("articles.models", "from newsroom.pagecache import versions\n", "m.py") == []
