"""Who may reach the site and how: the secret key, hosts, passwords and logins, the
Content Security Policy and HTTPS."""

import os

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from newsroom.settings.environment import DEBUG, env_bool, env_list
from newsroom.settings.files import MEDIA_ORIGINS


def strong_secret_key(key: str) -> bool:
    """What `manage.py check --deploy` takes without warning (security.W009): 50 characters
    or more, 5 or more different ones, and not a key `startproject` made for development."""
    return len(key) >= 50 and len(set(key)) >= 5 and not key.startswith("django-insecure-")


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

AUTHENTICATION_BACKENDS = [
    "newsroom.staff.logins.LoginThrottleBackend",  # counts each attempt, refuses past the limit
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "newsroom.staff.passwords.MinimumLengthValidator"},  # Persian digits
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

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
# Only behind a proxy that sets it itself; else Django's default, None.
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("TRUST_X_FORWARDED_PROTO") else None
)
