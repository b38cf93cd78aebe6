"""What must hold when the cache is lost, restarted or rolled back: kept in the database.

The cache (Redis, or files without it) only ever holds copies: pages and parts of pages.
Whether a copy is still current, and every count that must be exact (flood limits, login
attempts), lives here, written in the same transaction as the change it describes.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CacheVersion(models.Model):
    """The version of one scope of what readers see ("content", "names", "article:<code>").

    A random token, renewed by every change to the scope in the change's own transaction,
    so a copy built on an older token is never used again, whatever the cache remembers.
    """

    scope = models.CharField(_("دامنه"), max_length=40, primary_key=True)
    token = models.CharField(_("نسخه"), max_length=32)
    # For "content": when the next scheduled article appears, renewing the token by itself
    # (seconds since the epoch: read on every request, compared without conversion).
    due = models.BigIntegerField(_("تغییر بعدی"), null=True, blank=True)

    class Meta:
        verbose_name = _("نسخه صفحه‌ها")
        verbose_name_plural = _("نسخه‌های صفحه‌ها")

    def __str__(self) -> str:
        return f"{self.scope}: {self.token}"


class Tally(models.Model):
    """How many times something happened in one window of time (flood limits, login
    attempts): added to atomically in the database, exact across processes and machines."""

    key = models.CharField(_("کلید"), max_length=200, primary_key=True)
    count = models.PositiveIntegerField(_("شمار"), default=0)
    expires_at = models.DateTimeField(_("پایان"), db_index=True)

    class Meta:
        verbose_name = _("شمارش")
        verbose_name_plural = _("شمارش‌ها")

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"


class EdgePurge(models.Model):
    """A surrogate key the edge was told to forget and did not confirm: tried again by the
    next purge and by the workers' threads (newsroom/pagecache/edge.py)."""

    key = models.CharField(_("کلید"), max_length=80, primary_key=True)
    since = models.DateTimeField(_("از"), auto_now_add=True)
    tries = models.PositiveIntegerField(_("تلاش‌ها"), default=1)

    class Meta:
        verbose_name = _("پاک‌سازی معوق لبه")
        verbose_name_plural = _("پاک‌سازی‌های معوق لبه")

    def __str__(self) -> str:
        return self.key
