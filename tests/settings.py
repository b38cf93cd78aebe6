"""Settings for the test suite: the real settings, made fast and deterministic."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-secret-key-that-is-long-enough-for-django-checks")
os.environ.setdefault("DEBUG", "0")

from newsroom.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if not REDIS_URL:  # noqa: F405 — with REDIS_URL, the suite runs against Redis (see .ci/run)
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files straight from the apps, as in development: no collectstatic before tests.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # Its own test database, so two runs on one server never meet (or the one named in
    # TEST_DATABASE_NAME, where only that one may be used).
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.environ.get("TEST_DATABASE_NAME") or f"test_newsroom_{os.getpid()}"
    }

# A file, not shared-cache memory, so threads in the concurrency tests each get a real
# connection and queue on SQLite's write lock as production does.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"newsroom-test-{os.getpid()}.sqlite3")
    }

# Views are written when a test says so (popularity.flush()), not by a thread of their own.
VIEW_COUNT_PUSH_SECONDS = 0

# Background tasks (image renditions) run as they are enqueued; the tests of the database
# backend and its worker say so.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

# Tests speak plain HTTP to the test client; check --deploy is tested with production env.
SECURE_SSL_REDIRECT = False

# A replica that is the test database itself, for the tests of reading from one; the router
# is installed by those tests alone.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405

# Pictures' AVIF renditions at the encoder's fastest: five times quicker, a few per cent
# larger, and no test weighs them so finely (the page-weight test's bound is 25 %).
IMAGE_AVIF_SPEED = 10

# No channel posts and no hub is pinged unless a test turns one on (tests/outbox/).
OUTBOX_CHANNELS = {
    name: {**channel, "token": "", "chat_id": ""}
    for name, channel in OUTBOX_CHANNELS.items()  # noqa: F405
}
WEBSUB_HUB_URL = ""
SITE_URL = "http://testserver"
