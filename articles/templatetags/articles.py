import json
import re

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from articles import cards, embeds, plugins, search
from articles.models import BreakingNews, Section
from newsroom import messengers
from newsroom.converters import reverse_often
from newsroom.pagecache.templatetags.fragments import FragmentNode
from newsroom.persian.text import fold, to_persian_digits

register = template.Library()


@register.inclusion_tag("includes/section_menu.html", takes_context=True)
def section_menu(context) -> dict:
    """The header's list of sections, the current one marked."""
    current = context.get("section")
    # A view that read them all already (the home page's blocks) hands them over.
    sections = context.get("all_sections")
    return {
        "sections": Section.objects.in_order() if sections is None else sections,
        "current": current,
    }


# The bar as last rendered, with the bar it shows (BreakingNews.objects.on_every_page()).
_bar_rendered: dict = {}


@register.simple_tag
def breaking_news() -> str:
    """«خبر فوری» at the top of every reader page (or an empty place for site.js to put one
    that comes while the page is open): rendered again only when the bar read is another
    (it is read again when the content version changes), as it cost a page rebuilt 0.2 ms."""
    bar, poll_url = BreakingNews.objects.on_every_page(), reverse_often("breaking")
    shown, polled, html = _bar_rendered.get("bar", (False, "", ""))  # threads may replace it
    if shown is not bar or polled != poll_url:
        html = render_to_string("includes/breaking_bar.html", {"bar": bar, "poll_url": poll_url})
        _bar_rendered["bar"] = (bar, poll_url, html)
    return mark_safe(html)


@register.simple_tag
def section_options(sections, chosen: str | None) -> str:
    """The <option>s of a section picker (the search form's), the `chosen` slug selected;
    written here rather than in a template loop, which cost a search page 0.15 ms."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (section.slug, mark_safe(" selected") if section.slug == chosen else "", section.name)
            for section in sections
        ),
    )


@register.simple_tag
def share_links(url: str, title: str) -> SafeString:
    """The article's share row: a link to each messenger's share page, Iran's own first
    (newsroom/messengers.py), and its short link to copy. Written here rather than in a
    template: the template engine took 0.9 ms of the article page's 5 to render it."""
    sprite = static(SPRITE)
    links = format_html_join(
        "\n    ",
        '<li><a class="share__link share__link--{}" href="{}" rel="noopener" target="_blank">'
        '{}<span class="visually-hidden">اشتراک در </span>{}</a></li>',
        (
            (link.messenger.key, link.url, _icon(sprite, link.messenger.key), link.messenger.name)
            for link in messengers.share_links(url, title)
        ),
    )
    return format_html(
        '<section class="share" aria-labelledby="share-title">\n'
        '  <h2 id="share-title" class="share__title">اشتراک‌گذاری</h2>\n'
        '  <ul class="share__links">\n    {}\n'
        '    <li data-share-native hidden><button class="share__link" type="button" '
        'data-share-url="{}" data-share-title="{}">{}برنامه‌های دیگر</button></li>\n'
        "  </ul>\n"
        '  <p class="share__short">\n'
        '    <label for="short-link">پیوند کوتاه</label>\n'
        '    <input id="short-link" class="share__input" type="text" value="{}" readonly '
        'dir="ltr">\n'
        '    <button class="share__copy" type="button" data-copy-target="short-link" hidden>'
        "{}کپی پیوند</button>\n"
        '    <span class="share__copied" aria-live="polite"></span>\n'
        "  </p>\n"
        "</section>",
        links,
        url,
        title,
        _icon(sprite, "share"),
        url,
        _icon(sprite, "copy"),
    )


SPRITE = "newsroom/icons/messengers.svg"


def _icon(sprite: str, name: str) -> SafeString:
    return format_html(
        '<svg class="icon" aria-hidden="true" focusable="false" width="20" height="20">'
        '<use href="{}#{}"></use></svg>',
        sprite,
        name,
    )


@register.simple_tag
def icon(name: str) -> str:
    """A messenger's (or an action's) mark from the site's sprite, in the text's colour; for
    the eye only, as the words beside it name the link."""
    return _icon(static(SPRITE), name)


@register.simple_tag(takes_context=True)
def article_card(context, article, size="", show_lead=False, level=None, loading="") -> str:
    """An article's card (includes/article_card.html), from the page's `cards` when the view
    prepared them (articles/cards.py), rendered here otherwise."""
    options = {"size": size, "show_lead": show_lead, "level": level, "loading": loading}
    found = context.get("cards")
    return found.html(article, **options) if found is not None else cards.render(article, **options)


@register.filter
def card_loading(article, articles) -> str:
    """`{{ article|card_loading:articles }}`: how its card's picture loads in that list."""
    return cards.loading_in(articles, article)


