"""«چینش صفحه اول»: the home page an editor arranges.

An editor pins published articles to the home page: the lead story (تیتر یک), the secondary
top stories beside it, and stories at the head of a section's block, each in the order set,
each until an optional end time. A pin counts from when it is read (`live`): an ended pin,
or one whose article is no longer published, is simply not shown, with nothing to run on a
clock; the page cache is told when the next pin ends (articles/apps.py). What the editor
has not pinned fills in around the pins: the newest articles, none shown twice
(`FrontPage.arrange`).
"""

import datetime
import functools
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.images.models import Image
from articles.models.article import Article, ArticleEvent, Section
from newsroom.compiled import Rows, columns
from newsroom.pagecache.bulk import BulkChangeQuerySet

# How many stories each part of the home page shows.
HOME_TOP = 4  # the secondary top stories beside the lead (تیترهای دوم)
HOME_LATEST = 10
HOME_PER_SECTION = 4


def published_now() -> Q:
    """What may be pinned: what readers may see now (ArticleQuerySet.published)."""
    return Q(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())


# A moment long past: where the compiled read of the pins takes the time it is read at.
_NOW = datetime.datetime(1970, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)


def _pin_columns() -> tuple[list[str], list[str], list[str], list[str]]:
    """What the read of the pins takes: the pin's columns, its article's but the body, the
    article's section's and its lead picture's."""
    return (
        columns(HomePin),
        [column for column in columns(Article) if column != "body"],
        columns(Section),
        columns(Image),
    )


@functools.lru_cache(maxsize=8)
def _pins_not_ended(db: str) -> Rows:
    own, article, section, image = _pin_columns()
    wanted = [
        *own,
        *(f"article__{column}" for column in article),
        *(f"article__section__{column}" for column in section),
        *(f"article__lead_image__{column}" for column in image),
    ]
    not_ended = HomePin.objects.using(db).filter(Q(ends_at__isnull=True) | Q(ends_at__gt=_NOW))
    return Rows(not_ended.order_by("place", "position", "pk").values_list(*wanted))


class HomePinQuerySet(BulkChangeQuerySet):
    def live(self, now: datetime.datetime | None = None) -> list["HomePin"]:
        """The pins readers see at `now`, in the page's order (place, then position): not
        ended, their article visible (`HomePin.is_live`), with what the home page shows of
        it (its card: articles/cards.py). Only the end is asked of the database: joined to
        the archive on the article's state, SQLite walked every visible article to find a
        handful of pins (0.4 s at 100 000 articles); the pins not ended are few. Read by SQL
        compiled once a process (on every rebuild of the home page, building the query
        through the ORM cost more than running it)."""
        now = now or timezone.now()
        db = self.db
        adapt = connections[db].ops.adapt_datetimefield_value
        own, article, section, image = _pin_columns()
        pins = []
        for row in _pins_not_ended(db).read({adapt(_NOW): adapt(now)}):
            pin = HomePin.from_db(db, own, row[: len(own)])
            at = len(own)
            pin.article = Article.from_db(db, article, row[at : at + len(article)])
            at += len(article)
            pin.article.section = Section.from_db(db, section, row[at : at + len(section)])
            at += len(section)
            picture = row[at : at + len(image)]
            pin.article.lead_image = (
                None if picture[0] is None else Image.from_db(db, image, picture)
            )
            if pin.is_live(now):
                pins.append(pin)
        return pins

    def next_end(self, now: datetime.datetime | None = None) -> datetime.datetime | None:
        """When the next pin ends: cached pages must not outlive it."""
        now = now or timezone.now()
        return self.filter(ends_at__gt=now).aggregate(due=models.Min("ends_at"))["due"]

    def arranged(self, now: datetime.datetime | None = None):
        """What the editor's page lists: every pin not ended, ended or not its article."""
        now = now or timezone.now()
        return (
            self.filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
            .select_related("article", "section")
            .order_by("place", "position", "pk")
        )


