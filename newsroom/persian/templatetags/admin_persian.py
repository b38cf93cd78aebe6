"""Persian digits for what Django's admin writes with Latin ones: counts, page numbers and
the messages it builds with %d («32 خبر حذف شد»). Only the text between tags changes, and
not Latin runs within it («PM2.5», an entity, a link's address stay as they are)."""

import re

from django import template

from newsroom.persian.text import to_persian_digits

register = template.Library()

_KEPT = re.compile(
    r"(<[^>]*>|&#?\w+;|https?://\S+|[A-Za-z][\w.\-/&+]*(?:[ \t]+[A-Za-z][\w.\-/&+]*)*)"
)


@register.filter(is_safe=True)
def fa_digits_html(value: object) -> str:
    """{{ message|fa_digits_html }}: «۳۲ خبر حذف شد.», its link's href untouched."""
    parts = _KEPT.split(str(value))
    return "".join(part if i % 2 else to_persian_digits(part) for i, part in enumerate(parts))
