from ckeditor_uploader.widgets import CKEditorUploadingWidget
from django import forms

from articles import search
from articles.models import Article, FeedbackVote
from newsroom import jalali
from newsroom.forms import PersianCharField


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = [
            "kicker", "title", "lead", "body", "source", "byline", "section", "tags",
            "image", "image_alt", "image_caption",
            "status", "published_at", "is_featured", "comments_open", "feedback_enabled",
        ]  # fmt: skip
        widgets = {
            "body": CKEditorUploadingWidget(),
            "lead": forms.Textarea(attrs={"rows": 3}),
        }


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


class SearchForm(forms.Form):
    """/search/: a query, and optionally a section and a Jalali date range."""

    q = forms.CharField(label="جست‌وجو", required=False, strip=True)
    section = forms.SlugField(label="سرویس", required=False)
    since = forms.CharField(label="از تاریخ", required=False, max_length=20)
    until = forms.CharField(label="تا تاریخ", required=False, max_length=20)

    def clean_q(self) -> str:
        return self.cleaned_data["q"][: search.MAX_QUERY_LENGTH]

    def _day(self, name: str):
        value = self.cleaned_data[name].strip()
        if not value:
            return None
        try:
            return jalali.parse_date(value)
        except ValueError as exc:
            raise forms.ValidationError("تاریخ را به شکل ۱۴۰۵/۰۹/۰۳ بنویسید.") from exc

    def clean_since(self):
        return self._day("since")

    def clean_until(self):
        return self._day("until")
