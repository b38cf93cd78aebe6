"""The outbox: one row per story and channel, written in the transaction that makes the story
visible (or by the sweep, for a scheduled one whose time came), and sent by the worker
(articles/outbox/tasks.py). The unique key is what makes it once: a second publish, an edit,
an unpublish and republish find the row there and write nothing."""

import datetime

from django.conf import settings
from django.db import models, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models.article import Article
from articles.models.notes import ArticleNote
from articles.outbox import channels
from newsroom.persian import jalali


class DeliveryQuerySet(models.QuerySet):
    def record(self, article_ids: list[int], now: datetime.datetime | None = None) -> None:
        """A delivery of each of these stories to each channel that is on, unless it has
        one; the worker is told once the transaction commits. INSERT … ON CONFLICT DO
        NOTHING (SQLite: INSERT OR IGNORE), so two publishes at once write one row."""
        names = [channel.name for channel in channels.enabled()]
        if not article_ids or not names:
            return
        now = now or timezone.now()
        self.bulk_create(
            [
                Delivery(article_id=pk, channel=name, next_try_at=now)
                for pk in article_ids
                for name in names
            ],
            ignore_conflicts=True,
        )
        transaction.on_commit(lambda: self.enqueue_new(article_ids), robust=True)

    def record_note(self, note: ArticleNote) -> bool:
        """A correction or an update posted to each channel that is on, as an editor asks:
        once per note and channel, however often they ask. Answers whether anything new
        was recorded."""
        names = [channel.name for channel in channels.enabled()]
        if not names:
            return False
        before = self.filter(note=note).count()
        self.bulk_create(
            [
                Delivery(article_id=note.article_id, note=note, kind=Delivery.Kind.NOTE, channel=n)
                for n in names
            ],
            ignore_conflicts=True,
        )
        transaction.on_commit(lambda: self.enqueue_new([note.article_id]), robust=True)
        return self.filter(note=note).count() > before

    def enqueue_new(self, article_ids: list[int]) -> None:
        from articles.outbox import tasks

        waiting = self.filter(article_id__in=article_ids, state=Delivery.State.PENDING, attempts=0)
        for pk in waiting.values_list("pk", flat=True):
            tasks.schedule(pk)

    def record_fallen_due(self, now: datetime.datetime | None = None) -> None:
        """Deliveries for the stories that became visible by themselves (scheduled, their
        time come) or by any path that wrote none, in the last OUTBOX_SWEEP_WINDOW_HOURS."""
        now = now or timezone.now()
        since = now - datetime.timedelta(hours=settings.OUTBOX_SWEEP_WINDOW_HOURS)
        recent = Article.objects.published(now=now).filter(published_at__gt=since).order_by()
        for channel in channels.enabled():
            has_one = self.filter(
                article=OuterRef("pk"), channel=channel.name, kind=Delivery.Kind.PUBLISH
            )
            missing = list(recent.filter(~Exists(has_one)).values_list("pk", flat=True))
            if missing:
                with transaction.atomic():
                    self.record(missing, now)

    def stranded(self, now: datetime.datetime, grace: datetime.timedelta):
        """Deliveries whose task should have run and did not: due a while ago and waiting
        (the task lost, or the worker down), or held by a worker whose lease ran out (it
        crashed or hung)."""
        return self.filter(
            Q(state=Delivery.State.PENDING, next_try_at__lte=now - grace)
            | Q(state=Delivery.State.SENDING, lease_until__lt=now)
        )

    def claim(self, pk: int, now: datetime.datetime) -> int | None:
        """Take the delivery to send it: one UPDATE that only one worker can win, as it
        only matches a row waiting and due, or held by a lease that ran out. Answers the
        attempt's number (which marks it: a late worker's answer cannot overwrite a newer
        attempt's), or None if it is not ours to send."""
        lease = now + datetime.timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
        taken = self.filter(
            Q(state=Delivery.State.PENDING, next_try_at__lte=now)
            | Q(state=Delivery.State.SENDING, lease_until__lt=now),
            pk=pk,
        ).update(state=Delivery.State.SENDING, lease_until=lease, attempts=F("attempts") + 1)
        if not taken:
            return None
        return self.filter(pk=pk).values_list("attempts", flat=True).get()


