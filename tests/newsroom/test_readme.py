"""The README is the operator's manual: what it says about configuration must be true."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READS = re.compile(
    r"""(?:os\.environ(?:\.get)?\(?\[?|env_(?:bool|list|rate)\()["']([A-Z][A-Z0-9_]+)["']"""
)


def configuration_table() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme[readme.index("## Configuration") : readme.index("## Layout")]


def test_every_setting_the_code_reads_is_in_the_configuration_table():
    table = configuration_table()
    read = set()
    settings = sorted((ROOT / "newsroom" / "settings").glob("*.py"))
    for source in [*settings, ROOT / "newsroom" / "gunicorn.conf.py"]:
        read |= set(READS.findall(source.read_text(encoding="utf-8")))
    assert len(read) > 30  # the pattern still finds them
    missing = sorted(name for name in read if f"`{name}`" not in table)
    assert missing == []


def test_the_configuration_table_names_nothing_the_code_does_not_read():
    code = "".join(
        path.read_text(encoding="utf-8")
        for folder in ("newsroom", "articles", "comments")
        for path in (ROOT / folder).rglob("*.py")
    ) + (ROOT / "Makefile").read_text(encoding="utf-8")
    named = set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)`", configuration_table(), re.MULTILINE))
    named |= set(re.findall(r"`([A-Z][A-Z0-9_]+)`", configuration_table()))
    assert sorted(name for name in named if name not in code) == []
