"""How often articles are read, an hour at a time (filled in batches, never per page view)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models.article import Article
from newsroom.persian import jalali
from newsroom.persian.text import to_persian_digits


class ViewCount(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="view_counts")
    hour = models.DateTimeField(_("ساعت"))
    views = models.PositiveIntegerField(_("بازدید"), default=0)

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
