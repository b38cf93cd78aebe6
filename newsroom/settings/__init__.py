"""Newsroom settings, read from the environment (see README, «Configuration»).

DJANGO_SETTINGS_MODULE names this package. Each part holds one concern and is gathered here
by name, so every setting is found in one module: environment (BASE_DIR, DEBUG), security,
base (apps, middleware, templates, language), database, caches, files, site (the
newsroom's own), editor (CKEditor) and logging.
"""

# ruff: noqa: F401 — every name below is a setting, imported for Django to read.
from newsroom.settings.base import (
    INSTALLED_APPS,
    LANGUAGE_CODE,
    LANGUAGES,
    LOCALE_PATHS,
    MIDDLEWARE,
    ROOT_URLCONF,
    TEMPLATES,
    TIME_ZONE,
    USE_I18N,
    USE_TZ,
    WSGI_APPLICATION,
)
from newsroom.settings.caches import (
    CACHES,
    EDGE_CACHE_SECONDS,
    EDGE_PURGE_RETRY_SECONDS,
    EDGE_PURGE_URLS,
    EDGE_PURGER,
    FRAGMENT_CACHE_SECONDS,
    PAGE_BUILD_WAIT_SECONDS,
    PAGE_CACHE_SECONDS,
    REDIS_CACHE_OPTIONS,
    REDIS_URL,
    RELEASE,
    VIEW_BEACON,
)
from newsroom.settings.database import (
    DATABASE_PREPARED_STATEMENTS,
    DATABASE_ROUTERS,
    DATABASES,
    DEFAULT_AUTO_FIELD,
)
from newsroom.settings.editor import (
    CKEDITOR_ALLOW_NONIMAGE_FILES,
    CKEDITOR_CONFIGS,
    CKEDITOR_IMAGE_BACKEND,
    CKEDITOR_RESTRICT_BY_USER,
    CKEDITOR_UPLOAD_PATH,
    SILENCED_SYSTEM_CHECKS,
)
from newsroom.settings.environment import BASE_DIR, DEBUG
from newsroom.settings.files import (
    IMAGE_AVIF_SPEED,
    IMAGE_MAX_BYTES,
    IMAGE_MAX_PIXELS,
    MEDIA_BUCKET,
    MEDIA_ORIGINS,
    MEDIA_ROOT,
    MEDIA_URL,
    SERVE_MEDIA,
    STATIC_ROOT,
    STATIC_URL,
    STORAGES,
    TASKS,
)
from newsroom.settings.logging import LOGGING
from newsroom.settings.security import (
    ADMIN_CSP,
    ALLOWED_HOSTS,
    AUTH_PASSWORD_VALIDATORS,
    AUTHENTICATION_BACKENDS,
    CSRF_COOKIE_SECURE,
    CSRF_TRUSTED_ORIGINS,
    DEV_SECRET_KEY,
    LOGIN_COOLOFF_SECONDS,
    LOGIN_FAILURE_LIMIT,
    LOGIN_URL,
    SECRET_KEY,
    SECURE_CROSS_ORIGIN_OPENER_POLICY,
    SECURE_CSP,
    SECURE_HSTS_INCLUDE_SUBDOMAINS,
    SECURE_HSTS_PRELOAD,
    SECURE_HSTS_SECONDS,
    SECURE_PROXY_SSL_HEADER,
    SECURE_REFERRER_POLICY,
    SECURE_SSL_REDIRECT,
    SESSION_COOKIE_SECURE,
    X_FRAME_OPTIONS,
)
from newsroom.settings.site import (
    API_RATE_LIMIT,
    ARTICLES_PER_PAGE,
    BALE_CHANNEL_URL,
    BENCH,
    COMMENTS_AUTO_APPROVE,
    COMMENTS_CLOSE_AFTER_DAYS,
    COMMENTS_MIN_FILL_SECONDS,
    COMMENTS_PER_PAGE,
    COMMENTS_RATE_LIMIT,
    COMMENTS_REPORT_THRESHOLD,
    COMMENTS_TRUST_AFTER,
    EITAA_CHANNEL_URL,
    FEEDBACK_RATE_LIMIT,
    NEWS_CODE_START,
    NUM_PROXIES,
    READER_FORM_MAX_BYTES,
    RUBIKA_CHANNEL_URL,
    SITE_DESCRIPTION,
    SITE_NAME,
    TELEGRAM_CHANNEL_URL,
    VIEW_COUNT_PUSH_SECONDS,
)
