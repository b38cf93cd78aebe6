"""An article's «گزارش تصویری»: pictures from the library, in the order an editor sets."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.images.models import Image
from newsroom.pagecache.bulk import BulkChangeQuerySet
from newsroom.persian.text import normalize


def deleted_with_article(origin) -> bool:
    """Whether a gallery's row goes because its article does (post_delete's `origin`): then
    there is no article left to touch, nor to keep a revision of."""
    model = origin if isinstance(origin, models.Model) else getattr(origin, "model", None)
    return model is not None and model._meta.label == "articles.Article"


class GalleryItemQuerySet(BulkChangeQuerySet):
    def for_page(self):
        """What the page, its JSON-LD and the sitemap show of each picture, in order."""
        return self.select_related("image").order_by("position", "pk")


class GalleryItem(models.Model):
    """One picture of an article's gallery (گزارش تصویری).

    The credit is the picture's own (a photographer is credited the same wherever the photo
    runs); the caption may be the gallery's own, since a picture's library caption says what
    it shows and the story may need to say more. Positions need not be unique: an editor
    who swaps two rows saves them one after the other, and ties fall back to the order they
    were added in.
    """

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("خبر"),
        on_delete=models.CASCADE,
        related_name="gallery_items",
    )
    image = models.ForeignKey(
        Image, verbose_name=_("تصویر"), on_delete=models.CASCADE, related_name="gallery_items"
    )
    position = models.PositiveSmallIntegerField(
        _("ترتیب"), default=0, help_text=_("صفر: پس از همه عکس‌های گزارش.")
    )
    caption = models.CharField(
        _("زیرنویس در این گزارش"),
        max_length=300,
        blank=True,
        help_text=_("خالی بماند، زیرنویس خود تصویر در کتابخانه می‌آید."),
    )

    objects = GalleryItemQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("تصویر گزارش تصویری")
        verbose_name_plural = _("گزارش تصویری")
        indexes = [models.Index(fields=["article", "position"], name="gallery_order")]

    def __str__(self) -> str:
        return self.image.alt

    def save(self, *args, **kwargs):
        self.caption = normalize(self.caption).strip()
        if not self.position:  # a picture given no place goes after the others
            last = GalleryItem.objects.filter(article_id=self.article_id).exclude(pk=self.pk)
            self.position = (last.aggregate(m=models.Max("position"))["m"] or 0) + 1
        super().save(*args, **kwargs)

    @property
    def shown_caption(self) -> str:
        return self.caption or self.image.caption
