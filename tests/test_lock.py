"""The lock files (`make lock`) say what pyproject.toml asks for: `make install` installs
from them, so a dependency added, removed or narrowed there and not locked would not be
what a fresh clone runs."""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
RUNTIME = [Requirement(r) for r in PROJECT["dependencies"]]
DEV = RUNTIME + [Requirement(r) for r in PROJECT["optional-dependencies"]["dev"]]
PIN = re.compile(r"^([A-Za-z0-9._-]+)==(\S+?)(?: ;.*)? \\$")
FROM_PYPROJECT = "newsroom (pyproject.toml)"


def locked(name: str) -> tuple[dict[str, str], set[str]]:
    """The lock file's pins (name → version), and the names pinned because pyproject.toml
    asks for them (its `# via` lines say so)."""
    pins: dict[str, str] = {}
    asked: set[str] = set()
    current = None
    for line in (ROOT / name).read_text().splitlines():
        if match := PIN.match(line):
            current = canonicalize_name(match[1])
            pins[current] = match[2]
        elif line.strip().lstrip("#").strip() in (f"via {FROM_PYPROJECT}", FROM_PYPROJECT):
            asked.add(current)
    return pins, asked


@pytest.mark.parametrize(
    ("lock", "requirements"), [("requirements.txt", RUNTIME), ("requirements-dev.txt", DEV)]
)
def test_every_dependency_is_locked_at_a_version_pyproject_allows(lock, requirements):
    pins, asked = locked(lock)
    for requirement in requirements:
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement} is not in {lock}: run make lock"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"{lock} pins {name}=={pins[name]}, outside {requirement}: run make lock"
        )
    assert asked == {canonicalize_name(r.name) for r in requirements}, (
        f"{lock} and pyproject.toml name different dependencies: run make lock"
    )
    assert all(line.startswith("    --hash=sha256:") for line in hashes(lock)), lock


def test_development_runs_the_versions_the_site_runs():
    runtime, _ = locked("requirements.txt")
    dev, _ = locked("requirements-dev.txt")
    assert {name: dev[name] for name in runtime} == runtime


def hashes(lock: str) -> list[str]:
    return [line for line in (ROOT / lock).read_text().splitlines() if "--hash" in line]
