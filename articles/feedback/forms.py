"""What a reader sends the usefulness widget: the answer, and after «خیر», why."""

from django import forms

from articles.feedback.models import FeedbackVote
from newsroom.persian.forms import PersianCharField


class VoteForm(forms.Form):
    """«آیا این خبر مفید بود؟» — بله / خیر"""

    useful = forms.TypedChoiceField(
        choices=[("yes", "بله"), ("no", "خیر")],
        coerce=lambda value: value == "yes",
        error_messages={
            "required": "لطفاً «بله» یا «خیر» را انتخاب کنید.",
            "invalid_choice": "پاسخ باید «بله» یا «خیر» باشد.",
        },
    )


class FollowUpForm(forms.Form):
    """Why a reader answered «خیر»."""

    reason = forms.ChoiceField(
        label="چه چیزی کم بود؟",
        choices=FeedbackVote.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "یکی از دلیل‌ها را انتخاب کنید.",
            "invalid_choice": "این دلیل در فهرست نیست.",
        },
    )
    note = PersianCharField(
        label="توضیح بیشتر (اختیاری)",
        required=False,
        max_length=FeedbackVote.NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
