"""The admin's first page: the blocks registered for it (articles/plugins.py) — the
newsroom's desk (articles/desk/), then other apps' (the comments' queue and moderation)."""

from django import template
from django.utils.safestring import mark_safe

from articles import plugins

register = template.Library()


@register.simple_tag(takes_context=True)
def desk_notices(context) -> str:
    """What is shown above the desk, e.g. the comments' queue."""
    return mark_safe("".join(block.render(context) for block in plugins.desk_notices))


@register.simple_tag(takes_context=True)
def desk_blocks(context) -> str:
    """The desk's blocks, in its grid: the newsroom's lists first, then other apps'."""
    return mark_safe("\n".join(block.render(context) for block in plugins.desk_blocks))
