"""Reader comments, their 👍/👎, their reports, and the words that keep them off the site."""

import re

from django.conf import settings
from django.db import models, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from newsroom.bulk import BulkChangeQuerySet
from newsroom.persian import normalize


class BannedWord(models.Model):
    """A word or phrase that keeps a comment from being published by itself."""

    class Action(models.TextChoices):
        SPAM = "spam", _("هرزنامه")
        HOLD = "hold", _("نگه‌داشتن برای بررسی")

    word = models.CharField(_("واژه یا عبارت"), max_length=100, unique=True)
    action = models.CharField(_("نتیجه"), max_length=8, choices=Action, default=Action.HOLD)

    class Meta:
        ordering = ["word"]
        verbose_name = _("واژه ممنوع")
        verbose_name_plural = _("واژه‌های ممنوع")

    def __str__(self) -> str:
        return self.word

    def save(self, *args, **kwargs):
        self.word = normalize(self.word).strip()
        super().save(*args, **kwargs)

    def pattern(self) -> re.Pattern:
        """The word on its own, not inside another word: «بد» does not match «بدون»."""
        return re.compile(rf"(?<!\w){re.escape(self.word)}(?!\w)", re.IGNORECASE)


LINK = re.compile(
    r"(https?://\S+|www\.\S+|[\w-]+(\.[\w-]+)*\.(com|ir|net|org|info|xyz|io|me|co|app|site)(/\S*)?)",
    re.IGNORECASE,
)


def count_links(text: str) -> int:
    """How many words of `text` are web addresses."""
    return sum(1 for word in text.split() if LINK.fullmatch(word.strip("()[]«»،,.!؟?:؛\"'")))


