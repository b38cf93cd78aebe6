"""The Django project: its apps, middleware, URLs, templates, language and time."""

import os

from newsroom.settings.environment import BASE_DIR

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
    "newsroom.taskqueue.TasksConfig",  # django-tasks-db
    "articles",
    "comments",
    "api",
    # django-ninja's templates and static files: the API's docs served from here, not a CDN.
    "ninja",
]

MIDDLEWARE = [
    "newsroom.serving.middleware.HeadMiddleware",
    "newsroom.serving.middleware.RequestLogMiddleware",
    # /api/ only: the per-address limit before anything else runs, CORS on every answer
    # (a 304 and a page from the cache too).
    "api.middleware.ApiMiddleware",
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

LANGUAGE_CODE = "fa"
LANGUAGES = [("fa", "فارسی")]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Tehran")
USE_I18N = True
# The newsroom's own Persian for what Django's and its libraries' fall short of (a word
# left in English, a missing half-space, a plural noun after a number): locale/fa. The
# compiled .mo files are kept beside their .po, so a new machine needs no gettext.
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True  # not a knob: dates are aware everywhere (Jalali, the page cache, scheduling)
