"""«خبر فوری»: the bar at the top of every reader page, until it ends or is withdrawn.

Whether a bar shows is decided when a page is read (`BreakingNewsQuerySet.showing`), and the
page cache stays exact with it: a bar written, changed or withdrawn renews the content
version (articles/signals.py), and the moment a bar starts or ends is a change nobody makes,
registered with the cache beside the next scheduled article (articles/apps.py), so a page
built with a bar expires — in the cache and at the edge — when the bar ends.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.db import models, transaction
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models.article import Article
from newsroom.pagecache.bulk import BulkChangeQuerySet
from newsroom.pagecache.versions import versions

TEXT_MAX_LENGTH = 200


@dataclass(frozen=True)
class ShownBar:
    """What a page prints of the bar it shows: no model, no lazy relation to query."""

    pk: int
    headline: str
    url: str
    ends_at: datetime.datetime


class BreakingNewsQuerySet(BulkChangeQuerySet):
    def showing(self, now: datetime.datetime | None = None) -> "BreakingNewsQuerySet":
        """The bars readers see at `now`, newest first: started, not ended, not withdrawn,
        and an article they link to visible to readers."""
        now = now or timezone.now()
        # The article's state as a join on the bar's own article, not `article IN (every
        # published article)`: SQLite walked all of them (55 ms at 100 000 articles, on
        # every page rebuilt after a change). The same rule as `Article.objects.published()`.
        return (
            self.filter(starts_at__lte=now, ends_at__gt=now, withdrawn_at__isnull=True)
            .filter(
                Q(article__isnull=True)
                | Q(article__status=Article.Status.PUBLISHED, article__published_at__lte=now)
            )
            .order_by("-starts_at", "-pk")
        )

    def shown(self, now: datetime.datetime | None = None) -> ShownBar | None:
        """The one bar a page shows: the newest. One line, one story: a newer breaking
        story supersedes the one before, which comes back if the newer is withdrawn first;
        bars stacked one over another would push a phone's page below the fold."""
        bar = self.showing(now).select_related("article").first()
        if bar is None:
            return None
        return ShownBar(pk=bar.pk, headline=bar.headline, url=bar.link, ends_at=bar.ends_at)

    def on_every_page(self) -> ShownBar | None:
        """The bar of every reader page, read once a process while the content version
        stands: every change to a bar renews it, and so does the moment one starts or ends
        (`next_change`), so the page that reads a new version reads the bar again."""
        key = (self.db, versions().content)
        read_at, bar = _shown.get("read", (None, None))  # one read: threads may replace it
        if read_at != key:
            bar = self.shown()
            _shown["read"] = (key, bar)
        return bar

    def next_change(self, now: datetime.datetime) -> datetime.datetime | None:
        """The next moment after `now` a bar starts or ends by itself."""
        upcoming = self.filter(withdrawn_at__isnull=True, ends_at__gt=now).aggregate(
            starts=Min("starts_at", filter=Q(starts_at__gt=now)), ends=Min("ends_at")
        )
        moments = [moment for moment in upcoming.values() if moment is not None]
        return min(moments, default=None)

    def put_up(self, *, article: Article, by, now: datetime.datetime | None = None):
        """An article made «فوری» from its own page in the admin: its title in the bar from
        now for DEFAULT_LENGTH, in the activity log with who did it."""
        now = (now or timezone.now()).replace(microsecond=0)
        with transaction.atomic(using=self.db):
            bar = self.create(
                article=article,
                starts_at=now,
                ends_at=now + BreakingNews.DEFAULT_LENGTH,
                created_by=by,
            )
            LogEntry.objects.log_actions(
                user_id=by.pk,
                queryset=[bar],
                action_flag=ADDITION,
                change_message=str(_("از صفحهٔ خبر")),
                single_object=True,
            )
        return bar

    def withdraw(self, *, by, now: datetime.datetime | None = None) -> int:
        """«پایان اکنون»: the bars among these that have not ended stop showing now; each is
        in the activity log with who withdrew it. How many were withdrawn."""
        now = now or timezone.now()
        with transaction.atomic(using=self.db):
            going = list(self.filter(withdrawn_at__isnull=True, ends_at__gt=now))
            if not going:
                return 0
            # update(): the bulk write renews the content version (articles/signals.py).
            self.model.objects.filter(pk__in=[bar.pk for bar in going]).update(withdrawn_at=now)
            LogEntry.objects.log_actions(
                user_id=by.pk,
                queryset=going,
                action_flag=CHANGE,
                change_message=str(_("پایان داده شد")),
            )
        return len(going)


_shown: dict = {}  # the bar as last read, and the content version it was read at


class BreakingNews(models.Model):
    """A «خبر فوری»: a published article, or a line of its own, in a bar above every reader
    page from `starts_at` until `ends_at`, unless withdrawn before."""

    article = models.ForeignKey(
        Article,
        verbose_name=_("خبر"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"status": Article.Status.PUBLISHED},
        help_text=_("خبری منتشرشده؛ تیتر آن در نوار می‌آید، مگر متنی بنویسید."),
    )
    text = models.CharField(
        _("متن"),
        max_length=TEXT_MAX_LENGTH,
        blank=True,
        help_text=_("یک خط، بدون قالب‌بندی؛ حداکثر ۲۰۰ نویسه."),
    )
    url = models.URLField(
        _("پیوند"),
        max_length=500,
        blank=True,
        help_text=_("برای متنی که خبری ندارد، اختیاری."),
    )
    starts_at = models.DateTimeField(_("آغاز"), default=timezone.now)
    ends_at = models.DateTimeField(_("پایان"))
    withdrawn_at = models.DateTimeField(_("پایان داده شده در"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ثبت‌کننده"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("زمان ثبت"), auto_now_add=True)

    # How long a bar shows unless the editor says otherwise.
    DEFAULT_LENGTH = datetime.timedelta(hours=2)

    objects = BreakingNewsQuerySet.as_manager()

    class Meta:
        verbose_name = _("خبر فوری")
        verbose_name_plural = _("خبرهای فوری")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["ends_at", "starts_at"], name="breaking_live")]

    def __str__(self) -> str:
        return self.headline

    @property
    def headline(self) -> str:
        if self.text:
            return self.text
        return self.article.title if self.article_id else ""

    @property
    def link(self) -> str:
        if self.article_id:
            return self.article.get_absolute_url()
        return self.url

    @property
    def withdrawable(self) -> bool:
        """Not yet ended: «پایان اکنون» would change something."""
        return self.withdrawn_at is None and self.ends_at > timezone.now()

    def state(self, now: datetime.datetime | None = None) -> str:
        now = now or timezone.now()
        if self.withdrawn_at is not None:
            return _("پایان داده شده")
        if self.ends_at <= now:
            return _("پایان یافته")
        if self.starts_at > now:
            return _("در انتظار")
        return _("در حال نمایش")

    def withdraw(self, *, by, now: datetime.datetime | None = None) -> bool:
        """«پایان اکنون» for this bar; False if it had already ended."""
        done = BreakingNews.objects.filter(pk=self.pk).withdraw(by=by, now=now)
        if done:
            self.refresh_from_db(fields=["withdrawn_at"])
        return bool(done)
