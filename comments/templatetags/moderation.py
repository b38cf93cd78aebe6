"""The admin's first page, for the moderation desk: what was decided lately, and by whom."""

from django import template

from comments.models import ModerationEvent

register = template.Library()

SHOWN = 10


@register.inclusion_tag("admin/moderation_activity.html", takes_context=True)
def recent_moderation(context) -> dict:
    """The latest entries of «سابقه نظارت» (events is None: not this person's to read)."""
    if not context["request"].user.has_perm("comments.view_moderationevent"):
        return {"events": None}
    return {"events": list(ModerationEvent.objects.select_related("actor")[:SHOWN])}
