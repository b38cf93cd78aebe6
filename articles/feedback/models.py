"""«آیا این خبر مفید بود؟»: one vote per reader per article, and what staff learn from them."""

import math
from dataclasses import dataclass

from django.conf import settings
from django.db import models, transaction
from django.db.models import Case, Count, F, FloatField, Q, Value, When
from django.db.models.functions import Cast, Coalesce, Sqrt
from django.db.models.lookups import LessThanOrEqual
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from articles.models.article import Article, ArticleQuerySet
from newsroom.persian import jalali
from newsroom.persian.text import to_persian_digits

# z for a 95% confidence interval.
Z = 1.959963984540054

# Fewer votes than this say too little about an article to rank it: rankings (the report,
# the desk's least useful) leave such articles out unless asked to show them.
MIN_VOTES_TO_RANK = 5


def wilson_lower_bound(yes: int, total: int, z: float = Z) -> float:
    """The lower bound of the Wilson score interval: a fair "how useful" for ranking.

    1 of 1 scores 0.21 while 90 of 100 scores 0.83, so a lucky single vote does not win.
    """
    if total <= 0:
        return 0.0
    p = yes / total
    z2 = z * z
    centre = p + z2 / (2 * total)
    spread = z * math.sqrt((p * (1 - p) + z2 / (4 * total)) / total)
    return (centre - spread) / (1 + z2 / total)


def wilson_score(yes, total):
    """wilson_lower_bound() in SQL, over two columns (names or expressions); None where
    nobody voted."""
    yes, total = (F(x) if isinstance(x, str) else x for x in (yes, total))
    n = Cast(total, FloatField())
    p = Cast(yes, FloatField()) / n
    z2 = Value(Z * Z)
    score = (p + z2 / (2 * n) - Value(Z) * Sqrt((p * (1 - p) + z2 / (4 * n)) / n)) / (1 + z2 / n)
    return Case(
        When(LessThanOrEqual(total, 0), then=Value(None)), default=score, output_field=FloatField()
    )


@dataclass(frozen=True)
class Tally:
    yes: int
    total: int

    @property
    def no(self) -> int:
        return self.total - self.yes

    @property
    def summary(self) -> str:
        """«۳ نفر از ۵ نفر این خبر را مفید دانستند»"""
        yes, total = to_persian_digits(self.yes), to_persian_digits(self.total)
        return f"{yes} نفر از {total} نفر این خبر را مفید دانستند"


class FeedbackVoteQuerySet(models.QuerySet):
    def tally(self) -> Tally:
        counts = self.aggregate(yes=Count("pk", filter=Q(useful=True)), total=Count("pk"))
        return Tally(yes=counts["yes"], total=counts["total"])


