from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles.images.forms import ImageForm
from articles.images.models import Image
from newsroom.admin import datetime_display, yes_no
from newsroom.persian.text import to_persian_digits


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = ["thumbnail", "alt", "credit", "size", "ready", "uploaded"]
    list_filter = ["alt_from_file_name"]
    search_fields = ["alt", "caption", "credit"]
    fieldsets = [
        (None, {"fields": ["file", "alt", "caption", "credit"]}),
        # admin-focal.js puts the picture here: a click on it fills both fields.
        (_("نقطه کانونی"), {"fields": ["focal_x", "focal_y"]}),
    ]

    class Media:
        js = ["newsroom/admin-focal.js"]
        css = {"all": ["newsroom/admin-focal.css"]}

    @admin.display(description=_("تصویر"))
    def thumbnail(self, image: Image):
        return format_html('<img src="{}" alt="" width="80" loading="lazy">', image.thumbnail_url())

    @admin.display(description=_("ابعاد"))
    def size(self, image: Image) -> str:
        return to_persian_digits(f"{image.width}×{image.height}")

    uploaded = datetime_display(Image, "created_at")

    @admin.display(description=_("نسخه‌ها ساخته شده"))
    def ready(self, image: Image) -> str:
        return yes_no(image.renditions_current)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """A refused upload is a 400, not a 200: the form comes back with the message, and
        everything typed in it."""
        response = super().changeform_view(request, object_id, form_url, extra_context)
        context = getattr(response, "context_data", None) or {}
        if request.method == "POST" and context.get("errors"):
            response.status_code = 400
        return response
