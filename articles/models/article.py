import datetime
import functools
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, models, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from articles import body as body_pictures
from articles import embeds, search
from articles.images.models import Image
from articles.models.gallery import GalleryItem, deleted_with_article
from articles.models.live import LiveEntry, _unpin_others
from articles.models.notes import ArticleNote
from articles.sanitize import sanitize, sanitized
from newsroom.compiled import Rows, bound, columns
from newsroom.converters import reverse_often
from newsroom.pagecache.bulk import BulkChangeQuerySet
from newsroom.pagecache.versions import versions
from newsroom.persian import jalali
from newsroom.persian.text import normalize, slugify, to_persian_digits


class SectionQuerySet(BulkChangeQuerySet):
    def in_order(self) -> list["Section"]:
        """Every section, in the menu's order, as on every page's header: read once a
        process while the names version stands, which a section added, renamed, reordered
        or removed renews (articles/signals.py)."""
        key = (self.db, versions().names)
        if _sections_read.get("key") != key:
            _sections_read.update(key=key, sections=list(self.all()))
        return list(_sections_read["sections"])


_sections_read: dict = {}  # the sections as last read, and the names version they were read at


class Section(models.Model):
    """A desk of the newsroom (سرویس): سیاسی، اجتماعی، ورزشی…"""

    name = models.CharField(_("نام"), max_length=60, unique=True)
    slug = models.SlugField(
        _("نامک"), max_length=60, unique=True, help_text=_("لاتین، برای نشانی صفحه: politics")
    )
    order = models.PositiveSmallIntegerField(_("ترتیب"), default=0)

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("سرویس")
        verbose_name_plural = _("سرویس‌ها")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name = normalize(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse_often("articles:section", slug=self.slug)


class Tag(models.Model):
    """A subject that cuts across sections (برچسب), with a Persian slug."""

    name = models.CharField(_("نام"), max_length=60, unique=True)
    slug = models.SlugField(_("نامک"), max_length=80, unique=True, allow_unicode=True, blank=True)

    objects = BulkChangeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("برچسب")
        verbose_name_plural = _("برچسب‌ها")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name = normalize(self.name).strip()
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse_often("articles:tag", slug=self.slug)


class NewsCodeCounter(models.Model):
    """The last news code handed out. Only ever incremented, so no code is given twice."""

    last = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = _("شمارنده کد خبر")

    def __str__(self) -> str:
        return to_persian_digits(self.last)

    @classmethod
    def next_code(cls) -> int:
        with transaction.atomic():
            # The UPDATE locks the row until commit, so concurrent saves queue here.
            if not cls.objects.filter(pk=1).update(last=F("last") + 1):
                start = max(
                    settings.NEWS_CODE_START - 1,
                    Article.objects.aggregate(m=models.Max("code"))["m"] or 0,
                )
                cls.objects.get_or_create(pk=1, defaults={"last": start})
                cls.objects.filter(pk=1).update(last=F("last") + 1)
            return cls.objects.values_list("last", flat=True).get(pk=1)


# What includes/article_card.html shows of an article, for a list that only shows cards: a
# row of a few short columns (grouped by, in the related news' query).
CARD_FIELDS = (
    "code", "slug", "kicker", "title", "lead", "published_at",
    "live_started_at", "live_ended_at",  # the «زنده» badge
    "section__name", "section__slug",
)  # fmt: skip

# Where the related news' and the rankings' SQL (compiled once, below) takes each request's
# values: an id no article has, a time long past, and ids no tag or article has.
_THIS_ARTICLE = -7_777_779
_NOW = datetime.datetime(1970, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)


def _id_markers(count: int) -> list[int]:
    """Ids no row has, one for each value a compiled query takes in their place."""
    return [-1 - n for n in range(count)]


# Related news looks among the newest this many articles of each of the article's tags: a
# tag of a busy beat is on thousands of articles, and counting the tags each of them shares
# would cost as much as the archive is large (the newest first by the index on tag and
# article, migration 0019).
RELATED_CANDIDATES = 100


@functools.lru_cache(maxsize=64)
def _sharing_tags_sql(db: str, tag_count: int, limit: int) -> tuple[str, tuple]:
    """The SQL of the ids of the `limit` published articles sharing the most of `tag_count`
    tags with an article, newest first, among each tag's newest RELATED_CANDIDATES; compiled
    once a process for each count of tags, as building and compiling it through the ORM cost
    more than running it and reading the cards by their ids. Its parameters name the
    markers above."""
    tagged = Article.tags.through.objects.using(db)
    newest = Q()
    for marker in _id_markers(tag_count):
        newest |= Q(
            pk__in=tagged.filter(tag_id=marker)
            .order_by("-article_id")
            .values("article_id")[:RELATED_CANDIDATES]
        )
    picked = (
        Article.objects.using(db)
        .published(now=_NOW)
        .exclude(pk=_THIS_ARTICLE)
        .filter(newest, tags__in=_id_markers(tag_count))
        .values("pk")
        .annotate(shared_tags=Count("tags"))
        .order_by("-shared_tags", "-published_at", "-code")
        .values_list("pk", flat=True)
    )
    return picked[:limit].query.sql_with_params()


def _sharing_tags(db: str, article: "Article", tag_ids: list[int], limit: int) -> list[int]:
    sql, params = _sharing_tags_sql(db, len(tag_ids), limit)
    adapt = connections[db].ops.adapt_datetimefield_value
    values = {
        adapt(_NOW): adapt(timezone.now()),
        _THIS_ARTICLE: article.pk,
        **dict(zip(_id_markers(len(tag_ids)), tag_ids, strict=True)),
    }
    with connections[db].cursor() as cursor:
        cursor.execute(sql, bound(params, values))
        return [row[0] for row in cursor.fetchall()]


# What a ranking's line shows (includes/ranking_list.html), a title and a link, and what
# keeps it (articles/plugins.py, `Block.shows`): the article's version and last change.
RANKING_FIELDS = ("code", "slug", "title", "published_at", "version", "updated_at")


@functools.lru_cache(maxsize=64)
def _ranked_sql(db: str, count: int) -> tuple[list[str], str, tuple]:
    """The columns (in the model's order, as `Model.from_db` takes them) and the SQL of the
    published ones of `count` articles, their ranking fields; compiled once a process for
    each count, as the ORM's building it cost more than running it."""
    wanted = {"id", *RANKING_FIELDS}
    columns = [
        f.attname
        for f in Article._meta.get_fields()
        if f.concrete and not f.many_to_many and f.attname in wanted
    ]
    visible = (
        Article.objects.using(db)
        .published(now=_NOW)
        .filter(pk__in=_id_markers(count))
        .order_by("-published_at", "-code")
        .values_list(*columns)
    )
    return columns, *visible.query.sql_with_params()


def _read_time(value, tz) -> datetime.datetime | None:
    """A time read by plain SQL as the ORM gives it: SQLite's come naive (or as text), in
    the database's time zone."""
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    if value is not None and settings.USE_TZ and timezone.is_naive(value):
        value = timezone.make_aware(value, tz)
    return value


# A news code no article has (in range: the ORM finds out-of-range values match nothing
# before it writes SQL): where the article's read takes its code.
_ANY_CODE = 2_147_483_646

# What an article's page reads with its row (`for_detail`), each made a row of its own.
DETAIL_RELATED = ("section", "author", "lead_image")


def _with_related(model, db: str, related: tuple, row: tuple, own: list[str]):
    """The instance of `model` in `row` (its columns `own` first, then each of `related`'s
    columns in turn), its related instances set as `select_related` sets them."""
    instance = model.from_db(db, own, row[: len(own)])
    at = len(own)
    for name in related:
        related_model = model._meta.get_field(name).related_model
        names = columns(related_model)
        values = row[at : at + len(names)]
        at += len(names)
        setattr(
            instance, name, None if values[0] is None else related_model.from_db(db, names, values)
        )
    return instance


def _lookups(model, own: list[str], related: tuple) -> list[str]:
    return own + [
        f"{name}__{column}"
        for name in related
        for column in columns(model._meta.get_field(name).related_model)
    ]


@functools.lru_cache(maxsize=8)
def _published_by_code(db: str) -> Rows:
    """The published article of a news code, as `published().for_detail()` reads it;
    compiled once a process (building it through the ORM cost more than running it)."""
    wanted = _lookups(Article, columns(Article), DETAIL_RELATED)
    return Rows(
        Article.objects.using(db).published(now=_NOW).filter(code=_ANY_CODE).values_list(*wanted)
    )


# What a card's row holds (CARD_FIELDS), its own columns in the model's order.
def _card_columns() -> list[str]:
    own = {"id", "section_id", *(f for f in CARD_FIELDS if "__" not in f)}
    return [column for column in columns(Article) if column in own]


@functools.lru_cache(maxsize=64)
def _cards_by_id(db: str, count: int) -> Rows:
    """`count` articles' cards, as `select_related("section").only(*CARD_FIELDS)` reads
    them; compiled once a process for each count."""
    wanted = _lookups(Article, _card_columns(), ("section",))
    return Rows(Article.objects.using(db).filter(pk__in=_id_markers(count)).values_list(*wanted))


@functools.lru_cache(maxsize=8)
def _tags_of(db: str) -> Rows:
    """An article's tags, as `article.tags.all()` reads them; compiled once a process."""
    marked = Article(pk=_THIS_ARTICLE)
    marked._state.db = db
    return Rows(marked.tags.all().values_list(*columns(Tag)))


@functools.lru_cache(maxsize=8)
def _notes_of(db: str) -> Rows:
    """An article's notes, as `article.notes.for_page()` reads them; compiled once a process."""
    return Rows(
        ArticleNote.objects.using(db)
        .filter(article_id=_THIS_ARTICLE)
        .for_page()
        .values_list(*columns(ArticleNote))
    )


@functools.lru_cache(maxsize=8)
def _gallery_of(db: str) -> Rows:
    """An article's gallery, as `article.gallery_items.for_page()` reads it (each picture
    with its image); compiled once a process."""
    return Rows(
        GalleryItem.objects.using(db)
        .filter(article_id=_THIS_ARTICLE)
        .for_page()
        .values_list(*_lookups(GalleryItem, columns(GalleryItem), ("image",)))
    )


@functools.lru_cache(maxsize=64)
def _newest_of_section(db: str, leaving_out: int, count: int) -> Rows:
    """The cards of the `count` newest published articles of a section but `leaving_out`
    of them, as `related_to` fills its places; compiled once a process for each count."""
    wanted = _lookups(Article, _card_columns(), ("section",))
    return Rows(
        Article.objects.using(db)
        .published(now=_NOW)
        .filter(section_id=_ANY_SECTION)
        .exclude(pk__in=_id_markers(leaving_out))
        .order_by("-published_at", "-code")
        .values_list(*wanted)[:count]
    )


# A section id no section has: it marks where the pick of one section puts its id.
_ANY_SECTION = -7_777_777


class ArticleQuerySet(BulkChangeQuerySet):
    def update(self, **kwargs):
        # An article's cached parts are keyed on its last change (newsroom/pagecache/parts.py).
        kwargs.setdefault("updated_at", timezone.now())
        return super().update(**kwargs)

    def published(self, now=None):
        """What readers may see: published, and its publish time has come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=now or timezone.now())

    def published_between(self, start: datetime.datetime, end: datetime.datetime):
        """Published in [start, end): a range on `published_at`, which the listing indexes
        serve, however large the archive."""
        return self.published().filter(published_at__gte=start, published_at__lt=end)

    def count_by_day(self) -> dict[datetime.date, int]:
        """How many of them on each Tehran calendar day, in one grouped query."""
        rows = (
            self.order_by()
            .annotate(day=TruncDate("published_at"))
            .values("day")
            .annotate(articles=Count("pk"))
            .values_list("day", "articles")
        )
        return dict(rows)

    def next_scheduled_time(self, now=None) -> datetime.datetime | None:
        """When the next scheduled article appears (cached pages must not outlive it)."""
        now = now or timezone.now()
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=now).aggregate(
            due=models.Min("published_at")
        )["due"]

    def next_live_end(self, now=None) -> datetime.datetime | None:
        """When the next live coverage set to end later ends (cached pages must not outlive
        its «زنده»)."""
        now = now or timezone.now()
        return self.filter(live_ended_at__gt=now).aggregate(due=models.Min("live_ended_at"))["due"]

    def for_listing(self):
        """What an article card needs, its picture included, in one query."""
        return self.select_related("section", "lead_image").order_by("-published_at", "-code")

    def for_cards(self):
        """What an article card needs and what keeps it (articles/cards.py): not the body."""
        return self.for_listing().defer("body")

    def for_rankings(self):
        """What a ranking's line shows (includes/ranking_list.html): a title and a link."""
        return self.only(*RANKING_FIELDS).order_by()

    def ranked(self, counted: dict, limit: int) -> dict:
        """Rankings: for each list in `counted` (any key → {article id: count}), its
        published articles, most counted first, then newest, `limit` of them, as
        `for_rankings()` reads them. Asked again after every publish (which of the counted
        are visible is kept under the content version, the counting for minutes): one SQL
        statement compiled once (`_ranked_sql`), and only the articles shown made into rows."""
        ids = sorted({pk for counts in counted.values() for pk in counts})
        if not ids:
            return {key: [] for key in counted}
        fields, sql, params = _ranked_sql(self.db, len(ids))
        adapt = connections[self.db].ops.adapt_datetimefield_value
        values = {
            adapt(_NOW): adapt(timezone.now()),
            **dict(zip(_id_markers(len(ids)), ids, strict=True)),
        }
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql, bound(params, values))
            rows = cursor.fetchall()  # newest first: a stable sort by count keeps it so
        tz = connections[self.db].timezone
        times = [n for n, name in enumerate(fields) if name in ("published_at", "updated_at")]
        made = {}

        def article(row) -> "Article":
            if row[0] not in made:
                values = list(row)
                for n in times:
                    values[n] = _read_time(values[n], tz)
                made[row[0]] = self.model.from_db(self.db, fields, values)
            return made[row[0]]

        return {
            key: [
                article(row)
                for row in sorted(
                    (row for row in rows if row[0] in counts), key=lambda row: -counts[row[0]]
                )[:limit]
            ]
            for key, counts in counted.items()
        }

    def search(self, query: str):
        """Articles matching every word of `query`, best first, then newest."""
        return search.matching(self, query).order_by("-search_rank", "-published_at", "-code")

    def for_detail(self):
        """The article and what its page shows beside it, but its tags: they come when a
        part of the page that shows them is rendered (newsroom/pagecache/parts.py)."""
        return self.select_related("section", "author", "lead_image")

    def newest_ids_per_section(self, per_section: int, sections) -> dict[int, list[int]]:
        """The ids of the newest `per_section` articles of each of `sections`, newest first
        (section id → ids), in one query of ids alone: the home page reads the rows only of
        those it shows (FrontPage.wanted_for_sections).

        Each section's newest are picked by an indexed LIMIT, so the cost follows the number
        of sections, not of articles (a window function would number every article). The
        ORM writes the pick for one section; the others are the same SQL with their own id
        (building one subquery a section through the ORM cost more than running them all).
        """
        section_ids = [section.pk for section in sections]
        if not section_ids or per_section <= 0:
            return {}
        pick = self.filter(section_id=_ANY_SECTION).order_by("-published_at", "-code")
        picked = pick.values_list("pk", "section_id", "published_at", "code")[:per_section]
        sql, params = picked.query.sql_with_params()
        at = params.index(_ANY_SECTION)
        union = " UNION ALL ".join(
            [f"SELECT * FROM ({sql}) AS s{n}" for n in range(len(section_ids))]
        )
        with connections[self.db].cursor() as cursor:
            cursor.execute(
                union, [p for pk in section_ids for p in (*params[:at], pk, *params[at + 1 :])]
            )
            rows = cursor.fetchall()
        # A union keeps no order of its own: each section's, newest first, sorted here (one
        # database's times compare alike, as strings on SQLite and datetimes elsewhere).
        rows.sort(key=lambda row: (row[2], row[3]), reverse=True)
        newest: dict[int, list[int]] = {pk: [] for pk in section_ids}
        for pk, section_id, _published_at, _code in rows:
            newest[section_id].append(pk)
        return newest

    def _cards(self, ids: list[int]) -> list["Article"]:
        """The cards' rows of the articles `ids` (not in their order): SQL compiled once."""
        if not ids:
            return []
        own = _card_columns()
        return [
            _with_related(self.model, self.db, ("section",), row, own)
            for row in _cards_by_id(self.db, len(ids)).read(
                dict(zip(_id_markers(len(ids)), ids, strict=True))
            )
        ]

    def published_for_page(self, code: int) -> "Article | None":
        """`published().for_detail().filter(code=code).first()`, by SQL compiled once."""
        adapt = connections[self.db].ops.adapt_datetimefield_value
        rows = _published_by_code(self.db).read(
            {adapt(_NOW): adapt(timezone.now()), _ANY_CODE: code}
        )
        if not rows:
            return None
        return _with_related(self.model, self.db, DETAIL_RELATED, rows[0], columns(self.model))

    def related_to(self, article: "Article", limit: int = 5, tags=None) -> list["Article"]:
        """Published articles sharing the most tags with `article`, then its section, newest
        first. `tags`: the article's, when the caller has read them.

        Indexed queries through its tags (their ids first: as a subquery, SQLite scans the
        archive; by SQL compiled once, below), then by the section only to fill the places
        left.
        """
        tag_ids = [tag.pk for tag in (article.tags.all() if tags is None else tags)]
        related = []
        if tag_ids:
            ids = _sharing_tags(self.db, article, tag_ids, limit)
            found = {a.pk: a for a in self._cards(ids)}
            related = [found[pk] for pk in ids if pk in found]
        if len(related) < limit:
            seen = [article.pk, *(a.pk for a in related)]
            adapt = connections[self.db].ops.adapt_datetimefield_value
            rows = _newest_of_section(self.db, len(seen), limit - len(related)).read(
                {
                    adapt(_NOW): adapt(timezone.now()),
                    _ANY_SECTION: article.section_id,
                    **dict(zip(_id_markers(len(seen)), seen, strict=True)),
                }
            )
            own = _card_columns()
            related += [_with_related(self.model, self.db, ("section",), row, own) for row in rows]
        return related

    # The desk's lists (articles/desk/), each with what its rows show.

    def drafts_of(self, user):
        """`user`'s drafts, the last worked on first."""
        return (
            self.filter(author=user, status=Article.Status.DRAFT)
            .select_related("section")
            .order_by("-updated_at")
        )

    def in_review(self):
        """Waiting for an editor, the longest waiting first."""
        return (
            self.filter(status=Article.Status.REVIEW)
            .select_related("section")
            .order_by("updated_at")
        )

    def scheduled(self, now=None):
        """Published, but their time has not come: the next to appear first."""
        return (
            self.filter(status=Article.Status.PUBLISHED, published_at__gt=now or timezone.now())
            .select_related("section")
            .order_by("published_at")
        )


