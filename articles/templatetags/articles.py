import re

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from articles import search
from articles.models import Section
from newsroom.persian import fold

register = template.Library()


@register.inclusion_tag("includes/section_menu.html", takes_context=True)
def section_menu(context) -> dict:
    """The header's list of sections, the current one marked."""
    current = context.get("section")
    return {"sections": Section.objects.all(), "current": current}


@register.filter
def highlight(text: str, query: str) -> str:
    """`text` with the words that match `query` in <mark>, everything else escaped."""
    words = search.terms(query)
    if not text or not words:
        return conditional_escape(text)
    parts = []
    for piece in _WORDS.split(text):
        folded = fold(piece)
        if folded and any(folded.startswith(word) for word in words):
            parts.append(format_html("<mark>{}</mark>", piece))
        else:
            parts.append(conditional_escape(piece))
    return mark_safe("".join(parts))


# Words, with the ZWNJ inside them («می‌شود» is one), and what lies between.
_WORDS = re.compile(r"([\w\u200c]+)")
