import functools
import math
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError

from comments.models import Comment
from newsroom.persian.forms import PersianCharField
from newsroom.persian.text import ZWNJ, to_persian_digits

STARTED_SALT = "newsroom.comments.started"
# An empty form carries this, with its article's code, in place of the time it was handed
# out, so that pages and parts of pages can be cached with it; FillTimeMiddleware puts the
# time of each response there (`started_placeholder`).
STARTED_PLACEHOLDER = "newsroom-comment-form-handed-out-now"
# A form is good for a day: an older one comes back, filled in, with a fresh stamp.
STARTED_MAX_AGE = 24 * 60 * 60


def started_placeholder(code: int) -> str:
    """What the form for article `code` carries until its response is stamped."""
    return f"{STARTED_PLACEHOLDER}-for-{code}"


def started_now(code: int) -> str:
    """The signed time a reader was handed the form of article `code`, to measure how long
    they took: to the second, rounded up so a form never seems older than it is. Every
    response of a page carries one, so each second's is signed once per article."""
    return _started_at_second(code, math.ceil(time.time()))


@functools.lru_cache(maxsize=64)
def _started_at_second(code: int, second: int) -> str:
    return started_at(code, second)


def started_at(code: int, moment: float) -> str:
    """A stamp good for article `code` alone, handed out at `moment`."""
    return signing.Signer(salt=STARTED_SALT).sign(f"{code}:{moment:.3f}")


class StartedInput(forms.HiddenInput):
    """Always the placeholder, never the stamp that was sent: a form shown again (with an
    error) gets the time of the response that shows it, like an empty one."""

    def __init__(self, code: int):
        super().__init__()
        self.code = code

    def format_value(self, value) -> str:
        return started_placeholder(self.code)


class CommentForm(forms.Form):
    """«ارسال نظر». Plain text only; the honeypot and the fill time keep simple bots out."""

    name = PersianCharField(
        label="نام",
        max_length=Comment.NAME_MAX_LENGTH,
        error_messages={"required": "نام خود را بنویسید."},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="ایمیل (اختیاری، نمایش داده نمی‌شود)",
        required=False,
        max_length=254,
        error_messages={"invalid": "نشانی ایمیل درست نیست."},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )
    text = PersianCharField(
        label="متن نظر",
        max_length=Comment.TEXT_MAX_LENGTH,
        error_messages={"required": "متن نظر خالی است."},
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    parent = forms.IntegerField(
        required=False,
        min_value=1,
        widget=forms.HiddenInput,
        error_messages={"invalid": "نظری که به آن پاسخ می‌دهید پیدا نشد."},
    )
    # Humans never see or fill this one.
    website = forms.CharField(
        required=False,
        label="وبگاه",
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    started = forms.CharField(required=False)

    def __init__(self, *args, article_code: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.article_code = article_code
        self.fields["started"].widget = StartedInput(article_code)

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        if not text.replace(ZWNJ, "").strip():
            raise ValidationError("متن نظر خالی است.", code="required")
        return text

    def clean_started(self) -> float | None:
        """When this form was handed out; None if the stamp is not ours, or another
        article's."""
        try:
            value = signing.Signer(salt=STARTED_SALT).unsign(self.cleaned_data["started"])
            code, moment = value.split(":")
            return float(moment) if int(code) == self.article_code else None
        except (signing.BadSignature, TypeError, ValueError):
            return None

    def clean(self):
        cleaned = super().clean()
        started = cleaned.get("started")
        if started is None:
            raise ValidationError("فرم کامل نرسید؛ صفحه را دوباره باز کنید و بفرستید.")
        waited = time.time() - started
        if waited > STARTED_MAX_AGE:
            raise ValidationError(
                "این فرم قدیمی شده بود؛ متن شما سر جایش است، آن را دوباره بفرستید.",
                code="expired",
            )
        # The stamp is rounded up to the second: with no minimum, nothing to wait for.
        if settings.COMMENTS_MIN_FILL_SECONDS and waited < settings.COMMENTS_MIN_FILL_SECONDS:
            raise ValidationError(
                "نظر خیلی سریع فرستاده شد؛ %(seconds)s ثانیه صبر کنید و دوباره بفرستید.",
                params={"seconds": to_persian_digits(settings.COMMENTS_MIN_FILL_SECONDS)},
            )
        return cleaned

    @property
    def is_bot(self) -> bool:
        """The honeypot was filled in."""
        return bool(self.data.get("website"))


class StaffReplyForm(forms.Form):
    text = PersianCharField(
        label="پاسخ تحریریه",
        max_length=Comment.TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "متن پاسخ خالی است."},
    )
