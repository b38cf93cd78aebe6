"""Hardening for the open internet: CSP and friends, deploy checks, password guessing."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def directives(header: str) -> dict[str, list[str]]:
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


@pytest.mark.parametrize("url", ["/", "/section/society/", "/search/?q=x", "/no-such-page/"])
def test_reader_pages_carry_a_strict_csp_and_security_headers(client, article, url):
    response = client.get(url)
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]  # no unsafe-inline, no unsafe-eval
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_pages_from_the_cache_carry_the_same_headers(article):
    reader = Client()
    first = reader.get(article.get_absolute_url())
    again = reader.get(article.get_absolute_url())
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options"):
        assert again[header] == first[header]


def test_the_admin_gets_the_editor_policy(client):
    client.force_login(make_user("Editors"))
    policy = directives(
        client.get(reverse("admin:articles_article_add"))["Content-Security-Policy"]
    )
    assert "'unsafe-inline'" in policy["style-src"]  # CKEditor and the date picker style inline
    assert policy["object-src"] == ["'none'"]


def test_reader_templates_have_no_inline_script_or_style():
    for path in (ROOT / "templates").rglob("*.html"):
        if "admin" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        assert "<style" not in text, path
        assert " style=" not in text, path
        for tag in text.split("<script")[1:]:
            assert 'src="' in tag.split(">")[0] or "ld+json" in tag.split(">")[0], path
        assert not re.search(r"<[^>]*\son[a-z]+\s*=", text), path  # no event handlers


@pytest.mark.parametrize("redis_url", ["redis://127.0.0.1:6379/15", ""])
def test_deploy_check_is_clean_with_production_settings(redis_url):
    """With Redis, and with the no-Redis default (the file cache): nothing to warn about,
    the login throttle included (it counts in the database)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DEBUG": "0",
        "SECRET_KEY": "x" * 20 + "a-long-random-production-key-of-fifty-chars",
        "ALLOWED_HOSTS": "news.example",
        "REDIS_URL": redis_url,
    }
    env.pop("SECURE_SSL_REDIRECT", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # the browser tests' setting, not production's
    env.pop("SECURE_COOKIES", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_admin_login_is_throttled_after_five_failures(client):
    make_user("Editors", username="sardabir")
    login = reverse("admin:login")
    for _ in range(4):
        page = client.post(login, {"username": "sardabir", "password": "wrong"})
        assert page.status_code == 200
    locked = client.post(login, {"username": "sardabir", "password": "wrong"})  # the fifth
    assert locked.status_code == 429
    assert "۱۵ دقیقه" in locked.text
    # Even the right password waits out the lock.
    assert client.post(login, {"username": "sardabir", "password": "pass"}).status_code == 429
    # Another address is not locked out.
    other = Client(REMOTE_ADDR="198.51.100.77")
    assert other.post(login, {"username": "sardabir", "password": "pass"}).status_code == 302


def test_a_right_password_before_the_limit_resets_the_count(client):
    make_user("Editors", username="dabir")
    login = reverse("admin:login")
    for _ in range(4):
        client.post(login, {"username": "dabir", "password": "wrong"})
    assert client.post(login, {"username": "dabir", "password": "pass"}).status_code == 302


@pytest.mark.parametrize(
    ("given", "kept"),
    [("abc-123", True), ("x" * 65, False), ("<script>", False), ("a b", False), ("", False)],
)
def test_request_ids_are_echoed_only_when_plain(client, given, kept):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=given)
    assert (response["X-Request-ID"] == given) is kept
