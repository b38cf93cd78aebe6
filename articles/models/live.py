"""«لحظه‌به‌لحظه» (live coverage): an article that is followed as it happens, in short
timestamped entries, newest first, one of them pinned above the rest.

Coverage starts and ends by the article's own methods (`Article.start_live`,
`Article.end_live`); once ended, the article reads as an ordinary one, its entries kept.
An entry added, edited or deleted renews its article's own version (articles/signals.py),
not the content version: it shows on the article's page and on its poll
(`/live/<code>.json`), and nowhere else, so the rest of the site stays cached. Every
change to an entry is a revision of it (django-simple-history) and a line in the activity
log with who made it.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from articles import embeds
from newsroom.converters import reverse_often
from newsroom.pagecache.bulk import BulkChangeQuerySet
from newsroom.persian import jalali
from newsroom.persian.text import normalize

TEXT_MAX_LENGTH = 5000
# The entries an article's page prints (the pinned one aside); older ones are a click away
# («مطالب قدیمی‌تر»), so the page costs the same at 20 entries and at 2 000.
ON_PAGE = 50
# The entries the poll answers with: more than a reader misses between two polls.
ON_POLL = 20


class LiveEntryQuerySet(BulkChangeQuerySet):
    def published(self, now: datetime.datetime | None = None) -> "LiveEntryQuerySet":
        """The entries of articles readers may see (the same rule as
        `Article.objects.published()`)."""
        from articles.models.article import Article

        return self.filter(
            article__status=Article.Status.PUBLISHED,
            article__published_at__lte=now or timezone.now(),
        )

    def for_page(self) -> "LiveEntryQuerySet":
        """Newest first, with their pictures: entries written in the same second keep the
        order they were written in (by id)."""
        return self.select_related("image").order_by("-created_at", "-pk")

    def pinned(self) -> "LiveEntryQuerySet":
        return self.filter(is_pinned=True)

    def older_than(self, created_at: datetime.datetime, pk: int) -> "LiveEntryQuerySet":
        """The entries after (created_at, pk) in the page's order, newest first: where a
        list that goes on from an entry (a cursor) takes up."""
        return self.filter(Q(created_at__lt=created_at) | Q(created_at=created_at, pk__lt=pk))


class LiveEntry(models.Model):
    """One entry of a live article: a few lines, and a picture from the library or an
    embed from the allow-list (articles/embeds.py)."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("خبر"),
        on_delete=models.CASCADE,
        related_name="live_entries",
    )
    text = models.TextField(_("متن"), max_length=TEXT_MAX_LENGTH, blank=True)
    image = models.ForeignKey(
        "articles.Image",
        verbose_name=_("تصویر"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The embed's placeholder value («youtube:…»), as a body keeps it; empty: none.
    embed = models.CharField(_("جاسازی"), max_length=200, blank=True)
    is_pinned = models.BooleanField(_("سنجاق‌شده"), default=False)
    created_at = models.DateTimeField(_("زمان"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("آخرین تغییر"), auto_now=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("نویسنده"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    TEXT_MAX_LENGTH = TEXT_MAX_LENGTH

    objects = LiveEntryQuerySet.as_manager()
    history = HistoricalRecords(
        verbose_name=_("نسخه مطلب زنده"),
        verbose_name_plural=_("نسخه‌های مطلب زنده"),
        excluded_fields=["updated_at"],
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("مطلب زنده")
        verbose_name_plural = _("مطالب زنده")
        indexes = [models.Index(fields=["article", "created_at", "id"], name="liveentry_order")]
        constraints = [
            models.UniqueConstraint(
                fields=["article"], condition=Q(is_pinned=True), name="liveentry_one_pinned"
            ),
        ]

    def __str__(self) -> str:
        when = jalali.format_datetime(self.created_at) if self.created_at else ""
        return "، ".join(filter(None, [when, self.text[:40]]))

    def save(self, *args, **kwargs):
        self.text = normalize(self.text).strip()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if not (self.text or self.image_id or self.embed):
            raise ValidationError(_("مطلب خالی است: متنی بنویسید، یا تصویری یا جاسازی بگذارید."))

    @property
    def anchor(self) -> str:
        """Its id on the page: «مطالب قدیمی‌تر» and the poll find it by it."""
        return f"live-{self.pk}"

    @property
    def shown_embed(self) -> embeds.Embed | None:
        return embeds.from_value(self.embed) if self.embed else None

    # The write path: the admin's live page and the tests call these, naming who acts.

    def change(self, *, by=None, **values) -> None:
        """An entry edited: its new text, picture, embed or pin; a revision and a line in
        the activity log name `by`."""
        from articles.models.article import ArticleEvent

        self.article.check_live_entry(by, entry=self)
        with transaction.atomic():
            for name, value in values.items():
                setattr(self, name, value)
            if self.is_pinned:
                _unpin_others(self)
            if by is not None:
                self._history_user = by
            self.full_clean(exclude=["article", "by"])
            self.save()
            ArticleEvent.record(self.article, ArticleEvent.Action.LIVE_EDITED, by)

    def remove(self, *, by=None) -> None:
        """An entry taken down; its revisions keep what it said, the activity log who."""
        from articles.models.article import ArticleEvent

        self.article.check_live_entry(by, entry=self)
        with transaction.atomic():
            if by is not None:
                self._history_user = by
            self.delete()
            ArticleEvent.record(self.article, ArticleEvent.Action.LIVE_REMOVED, by)


def _unpin_others(entry: LiveEntry) -> None:
    """One pinned entry an article: pinning one unpins the one before (row by row, so each
    change is a revision of its own)."""
    for other in LiveEntry.objects.filter(article_id=entry.article_id, is_pinned=True).exclude(
        pk=entry.pk
    ):
        other.is_pinned = False
        other._history_user = getattr(entry, "_history_user", None)
        other.save(update_fields=["is_pinned", "updated_at"])


@dataclass(frozen=True)
class LiveBlock:
    """What an article's page prints of its live coverage (includes/live_coverage.html)."""

    is_live: bool
    started_at: datetime.datetime | None
    ended_at: datetime.datetime | None
    pinned: LiveEntry | None
    entries: list[LiveEntry]
    poll_url: str
    older_url: str

    @property
    def shown(self) -> bool:
        return self.started_at is not None


def live_block(article, count: int = ON_PAGE) -> LiveBlock:
    """The pinned entry and the newest `count` others of `article`, in one query however
    many it has; «مطالب قدیمی‌تر» links to the rest."""
    rows = []
    if article.has_live_coverage:
        rows = list(
            article.live_entries.for_page().order_by("-is_pinned", "-created_at", "-pk")[
                : count + 2
            ]
        )
    pinned = rows.pop(0) if rows and rows[0].is_pinned else None
    older = ""
    if len(rows) > count:
        older = reverse_often("articles:live_entries", code=article.code) + "?page=2"
    return LiveBlock(
        is_live=article.is_live,
        started_at=article.live_started_at,
        ended_at=article.live_ended_at,
        pinned=pinned,
        entries=rows[:count],
        poll_url=reverse_often("articles:live_poll", code=article.code),
        older_url=older,
    )
