import posixpath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _

from articles.images import processing
from newsroom.persian.text import normalize

# Sent when an image's renditions are written (with an update(), which sends no post_save).
# sender: Image; instance: the image.
renditions_made = Signal()

FRACTION = [MinValueValidator(0.0), MaxValueValidator(1.0)]


class ImageQuerySet(models.QuerySet):
    def for_picker(self, user, everyone: bool = False):
        """The pictures a writer picks from (the body editor's server browser): their own
        uploads, or everyone's for `everyone` (the caller decides who that is)."""
        return self if everyone else self.filter(uploaded_by=user)

    def matching(self, query: str):
        """Pictures whose alt text, caption or credit holds `query` (as typed or normalised)."""
        query = normalize(query).strip()
        if not query:
            return self
        return self.filter(
            models.Q(alt__icontains=query)
            | models.Q(caption__icontains=query)
            | models.Q(credit__icontains=query)
        )


class Image(models.Model):
    """A picture in the library («کتابخانه تصویر»): uploaded once, used wherever an article
    shows a picture. The file kept is the upload turned upright and stripped of EXIF."""

    file = models.ImageField(
        _("پرونده"), upload_to="images/%Y/%m/", width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(_("پهنا"), editable=False, default=0)
    height = models.PositiveIntegerField(_("بلندا"), editable=False, default=0)
    alt = models.CharField(
        _("متن جایگزین"),
        max_length=250,
        help_text=_("آنچه در تصویر است، برای کسی که آن را نمی‌بیند."),
    )
    # An upload from the body editor that came without alt text takes its file's name, and is
    # marked so until someone writes one (the library's list shows them; saving the alt in
    # the library's form clears it).
    alt_from_file_name = models.BooleanField(
        _("متن جایگزین از نام پرونده"), default=False, editable=False
    )
    caption = models.CharField(_("زیرنویس"), max_length=300, blank=True)
    credit = models.CharField(
        _("عکاس یا منبع"),
        max_length=150,
        blank=True,
        help_text=_("زیر عکس چنین می‌آید: «عکس: …»."),
    )
    focal_x = models.FloatField(
        _("نقطه کانونی (افقی)"),
        default=0.5,
        validators=FRACTION,
        help_text=_("از ۰ (چپ) تا ۱ (راست)؛ برش‌ها گرد این نقطه زده می‌شوند."),
    )
    focal_y = models.FloatField(
        _("نقطه کانونی (عمودی)"),
        default=0.5,
        validators=FRACTION,
        help_text=_("از ۰ (بالا) تا ۱ (پایین)."),
    )
    # What renditions exist, as the background task wrote them: {"source", "focal", "files"}.
    renditions = models.JSONField(_("نسخه‌ها"), default=dict, editable=False)
    created_at = models.DateTimeField(_("زمان بارگذاری"), auto_now_add=True)
    # Who uploaded it: the body editor's server browser shows a reporter their own pictures.
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("بارگذاری به دست"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = ImageQuerySet.as_manager()

    class Meta:
        verbose_name = _("تصویر")
        verbose_name_plural = _("کتابخانه تصویر")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.alt

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            self.file = self.cleaned_upload()
        super().save(*args, **kwargs)

    def cleaned_upload(self) -> ContentFile:
        """The upload turned upright and without EXIF (GPS), as it will be stored."""
        self.file.seek(0)
        data, ending = processing.clean(self.file.read())
        stem = posixpath.splitext(posixpath.basename(self.file.name))[0] or "image"
        return ContentFile(data, name=f"{stem}.{ending}")

    @property
    def focal(self) -> tuple[float, float]:
        return (self.focal_x, self.focal_y)

    @property
    def renditions_current(self) -> bool:
        """Made from this file and this focal point (an editor may have moved it since)."""
        return bool(self.renditions) and (
            self.renditions.get("source") == self.file.name
            and tuple(self.renditions.get("focal", ())) == self.focal
        )

    def rendition_files(self, kind: str, image_format: str | None = None) -> list[dict]:
        """The current renditions of `kind`, narrowest first; none while they are made."""
        if not self.renditions_current:
            return []
        return sorted(
            (
                made
                for made in self.renditions["files"]
                if made["kind"] == kind and image_format in (None, made["format"])
            ),
            key=lambda made: made["width"],
        )

    def srcset(self, kind: str, image_format: str) -> str:
        storage = self.file.storage
        return ", ".join(
            f"{storage.url(made['name'])} {made['width']}w"
            for made in self.rendition_files(kind, image_format)
        )

    def thumbnail_url(self) -> str:
        """The narrowest rendition (WebP, which every browser shows), the original until
        the renditions are made: for lists of pictures."""
        for made in self.rendition_files("width", "webp"):
            return self.file.storage.url(made["name"])
        return self.file.url

    def largest(self) -> dict:
        """The whole picture, uncropped, at its widest: its widest WebP rendition, else the
        stored file; with its URL, for what machines read (the sitemap, JSON-LD)."""
        for made in reversed(self.rendition_files("width", "webp")):
            return {**made, "url": self.file.storage.url(made["name"])}
        return {"url": self.file.url, "width": self.width, "height": self.height}

    def social(self) -> dict | None:
        """The 1200×630 crop for Open Graph, JSON-LD and feeds, with its URL and its size in
        bytes; None until made."""
        for made in self.rendition_files("social"):
            storage = self.file.storage
            if "bytes" not in made:  # made before its size was recorded
                try:
                    made = {**made, "bytes": storage.size(made["name"])}
                except OSError:
                    return None
            return {**made, "url": storage.url(made["name"])}
        return None

    def make_renditions(self) -> None:
        """Write every rendition of the file, then record them; the old ones are removed.
        Run by the background task (tasks.py) and the make_renditions command."""
        storage = self.file.storage
        with self.file.open("rb") as upload:
            data = upload.read()
        folder = f"images/renditions/{self.pk}"
        stale = [made["name"] for made in self.renditions.get("files", [])]
        files = []
        for made in processing.renditions(data, self.focal):
            name = storage.save(
                f"{folder}/{made.kind}-{made.width}x{made.height}.{made.format}",
                ContentFile(made.data),
            )
            files.append(
                {
                    "kind": made.kind,
                    "format": made.format,
                    "width": made.width,
                    "height": made.height,
                    "name": name,
                    "bytes": len(made.data),
                }
            )
        self.renditions = {"source": self.file.name, "focal": list(self.focal), "files": files}
        # An update, not save(): saving would enqueue this task again.
        Image.objects.filter(pk=self.pk).update(renditions=self.renditions)
        renditions_made.send(sender=Image, instance=self)
        kept = {made["name"] for made in files}
        for name in stale:
            if name not in kept:
                storage.delete(name)
