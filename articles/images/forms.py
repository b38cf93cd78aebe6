import posixpath

from django import forms
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles.images import processing
from articles.images.models import Image
from newsroom.persian.forms import PersianDecimalField
from newsroom.persian.text import normalize, to_persian_digits


class StoredName:
    """A stored file as its input shows it («در حال حاضر: …»): by its own name, which the
    editor gave it, not the folder of upload dates before it, isolated as data."""

    def __init__(self, stored):
        self.url = stored.url
        self.name = posixpath.basename(stored.name)

    def __str__(self) -> str:
        # Data, isolated as the admin shows data: a Persian name before a Latin ending. (The
        # template prints str() of it, which keeps it safe.)
        return format_html("<bdi>{}</bdi>", self.name)


class StoredNameInput(forms.ClearableFileInput):
    """The picture's file box: the stored file by its own name, and a button in Persian."""

    template_name = "articles/widgets/picture_file.html"

    def format_value(self, value):
        if self.is_initial(value):
            return StoredName(value)
        return super().format_value(value)


def fraction_field(name: str) -> PersianDecimalField:
    """A focal point's fraction, shown and typed in Persian digits («۰٫۵»)."""
    field = Image._meta.get_field(name)
    return PersianDecimalField(
        label=field.verbose_name,
        help_text=field.help_text,
        initial=field.default,
        min_value=0.0,
        max_value=1.0,
    )


class ImageForm(forms.ModelForm):
    """An upload to the library, from the admin or anywhere else: the file is checked here,
    before Django's own image field opens it, so a bomb is refused by its header alone."""

    # A plain file field: ours is the only check, and its messages are the Persian ones.
    file = forms.FileField(
        label=_("پرونده"),
        widget=StoredNameInput,
        error_messages={
            "required": _("تصویری بفرستید."),
            "empty": _("پرونده فرستاده‌شده خالی است."),
            "invalid": _("تصویری فرستاده نشد."),
        },
    )
    focal_x = fraction_field("focal_x")
    focal_y = fraction_field("focal_y")

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

    def save(self, commit=True):
        if "alt" in self.changed_data and self.instance.pk:
            self.instance.alt_from_file_name = False  # someone wrote it
        return super().save(commit)

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


def alt_from_file_name(name: str) -> str:
    """A stand-in alt text from a file's name («کتابخانه_سیار.jpg» → «کتابخانه سیار»)."""
    stem = posixpath.splitext(posixpath.basename(name))[0]
    words = " ".join(stem.replace("_", " ").replace("-", " ").split())
    return normalize(words)[: Image._meta.get_field("alt").max_length] or _("تصویر بی‌نام")


class EditorUploadForm(ImageForm):
    """A picture sent from the body editor's image dialog («به سرور بفرست») into the library.

    The dialog sends the file as `upload`, and the alt text typed in it so far as `alt`
    (newsroom/static/newsroom/ckeditor/newsroom/plugin.js). Most writers type the alt text
    after the upload: the picture then takes its file's name, marked as such
    (`Image.alt_from_file_name`), and the dialog itself asks for the alt text before the
    picture goes into the body."""

    focal_x = focal_y = None  # the middle: the dialog has no picker

    class Meta(ImageForm.Meta):
        fields = ["file", "alt"]

    def __init__(self, data, files, *, user):
        super().__init__(
            data={"alt": (data or {}).get("alt", "")},
            files={"file": upload} if (upload := (files or {}).get("upload")) else {},
        )
        self.fields["alt"].required = False
        self.instance.uploaded_by = user if user.is_authenticated else None

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is not None and not (cleaned.get("alt") or "").strip():
            cleaned["alt"] = alt_from_file_name(upload.name)
            self.instance.alt_from_file_name = True
        return cleaned

    def error_message(self) -> str:
        """The errors as one Persian sentence, for the dialog's message box."""
        return " ".join(message for errors in self.errors.values() for message in errors)
