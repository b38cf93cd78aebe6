from ckeditor_uploader.widgets import CKEditorUploadingWidget
from django import forms

from articles.models import Article


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = [
            "kicker", "title", "lead", "body", "source", "byline", "section", "tags",
            "image", "image_alt", "image_caption",
            "status", "published_at", "is_featured", "comments_open",
        ]  # fmt: skip
        widgets = {
            "body": CKEditorUploadingWidget(),
            "lead": forms.Textarea(attrs={"rows": 3}),
        }
