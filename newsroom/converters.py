"""URL converters every app's URLs use, and `reverse_often()` for the addresses a page prints
by the dozen."""

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, register_converter, reverse


class IdConverter:
    """A news code or row id: digits, short enough for any database to look up.

    A longer number cannot be ours; it fails to match, and the answer is a plain 404.
    """

    regex = r"[0-9]{1,15}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


class UnicodeSlugConverter:
    """A slug of letters in any script: Persian tag and article slugs."""

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(IdConverter, "id")
register_converter(UnicodeSlugConverter, "uslug")


def reverse_often(viewname: str, **kwargs) -> str:
    """`reverse(viewname, kwargs=kwargs)`, remembered: a page links to dozens of articles and
    sections (cards, rankings, the menu), and reversing a Persian slug, which is quoted on
    the way, costs more than the rest of a link. The same arguments give the same address
    for the life of the process, under the same URLconf and script prefix."""
    return _reversed(
        get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), viewname, *kwargs.items()
    )


@functools.lru_cache(maxsize=8192)
def _reversed(urlconf, prefix: str, viewname: str, *kwargs: tuple) -> str:
    return reverse(viewname, urlconf=urlconf, kwargs=dict(kwargs))
