"""How often articles are read, an hour at a time (filled in batches, never per page view)."""

from django.db import models
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from articles.models.article import Article
from newsroom.persian import jalali
from newsroom.persian.text import to_persian_digits


class ViewCountQuerySet(models.QuerySet):
    def most_read(self, since, limit: int) -> list[Article]:
        """The `limit` published articles most viewed since `since`, most first: two queries."""
        return self.ranked_articles(self.views_since(since, limit), limit)

    def views_since(self, since, limit: int) -> dict[int, int]:
        """Views per article since `since`, of the most viewed: enough for `limit` visible."""
        # From the window's counts to their articles: the archive is never read.
        return dict(
            self.filter(hour__gte=since)
            .values_list("article")
            .annotate(total=Sum("views"))
            .order_by("-total")
            .values_list("article", "total")[: limit * 3]
        )

    @staticmethod
    def ranked_articles(views: dict[int, int], limit: int) -> list[Article]:
        """The published ones of the articles counted in `views`, most viewed first."""
        return ViewCountQuerySet.ranked_spans({0: views}, limit)[0]

    @staticmethod
    def ranked_spans(counted: dict[int, dict[int, int]], limit: int) -> dict[int, list[Article]]:
        """`ranked_articles` of each span's views, in one query for all of their articles."""
        return Article.objects.ranked(counted, limit)


class ViewCount(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="view_counts")
    hour = models.DateTimeField(_("ساعت"))
    views = models.PositiveIntegerField(_("بازدید"), default=0)

    objects = ViewCountQuerySet.as_manager()

    class Meta:
        verbose_name = _("آمار بازدید")
        verbose_name_plural = _("آمار بازدید")
        constraints = [
            models.UniqueConstraint(fields=["article", "hour"], name="one_count_per_article_hour")
        ]
        indexes = [models.Index(fields=["hour", "article"])]

    def __str__(self) -> str:
        """«۱۲ بازدید، سه‌شنبه ۳ آذر ۱۴۰۵ - ۲۲:۰۰»"""
        return f"{to_persian_digits(self.views)} بازدید، {jalali.format_datetime(self.hour)}"
