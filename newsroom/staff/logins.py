"""Password guessing at the admin: five failures for one username from one address lock
that pair out for 15 minutes (a Persian page, 429).

Every attempt takes its place in the count *before* its password is checked, counted in
the database (newsroom/readers/tallies.py): parallel guesses cannot slip in between a check and a
count, so no more than LOGIN_FAILURE_LIMIT passwords are ever tried, with or without
Redis. A right password clears the count. (django-axes counts after the check, and
bursts get past it: jazzband/django-axes#592, "won't fix".) Addresses and usernames are
kept only as keyed hashes.
"""

import hashlib
import hmac

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from newsroom.readers import tallies
from newsroom.readers.identity import address_hash


def _key(request: HttpRequest, username: str) -> str:
    name = hmac.new(
        settings.SECRET_KEY.encode(), username.strip().lower().encode(), hashlib.sha256
    ).hexdigest()
    return f"login:{name}:{address_hash(request)}"


class LoginThrottleBackend:
    """First of the authentication backends: counts the attempt and, past the limit,
    stops it before any password is checked. It authenticates no one itself, and has no
    `get_user`, so sessions name the backend that did."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None or username is None:
            return None
        request.login_key = _key(request, username)
        request.login_attempt = tallies.add(request.login_key, settings.LOGIN_COOLOFF_SECONDS)
        if request.login_attempt > settings.LOGIN_FAILURE_LIMIT:
            request.login_locked_out = True
            raise PermissionDenied  # no other backend is asked
        return None


@receiver(user_login_failed)
def lock_out_at_the_limit(sender, request=None, **kwargs):
    if request is not None and getattr(request, "login_attempt", 0) >= settings.LOGIN_FAILURE_LIMIT:
        request.login_locked_out = True


@receiver(user_logged_in)
def forget_failures(sender, request=None, user=None, **kwargs):
    if request is not None and hasattr(request, "login_key"):
        tallies.reset(request.login_key)


class LoginLockoutMiddleware:
    """A locked-out login gets the page that says so, not the form again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, "login_locked_out", False):
            return render(request, "admin/locked_out.html", status=429)
        return response
