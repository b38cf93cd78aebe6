"""Form fields the apps share."""

from django import forms
from django.core.exceptions import ValidationError

from newsroom.persian.text import normalize, to_persian_digits


class PersianCharField(forms.CharField):
    """Text a reader typed, normalised before it is checked.

    Arabic ي/ك become ی/ک, invisible and bidi-control characters (ZWNJ excepted) and null
    bytes go, and only then is the length counted; errors speak Persian, digits too.
    """

    def __init__(self, *, max_length: int | None = None, **kwargs):
        self.limit = max_length
        super().__init__(**kwargs)
        if max_length is not None:
            self.widget.attrs.setdefault("maxlength", str(max_length))

    def to_python(self, value):
        if isinstance(value, str):
            value = normalize(value)
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if self.limit is not None and len(value) > self.limit:
            raise ValidationError(
                "حداکثر %(limit)s نویسه مجاز است؛ این متن %(length)s نویسه دارد.",
                code="max_length",
                params={
                    "limit": to_persian_digits(self.limit),
                    "length": to_persian_digits(len(value)),
                },
            )
