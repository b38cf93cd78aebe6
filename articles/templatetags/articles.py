from django import template

from articles.models import Section

register = template.Library()


@register.inclusion_tag("includes/section_menu.html", takes_context=True)
def section_menu(context) -> dict:
    """The header's list of sections, the current one marked."""
    current = context.get("section")
    return {"sections": Section.objects.all(), "current": current}
