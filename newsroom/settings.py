"""Newsroom settings, read from the environment (see README, «Configuration»)."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.templatetags.static import static
from django.utils.csp import CSP
from django.utils.functional import lazy
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.retry import Retry

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_rate(name: str, default: str) -> tuple[int, int]:
    """ "20/600": at most 20 in 600 seconds."""
    count, seconds = os.environ.get(name, default).split("/")
    return int(count), int(seconds)


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def strong_secret_key(key: str) -> bool:
    """What `manage.py check --deploy` takes without warning (security.W009): 50 characters
    or more, 5 or more different ones, and not a key `startproject` made for development."""
    return len(key) >= 50 and len(set(key)) >= 5 and not key.startswith("django-insecure-")


DEBUG = env_bool("DEBUG")

# Only `make run` turns DEBUG on; this key is good for nothing else.
DEV_SECRET_KEY = "django-insecure-newsroom-development-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = DEV_SECRET_KEY
if not DEBUG and not strong_secret_key(SECRET_KEY):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a long random value when DEBUG is off: 50 characters or "
        "more, 5 or more different ones, not starting with 'django-insecure-' "
        "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "simple_history",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_jalali",
    # Before CKEditor, so the newsroom's corrected Persian for the editor
    # (newsroom/static/ckeditor/ckeditor/lang/fa.js) is the one served.
    "newsroom",
    "ckeditor",
    "ckeditor_uploader",
    "articles",
    "comments",
]

MIDDLEWARE = [
    "newsroom.serving.middleware.HeadMiddleware",
    "newsroom.serving.middleware.RequestLogMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "comments.middleware.FillTimeMiddleware",
    # A page from the cache leaves here, with the headers the middleware below gave it
    # when it was stored (security, CSP): the rest of the stack is not run for it.
    "newsroom.pagecache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "newsroom.serving.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newsroom.staff.logins.LoginLockoutMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "newsroom.staff.logins.LoginThrottleBackend",  # counts each attempt, refuses past the limit
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
            ],
            # The shared helpers' tag libraries, by the names templates {% load %} them by.
            "libraries": {
                "persian": "newsroom.persian.templatetags.persian",
                "admin_persian": "newsroom.persian.templatetags.admin_persian",
                "fragments": "newsroom.pagecache.templatetags.fragments",
            },
            "builtins": ["newsroom.persian.templatetags.persian"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue instead of failing with "database is locked"; WAL lets readers go on.
    # The connection is kept like any other (CONN_MAX_AGE): opening one costs about as much
    # as rendering an article page from its cached parts.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# A read replica, where there is one: the reader pages that are never cached (search) read
# from it; everything else, cached pages included, from the primary (newsroom/serving/replica.py).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["newsroom.serving.replica.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis in production. Without it, one process (runserver) keeps its cache in memory, and
# several (gunicorn's workers) share files, so an editor's change reaches every worker.
REDIS_URL = os.environ.get("REDIS_URL", "")
REDIS_CACHE_OPTIONS = {
    # A Redis that is gone or hangs costs a request milliseconds, not seconds.
    "SOCKET_CONNECT_TIMEOUT": 0.25,
    "SOCKET_TIMEOUT": 0.5,
    # One connection per process: no check of a pooled one before each command.
    "REDIS_CLIENT_KWARGS": {"single_connection_client": True},
    "CONNECTION_POOL_KWARGS": {
        # A connection that died with a restarted Redis is replaced and the command sent
        # again, once; one idle for long is pinged first.
        "retry": Retry(NoBackoff(), 1, supported_errors=(RedisConnectionError,)),
        "health_check_interval": 30,
    },
}
if REDIS_URL:
    # django-redis; readers go on without Redis when it fails (newsroom/serving/cache.py).
    CACHES = {
        "default": {
            "BACKEND": "newsroom.serving.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": REDIS_CACHE_OPTIONS,
        }
    }
elif DEBUG:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / ".cache")),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "newsroom.staff.passwords.MinimumLengthValidator"},  # Persian digits
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fa"
LANGUAGES = [("fa", "فارسی")]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Tehran")
USE_I18N = True
# The newsroom's own Persian for what Django's and its libraries' fall short of (a word
# left in English, a missing half-space, a plural noun after a number): locale/fa. The
# compiled .mo files are kept beside their .po, so a new machine needs no gettext.
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True  # not a knob: dates are aware everywhere (Jalali, the page cache, scheduling)

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "newsroom.serving.storage.StaticStorage"
        )
    },
}
# Uploaded images on S3-compatible storage, shared by every app server: MEDIA_BUCKET names
# the bucket (pip install -e '.[s3]'); the keys come as AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY. Public URLs without signatures, so every reader's page is the same.
MEDIA_BUCKET = os.environ.get("MEDIA_BUCKET", "")
MEDIA_ORIGINS = []  # where pages may load images from besides this site (the CSP below)
if MEDIA_BUCKET:
    media_domain = os.environ.get("MEDIA_DOMAIN", "")  # a CDN or the bucket's own host
    media_endpoint = os.environ.get("MEDIA_ENDPOINT_URL", "")  # MinIO, Arvan, Liara…
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_BUCKET,
            "endpoint_url": media_endpoint or None,
            "region_name": os.environ.get("MEDIA_REGION") or None,
            "custom_domain": media_domain or None,
            "location": "media",
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
    if media_domain:
        MEDIA_ORIGINS = [f"https://{media_domain}"]
    elif media_endpoint:
        MEDIA_ORIGINS = ["{0.scheme}://{0.netloc}".format(urlsplit(media_endpoint))]
    else:  # Amazon's own hosts for the bucket, global and regional
        MEDIA_ORIGINS = [f"https://{MEDIA_BUCKET}.s3.amazonaws.com"]
        if region := os.environ.get("MEDIA_REGION"):
            MEDIA_ORIGINS.append(f"https://{MEDIA_BUCKET}.s3.{region}.amazonaws.com")

LOGIN_URL = "admin:login"

# Password guessing at the admin: five failures for one username from one address lock
# that pair out for 15 minutes (429, in Persian); counted in the database
# (newsroom/staff/logins.py).
LOGIN_FAILURE_LIMIT = 5
LOGIN_COOLOFF_SECONDS = 15 * 60

# Reader pages: nothing runs but our own scripts, nothing loads from elsewhere. The admin
# (CKEditor 4, the Jalali date picker) gets ADMIN_CSP, see newsroom.serving.middleware.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *MEDIA_ORIGINS],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
ADMIN_CSP = {
    **SECURE_CSP,
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE, CSP.UNSAFE_EVAL],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:", *MEDIA_ORIGINS],
    "frame-ancestors": [CSP.SELF],
    "frame-src": [CSP.SELF],
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Behind HTTPS in production. `make serve` on plain loopback turns these off for itself.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
if env_bool("TRUST_X_FORWARDED_PROTO"):  # only behind a proxy that sets it itself
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The newsroom itself.
SITE_NAME = os.environ.get("SITE_NAME", "نیوزروم")
SITE_DESCRIPTION = os.environ.get("SITE_DESCRIPTION", "تازه‌ترین اخبار ایران و جهان")
# The «کانال تلگرام» promo under each article; empty: no promo.
TELEGRAM_CHANNEL_URL = os.environ.get("TELEGRAM_CHANNEL_URL", "")
NEWS_CODE_START = int(os.environ.get("NEWS_CODE_START", "100000"))
ARTICLES_PER_PAGE = 12
# Anonymous readers get whole pages from the cache for up to this long (0: off); any change
# they could see expires them at once (newsroom/pagecache/).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# The parts of an article's page are cached apart for up to this long (0: off), each under
# the versions of what it shows, so a page the page cache lacks is quick to build
# (newsroom/pagecache/parts.py). Comment reaction counts may lag by as much, as on cached pages.
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "300"))
# Names this deploy (a commit, say): cached pages and parts of another are not used. Left
# empty, a digest of the templates, the code and the static files' names stands for it.
RELEASE = os.environ.get("RELEASE", "")
# `make bench` turns on a bare view to measure pages against.
BENCH = env_bool("BENCH")
# How many reverse proxies of ours stand before the app (for the reader's address).
NUM_PROXIES = int(os.environ.get("NUM_PROXIES", "0"))
# Page views are counted in each worker's memory and written this often (articles/popularity.py).
VIEW_COUNT_PUSH_SECONDS = int(os.environ.get("VIEW_COUNT_PUSH_SECONDS", "5"))
# Usefulness votes: at most this many from one address in this many seconds.
FEEDBACK_RATE_LIMIT = env_rate("FEEDBACK_RATE_LIMIT", "20/600")

# Comments. Pre-moderation by default; a site may trust a reader (their account or reader
# cookie, never a typed email) who already has COMMENTS_TRUST_AFTER approved comments.
COMMENTS_CLOSE_AFTER_DAYS = int(os.environ.get("COMMENTS_CLOSE_AFTER_DAYS", "30"))  # 0: never
COMMENTS_AUTO_APPROVE = env_bool("COMMENTS_AUTO_APPROVE", False)
COMMENTS_TRUST_AFTER = 3
COMMENTS_REPORT_THRESHOLD = 3
COMMENTS_RATE_LIMIT = env_rate("COMMENTS_RATE_LIMIT", "5/600")  # per address and per reader
COMMENTS_MIN_FILL_SECONDS = 3
COMMENTS_PER_PAGE = 30  # threads (a comment and its replies) per page

# A reader's form (a vote, a comment, a reaction, a report) is a few kilobytes of text and
# never a file: a bigger body is refused before it is read (newsroom/readers/guards.py).
READER_FORM_MAX_BYTES = 256 * 1024

# The body editor. CKEditor 4 is staff-only here and every body is sanitised with nh3 when
# stored and again when rendered, so its unmaintained status does not reach readers.
lazy_static = lazy(static, str)  # static files' addresses, known once the storage is set up
# Each writer's images in a folder named by their number (not their username, which may be
# «..»), apart from the dated folders of earlier uploads: the server browser shows a
# reporter their own images, and editors everyone's (articles.views.editor_browse).
CKEDITOR_UPLOAD_PATH = "uploads/by-user/"
CKEDITOR_RESTRICT_BY_USER = "pk"
CKEDITOR_IMAGE_BACKEND = "ckeditor_uploader.backends.PillowBackend"
CKEDITOR_ALLOW_NONIMAGE_FILES = False
# Ours, not django-ckeditor's: the largest body image a writer may upload, in bytes.
CKEDITOR_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
CKEDITOR_CONFIGS = {
    "default": {
        "language": "fa",
        "contentsLangDirection": "rtl",
        "contentsLanguage": "fa",
        # The body in the site's own typeface, as readers will see it.
        "contentsCss": [
            lazy_static("ckeditor/ckeditor/contents.css"),
            lazy_static("newsroom/editor.css"),
        ],
        # Ours: sends Django's CSRF token with CKEditor's uploads (the folder is taken from
        # the file's address, hashed in production).
        "external_plugin_resources": [
            ("newsroom", lazy_static("newsroom/ckeditor/newsroom/plugin.js"), "")
        ],
        "height": 420,
        "width": "100%",
        "toolbar": "Newsroom",
        "toolbar_Newsroom": [
            ["Format", "Bold", "Italic", "Underline", "Strike", "Subscript", "Superscript"],
            ["NumberedList", "BulletedList", "Blockquote", "-", "BidiRtl", "BidiLtr"],
            ["Link", "Unlink", "Image", "Table", "HorizontalRule"],
            ["Undo", "Redo", "RemoveFormat", "Source", "Maximize"],
        ],
        "format_tags": "p;h2;h3;h4",
        "extraPlugins": "image2,newsroom",
        "removePlugins": "exportpdf,scayt,wsc",
        "disallowedContent": "script; *[on*]; *{*}",
    }
}
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "newsroom.serving.logs.JsonFormatter"},
        "plain": {"format": "%(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": os.environ.get("LOG_FORMAT", "plain" if DEBUG else "json"),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # runserver prints its own request lines; ours are for production.
        "newsroom.requests": {
            "level": os.environ.get("REQUEST_LOG_LEVEL", "WARNING" if DEBUG else "INFO")
        },
    },
}
