"""Word-level differences between two texts, for people who read right to left."""

import difflib
import re

from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe

# Words keep their ZWNJ («می‌شود» is one word); spaces and line breaks are their own tokens.
_TOKENS = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> SafeString:
    """`new` with the words it lost in <del> and the words it gained in <ins>, all escaped."""
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    parts = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(format_html("{}", "".join(a[a1:a2])))
            continue
        if op in ("delete", "replace"):
            parts.append(_marked("del", "".join(a[a1:a2])))
        if op in ("insert", "replace"):
            parts.append(_marked("ins", "".join(b[b1:b2])))
    return mark_safe("".join(parts))


def _marked(tag: str, text: str) -> str:
    """<ins>word</ins> with the spaces around it left outside the mark."""
    core = text.strip()
    if not core:
        return format_html("{}", text)
    start = text.index(core)
    return format_html("{}<{}>{}</{}>{}", text[:start], tag, core, tag, text[start + len(core) :])


def changed(old: str, new: str) -> bool:
    return (old or "") != (new or "")


def article_text(html: str) -> str:
    """An article body as words, its paragraphs on lines of their own."""
    return strip_tags(re.sub(r"</(p|h[1-6]|li|blockquote|figcaption)>", "\n", html or "")).strip()