def _derived_body(html: str) -> str:
    """A body as Article.save() stores it."""
    return body_pictures.mark_library_images(embeds.mark(sanitize(html)))


def _as_read(html: str) -> str:
    """A body with the whitespace an editor's HTML adds or drops between tags left out."""
    return " ".join(re.sub(r">\s+<", "><", html).split())


class ArticleRevisions(HistoricalRecords):
    """django-simple-history, one revision per version of the article.

    A save records a revision; the admin then sets the tags, which would record a second,
    identical one («نسخه ۱، نسخه ۱»). A change of tags joins the revision of the version it
    belongs to instead, and records one of its own only where that version has none.
    """

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if (
            not reverse
            and action in ("post_add", "post_remove", "post_clear")
            and not hasattr(instance, "skip_history_when_saving")
        ):
            revisions = getattr(instance, self.manager_name)
            latest = revisions.order_by("-history_id").first()
            if latest is not None and latest.version == instance.version:
                for field in latest._history_m2m_fields:
                    self.m2m_models[field].objects.filter(history=latest).delete()
                self.create_historical_record_m2ms(latest, instance)
                return
        super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)

    def get_meta_options_m2m(self, through_model) -> dict:
        # simple-history names the tags' revisions by their class, «HistoricalArticle_tags».
        if through_model._meta.model_name == "galleryitem":
            names = {
                "verbose_name": _("تصویر گزارش تصویری نسخه خبر"),
                "verbose_name_plural": _("گزارش تصویری نسخه‌های خبر"),
            }
        else:
            names = {
                "verbose_name": _("برچسب نسخه خبر"),
                "verbose_name_plural": _("برچسب‌های نسخه‌های خبر"),
            }
        return {**super().get_meta_options_m2m(through_model), **names}

    def finalize(self, sender, **kwargs):
        super().finalize(sender, **kwargs)
        if sender._meta.label == "articles.Article":
            # The gallery's rows are written by the change form's inline, not through the
            # m2m field, so no m2m_changed tells of them.
            for signal in (models.signals.post_save, models.signals.post_delete):
                signal.connect(self.gallery_changed, sender="articles.GalleryItem", weak=False)

    def gallery_changed(self, sender, instance, raw=False, **kwargs):
        """A picture added to, moved in or taken from an article's gallery joins the
        revision of the version it belongs to (the change form saves the article, then its
        gallery), like a change of tags."""
        if raw or deleted_with_article(kwargs.get("origin")):
            return
        article = Article.objects.filter(pk=instance.article_id).first()
        if article is None:  # the article itself is being deleted
            return
        latest = article.history.order_by("-history_id").first()
        if latest is not None and latest.version == article.version:
            for field in latest._history_m2m_fields:  # written again, tags and gallery
                self.m2m_models[field].objects.filter(history=latest).delete()
            self.create_historical_record_m2ms(latest, article)
        else:
            self.create_historical_record(article, "~")


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("پیش‌نویس")
        REVIEW = "review", _("در انتظار بررسی")
        PUBLISHED = "published", _("منتشرشده")
        UNPUBLISHED = "unpublished", _("برداشته‌شده")

    class Move(models.TextChoices):
        """What the change form's buttons ask for: each is one of the transitions below."""

        SUBMIT = "submit", _("ارسال برای بررسی")
        PUBLISH = "publish", _("انتشار")
        SCHEDULE = "schedule", _("زمان‌بندی")
        UNPUBLISH = "unpublish", _("لغو انتشار")
        RETURN = "return", _("برگرداندن به پیش‌نویس")

        @property
        def status(self) -> str:
            """The status it moves the article to."""
            return {
                "submit": Article.Status.REVIEW,
                "publish": Article.Status.PUBLISHED,
                "schedule": Article.Status.PUBLISHED,
                "unpublish": Article.Status.UNPUBLISHED,
                "return": Article.Status.DRAFT,
            }[self.value]

    code = models.PositiveBigIntegerField(
        _("کد خبر"), unique=True, editable=False, null=True
    )  # کدخبر
    kicker = models.CharField(_("روتیتر"), max_length=200, blank=True)
    title = models.CharField(_("تیتر"), max_length=250)
    slug = models.SlugField(_("نامک"), max_length=100, allow_unicode=True, editable=False)
    lead = models.TextField(_("لید"), max_length=1000)
    body = models.TextField(_("متن خبر"))
    source = models.CharField(
        _("منبع"), max_length=200, blank=True, help_text=_("مثلاً: به گزارش ایرنا")
    )
    byline = models.CharField(
        _("نویسنده (نمایشی)"),
        max_length=120,
        blank=True,
        help_text=_("نامی که زیر خبر می‌آید؛ خالی بماند نام نویسنده نمایش داده می‌شود."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("نویسنده"),
        on_delete=models.PROTECT,
        related_name="articles",
        editable=False,
    )
    section = models.ForeignKey(
        Section, verbose_name=_("سرویس"), on_delete=models.PROTECT, related_name="articles"
    )
    tags = models.ManyToManyField(
        Tag, verbose_name=_("برچسب‌ها"), blank=True, related_name="articles"
    )
    lead_image = models.ForeignKey(
        "articles.Image",
        verbose_name=_("تصویر اصلی"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("از کتابخانه تصویر، با نسخه‌های کوچک و سبک برای هر صفحه."),
    )
    # «گزارش تصویری»: edited as its rows (GalleryItem, the change form's inline); named here
    # so each revision keeps the gallery it had, as it keeps the tags.
    gallery = models.ManyToManyField(
        "articles.Image",
        # The class, not its name: the revisions' copy of it is made as Article is.
        through=GalleryItem,
        verbose_name=_("گزارش تصویری"),
        blank=True,
        related_name="+",
    )
    is_featured = models.BooleanField(_("تیتر یک"), default=False)
    comments_open = models.BooleanField(_("نظرات باز است"), default=True)
    feedback_enabled = models.BooleanField(
        _("پرسش «آیا این خبر مفید بود؟»"),
        default=True,
        help_text=_("خاموش باشد، این پرسش زیر خبر نمی‌آید و رأی تازه پذیرفته نمی‌شود."),
    )
    status = models.CharField(_("وضعیت"), max_length=12, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(_("زمان انتشار"), null=True, blank=True)
    created_at = models.DateTimeField(_("ایجاد"), auto_now_add=True)
    updated_at = models.DateTimeField(_("آخرین تغییر"), auto_now=True)
    # Optimistic concurrency: every save adds one; a form carries the number it was opened at.
    version = models.PositiveIntegerField(_("نسخه"), default=1, editable=False)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("آخرین ویرایش به دست"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # «لحظه‌به‌لحظه» (articles/models/live.py): live from the first until the second; ended,
    # it reads as an ordinary article with its entries kept.
    live_started_at = models.DateTimeField(
        _("آغاز پوشش زنده"), null=True, blank=True, editable=False
    )
    live_ended_at = models.DateTimeField(
        _("پایان پوشش زنده"), null=True, blank=True, editable=False
    )

    objects = ArticleQuerySet.as_manager()
    # A revision per save: who, when, and every field a reader sees.
    history = ArticleRevisions(
        verbose_name=_("نسخه خبر"),
        verbose_name_plural=_("نسخه‌های خبر"),
        m2m_fields=[tags, gallery],
        excluded_fields=["updated_at"],
    )

    class Meta:
        ordering = ["-published_at", "-code"]
        verbose_name = _("خبر")
        verbose_name_plural = _("اخبار")
        permissions = [
            ("publish_article", _("می‌تواند خبر را منتشر، زمان‌بندی یا برداشته کند")),
        ]
        # Listings filter on status and publish time and sort by publish time, then code.
        indexes = [
            models.Index(fields=["status", "published_at", "code"], name="article_listing"),
            models.Index(
                fields=["is_featured", "status", "published_at", "code"], name="article_featured"
            ),
            models.Index(
                fields=["section", "status", "published_at", "code"], name="article_section_listing"
            ),
            # The desk's list of every article, in this order: a page of it is read off the
            # index, not sorted out of the whole archive.
            models.Index(fields=["published_at", "code"], name="article_desk_order"),
            # The desk's first page: the review queue, and each reporter's drafts.
            models.Index(fields=["status", "updated_at"], name="article_desk_review"),
            models.Index(fields=["author", "status", "updated_at"], name="article_desk_drafts"),
            # The next live coverage to end by itself (next_live_end), among the few that do.
            models.Index(
                fields=["live_ended_at"],
                name="article_live_end",
                condition=models.Q(live_ended_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        """Fill in what is derived from what was typed. A change of state is one of the
        methods of the write path below, never a save of its own."""
        for field in ("kicker", "title", "lead", "source", "byline"):
            setattr(self, field, normalize(getattr(self, field)).strip())
        # A link to a video or a post on a line of its own becomes an embed (articles/embeds.py).
        self.body = _derived_body(self.body)
        self.slug = slugify(self.title) or "news"
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if self.code is None:
            self.code = NewsCodeCounter.next_code()
        if not self._state.adding:
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse_often("articles:detail", code=self.code, slug=self.slug)

    def tag_list(self) -> list[Tag]:
        """Its tags, as `tags.all()` gives them, by SQL compiled once a process (the page
        reads them on every render: building the join cost more than running it)."""
        db = self._state.db or "default"
        names = columns(Tag)
        return [Tag.from_db(db, names, row) for row in _tags_of(db).read({_THIS_ARTICLE: self.pk})]

    def note_list(self) -> list[ArticleNote]:
        """Its notes, as `notes.for_page()` gives them, by SQL compiled once a process."""
        db = self._state.db or "default"
        names = columns(ArticleNote)
        rows = _notes_of(db).read({_THIS_ARTICLE: self.pk})
        return [ArticleNote.from_db(db, names, row) for row in rows]

    def gallery_list(self) -> list[GalleryItem]:
        """Its gallery, as `gallery_items.for_page()` gives it, by SQL compiled once a
        process."""
        db = self._state.db or "default"
        names = columns(GalleryItem)
        rows = _gallery_of(db).read({_THIS_ARTICLE: self.pk})
        return [_with_related(GalleryItem, db, ("image",), row, names) for row in rows]

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        article = super().from_db(db, field_names, values, **kwargs)
        # What readers could see before this edit, to know whether the edit matters to them.
        article._was_published = article.__dict__.get("status") == cls.Status.PUBLISHED
        return article

    def get_short_url(self) -> str:
        return reverse_often("articles:short", code=self.code)

    def get_preview_url(self) -> str:
        return reverse("articles:preview", kwargs={"code": self.code})

    @property
    def body_html(self) -> SafeString:
        """The body as readers see it, its library pictures as `<picture>` (one query).
        Sanitised on save too; again here (once a process per text) for rows that never
        went through save()."""
        return body_pictures.rendered(sanitized(self.body))

    @property
    def byline_name(self) -> str:
        return self.byline or self.author.get_full_name() or ""

    def is_visible(self, now=None) -> bool:
        """Whether a reader may see it now (the same rule as ArticleQuerySet.published)."""
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= (now or timezone.now())
        )

    def accepts_comments(self, now=None) -> bool:
        """Open for comments: visible, not closed by an editor, and not too old."""
        now = now or timezone.now()
        if not (self.comments_open and self.is_visible(now)):
            return False
        days = settings.COMMENTS_CLOSE_AFTER_DAYS
        return not days or self.published_at > now - datetime.timedelta(days=days)

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and not self.is_visible()
        )

    @cached_property
    def state_label(self) -> str:
        return _("زمان‌بندی‌شده") if self.is_scheduled else self.get_status_display()

    # The write path: every change a person makes to an article is one of the methods below,
    # named as the newsroom says it — edit, submit for review, publish, schedule, unpublish,
    # return to draft, restore. Each is one save through _write(): one new version and its
    # revision (django-simple-history, naming who and why); the search index and the page
    # cache follow from that save in articles/signals.py, and the activity log records the
    # moves. save() itself only fills in what is derived (normalised text, the slug, the news
    # code, the version). The admin's change form and bulk actions, the views, the commands
    # and the tests all call these, naming who acts (`by`); `by=None` is the system itself
    # (scripts, the demo), bound by the rules alone. A move checks the state and `by`'s role
    # first (check_transition); `edits=True` saves the rest of what the article holds with
    # it (the change form), otherwise only the move is written (the bulk actions).

    def check_transition(self, to: str, by=None) -> None:
        """Refuse, in Persian, a move to status `to` that the rules or `by`'s role forbid."""
        if to == self.Status.REVIEW and self.status != self.Status.DRAFT:
            raise ValidationError(_("فقط پیش‌نویس را می‌توان برای بررسی فرستاد."), code="state")
        if to == self.Status.UNPUBLISHED and self.status != self.Status.PUBLISHED:
            raise ValidationError(
                _("فقط خبر منتشرشده یا زمان‌بندی‌شده را می‌توان از سایت برداشت."), code="state"
            )
        if to == self.Status.DRAFT and self.status == self.Status.DRAFT:
            raise ValidationError(_("این خبر همین حالا پیش‌نویس است."), code="state")
        if by is None:
            return
        if to == self.Status.REVIEW:
            if not self.can_edit(by):
                raise ValidationError(
                    _("فقط نویسنده پیش‌نویس یا دبیران آن را برای بررسی می‌فرستند."),
                    code="forbidden",
                )
        elif not self.can_publish(by):
            raise ValidationError(
                _("انتشار، زمان‌بندی، برداشتن از سایت و برگرداندن به پیش‌نویس کار دبیران است."),
                code="forbidden",
            )

    def offered_moves(self, by) -> list["Article.Move"]:
        """The change form's buttons for `by`: the moves that make sense in this state and
        that the rules and `by`'s role allow."""
        Move = self.Move
        if self.is_scheduled:
            wanted = [Move.PUBLISH, Move.SCHEDULE, Move.UNPUBLISH]
        else:
            wanted = {
                self.Status.DRAFT: [Move.SUBMIT, Move.PUBLISH, Move.SCHEDULE],
                self.Status.REVIEW: [Move.PUBLISH, Move.SCHEDULE, Move.RETURN],
                self.Status.PUBLISHED: [Move.UNPUBLISH],
                self.Status.UNPUBLISHED: [Move.PUBLISH, Move.SCHEDULE, Move.RETURN],
            }[self.status]
        offered = [move for move in wanted if self.allows(move.status, by)]
        if Move.PUBLISH in offered:  # who may publish need not ask for a review
            offered = [move for move in offered if move != Move.SUBMIT]
        return offered

    def allows(self, to: str, by) -> bool:
        """Whether check_transition would let `by` move it to `to`."""
        try:
            self.check_transition(to, by)
        except ValidationError:
            return False
        return True

    def edit(self, by=None, *, reason: str | None = None) -> None:
        """Save what was typed, new or not, as a version of its own; the status stays."""
        self._write(by, reason=reason)

    def submit_for_review(self, by=None, *, edits: bool = False) -> None:
        self._move(self.Status.REVIEW, ArticleEvent.Action.SUBMITTED, by, edits)

    def publish(self, at=None, by=None) -> None:
        """Publish now, or at `at` (ahead, it is scheduled and appears by itself); with
        whatever else the article holds."""
        self.check_transition(self.Status.PUBLISHED, by)
        with transaction.atomic():
            self.status = self.Status.PUBLISHED
            if at is not None:
                self.published_at = at
            elif self.published_at is None or not self.is_visible():
                self.published_at = timezone.now()
            self._write(by)
            scheduled = self.is_scheduled
            action = ArticleEvent.Action.SCHEDULED if scheduled else ArticleEvent.Action.PUBLISHED
            ArticleEvent.record(self, action, by)

    def schedule(self, at, by=None) -> None:
        """Publish at `at`, a time ahead: readers see it from then on, by itself."""
        self.publish(at=at, by=by)

    def unpublish(self, by=None, *, edits: bool = False) -> None:
        self._move(self.Status.UNPUBLISHED, ArticleEvent.Action.UNPUBLISHED, by, edits)

    def return_to_draft(self, by=None, *, edits: bool = False) -> None:
        """Back to its writer: off the site if it was there, and theirs to edit again."""
        self._move(self.Status.DRAFT, ArticleEvent.Action.RETURNED, by, edits)

    def change_status(self, to: str, *, at=None, by=None) -> None:
        """What the change form asks for (a button, or a new «وضعیت»): save the article as
        it stands and move it to status `to`, in one save: one version, one revision."""
        if to == self.Status.PUBLISHED:
            self.publish(at=at, by=by)
            return
        move = {
            self.Status.REVIEW: self.submit_for_review,
            self.Status.UNPUBLISHED: self.unpublish,
            self.Status.DRAFT: self.return_to_draft,
        }[to]
        move(by=by, edits=True)

    def restore(self, revision, by=None) -> None:
        """Bring back what `revision` said: it becomes the current draft, never published by
        itself, and the restore is itself a revision."""
        if by is not None and not self.can_edit(by):
            raise ValidationError(_("بازگرداندن نسخه این خبر از شما برنمی‌آید."), code="forbidden")
        with transaction.atomic():
            for field in self.RESTORED_FIELDS:
                setattr(self, field, getattr(revision, field))
            self.status = self.Status.DRAFT
            self._write(by, reason=f"بازگردانی نسخه {revision.version}")
            self.tags.set([link.tag_id for link in revision.tags.all()])
            self._restore_gallery(revision)
            ArticleEvent.record(self, ArticleEvent.Action.RESTORED, by)

    def _restore_gallery(self, revision) -> None:
        """The gallery as `revision` kept it, but for pictures deleted from the library
        since. Row by row (a dozen at most), so each joins the restore's revision."""
        kept = list(revision.gallery.order_by("position", "pk"))
        existing = set(
            Image.objects.filter(pk__in=[row.image_id for row in kept]).values_list("pk", flat=True)
        )
        self.gallery_items.all().delete()
        for row in kept:
            if row.image_id in existing:
                self.gallery_items.create(
                    image_id=row.image_id, position=row.position, caption=row.caption
                )

    RESTORED_FIELDS = [
        "kicker", "title", "lead", "body", "source", "byline", "section_id",
        "lead_image_id",
    ]  # fmt: skip

    def _move(self, to: str, action: str, by, edits: bool) -> None:
        self.check_transition(to, by)
        with transaction.atomic():
            self.status = to
            self._write(by, fields=None if edits else ("status", "updated_at", "edited_by"))
            ArticleEvent.record(self, action, by)

    def _write(self, by, *, reason: str | None = None, fields=None) -> None:
        """The one save of the write path: the revision it makes names `by` and `reason`."""
        if by is not None:
            self.edited_by = by
            self._history_user = by
        if reason:
            self._change_reason = reason
        self.save(update_fields=fields)

    # After publication: nothing readers read changes silently (articles/models/notes.py).

    # What a reader reads of it as text and picture; a change to any of these while readers
    # see it is a correction, an update or a typo fix. (Taken off the site, it comes back
    # published anew, at a new time.) Its section and tags file it,
    # they say nothing new about the news.
    READER_FIELDS = ("kicker", "title", "lead", "body", "source", "byline", "lead_image_id")

    def reader_visible_changes(self, values: dict) -> list[str]:
        """The names of READER_FIELDS whose new `values` (as typed) read differently from
        what it holds: compared as they would be saved (normalised, the body sanitised),
        so an editor's re-serialised HTML or a trailing space is no change."""
        changed = []
        for field in self.READER_FIELDS:
            if field not in values:
                continue
            old, new = getattr(self, field), values[field]
            if field == "lead_image_id":
                same = old == new
            elif field == "body":
                same = _as_read(self.body) == _as_read(_derived_body(new or ""))
            else:
                same = normalize(old or "").strip() == normalize(new or "").strip()
            if not same:
                changed.append(field)
        return changed

    def add_note(self, kind: str, text: str, by=None, at=None) -> ArticleNote:
        """A correction or an update, dated now (or `at`, the demo's past), its actor in the
        activity log; the note's save touches the article (articles/signals.py)."""
        if by is not None and not self.can_publish(by):
            raise ValidationError(
                _("افزودن اصلاحیه و به‌روزرسانی کار دبیران است."), code="forbidden"
            )
        if self.published_at is None:
            raise ValidationError(
                _("اصلاحیه و به‌روزرسانی برای خبری است که منتشر شده است."), code="state"
            )
        with transaction.atomic():
            note = ArticleNote(article=self, kind=kind, text=text, by=by)
            if at is not None:
                note.noted_at = at
            note.save()
            action = {
                ArticleNote.Kind.CORRECTION: ArticleEvent.Action.CORRECTED,
                ArticleNote.Kind.UPDATE: ArticleEvent.Action.UPDATED,
            }[kind]
            event = ArticleEvent.record(self, action, by)
            if at is not None:  # the log tells it when it happened
                ArticleEvent.objects.filter(pk=event.pk).update(at=at)
        return note

    # «لحظه‌به‌لحظه»: coverage started and ended by editors; entries written by editors, and by
    # reporters on their own articles (articles/models/live.py).

    @property
    def is_live(self) -> bool:
        """Covered live now: started, and its end, if one is set, still ahead (decided when
        read, as a scheduled article's time is)."""
        return self.live_started_at is not None and (
            self.live_ended_at is None or self.live_ended_at > timezone.now()
        )

    @property
    def has_live_coverage(self) -> bool:
        """Covered live now or before: its page shows entries."""
        return self.live_started_at is not None

    def can_write_live(self, user) -> bool:
        """Whether `user` may add, edit and delete this article's live entries."""
        if not user.has_perm("articles.add_liveentry"):
            return False
        return self.can_publish(user) or self.author_id == user.pk

    def check_live_entry(self, by, entry=None) -> None:
        """Refuse, in Persian, a live entry `by` may not write here."""
        if entry is not None and entry.article_id != self.pk:
            raise ValidationError(_("این مطلب از این خبر نیست."), code="state")
        if by is not None and not self.can_write_live(by):
            raise ValidationError(
                _("مطالب زندهٔ این خبر را دبیران و نویسندهٔ خود خبر می‌نویسند."), code="forbidden"
            )

    def start_live(self, by=None, at=None) -> None:
        """«آغاز پوشش زنده»: the article is followed live from now (or `at`)."""
        if by is not None and not self.can_publish(by):
            raise ValidationError(_("آغاز و پایان پوشش زنده کار دبیران است."), code="forbidden")
        if self.is_live:
            raise ValidationError(_("پوشش زندهٔ این خبر همین حالا برقرار است."), code="state")
        with transaction.atomic():
            self.live_started_at = at or timezone.now()
            self.live_ended_at = None
            self._write(by, fields=("live_started_at", "live_ended_at", "updated_at", "edited_by"))
            ArticleEvent.record(self, ArticleEvent.Action.LIVE_STARTED, by)

    def end_live(self, by=None, at=None) -> None:
        """«پایان پوشش زنده»: from now, or from `at` (a time ahead: its end is announced, and
        comes by itself), an ordinary article, its entries kept."""
        if by is not None and not self.can_publish(by):
            raise ValidationError(_("آغاز و پایان پوشش زنده کار دبیران است."), code="forbidden")
        if not self.is_live:
            raise ValidationError(_("این خبر پوشش زنده‌ای ندارد که پایان یابد."), code="state")
        now = timezone.now()
        at = at or now
        if at < now:
            raise ValidationError(_("پایان پوشش زنده نمی‌تواند گذشته باشد."), code="past")
        with transaction.atomic():
            self.live_ended_at = at
            self._write(by, fields=("live_ended_at", "updated_at", "edited_by"))
            ArticleEvent.record(self, ArticleEvent.Action.LIVE_ENDED, by)

    def add_live_entry(
        self, *, by=None, text: str = "", image=None, embed: str = "", is_pinned=False, at=None
    ) -> "LiveEntry":
        """A new entry, timed now (or `at`, the demo's past), on top of the others; pinned, it
        unpins the one before. Its save renews the article's page (articles/signals.py)."""
        self.check_live_entry(by)
        if not self.is_live:
            raise ValidationError(_("پوشش زندهٔ این خبر برقرار نیست."), code="state")
        with transaction.atomic():
            entry = LiveEntry(
                article=self, text=text, image=image, embed=embed, is_pinned=is_pinned, by=by
            )
            if at is not None:
                entry.created_at = at
            if by is not None:
                entry._history_user = by
            entry.full_clean(exclude=["article", "by"])
            if is_pinned:
                _unpin_others(entry)
            entry.save()
            ArticleEvent.record(self, ArticleEvent.Action.LIVE_ADDED, by)
        return entry

    def record_typo_fix(self, by=None) -> None:
        """A change to what readers read that changes no meaning: the activity log says so,
        beside the revision that holds it."""
        ArticleEvent.record(self, ArticleEvent.Action.TYPO_FIXED, by)

    # Who may do what: the admin asks these, so the rules live in one place.

    @staticmethod
    def can_publish(user) -> bool:
        return user.has_perm("articles.publish_article")

    def can_edit(self, user) -> bool:
        """Editors edit everything; a reporter only their own draft."""
        if self.can_publish(user):
            return user.has_perm("articles.change_article")
        return (
            user.has_perm("articles.change_article")
            and self.author_id == user.pk
            and self.status == self.Status.DRAFT
        )

    def can_view(self, user) -> bool:
        return self.can_publish(user) or (
            user.has_perm("articles.view_article") and self.author_id == user.pk
        )


class ArticleEventQuerySet(models.QuerySet):
    def seen_by(self, user):
        """What `user` may follow, newest first: everything for those who publish, their own
        articles' for a reporter."""
        events = self.select_related("article", "actor")
        if not Article.can_publish(user):
            events = events.filter(article__author=user)
        return events


class ArticleEvent(models.Model):
    """The newsroom's activity log: who submitted, published, unpublished, restored what."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("برای بررسی فرستاد")
        SCHEDULED = "scheduled", _("زمان‌بندی کرد")
        PUBLISHED = "published", _("منتشر کرد")
        UNPUBLISHED = "unpublished", _("از سایت برداشت")
        RESTORED = "restored", _("نسخه‌ای را بازگرداند")
        RETURNED = "returned", _("به پیش‌نویس برگرداند")
        # After publication (articles/models/notes.py); each reads after «… «تیتر» را».
        CORRECTED = "corrected", _("با اصلاحیه اصلاح کرد")
        UPDATED = "updated", _("به‌روز کرد")
        TYPO_FIXED = "typo_fixed", _("ویرایش نگارشی کرد")
        NOTE_EDITED = "note_edited", _("ویرایش کرد (متن اصلاحیه یا به‌روزرسانی)")
        NOTE_REMOVED = "note_removed", _("ویرایش کرد (اصلاحیه یا به‌روزرسانی‌ای را برداشت)")
        # «چینش صفحه اول» (articles/models/curation.py)
        PINNED = "pinned", _("در صفحه اول چید")
        REPINNED = "repinned", _("در صفحه اول جابه‌جا کرد")
        UNPINNED = "unpinned", _("از چینش صفحه اول برداشت")
        # «لحظه‌به‌لحظه» (articles/models/live.py)
        LIVE_STARTED = "live_started", _("پوشش زنده را آغاز کرد")
        LIVE_ENDED = "live_ended", _("پوشش زنده را پایان داد")
        LIVE_ADDED = "live_added", _("مطلب زنده افزود")
        LIVE_EDITED = "live_edited", _("مطلب زنده را ویرایش کرد")
        LIVE_REMOVED = "live_removed", _("مطلب زنده را حذف کرد")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("کار"), max_length=12, choices=Action)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("زمان"), auto_now_add=True, db_index=True)

    objects = ArticleEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("رویداد تحریریه")
        verbose_name_plural = _("رویدادهای تحریریه")

    def __str__(self) -> str:
        """«منتشر کرد، سه‌شنبه ۳ آذر ۱۴۰۵ - ۲۲:۴۴»: the action and when; the article is its
        page's, and who did it, a query each on a list of them."""
        when = jalali.format_datetime(self.at) if self.at else ""
        return "، ".join(filter(None, [self.get_action_display(), when]))

    @classmethod
    def record(cls, article: Article, action: str, by=None) -> "ArticleEvent":
        return cls.objects.create(article=article, action=action, actor=by)
