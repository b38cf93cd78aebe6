"""The app refuses to start in production without a real secret key."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

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


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"DEBUG": "0"},
        {"DEBUG": "false", "SECRET_KEY": ""},
        {"SECRET_KEY": "django-insecure-newsroom-development-key-do-not-use-in-production"},
        {"SECRET_KEY": "short"},
    ],
)
def test_refuses_to_start_without_a_real_secret_key_when_debug_is_off(env):
    result = start(**env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_starts_with_a_real_key():
    assert start(SECRET_KEY="x" * 50).returncode == 0


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
    assert result.stdout.split() == ["replica.internal", "['newsroom.replica.ReplicaRouter']"]


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