@register.simple_tag
def pagination(page_obj, page_query: str = "") -> SafeString:
    """A list's page links, «قبلی ۱ ۲ ۳ … ۹ بعدی», each keeping the list's own query
    (`page_query`, already encoded). Written here rather than as a template: on a search's
    page the template engine's loop cost a tenth of the page."""
    if not page_obj.has_other_pages():
        return mark_safe("")
    prefix = f"?{page_query}&page=" if page_query else "?page="

    def page(number: int) -> str:
        if number == page_obj.number:
            return format_html(
                '<a href="{}{}" aria-current="page">{}</a>',
                prefix,
                number,
                to_persian_digits(number),
            )
        return format_html('<a href="{}{}">{}</a>', prefix, number, to_persian_digits(number))

    items = format_html_join(
        "\n    ",
        "<li>{}</li>",
        (
            (page(number) if number is not None else mark_safe(GAP),)
            for number in elided_pages(page_obj.paginator, page_obj.number)
        ),
    )
    previous = (
        format_html(
            '<a class="pagination__step" rel="prev" href="{}{}">قبلی</a>',
            prefix,
            page_obj.previous_page_number(),
        )
        if page_obj.has_previous()
        else ""
    )
    following = (
        format_html(
            '<a class="pagination__step" rel="next" href="{}{}">بعدی</a>',
            prefix,
            page_obj.next_page_number(),
        )
        if page_obj.has_next()
        else ""
    )
    return format_html(
        '<nav class="pagination" aria-label="صفحه‌های فهرست">\n  {}\n'
        '  <ul class="pagination__pages">\n    {}\n  </ul>\n  {}\n</nav>\n',
        previous,
        items,
        following,
    )


GAP = '<span class="pagination__gap">…</span>'


@register.filter
def elided_pages(paginator, number: int) -> list[int | None]:
    """`{{ paginator|elided_pages:page.number }}`: the page numbers a list's pagination
    shows, «۱ ۲ ۳ … ۹», None where some are left out."""
    return [
        page if isinstance(page, int) else None
        for page in paginator.get_elided_page_range(number, on_each_side=2, on_ends=1)
    ]


@register.simple_tag(takes_context=True)
def rankings(context) -> str:
    """The rankings registered in articles/plugins.py: «پربازدیدترین», «پربحث‌ترین»."""
    return mark_safe("".join(block.render(context) for block in plugins.rankings))


@register.simple_tag
def ranking_list(articles, count_label: str = "") -> str:
    """A ranking's list: each article's title and link, and with `count_label` its count of
    recent comments. Written here rather than as a template: it is on every article's page,
    and the template engine's loop cost more than the rest of the rankings."""
    if not articles:
        return mark_safe('\n<p class="ranking__empty">هنوز آماری نیست.</p>\n\n')
    lines = format_html_join(
        "",
        '\n  <li><a href="{}">{}</a>{}</li>\n  ',
        (
            (
                article.get_absolute_url(),
                article.title,
                format_html(
                    ' <span class="ranking__count">({} {})</span>',
                    to_persian_digits(article.recent_comments),
                    count_label,
                )
                if count_label
                else "",
            )
            for article in articles
        ),
    )
    return format_html('\n<ol class="ranking__list">\n  {}\n</ol>\n\n', lines)


@register.simple_tag(takes_context=True)
def article_blocks(context) -> str:
    """What closes the article (articles/plugins.py): the usefulness question. In a part of
    the page cached as the article's own is ("blocks")."""
    return mark_safe("".join(block.render(context) for block in plugins.article_blocks))


class _BlockNode(template.Node):
    def __init__(self, block: plugins.Block):
        self.block = block

    def render(self, context) -> str:
        return self.block.render(context)


@register.simple_tag(takes_context=True)
def article_parts(context) -> str:
    """The parts other apps add below the article (articles/plugins.py), each one a part of
    the page's cache, kept as `{% fragment %}` keeps one."""
    return mark_safe(
        "".join(
            FragmentNode(part.name, template.NodeList([_BlockNode(part)])).render(context)
            for part in plugins.article_parts
        )
    )


@register.filter
def of_kind(notes, kind: str) -> list:
    """{{ notes|of_kind:"update" }}: an article's notes of one kind, in their order."""
    return [note for note in notes if note.kind == kind]


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


@register.filter
def with_embeds(body: str) -> str:
    """A sanitised body with each embed's placeholder shown as its facade (a link to the
    provider that site.js turns into the provider's frame on a click); text not yet marked
    safe is escaped whole, and so holds no placeholder."""
    return mark_safe(
        embeds.replace(
            conditional_escape(body),
            lambda embed: render_to_string("includes/embed.html", {"embed": embed}).strip(),
        )
    )


# Words, with the ZWNJ inside them («می‌شود» is one), and what lies between.
_WORDS = re.compile(r"([\w\u200c]+)")


# Replaced one by one: str.translate looks up every character of a Persian text in a dict,
# a hundred times slower than these scans.
_JSON_ESCAPES = (("<", "\\u003C"), (">", "\\u003E"), ("&", "\\u0026"))


@register.filter
def json_ld(data: dict) -> str:
    """A schema.org block; `<`, `>` and `&` escaped so no text can close the script."""
    text = json.dumps(
        {k: v for k, v in data.items() if v is not None}, ensure_ascii=False, cls=DjangoJSONEncoder
    )
    for character, escaped in _JSON_ESCAPES:
        text = text.replace(character, escaped)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
