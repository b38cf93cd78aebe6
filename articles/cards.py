"""The article card of the lists (includes/article_card.html), rendered once and kept.

A list page shows dozens of cards and most of them did not change when it is rebuilt
(a publish renews the content version, and with it every page). Each card is kept as a
part (newsroom/pagecache/parts.py) under what it shows: the article's own version and last
change, and the names version (its section's name); a rebuilt page renders only the cards
of articles new to it or changed, and takes the others from the cache in one round trip.
"""

from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from articles import search
from newsroom.pagecache import parts
from newsroom.pagecache.versions import versions
from newsroom.persian.templatetags.persian import iso, jalali

TEMPLATE = "includes/article_card.html"


def _options(
    size: str = "", show_lead: bool = False, level: int | None = None, loading: str = ""
) -> tuple:
    return size or "", bool(show_lead), level or 3, loading or ""


def render(
    article, size: str = "", show_lead: bool = False, level: int | None = None, loading: str = ""
) -> str:
    """One card, as `{% include TEMPLATE with article=… size=… show_lead=… level=… loading=…
    only %}`. `loading`: how its picture loads, "priority" for the page's largest picture on
    the screen as it opens, "eager" for others there, lazily otherwise (`loading_in`)."""
    if size == "compact":
        return compact(article, show_lead, level)
    context = {
        "article": article,
        "size": size,
        "show_lead": show_lead,
        "level": level,
        "loading": loading,
    }
    return render_to_string(TEMPLATE, context)


def compact(article, show_lead: bool = False, level: int | None = None) -> SafeString:
    """The compact card (no picture: the related news, the home page's sections), as
    TEMPLATE renders it with size="compact", written here: a page shows a handful of them,
    and the template engine took as long to render them as the rest of the related news."""
    return format_html(
        '<article class="card card--compact">\n  \n  {}\n  <h{} class="card__title">'
        '<a href="{}">{}</a></h{}>\n  {}\n  <p class="card__meta">\n'
        '    <a class="card__section" href="{}">{}</a>\n'
        '    <time datetime="{}">{}</time>\n  </p>\n</article>\n',
        _kicker(article),
        level or 3,
        article.get_absolute_url(),
        article.title,
        level or 3,
        format_html('<p class="card__lead">{}</p>', article.lead) if show_lead else "",
        article.section.get_absolute_url(),
        article.section.name,
        iso(article.published_at),
        jalali(article.published_at),
    )


def _kicker(article) -> SafeString | str:
    """The kicker line, with the «زنده» badge while the article is covered live."""
    badge = mark_safe('<span class="live-badge">زنده</span> ') if article.is_live else ""
    if not (article.kicker or badge):
        return ""
    return format_html('<p class="card__kicker">{}{}</p>', badge, article.kicker)


# The cards of a list whose pictures are on the screen as the page opens, on a phone or a
# desk: the first picture among them is the largest there, fetched first; the others load at
# once too; the rest of the list lazily.
EAGER_CARDS = 3


def loading_in(articles, article) -> str:
    """How the picture of `article`'s card loads in the list `articles` (its cards in order)."""
    articles = list(articles)
    position = next(n for n, listed in enumerate(articles) if listed.pk == article.pk)
    if position >= EAGER_CARDS:
        return ""
    pictured = [listed.pk for listed in articles[:EAGER_CARDS] if listed.lead_image_id]
    return "priority" if pictured[:1] == [article.pk] else "eager"


class Cards:
    """The cards a page shows, rendered or taken from the cache before its template runs;
    `{% article_card %}` prints them."""

    def __init__(self, html: dict[tuple, str]):
        self._html = html

    @classmethod
    def kept(cls, wanted) -> "Cards":
        """`wanted`: (article, options) pairs, the options as `render` takes them."""
        names = versions().names
        by_ident = {}
        for article, options in wanted:
            ident = f"{article.pk}|{'|'.join(map(str, _options(**options)))}"
            by_ident[ident] = (article, options)
        # The «زنده» badge goes by itself at a live coverage's end set ahead.
        inputs = {
            ident: (article.version, article.updated_at.isoformat(), names, article.is_live)
            for ident, (article, _) in by_ident.items()
        }
        html = parts.kept_many(
            "card",
            inputs,
            lambda idents: {i: render(by_ident[i][0], **by_ident[i][1]) for i in idents},
        )
        return cls(
            {
                (article.pk, *_options(**options)): html[ident]
                for ident, (article, options) in by_ident.items()
            }
        )

    def html(self, article, **options) -> SafeString:
        found = self._html.get((article.pk, *_options(**options)))
        # Rendered from this project's template, escaped as it was rendered.
        return mark_safe(found if found is not None else render(article, **options))


SEARCH_RESULT = "includes/search_result.html"


def search_result_keys(page, query: str) -> list[str]:
    """The cache keys of a page of search results' parts: the page fetches them with its
    own parts, in one round trip (`search_results(prefetched=…)`)."""
    return list(parts.keys_of(SEARCH_RESULT_PART, _result_idents(page, query)).values())


def _result_idents(page, query: str) -> dict:
    words = " ".join(search.terms(query))
    return {f"{hit.pk}|{words}": hit for hit in page.hits}


SEARCH_RESULT_PART = "search-result"


def search_results(page, query: str, sections, prefetched: dict | None = None) -> SafeString:
    """A page of search results (`search.ResultPage`), one after another, each as
    includes/search_result.html renders it, the query's words marked; kept as the cards
    are, under what they show and the query's words: a search renders, and reads the
    articles of, only the results it has not shown before. `sections`: every section,
    which the page has read already; `prefetched`: the results' parts, as the page fetched
    them with its own (`search_result_keys`)."""
    sections = {section.pk: section for section in sections}
    hits = _result_idents(page, query)

    def render_missing(idents: list[str]) -> dict[str, str]:
        articles = {article.pk: article for article in page.articles}
        return {  # "" for one gone since the search (deleted, unpublished): not shown
            ident: render_to_string(SEARCH_RESULT, {"article": article, "query": query})
            if (article := articles.get(hits[ident].pk))
            else ""
            for ident in idents
        }

    html = parts.kept_many(
        SEARCH_RESULT_PART,
        {
            ident: (
                hit.version,
                str(hit.updated_at),
                sections[hit.section_id].name,
                sections[hit.section_id].slug,
            )
            for ident, hit in hits.items()
        },
        render_missing,
        prefetched,
    )
    # Rendered from this project's template, escaped as it was rendered.
    return mark_safe("".join(html[ident] for ident in hits))