class FeedbackVote(models.Model):
    """One reader's answer for one article. The unique constraint is the one-vote rule."""

    class Reason(models.TextChoices):
        WRONG = "wrong", _("اطلاعات نادرست")
        INCOMPLETE = "incomplete", _("ناقص")
        OUTDATED = "outdated", _("قدیمی")
        UNCLEAR = "unclear", _("نامفهوم")
        OTHER = "other", _("سایر")

    NOTE_MAX_LENGTH = 500

    article = models.ForeignKey(
        Article, verbose_name=_("خبر"), on_delete=models.CASCADE, related_name="feedback_votes"
    )
    # "u:<user id>" for a logged-in reader, "a:<uuid>" from the signed reader cookie.
    reader = models.CharField(_("خواننده"), max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("کاربر"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    useful = models.BooleanField(_("مفید بود"))
    reason = models.CharField(_("دلیل"), max_length=12, choices=Reason, blank=True)
    note = models.TextField(_("توضیح"), max_length=NOTE_MAX_LENGTH, blank=True)
    address_hash = models.CharField(_("نشانی (درهم‌شده)"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("زمان رأی"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("آخرین تغییر"), auto_now=True)

    objects = FeedbackVoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("رأی مفید بودن")
        verbose_name_plural = _("رأی‌های مفید بودن")
        constraints = [
            models.UniqueConstraint(fields=["article", "reader"], name="one_vote_per_reader"),
        ]

    def __str__(self) -> str:
        """«خیر، سه‌شنبه ۳ آذر ۱۴۰۵ - ۲۲:۴۴»: the answer and when it was given."""
        when = jalali.format_datetime(self.created_at) if self.created_at else ""
        return "، ".join(filter(None, ["بله" if self.useful else "خیر", when]))

    @classmethod
    def record(
        cls, article: Article, reader: str, useful: bool, *, user=None, address_hash: str = ""
    ) -> "FeedbackVote":
        """Record or move `reader`'s one vote on `article`; a second click never adds one."""
        with transaction.atomic():
            vote, created = cls.objects.select_for_update().get_or_create(
                article=article,
                reader=reader,
                defaults={"useful": useful, "user": user, "address_hash": address_hash},
            )
            if not created and vote.useful != useful:
                vote.useful = useful
                if useful:  # a follow-up explains a «خیر»; it goes with it
                    vote.reason, vote.note = "", ""
                vote.save(update_fields=["useful", "reason", "note", "updated_at"])
                VoteCount.add(article.pk, 1 if useful else -1, 0)
        return vote

    def add_follow_up(self, reason: str, note: str) -> None:
        self.reason, self.note = reason, note
        self.save(update_fields=["reason", "note", "updated_at"])


class VoteCount(models.Model):
    """Each voted article's votes, kept as they are cast, so the report and the desk read
    one row per article instead of counting every vote of the archive on every view."""

    article = models.OneToOneField(
        Article, primary_key=True, on_delete=models.CASCADE, related_name="vote_count"
    )
    yes = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0, db_index=True)
    wilson = models.FloatField(null=True, db_index=True)  # the report's ranking, kept too

    class Meta:
        verbose_name = _("شمار رأی‌ها")
        verbose_name_plural = _("شمار رأی‌ها")
        default_permissions = ()  # read through the report, never edited

    def __str__(self) -> str:
        """«۳ رأی مفید از ۵»: as the article's delete confirmation lists it."""
        return f"{to_persian_digits(self.yes)} رأی مفید از {to_persian_digits(self.total)}"

    @classmethod
    def add(cls, article_id: int, yes: int, total: int) -> None:
        """Counted in the database (F()), so concurrent votes are never lost."""
        row = cls.objects.filter(article_id=article_id)
        # One statement: the counts and the score from the counts as they become, whoever
        # else voted meanwhile.
        counts = {"yes": F("yes") + yes, "total": F("total") + total}
        if row.update(**counts, wilson=wilson_score(counts["yes"], counts["total"])) or total <= 0:
            return
        with transaction.atomic():
            _, created = cls.objects.get_or_create(
                article_id=article_id,
                defaults={"yes": yes, "total": total, "wilson": wilson_lower_bound(yes, total)},
            )
        if not created:  # someone else's vote made it first
            row.update(**counts, wilson=wilson_score(counts["yes"], counts["total"]))


def _vote_saved(sender, instance: FeedbackVote, created: bool, **kwargs) -> None:
    if created:
        VoteCount.add(instance.article_id, int(instance.useful), 1)


def _vote_deleted(sender, instance: FeedbackVote, **kwargs) -> None:
    # With no row to take from (the article and its count went first), nothing is made.
    VoteCount.add(instance.article_id, -int(instance.useful), -1)


post_save.connect(_vote_saved, sender=FeedbackVote, dispatch_uid="vote_count_saved")
post_delete.connect(_vote_deleted, sender=FeedbackVote, dispatch_uid="vote_count_deleted")


class UsefulnessQuerySet(ArticleQuerySet):
    def with_usefulness(self, voted_from=None, voted_until=None):
        """Each article with yes, no, total, percent useful and its Wilson score; an
        article nobody voted on has neither (None), rather than the worst score.

        `voted_from`/`voted_until` count only the votes cast in that span; without them
        the counts kept as votes come (VoteCount) are read, not the votes.
        """
        if voted_from is None and voted_until is None:
            qs = self.annotate(
                yes=Coalesce(F("vote_count__yes"), 0), total=Coalesce(F("vote_count__total"), 0)
            )
            return self._scored(qs, wilson=F("vote_count__wilson"))
        in_span = Q()
        if voted_from is not None:
            in_span &= Q(feedback_votes__created_at__gte=voted_from)
        if voted_until is not None:
            in_span &= Q(feedback_votes__created_at__lt=voted_until)
        qs = self.annotate(
            yes=Count("feedback_votes", filter=in_span & Q(feedback_votes__useful=True)),
            total=Count("feedback_votes", filter=in_span),
        )
        return self._scored(qs)

    def _scored(self, qs, wilson=None):
        qs = qs.annotate(no=F("total") - F("yes"))
        return qs.annotate(
            percent=Case(
                When(total=0, then=Value(None)),
                default=Cast("yes", FloatField()) * 100 / Cast("total", FloatField()),
                output_field=FloatField(),
            ),
            wilson=wilson if wilson is not None else wilson_score("yes", "total"),
        )

    def rankable(self, min_votes: int = MIN_VOTES_TO_RANK, voted_from=None):
        """Those with enough votes to be ranked (after with_usefulness(), given the same
        `voted_from`)."""
        if min_votes <= 0:
            return self
        # Only articles with enough votes in all, joined from the kept counts (their index),
        # and with a vote in the span: the counting then groups those few, not the archive.
        qs = self.filter(vote_count__total__gte=min_votes, total__gte=min_votes)
        if voted_from is not None:
            recent = FeedbackVote.objects.filter(created_at__gte=voted_from)
            qs = qs.filter(pk__in=recent.values("article_id"))
        return qs

    def least_useful(self, now=None, voted_from=None):
        """The report's ranking, the least useful first: published articles with enough
        votes since `voted_from` (the desk's «کم‌فایده‌ترین»)."""
        return (
            self.published(now)
            .with_usefulness(voted_from=voted_from)
            .rankable(voted_from=voted_from)
            .order_by("wilson", "-total", "-pk")
        )


class UsefulnessReport(Article):
    """The articles as the usefulness report sees them (a proxy, so it has its own rights)."""

    objects = UsefulnessQuerySet.as_manager()

    class Meta:
        proxy = True
        verbose_name = _("گزارش مفید بودن اخبار")
        verbose_name_plural = _("گزارش مفید بودن اخبار")
