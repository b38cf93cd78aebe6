import base64
import os
import time
from collections.abc import Callable

from ckeditor_uploader import forms as ckeditor_forms
from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import ListView

from articles import cards, embeds, metadata, plugins, search
from articles.cards import Cards
from articles.forms import SearchForm
from articles.images.forms import EditorUploadForm
from articles.models import Article, ArticleNote, FrontPage, HomePin, Image, Section, Tag
from articles.models.curation import HOME_LATEST, HOME_PER_SECTION, HOME_TOP
from articles.models.live import live_block
from newsroom.pagecache.middleware import PagePolicy, anonymous_by_cookies, reader_page
from newsroom.pagecache.parts import PageFragments
from newsroom.persian import jalali
from newsroom.serving.replica import reads_from_replica, replica_in_use

RELATED_COUNT = 5

# How each of the home page's cards is shown (articles/cards.py). The lead's picture is the
# largest on the screen as the page opens, on a phone and a desk; the rest load lazily.
LEAD_CARD = {"size": "large", "show_lead": True, "loading": "priority"}
TOP_CARD = {"size": "medium", "level": 3}
LATEST_CARD = {}  # a list's card: its picture small at the start of its words
SECTION_FIRST_CARD = {}  # a block's first story, with its picture above its words
SECTION_CARD = {"size": "compact"}


def front_page(now=None, pins=None) -> FrontPage:
    """The home page's stories at `now`: the live pins (or `pins`, a pending arrangement
    the editor previews), and around them the newest, each story once (FrontPage).
    A handful of indexed queries, however many articles and pins."""
    now = now or timezone.now()
    pins = HomePin.objects.live(now) if pins is None else [p for p in pins if p.is_live(now)]
    published = Article.objects.published(now)
    newest = list(published.for_cards()[: 1 + HOME_TOP + HOME_LATEST + len(pins)])
    featured = None
    if not any(pin.place == HomePin.Place.LEAD for pin in pins):
        featured = published.for_cards().filter(is_featured=True).first()
    page = FrontPage.arrange(
        pins,
        newest,
        featured,
        top_count=HOME_TOP,
        latest_count=HOME_LATEST,
        per_section=HOME_PER_SECTION,
    )
    sections = Section.objects.in_order()
    newest_ids = published.newest_ids_per_section(
        HOME_PER_SECTION + page.shown_per_section(), sections
    )
    wanted = page.wanted_for_sections(newest_ids, HOME_PER_SECTION)
    articles = Article.objects.filter(pk__in=wanted).for_cards().in_bulk() if wanted else {}
    page.fill_sections(sections, articles, newest_ids, HOME_PER_SECTION)
    return page


def render_home(request: HttpRequest, page: FrontPage, preview: bool = False) -> HttpResponse:
    """The home page of `page`'s stories: the readers' (home) or a pending one (preview)."""
    # Each card rendered once and kept (articles/cards.py): a publish renders only its own.
    wanted = [(page.lead, LEAD_CARD)] if page.lead else []
    wanted += [(article, TOP_CARD) for article in page.top]
    wanted += [(article, LATEST_CARD) for article in page.latest]
    for _, block in page.section_blocks:
        wanted += [(block[0], SECTION_FIRST_CARD), *((a, SECTION_CARD) for a in block[1:])]
    return render(
        request,
        "articles/home.html",
        {
            "page": page,
            "all_sections": Section.objects.in_order(),
            "cards": Cards.kept(wanted),
            "fragments": None if preview else _header_fragment(request),
            "preview": preview,
            "structured_data": [metadata.website(request), metadata.breadcrumbs(request)],
        },
    )


@reader_page
def home(request: HttpRequest) -> HttpResponse:
    return render_home(request, front_page())