class HomePin(models.Model):
    """A story pinned to the home page (سنجاق صفحه اول)."""

    class Place(models.TextChoices):
        LEAD = "lead", _("تیتر یک")
        TOP = "top", _("تیترهای دوم")
        SECTION = "section", _("بلوک سرویس")

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("خبر"),
        on_delete=models.CASCADE,
        related_name="home_pins",
        limit_choices_to=published_now,
    )
    place = models.CharField(_("جای خبر"), max_length=8, choices=Place)
    section = models.ForeignKey(
        "articles.Section",
        verbose_name=_("بلوک سرویس"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("خالی بماند، خبر در بلوک سرویس خودش می‌آید."),
    )
    position = models.PositiveSmallIntegerField(_("ترتیب"), default=0)
    ends_at = models.DateTimeField(
        _("پایان"),
        null=True,
        blank=True,
        help_text=_("از این زمان خبر از جای خود برداشته می‌شود؛ خالی: تا برداشتن دبیر."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("چیده‌شده توسط"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("ایجاد"), auto_now_add=True)

    objects = HomePinQuerySet.as_manager()

    class Meta:
        ordering = ["place", "position", "pk"]
        verbose_name = _("چینش صفحه اول")
        verbose_name_plural = _("چینش صفحه اول")
        indexes = [
            models.Index(fields=["ends_at"], name="homepin_ends"),
            models.Index(fields=["place", "position"], name="homepin_order"),
        ]

    def __str__(self) -> str:
        return f"{self.get_place_display()}: {self.article}"

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        pin = super().from_db(db, field_names, values, **kwargs)
        pin._loaded_article_id = pin.__dict__.get("article_id")
        return pin

    def clean(self):
        newly_pinned = self.article_id != getattr(self, "_loaded_article_id", None)
        if newly_pinned and self.article_id is not None and not self.article.is_visible():
            raise ValidationError(
                {"article": _("فقط خبر منتشرشده را می‌توان در صفحه اول گذاشت.")}, code="unpublished"
            )
        if self.place != self.Place.SECTION:
            self.section = None

    # The write path: the arrangement page and the demo put and remove pins through these,
    # each one save or delete and its line in the activity log, naming who (`by`).

    def put(self, by=None) -> None:
        """Pin it, or save its new place, order or end."""
        before = getattr(self, "_loaded_article_id", None)
        if self._state.adding:
            self.created_by = by
        with transaction.atomic():
            self.save()
            if before is not None and before != self.article_id:
                ArticleEvent.record(Article(pk=before), ArticleEvent.Action.UNPINNED, by)
            action = (
                ArticleEvent.Action.REPINNED
                if before == self.article_id
                else ArticleEvent.Action.PINNED
            )
            ArticleEvent.record(self.article, action, by)
        self._loaded_article_id = self.article_id

    def remove(self, by=None) -> None:
        """Take it off the home page, before its end."""
        with transaction.atomic():
            ArticleEvent.record(self.article, ArticleEvent.Action.UNPINNED, by)
            self.delete()

    def is_live(self, now: datetime.datetime | None = None) -> bool:
        """Whether readers see it at `now` (the same rule as HomePinQuerySet.live)."""
        now = now or timezone.now()
        return (self.ends_at is None or self.ends_at > now) and self.article.is_visible(now)

    @property
    def block_section_id(self) -> int:
        """The section whose block it heads: the one chosen, else its article's own."""
        return self.section_id or self.article.section_id


@dataclass
class FrontPage:
    """The home page's stories, each once: the lead, the top stories beside it, the latest
    news and each section's block. The rule of what goes where lives here alone: pins first,
    in their order, then what fills in around them, newest first, skipping whatever the page
    shows already."""

    lead: object | None = None
    top: list = field(default_factory=list)
    latest: list = field(default_factory=list)
    section_blocks: list = field(default_factory=list)  # (section, [articles])
    shown: set = field(default_factory=set)  # the ids of every story on the page
    pinned_in: dict = field(default_factory=dict)  # section id → its pinned articles

    def _take(self, article) -> bool:
        if article is None or article.pk in self.shown:
            return False
        self.shown.add(article.pk)
        return True

    @classmethod
    def arrange(
        cls, pins, newest, featured, *, top_count: int, latest_count: int, per_section: int
    ) -> "FrontPage":
        """Everything but the sections' blocks' fill (`fill_sections`).

        `pins`: the live pins in order; `newest`: the newest articles, more than the page
        shows; `featured`: the newest article ticked «تیتر یک», or None: the lead when no
        pin leads, as before pins were made."""
        page = cls()
        leads = [pin.article for pin in pins if pin.place == HomePin.Place.LEAD]
        page.lead = next((a for a in [*leads, featured, *newest] if page._take(a)), None)
        tops = [pin.article for pin in pins if pin.place == HomePin.Place.TOP]
        for article in tops:
            if len(page.top) < top_count and page._take(article):
                page.top.append(article)
        for pin in pins:
            if pin.place == HomePin.Place.SECTION:
                block = page.pinned_in.setdefault(pin.block_section_id, [])
                if len(block) < per_section and page._take(pin.article):
                    block.append(pin.article)
        for article in newest:
            if len(page.top) < top_count:
                if page._take(article):
                    page.top.append(article)
            elif len(page.latest) < latest_count and page._take(article):
                page.latest.append(article)
        return page

    def shown_per_section(self) -> int:
        """The most stories of one section the page shows so far: how many more of each
        section's newest to read, to fill its block with stories not shown."""
        counts: dict[int, int] = {}
        for article in [self.lead, *self.top, *self.latest]:
            if article is not None:
                counts[article.section_id] = counts.get(article.section_id, 0) + 1
        for section_id, block in self.pinned_in.items():
            counts[section_id] = counts.get(section_id, 0) + len(block)
        return max(counts.values(), default=0)

    def wanted_for_sections(self, newest_ids: dict, per_section: int) -> list[int]:
        """Of each section's newest ids (`newest_ids`: section id → ids, newest first), those
        its block still needs: not shown already, after its pins."""
        wanted = []
        for section_id, ids in newest_ids.items():
            room = per_section - len(self.pinned_in.get(section_id, []))
            wanted += [pk for pk in ids if pk not in self.shown][: max(room, 0)]
        return wanted

    def fill_sections(self, sections, articles: dict, newest_ids: dict, per_section: int) -> None:
        """Each section's block, in the menu's order: its pins, then its newest not shown.
        `articles`: id → article, of `wanted_for_sections`."""
        for section in sections:
            block = list(self.pinned_in.get(section.pk, []))
            for pk in newest_ids.get(section.pk, []):
                if len(block) >= per_section:
                    break
                if pk in articles and self._take(articles[pk]):
                    block.append(articles[pk])
            if block:
                self.section_blocks.append((section, block))

    def articles(self) -> list:
        """Every story on the page, in the page's order."""
        blocks = [article for _, block in self.section_blocks for article in block]
        return [*([self.lead] if self.lead else []), *self.top, *self.latest, *blocks]