class Delivery(models.Model):
    """A story on its way to a channel (تحویل به کانال)."""

    class Channel(models.TextChoices):
        TELEGRAM = "telegram", _("تلگرام")
        BALE = "bale", _("بله")
        EITAA = "eitaa", _("ایتا")
        WEBSUB = "websub", _("اعلام خوراک به هاب")

    class Kind(models.TextChoices):
        PUBLISH = "publish", _("انتشار")
        NOTE = "note", _("اصلاحیه یا به‌روزرسانی")

    class State(models.TextChoices):
        PENDING = "pending", _("در صف")
        SENDING = "sending", _("در حال فرستادن")
        SENT = "sent", _("فرستاده شد")
        FAILED = "failed", _("ناموفق")
        CANCELLED = "cancelled", _("لغوشده")

    article = models.ForeignKey(
        Article, verbose_name=_("خبر"), on_delete=models.CASCADE, related_name="deliveries"
    )
    channel = models.CharField(_("کانال"), max_length=12, choices=Channel)
    kind = models.CharField(_("نوع"), max_length=12, choices=Kind, default=Kind.PUBLISH)
    # A correction or an update an editor asked to post (kind NOTE): once per note and channel.
    note = models.ForeignKey(
        ArticleNote,
        verbose_name=_("اصلاحیه یا به‌روزرسانی"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    state = models.CharField(_("وضعیت"), max_length=12, choices=State, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(_("تلاش‌ها"), default=0)
    next_try_at = models.DateTimeField(_("تلاش بعدی"), default=timezone.now)
    lease_until = models.DateTimeField(_("در دست کارگر تا"), null=True, blank=True)
    last_error = models.CharField(_("آخرین خطا"), max_length=500, blank=True)
    remote_id = models.CharField(_("شناسه پیام"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("ثبت"), auto_now_add=True)
    sent_at = models.DateTimeField(_("فرستاده شد در"), null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("ارسال به کانال")
        verbose_name_plural = _("ارسال به کانال‌ها")
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("manage_delivery", _("می‌تواند ارسال به کانال‌ها را دوباره بخواهد یا لغو کند")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "channel", "kind"],
                condition=Q(kind="publish"),
                name="one_delivery_per_story_and_channel",
            ),
            models.UniqueConstraint(
                fields=["note", "channel"],
                condition=Q(kind="note"),
                name="one_delivery_per_note_and_channel",
            ),
        ]
        indexes = [models.Index(fields=["state", "next_try_at"], name="delivery_due")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()}، {jalali.format_datetime(self.created_at)}"

    def retry(self, now: datetime.datetime | None = None) -> bool:
        """An editor asks again: a failed or cancelled delivery (or one waiting) goes back in
        the queue now, with its tries counted afresh. A sent one is never sent again."""
        now = now or timezone.now()
        done = Delivery.objects.filter(
            pk=self.pk,
            state__in=[self.State.FAILED, self.State.CANCELLED, self.State.PENDING],
        ).update(state=self.State.PENDING, next_try_at=now, attempts=0, lease_until=None)
        if done:
            from articles.outbox import tasks

            transaction.on_commit(lambda: tasks.schedule(self.pk), robust=True)
        return bool(done)

    def cancel(self) -> bool:
        """An editor stops it: a delivery not yet sent, nor in a worker's hands, is not
        sent."""
        return bool(
            Delivery.objects.filter(
                pk=self.pk, state__in=[self.State.PENDING, self.State.FAILED]
            ).update(state=self.State.CANCELLED, lease_until=None)
        )


def record_on_publish(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    """post_save of ArticleEvent: a story published now (the change form, the bulk action,
    any caller of Article.publish) has its deliveries written in the same transaction.
    A scheduled one gets them from the sweep when its time comes."""
    from articles.models import ArticleEvent

    if created and not raw and instance.action == ArticleEvent.Action.PUBLISHED:
        Delivery.objects.record([instance.article_id])