class ArticleListView(ListView):
    """A paginated list of published articles; subclasses say which."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"

    def get_paginate_by(self, queryset) -> int:
        return settings.ARTICLES_PER_PAGE  # as configured now, not at import

    def get_queryset(self):
        return Article.objects.published().for_listing()

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_query=self.page_query(), **kwargs)

    def page_query(self) -> str:
        """What the links to the list's other pages keep of the query string: the parameters
        the page depends on (its cache policy's), never a tracking parameter, which would be
        cached into the links every reader gets."""
        policy = getattr(self, "page_cache", None)
        names = (*policy.words, *policy.params) if policy is not None else ()
        return urlencode(
            [
                (name, self.request.GET[name])
                for name in names
                if name != "page" and self.request.GET.get(name)
            ]
        )


class LatestView(ArticleListView):
    """/latest/: every published article, newest first («آخرین اخبار» in full)."""

    page_cache = PagePolicy(params=("page",))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading="آخرین اخبار",
            feed_url=reverse("rss"),
            structured_data=[
                metadata.breadcrumbs(self.request, ("آخرین اخبار", reverse("articles:latest")))
            ],
            **kwargs,
        )


class SectionView(ArticleListView):
    page_cache = PagePolicy(params=("page",))

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return super().get_queryset().filter(section=self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=self.section.name,
            section=self.section,
            feed_url=reverse("rss_section", kwargs={"slug": self.section.slug}),
            structured_data=[
                metadata.breadcrumbs(
                    self.request, (self.section.name, self.section.get_absolute_url())
                )
            ],
            **kwargs,
        )


class TagView(ArticleListView):
    page_cache = PagePolicy(params=("page",))

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return super().get_queryset().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=f"برچسب: {self.tag.name}",
            tag=self.tag,
            structured_data=[
                metadata.breadcrumbs(self.request, (self.tag.name, self.tag.get_absolute_url()))
            ],
            **kwargs,
        )


class CorrectionsView(ListView):
    """/corrections/ «اصلاحیه‌ها»: every correction to a published article, newest first,
    each linking to its article; renewed with them (a note touches its article)."""

    page_cache = PagePolicy(params=("page",))
    template_name = "articles/corrections.html"
    context_object_name = "corrections"
    paginate_by = settings.ARTICLES_PER_PAGE

    def get_queryset(self):
        return ArticleNote.objects.published().corrections().for_listing()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading="اصلاحیه‌ها",
            structured_data=[
                metadata.breadcrumbs(self.request, ("اصلاحیه‌ها", reverse("articles:corrections")))
            ],
            **kwargs,
        )


@method_decorator(reads_from_replica, name="dispatch")
class SearchView(ArticleListView):
    """/search/?q=: Persian-aware search, best matches first, then newest."""

    template_name = "articles/search.html"
    # Kept under the content version, as every reader page, unless a replica takes the
    # searches (newsroom/serving/replica.py): a page cached from a replica may be stale.
    page_cache = PagePolicy(
        params=("section", "since", "until", "page"),
        words=("q",),
        applies=lambda: not replica_in_use(),
    )

    def get(self, request, *args, **kwargs):
        self.form = SearchForm(request.GET)
        self.form.is_valid()  # a bad date leaves the rest of the search standing
        # The form's choices, the header's menu (section_menu) and the results read them:
        # from memory while the names version stands.
        self.sections = Section.objects.in_order()
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        data = self.form.cleaned_data
        if not search.terms(data.get("q", "")):
            return []
        section, since, until = None, None, None
        if data.get("section"):
            by_slug = {s.slug: s.pk for s in self.sections}
            if data["section"] not in by_slug:  # no such section: nothing in it
                return []
            section = by_slug[data["section"]]
        if data.get("since"):
            day = data["since"]
            since = jalali.day_bounds(day.year, day.month, day.day)[0]
        if data.get("until"):
            day = data["until"]
            until = jalali.day_bounds(day.year, day.month, day.day)[1]
        return search.Results(data.get("q", ""), section=section, since=since, until=until)

    def get_context_data(self, **kwargs):
        query = self.form.cleaned_data.get("q", "")
        context = super().get_context_data(
            form=self.form,
            query=query,
            searched=bool(search.terms(query)),
            more_results=getattr(self.object_list, "more", False),
            all_sections=self.sections,
            heading=f"جست‌وجو: {query}" if query else "جست‌وجو",
            **kwargs,
        )
        found = context["articles"]
        # The page's parts and its results' parts in one cache round trip, now that the
        # search has said which results are on the page.
        is_results = isinstance(found, search.ResultPage)
        self.fragments = context["fragments"] = _search_fragments(
            self.request, query, cards.search_result_keys(found, query) if is_results else []
        )
        context["results"] = (
            cards.search_results(
                found,
                query,
                self.sections,
                self.fragments.prefetched if self.fragments is not None else None,
            )
            if is_results
            else ""
        )
        return context


def _search_fragments(request: HttpRequest, query: str, results: list[str]) -> PageFragments | None:
    """The search page's parts, for anonymous readers, in one round trip with its results'
    parts (`results`, their cache keys): the header (the date, the section menu), as the
    article's page keeps it; and the head, which shows the query and the address: a search
    asked again (after a publish renewed every page, or with a tracking parameter) renders
    neither."""
    if not anonymous_by_cookies(request):
        return None
    site = f"{request.scheme}://{request.get_host()}"
    fragments = PageFragments.from_cache(
        {
            "header": "",
            "head": f"search|{site}|{request.GET.get('page', '')}|{query}",
        },
        also=results,
    )
    if fragments is not None:
        fragments.declare("header", _header_inputs(fragments.versions))
        fragments.declare("head", ())  # all it shows is in its key, and in the release
    return fragments


def _header_fragment(request: HttpRequest) -> PageFragments | None:
    """The page's header (the date, the section menu) from the cache, as the article's
    page keeps it, for anonymous readers."""
    if not anonymous_by_cookies(request):
        return None
    fragments = PageFragments.from_cache({"header": ""})
    if fragments is not None:
        fragments.declare("header", _header_inputs(fragments.versions))
    return fragments


def _header_inputs(versions) -> tuple:
    return (versions.names, timezone.localdate().isoformat())


def _published_article(code: int) -> Article:
    article = Article.objects.published_for_page(code)
    if article is None:
        raise Http404("No such published article.")
    return article


def _viewed(request: HttpRequest, article_id: int) -> None:
    """A reader read the article: told to whoever counts (articles/plugins.py)."""
    for viewed in plugins.article_viewed:
        viewed(request, article_id)


def _page_served(request: HttpRequest, article_id: int) -> None:
    """The article's page went out: a view, unless the page's beacon counts it (article_seen)."""
    if not settings.VIEW_BEACON:
        _viewed(request, article_id)


def _count_cached_view(request: HttpRequest, meta: dict) -> None:
    _page_served(request, meta["article_id"])


@reader_page(
    params=plugins.article_page_params(),
    article_code=lambda kwargs: kwargs["code"],
    on_hit=_count_cached_view,
)
def article_detail(request: HttpRequest, code: int, slug: str | None = None) -> HttpResponse:
    fragments = _article_fragments(request, code)
    if fragments is None:
        article = _published_article(code)
    else:  # the row too, while nothing readers see has changed
        article = fragments.get_or_build(
            "article", (fragments.versions.content,), lambda: _published_article(code)
        )
    if slug != article.slug:
        return redirect(article, permanent=True)
    _page_served(request, article.pk)
    response = _render_article(request, article, fragments)
    response.cache_meta = {"article_id": article.pk}
    return response


# A transparent GIF of one pixel: what the view beacon answers.
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
SEEN_CODES_KEPT = 10_000
_seen_ids: dict[int, int] = {}  # news code → article id, of articles found published


@require_GET
@never_cache
def article_seen(request: HttpRequest, code: int) -> HttpResponse:
    """The view beacon (VIEW_BEACON): the one-pixel image of an article's page, which each
    reader's browser asks the origin for, however the page reached it — from the edge, the
    page cache or the origin. Each view costs no query once the code is known here."""
    if not settings.VIEW_BEACON:
        raise Http404("Page views are counted as pages are served.")
    article_id = _seen_ids.get(code)
    if article_id is None:
        article_id = (
            Article.objects.published().filter(code=code).values_list("pk", flat=True).first()
        )
        if article_id is None:
            raise Http404("No such published article.")
        if len(_seen_ids) >= SEEN_CODES_KEPT:
            _seen_ids.clear()
        _seen_ids[code] = article_id
    _viewed(request, article_id)
    return HttpResponse(PIXEL, content_type="image/gif")


def short_link(request: HttpRequest, code: int) -> HttpResponse:
    return redirect(_published_article(code), permanent=True)


@never_cache
@staff_member_required
def preview(request: HttpRequest, code: int) -> HttpResponse:
    """Any article, in any state, exactly as readers will see it; for staff who may see it."""
    article = get_object_or_404(Article.objects.for_detail(), code=code)
    if not article.can_view(request.user):
        raise PermissionDenied
    return _render_article(request, article, preview=True)


def _article_fragments(request: HttpRequest, code: int) -> PageFragments | None:
    """The article's row and the parts of its page, from the cache in one round trip; for
    anonymous readers, as whole pages are (the newsroom's staff see the database itself)."""
    if not anonymous_by_cookies(request):
        return None
    site = f"{request.scheme}://{request.get_host()}"
    return PageFragments.from_cache(
        {
            "article": str(code),
            "head": f"{code}|{site}",
            "header": "",
            "main": f"{code}|{site}",
            "blocks": f"{code}|{site}",
            **{part.name: part.key(request, code) for part in plugins.article_parts},
            "rankings": "",
            "related": str(code),
        },
        article_code=code,
    )


def _expect_parts(fragments: PageFragments, article: Article) -> None:
    """What each part of the article's page is built from (newsroom/pagecache/parts.py)."""
    versions = fragments.versions
    # Its own parts: its row (a change of its tags touches `updated_at`), the names of its
    # section, tags and byline. The key holds the address of the absolute links.
    own = (article.version, article.updated_at.isoformat(), versions.names)
    fragments.declare("blocks", own)  # what closes it (the usefulness question), after the related
    if article.has_live_coverage:
        # «لحظه‌به‌لحظه»: its entries (in "main") and their JSON-LD (in "head") change with
        # the article's own version, which an entry renews (articles/signals.py); and the
        # coverage ends by itself at a time set ahead.
        own = (*own, versions.article, article.is_live)
    fragments.declare("head", own)
    fragments.declare("main", own)
    fragments.declare("header", _header_inputs(versions))
    for part in plugins.article_parts:  # what other apps add below it (the comments)
        fragments.declare(part.name, part.inputs(versions, article))
    # View counts move all the time: the rankings are kept for five minutes at most.
    fragments.declare("rankings", (versions.content, int(time.time() // 300)))
    fragments.declare("related", (versions.content,))


def _render_article(
    request: HttpRequest,
    article: Article,
    fragments: PageFragments | None = None,
    preview: bool = False,
) -> HttpResponse:
    """The article page. What only some parts need is computed when a part is rendered, so
    a page whose parts come from the cache costs no query beyond finding the article."""
    if fragments is not None:
        _expect_parts(fragments, article)

    # Read once, for the page, its metadata and its related news (a plain query: prefetching
    # them cost three times as much).
    tags = SimpleLazyObject(article.tag_list)
    # The gallery's pictures, in one query however many, for the page and its JSON-LD.
    gallery = SimpleLazyObject(article.gallery_list)
    # Its corrections and updates, in one query however many (the page's "main" part).
    notes = SimpleLazyObject(article.note_list)
    # «لحظه‌به‌لحظه»: the pinned entry and the newest others, in one query (none if never live).
    live = SimpleLazyObject(lambda: live_block(article))

    def structured_data() -> list[dict]:
        return [
            metadata.news_article(request, article, tags, gallery, live),
            metadata.breadcrumbs(
                request,
                (article.section.name, article.section.get_absolute_url()),
                (article.title, article.get_absolute_url()),
            ),
        ]

    def absolute(url: Callable[[], str]) -> SimpleLazyObject:
        return SimpleLazyObject(lambda: request.build_absolute_uri(url()))

    response = render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "fragments": fragments,
            "tags": tags,
            "gallery": gallery,
            "notes": notes,
            "live": live,
            "related": SimpleLazyObject(
                lambda: Article.objects.related_to(article, limit=RELATED_COUNT, tags=tags)
            ),
            "preview": preview,
            "short_url": absolute(article.get_short_url),
            "image_url": SimpleLazyObject(lambda: metadata.image_url(request, article)),
            "structured_data": SimpleLazyObject(structured_data),
            "page_url": absolute(article.get_absolute_url),
            "view_beacon": settings.VIEW_BEACON and not preview,
        },
    )
    # Its embeds' providers may be framed, on this page alone; the policy is a header of the
    # response, so the page cache and the edge keep it with the page. (`_csp_config` is how
    # Django's @csp_override sets a response's policy: tests/test_library_internals.py.)
    # A live article's entries may bring any provider's embed, in a poll after the page.
    if policy := embeds.frame_policy(article.body, every_provider=article.is_live):
        response._csp_config = policy
    return response


@require_POST
@permission_required("articles.add_article", raise_exception=True)
def editor_upload(request: HttpRequest) -> HttpResponse:
    """CKEditor's image upload («به سرور بفرست»), for staff who write articles: the picture
    goes into the image library, checked, stripped and given renditions as any upload there.

    Django's CSRF check applies: CKEditor sends the token as X-CSRFToken (our plugin,
    newsroom/static/newsroom/ckeditor/newsroom/plugin.js). A refused file gets CKEditor's
    JSON error, which its image dialog shows as it is. The body keeps the picture's address;
    saving the article marks it as the library's (`data-image`, articles/body.py).
    """
    form = EditorUploadForm(request.POST, request.FILES, user=request.user)
    if not form.is_valid():
        return JsonResponse({"uploaded": 0, "error": {"message": form.error_message()}}, status=400)
    image = form.save()
    return JsonResponse(
        {
            "uploaded": 1,
            "fileName": os.path.basename(image.file.name),
            "url": image.file.url,
            "image": image.pk,
            "alt": "" if image.alt_from_file_name else image.alt,
        }
    )


BROWSE_COUNT = 60


@never_cache
@permission_required("articles.add_article", raise_exception=True)
def editor_browse(request: HttpRequest) -> HttpResponse:
    """CKEditor's server browser over the image library: a reporter sees the pictures they
    uploaded, an editor everyone's, newest first, searchable by alt text, caption and credit.
    «درج در متن» puts the picture's address and alt text into the image dialog."""
    form = ckeditor_forms.SearchForm(request.POST if request.method == "POST" else None)
    images = Image.objects.for_picker(
        request.user, everyone=request.user.has_perm("articles.publish_article")
    )
    if form.is_valid():
        images = images.matching(form.cleaned_data["q"])
    return render(request, "ckeditor/browse.html", {"images": images[:BROWSE_COUNT], "form": form})
