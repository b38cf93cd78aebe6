"""The app refuses to start in production without a real secret key."""

import os
import re
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.checks.security.base import check_secret_key

from newsroom.settings.security import strong_secret_key

ROOT = Path(__file__).resolve().parents[2]


def start(**env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    clean.update(env, DJANGO_SETTINGS_MODULE="newsroom.settings")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


WEAK_KEYS = [
    "a" * 40,
    "a" * 60,  # long, but one character
    "abcd" * 20,  # four different ones
    "k3J9xQ2mZ7vR1tY8wP4nB6cL0sD5fG3h",  # random, but 32 characters
    "django-insecure-" + "k3J9xQ2mZ7vR1tY8wP4nB6cL0sD5fG3hk3J9xQ2mZ7vR1tY8",
]


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"DEBUG": "0"},
        {"DEBUG": "false", "SECRET_KEY": ""},
        {"SECRET_KEY": "django-insecure-newsroom-development-key-do-not-use-in-production"},
        {"SECRET_KEY": "short"},
        *({"SECRET_KEY": key} for key in WEAK_KEYS),
    ],
)
def test_refuses_to_start_without_a_real_secret_key_when_debug_is_off(env):
    result = start(**env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
    assert "ImproperlyConfigured" in result.stderr


def test_starts_with_a_real_key():
    assert start(SECRET_KEY=secrets.token_urlsafe(50)).returncode == 0


@pytest.mark.parametrize(
    "key",
    [
        *WEAK_KEYS,
        "x" * 49 + "abcd",
        "x" * 46 + "abcd",
        # Named, so each worker of a parallel run collects the same test.
        pytest.param(secrets.token_urlsafe(50), id="random"),
    ],
)
def test_the_keys_refused_are_the_ones_the_deploy_check_warns_about(key, settings):
    settings.SECRET_KEY = key
    warned = any(w.id == "security.W009" for w in check_secret_key(None))
    assert strong_secret_key(key) is not warned


def test_the_keys_make_serve_and_make_bench_use_are_strong():
    makefile = (ROOT / "Makefile").read_text()
    assert "secrets.token_urlsafe(50)" in makefile  # make serve's .secret_key
    bench_key = re.search(r"SECRET_KEY=(bench-only-\$\$\(date \+%s\)\S*)", makefile)[1]
    bench_key = bench_key.replace("$$(date +%s)", str(int(time.time())))
    assert "$" not in bench_key
    assert strong_secret_key(bench_key)
    assert start(SECRET_KEY=bench_key).returncode == 0


def test_development_starts_without_a_key():
    assert start(DEBUG="1").returncode == 0


def test_a_replica_url_adds_the_replica_and_its_router():
    probe = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['replica']['HOST'], s.DATABASE_ROUTERS)"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DEBUG="1",
        DATABASE_REPLICA_URL="postgres://reader@replica.internal:5432/newsroom",
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.split() == [
        "replica.internal",
        "['newsroom.serving.replica.ReplicaRouter']",
    ]


def settings_with(probe: str, **env) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    clean.update(env, DJANGO_SETTINGS_MODULE="newsroom.settings", DEBUG="1")
    code = f"import django; django.setup(); from django.conf import settings as s; print({probe})"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_media_bucket_puts_uploads_on_s3_and_lets_pages_show_them():
    env = {
        "MEDIA_BUCKET": "newsroom-media",
        "MEDIA_ENDPOINT_URL": "https://s3.ir-thr-at1.arvanstorage.ir",
    }
    assert settings_with("s.STORAGES['default']['BACKEND']", **env) == (
        "storages.backends.s3.S3Storage"
    )
    assert settings_with("s.STORAGES['default']['OPTIONS']['bucket_name']", **env) == (
        "newsroom-media"
    )
    img_src = settings_with("' '.join(s.SECURE_CSP['img-src'])", **env)
    assert "https://s3.ir-thr-at1.arvanstorage.ir" in img_src.split()
    with_cdn = settings_with(
        "' '.join(s.SECURE_CSP['img-src'])", MEDIA_BUCKET="b", MEDIA_DOMAIN="media.news.example"
    )
    assert "https://media.news.example" in with_cdn.split()


def test_without_a_bucket_uploads_stay_on_disk_and_images_on_this_site():
    assert settings_with("s.STORAGES['default']['BACKEND']", MEDIA_BUCKET="") == (
        "django.core.files.storage.FileSystemStorage"
    )
    assert settings_with("' '.join(s.SECURE_CSP['img-src'])", MEDIA_BUCKET="") == "'self' data:"


def test_use_tz_in_the_environment_changes_nothing():
    # USE_TZ=0 used to be read, and broke every reader page: it is no longer a setting.
    assert settings_with("s.USE_TZ", USE_TZ="0") == "True"
