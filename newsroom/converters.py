"""URL converters every app's URLs use."""

from django.urls import register_converter


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
