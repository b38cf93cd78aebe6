from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from articles.images import processing
from articles.images.models import Image
from newsroom.persian.text import to_persian_digits


class ImageForm(forms.ModelForm):
    """An upload to the library, from the admin or anywhere else: the file is checked here,
    before Django's own image field opens it, so a bomb is refused by its header alone."""

    # A plain file field: ours is the only check, and its messages are the Persian ones.
    file = forms.FileField(
        label=_("پرونده"),
        error_messages={
            "required": _("تصویری بفرستید."),
            "empty": _("پرونده فرستاده‌شده خالی است."),
            "invalid": _("تصویری فرستاده نشد."),
        },
    )

    class Meta:
        model = Image
        fields = ["file", "alt", "caption", "credit", "focal_x", "focal_y"]
        error_messages = {
            "alt": {
                "required": _(
                    "متن جایگزین را بنویسید: آنچه در تصویر است، برای کسی که آن را نمی‌بیند."
                )
            }
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload is None or getattr(upload, "_committed", False):
            return upload  # the file already stored, unchanged
        ending = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if upload.size > settings.IMAGE_MAX_BYTES:
            megabytes = settings.IMAGE_MAX_BYTES // (1024 * 1024)
            raise forms.ValidationError(
                _("حجم این پرونده بیش از اندازه است؛ حداکثر %(mb)s مگابایت.")
                % {"mb": to_persian_digits(megabytes)},
                code="too_large",
            )
        upload.seek(0)
        try:
            found = processing.check(
                upload.read(),
                max_bytes=settings.IMAGE_MAX_BYTES,
                max_pixels=settings.IMAGE_MAX_PIXELS,
            )
        except processing.Refused as refused:
            raise forms.ValidationError(str(refused), code="invalid_image") from refused
        if ending not in processing.FORMATS[found.format]:
            raise forms.ValidationError(processing.NOT_AN_IMAGE, code="invalid_image")
        upload.seek(0)
        return upload
