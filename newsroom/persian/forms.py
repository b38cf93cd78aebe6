"""Form fields the apps share."""

from django import forms
from django.core.exceptions import ValidationError

from newsroom.persian.text import normalize, to_latin_digits, to_persian_digits


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


def _fraction_text(value) -> str:
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        return value  # as typed, shown back with its error
    return to_persian_digits(f"{value:.3f}".rstrip("0").rstrip(".")).replace(".", "٫")


class PersianDecimalInput(forms.TextInput):
    """A number shown as a Persian reader writes it: «۰٫۵»."""

    input_type = "text"

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        return _fraction_text(value) or None


class PersianDecimalField(forms.FloatField):
    """A decimal number typed in Persian, Arabic or Latin digits, with «٫», «/» or «.» as the
    decimal separator (Iranians write ۰/۵ as often as ۰٫۵), shown back in Persian digits;
    its range and its errors in Persian."""

    widget = PersianDecimalInput
    SEPARATORS = str.maketrans({"٫": ".", "/": ".", ",": ".", "،": "."})

    def __init__(self, *, min_value=None, max_value=None, **kwargs):
        self.lowest, self.highest = min_value, max_value
        kwargs.pop("step_size", None)
        super().__init__(**kwargs)
        self.error_messages["invalid"] = f"عددی بنویسید، مانند {_fraction_text(0.5)}."

    def widget_attrs(self, widget):
        # Not a number box: the browser would refuse Persian digits and «٫».
        return {}

    def to_python(self, value):
        if isinstance(value, str):
            value = to_latin_digits(normalize(value)).strip().translate(self.SEPARATORS)
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if (self.lowest is not None and value < self.lowest) or (
            self.highest is not None and value > self.highest
        ):
            raise ValidationError(
                "عددی از %(lowest)s تا %(highest)s بنویسید.",
                code="out_of_range",
                params={
                    "lowest": _fraction_text(self.lowest),
                    "highest": _fraction_text(self.highest),
                },
            )


class PersianIntegerInput(forms.TextInput):
    """A whole number in Persian digits («۳»). Not a number box: the browser would refuse
    the Persian digits it shows."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "numeric", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if value in (None, ""):
            return None
        return to_persian_digits(str(value))


class PersianIntegerField(forms.IntegerField):
    """A whole number typed in Persian, Arabic or Latin digits, shown back in Persian; its
    range and its errors in Persian."""

    widget = PersianIntegerInput

    def __init__(self, *, min_value=None, max_value=None, **kwargs):
        self.lowest, self.highest = min_value, max_value
        kwargs.pop("step_size", None)
        super().__init__(**kwargs)  # the range is checked below, in Persian digits
        self.error_messages["invalid"] = "عددی صحیح بنویسید، مانند ۳."

    def widget_attrs(self, widget):
        return {}

    def to_python(self, value):
        if isinstance(value, str):
            value = to_latin_digits(normalize(value)).strip()
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if self.lowest is not None and value < self.lowest:
            raise ValidationError(
                "عددی از %(lowest)s یا بیشتر بنویسید.",
                code="min_value",
                params={"lowest": to_persian_digits(self.lowest)},
            )
        if self.highest is not None and value > self.highest:
            raise ValidationError(
                "عددی تا %(highest)s بنویسید.",
                code="max_value",
                params={"highest": to_persian_digits(self.highest)},
            )


class PersianModelChoiceField(forms.ModelChoiceField):
    """An object chosen by its number (the admin's raw-id box), typed in any digits."""

    def to_python(self, value):
        if isinstance(value, str):
            value = to_latin_digits(value).strip()
        return super().to_python(value)
