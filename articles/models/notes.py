"""What an editor tells readers about a published article after the fact: a correction
(اصلاحیه: what was wrong) or an update (به‌روزرسانی: what is new), each dated.

Readers can trust that nothing changes silently: while an article is on the site, every
change to what they read comes with a note, or is recorded as a typo fix in its history
(ArticleAdminForm.clean); one taken off the site comes back published anew, at a new time.
A note's save or delete touches its article (articles/signals.py), so its page, the feeds
and the corrections page show it.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.pagecache.bulk import BulkChangeQuerySet
from newsroom.persian import jalali
from newsroom.persian.text import normalize


class ArticleNoteQuerySet(BulkChangeQuerySet):
    def published(self, now=None):
        """The notes of articles readers may see."""
        from articles.models.article import Article

        return self.filter(
            article__status=Article.Status.PUBLISHED,
            article__published_at__lte=now or timezone.now(),
        )

    def corrections(self):
        return self.filter(kind=ArticleNote.Kind.CORRECTION)

    def for_page(self):
        """An article's notes as its page shows them: oldest first, as they happened."""
        return self.order_by("noted_at", "pk")

    def for_listing(self):
        """The corrections page's rows: each with its article's title, link and section."""
        return self.select_related("article", "article__section").order_by("-noted_at", "-pk")


class ArticleNote(models.Model):
    """A dated note on a published article, shown on its page, in its feeds' items and in
    its JSON-LD's dateModified; corrections are also listed on /corrections/."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("اصلاحیه")
        UPDATE = "update", _("به‌روزرسانی")

    article = models.ForeignKey(
        "articles.Article", verbose_name=_("خبر"), on_delete=models.CASCADE, related_name="notes"
    )
    kind = models.CharField(_("نوع"), max_length=12, choices=Kind)
    text = models.TextField(
        _("متن"),
        max_length=1000,
        help_text=_("برای خواننده: چه نادرست بود و درستش چیست، یا چه چیز تازه‌ای افزوده شد."),
    )
    noted_at = models.DateTimeField(_("زمان"), default=timezone.now, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("به دست"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = ArticleNoteQuerySet.as_manager()

    class Meta:
        ordering = ["noted_at", "pk"]
        verbose_name = _("اصلاحیه یا به‌روزرسانی")
        verbose_name_plural = _("اصلاحیه‌ها و به‌روزرسانی‌ها")
        indexes = [models.Index(fields=["kind", "noted_at"], name="articlenote_kind_time")]

    def __str__(self) -> str:
        """«اصلاحیه، دوشنبه ۱۶ آذر ۱۴۰۵ - ۰۲:۱۶»: its kind and when."""
        when = jalali.format_datetime(self.noted_at) if self.noted_at else ""
        return "، ".join(filter(None, [self.get_kind_display(), when]))

    def save(self, *args, **kwargs):
        self.text = normalize(self.text).strip()
        super().save(*args, **kwargs)

    @property
    def anchor(self) -> str:
        """Its id on the article's page, for links from the corrections page."""
        return f"note-{self.pk}"
