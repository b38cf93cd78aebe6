"""Inside articles, dependencies point one way: the feedback, popularity, the desk, the public
API and the outbox know the articles' core, which knows nothing of them (they plug in
through articles/plugins.py from `ArticlesConfig.ready()`, the API through the URLconf), and
none of them knows the comments. Read from the source with `ast`, so an import inside a
function counts as much as one at the top."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).parents[2]
ARTICLES = ROOT / "articles"
SUBPACKAGES = (
    "articles.feedback",
    "articles.popularity",
    "articles.desk",
    "articles.api",
    "articles.outbox",
)
# A library the articles' core uses (an article's lead image): it knows nothing of the rest of
# articles, nor of comments.
LIBRARIES = ("articles.images",)
# Where the app is put together: they may name the subpackages (models to register, admins,
# URLs, what plugs in where, and the tag library Django looks for in templatetags/).
REGISTRIES = {
    "articles/models/__init__.py",
    "articles/admin/__init__.py",
    "articles/urls.py",
    "articles/apps.py",
    "articles/templatetags/usefulness.py",
    # The outbox's sweep, a command of the app's (Django finds commands only there).
    "articles/management/commands/outbox_sweep.py",
}
# The tag libraries that belong to a subpackage: the articles' pages do not load them.
SUBPACKAGE_LIBRARIES = {"usefulness"}


def module_name(path: Path) -> str:
    """articles/feedback/models.py → articles.feedback.models; a package is its __init__."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(source: str, module: str, is_package: bool = False) -> list[tuple[int, list[str]]]:
    """For each import statement in `source`, in line order, its line and the modules it may
    load, relative ones made absolute: `from a import b` may load `a` and `a.b`."""
    package = module if is_package else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, [alias.name]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            found.append((node.lineno, [base, *(f"{base}.{alias.name}" for alias in node.names)]))
    return sorted(found, key=lambda item: item[0])


def within(name: str, packages) -> bool:
    return any(name == package or name.startswith(f"{package}.") for package in packages)


def wrong_way(path: str, source: str) -> list[str]:
    """The imports of the file at `path` (relative to the project) that run the wrong way,
    as «file:line imports module»."""
    module = module_name(ROOT / path)
    is_package = path.endswith("__init__.py")
    if within(module, LIBRARIES):
        forbidden = ("comments", "articles")
    elif within(module, SUBPACKAGES):
        forbidden = ("comments",)
    elif path in REGISTRIES:
        return []
    else:
        forbidden = SUBPACKAGES
    problems = []
    for line, names in imports(source, module, is_package):
        wrong = [name for name in names if within(name, forbidden) and not within(name, LIBRARIES)]
        if wrong:
            problems.append(f"{path}:{line} imports {wrong[0]}")
    return problems


def articles_sources():
    for path in sorted(ARTICLES.rglob("*.py")):
        yield path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")


def test_the_articles_core_imports_none_of_its_subpackages_and_they_no_comments():
    problems = [
        problem for path, source in articles_sources() for problem in wrong_way(path, source)
    ]
    assert not problems, "imports that run the wrong way:\n" + "\n".join(problems)


def test_the_check_reads_the_core_the_subpackages_and_the_registries():
    modules = {module_name(ROOT / path) for path, _ in articles_sources()}
    assert {"articles.views.pages", "articles.plugins", *SUBPACKAGES, *LIBRARIES} <= modules
    for package in (*SUBPACKAGES, *LIBRARIES):
        assert any(name.startswith(f"{package}.") for name in modules), package
    assert all((ROOT / registry).exists() for registry in REGISTRIES)


def test_the_check_catches_an_import_the_wrong_way():
    source = (
        "import datetime\n"
        "from articles.models import Article\n"
        "from articles.feedback.models import FeedbackVote\n"
        "def later():\n"
        "    from articles import popularity\n"
        "from ..desk import blocks\n"
        "import articles.desk.blocks\n"
    )
    assert wrong_way("articles/views/pages.py", source) == [
        "articles/views/pages.py:3 imports articles.feedback.models",
        "articles/views/pages.py:5 imports articles.popularity",
        "articles/views/pages.py:6 imports articles.desk",
        "articles/views/pages.py:7 imports articles.desk.blocks",
    ]
    assert wrong_way("articles/apps.py", source) == []  # a registry puts the app together
    assert (
        wrong_way("articles/popularity/counting.py", "from articles.models import Article\n") == []
    )
    assert wrong_way("articles/popularity/counting.py", "import comments.models as c\n") == [
        "articles/popularity/counting.py:1 imports comments.models"
    ]
    assert wrong_way("articles/feedback/blocks.py", "from comments import blocks\n") == [
        "articles/feedback/blocks.py:1 imports comments",
    ]
    # The image library is used by the core and uses none of it.
    assert wrong_way("articles/views/pages.py", "from articles.images import models\n") == []
    assert wrong_way("articles/images/tasks.py", "from articles.images.models import I\n") == []
    assert wrong_way("articles/images/models.py", "from articles.models import Article\n") == [
        "articles/images/models.py:1 imports articles.models"
    ]
    # Relative to a subpackage's own __init__, one dot is the subpackage itself.
    assert wrong_way("articles/desk/__init__.py", "from . import blocks\n") == []
    assert wrong_way("articles/__init__.py", "from .feedback import views\n") == [
        "articles/__init__.py:1 imports articles.feedback",
    ]


def test_the_articles_pages_load_no_tag_library_of_a_subpackage():
    templates = ROOT / "templates"
    for path in [
        *(templates / "articles").glob("*.html"),
        *(templates / "includes").glob("*.html"),
    ]:
        text = path.read_text(encoding="utf-8")
        for line, row in enumerate(text.splitlines(), 1):
            for loaded in re.findall(r"{%\s*load\s+([^%]+?)\s*%}", row):
                used = SUBPACKAGE_LIBRARIES & set(loaded.split())
                assert not used, f"{path.relative_to(ROOT)}:{line} loads {', '.join(used)}"
