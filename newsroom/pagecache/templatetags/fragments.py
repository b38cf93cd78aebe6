from django import template
from django.utils.safestring import mark_safe

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, name: str, nodelist: template.NodeList):
        self.name = name
        self.nodelist = nodelist

    def render(self, context) -> str:
        fragments = context.get("fragments")
        if fragments is None or not fragments.declared(self.name):
            return self.nodelist.render(context)
        html = fragments.get(self.name)
        if html is None:
            html = self.nodelist.render(context)
            fragments.store(self.name, str(html))
        # This template's own output, escaped as it was rendered, and kept in our cache.
        return mark_safe(html)


@register.tag
def fragment(parser, token):
    """{% fragment "main" %}…{% endfragment %}: a part of the page the view may have cached
    (newsroom/pagecache/parts.py); rendered as usual otherwise."""
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "'\"" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError('Usage: {% fragment "name" %}…{% endfragment %}')
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(bits[1][1:-1], nodelist)