class CommentQuerySet(BulkChangeQuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def set_status(self, status: str) -> int:
        """Moderate many at once (the pages that show them expire: comments/signals.py)."""
        return self.update(status=status)

    def with_reactions(self):
        """Each comment with its 👍 and 👎 counts, in the same query."""
        return self.annotate(
            likes=Count("reactions", filter=Q(reactions__value=CommentReaction.LIKE)),
            dislikes=Count("reactions", filter=Q(reactions__value=CommentReaction.DISLIKE)),
        )


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("در انتظار بررسی")
        APPROVED = "approved", _("تأییدشده")
        REJECTED = "rejected", _("ردشده")
        SPAM = "spam", _("هرزنامه")

    class Held(models.TextChoices):
        """Why the rules, not a moderator, chose the status."""

        NONE = "", _("—")
        BANNED_WORD = "banned_word", _("واژه ممنوع")
        LINKS = "links", _("پیوندهای زیاد")
        REPORTS = "reports", _("گزارش خوانندگان")
        TRUSTED = "trusted", _("تأیید خودکار (نویسنده شناخته‌شده)")

    TEXT_MAX_LENGTH = 1500
    NAME_MAX_LENGTH = 60

    article = models.ForeignKey(
        Article, verbose_name=_("خبر"), on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("در پاسخ به"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    name = models.CharField(_("نام"), max_length=NAME_MAX_LENGTH)
    email = models.EmailField(_("ایمیل"), blank=True, help_text=_("هرگز نمایش داده نمی‌شود."))
    text = models.TextField(_("متن"), max_length=TEXT_MAX_LENGTH)
    status = models.CharField(
        _("وضعیت"), max_length=10, choices=Status, default=Status.PENDING, db_index=True
    )
    held = models.CharField(_("قاعده خودکار"), max_length=12, choices=Held, blank=True)
    is_staff_reply = models.BooleanField(_("پاسخ تحریریه"), default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("کاربر"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reader = models.CharField(_("خواننده"), max_length=64, blank=True)
    address_hash = models.CharField(_("نشانی (درهم‌شده)"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("زمان ارسال"), auto_now_add=True, db_index=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("نظر")
        verbose_name_plural = _("نظرات")
        indexes = [models.Index(fields=["article", "status", "parent", "created_at"])]

    def __str__(self) -> str:
        return f"{self.name}: {self.text[:40]}"

    def save(self, *args, **kwargs):
        self.name = normalize(self.name).strip()
        self.text = normalize(self.text).strip()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#comment-{self.pk}"

    # Where a comment's 👍/👎, «گزارش تخلف» and «پاسخ» go (cheaper than {% url %} in a
    # loop of thirty comments).
    def get_react_url(self) -> str:
        return reverse("comments:react", kwargs={"comment_id": self.pk})

    def get_report_url(self) -> str:
        return reverse("comments:report", kwargs={"comment_id": self.pk})

    def get_reply_url(self) -> str:
        return reverse("comments:reply", kwargs={"comment_id": self.pk})

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        comment = super().from_db(db, field_names, values, **kwargs)
        comment._was_approved = comment.__dict__.get("status") == cls.Status.APPROVED
        return comment

    def apply_rules(self, banned_words=None) -> None:
        """Choose the status before a human sees it: spam, held, trusted or the queue."""
        text = f"{self.name}\n{self.text}"
        words = BannedWord.objects.all() if banned_words is None else banned_words
        matched = [w for w in words if w.pattern().search(text)]
        if any(w.action == BannedWord.Action.SPAM for w in matched):
            self.status, self.held = self.Status.SPAM, self.Held.BANNED_WORD
        elif matched:
            self.status, self.held = self.Status.PENDING, self.Held.BANNED_WORD
        elif count_links(self.text) > 2:
            self.status, self.held = self.Status.PENDING, self.Held.LINKS
        elif self.is_trusted_commenter():
            self.status, self.held = self.Status.APPROVED, self.Held.TRUSTED
        else:
            self.status, self.held = self.Status.PENDING, self.Held.NONE

    def is_trusted_commenter(self) -> bool:
        """Enough approved comments under this email, where the site allows trusting."""
        needed = settings.COMMENTS_TRUST_AFTER
        if not (settings.COMMENTS_AUTO_APPROVE and self.email and needed):
            return False
        approved = Comment.objects.approved().filter(email__iexact=self.email)
        return approved[:needed].count() >= needed


class CommentReaction(models.Model):
    """A reader's 👍 or 👎 on a comment; one per reader, which they may change."""

    LIKE, DISLIKE = 1, -1

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reactions")
    reader = models.CharField(max_length=64)
    value = models.SmallIntegerField(choices=[(LIKE, "👍"), (DISLIKE, "👎")])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("واکنش به نظر")
        verbose_name_plural = _("واکنش‌ها به نظرات")
        constraints = [
            models.UniqueConstraint(fields=["comment", "reader"], name="one_reaction_per_reader")
        ]

    def __str__(self) -> str:
        return f"{self.comment_id}: {self.value}"

    @classmethod
    def record(cls, comment: Comment, reader: str, value: int) -> None:
        with transaction.atomic():
            reaction, created = cls.objects.select_for_update().get_or_create(
                comment=comment, reader=reader, defaults={"value": value}
            )
            if not created and reaction.value != value:
                reaction.value = value
                reaction.save(update_fields=["value"])


class CommentReport(models.Model):
    """«گزارش تخلف»: one per reader; enough of them send a comment back to the queue."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reader = models.CharField(max_length=64)
    address_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("گزارش تخلف")
        verbose_name_plural = _("گزارش‌های تخلف")
        constraints = [
            models.UniqueConstraint(fields=["comment", "reader"], name="one_report_per_reader")
        ]

    def __str__(self) -> str:
        return f"{self.comment_id}"

    @classmethod
    def record(cls, comment: Comment, reader: str, address_hash: str = "") -> None:
        with transaction.atomic():
            # Reports on one comment queue here, so the one that reaches the threshold
            # sees every report before it, whatever the isolation level.
            Comment.objects.select_for_update().filter(pk=comment.pk).first()
            cls.objects.get_or_create(
                comment=comment, reader=reader, defaults={"address_hash": address_hash}
            )
            reports = cls.objects.filter(comment=comment).count()
            if reports >= settings.COMMENTS_REPORT_THRESHOLD:
                Comment.objects.filter(pk=comment.pk, status=Comment.Status.APPROVED).update(
                    status=Comment.Status.PENDING, held=Comment.Held.REPORTS
                )
