import django_jalali.admin  # noqa: F401  (Jalali widgets for jDateTimeField in every form)
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from articles.forms import ArticleAdminForm
from articles.models import Article, Section, Tag
from newsroom import jalali
from newsroom.admin import JalaliDateFilter
from newsroom.persian import normalize, to_latin_digits, to_persian_digits


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    readonly_fields = ["slug"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = ["news_code", "title", "section", "state", "publish_time", "author"]
    list_display_links = ["news_code", "title"]
    list_filter = ["status", "section", ("published_at", JalaliDateFilter), "is_featured"]
    list_select_related = ["section", "author"]
    search_fields = ["title", "lead"]
    autocomplete_fields = ["tags"]
    actions = ["submit_for_review", "publish_now", "unpublish"]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["kicker", "title", "lead", "body", "source", "byline"]}),
        (_("دسته‌بندی"), {"fields": ["section", "tags"]}),
        (_("تصویر"), {"fields": ["image", "image_alt", "image_caption"]}),
        (
            _("انتشار"),
            {"fields": ["status", "published_at", "is_featured", "comments_open"]},
        ),
    ]
    # What only an editor decides.
    editorial_fields = ["status", "published_at", "is_featured", "comments_open"]

    @admin.display(description=_("کد خبر"), ordering="code")
    def news_code(self, obj: Article) -> str:
        return to_persian_digits(obj.code)

    @admin.display(description=_("وضعیت"), ordering="status")
    def state(self, obj: Article) -> str:
        return obj.state_label

    @admin.display(description=_("زمان انتشار"), ordering="published_at")
    def publish_time(self, obj: Article) -> str:
        return jalali.format_datetime(obj.published_at) if obj.published_at else "—"

    def view_on_site(self, obj: Article) -> str:
        # Staff see every state exactly as readers will, through the preview.
        return obj.get_preview_url()

    # Per-role rules. The model decides; the admin only asks.

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if Article.can_publish(request.user):
            return qs
        return qs.filter(author=request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or obj.can_edit(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        if not super().has_view_permission(request, obj):
            return False
        return obj is None or obj.can_view(request.user)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and Article.can_publish(request.user)

    def has_publish_permission(self, request) -> bool:
        return Article.can_publish(request.user)

    def get_readonly_fields(self, request, obj=None):
        if Article.can_publish(request.user):
            return ()
        return self.editorial_fields

    def get_search_results(self, request, queryset, search_term):
        search_term = normalize(search_term).strip()
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        code = to_latin_digits(search_term)
        if code.isascii() and code.isdigit() and len(code) < 19:
            queryset |= self.get_queryset(request).filter(code=int(code))
        return queryset, may_have_duplicates

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    # Actions: each calls the model's transition, for the articles the user may touch.

    def _transition(self, request, queryset, allowed, transition, done_message):
        done = 0
        for article in queryset:
            if not allowed(article):
                continue
            try:
                transition(article)
            except ValidationError:
                continue
            done += 1
        skipped = queryset.count() - done
        if done:
            self.message_user(request, done_message(done), messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                _("%(count)s خبر تغییر نکرد (اجازه یا وضعیت مناسب نداشت).")
                % {"count": to_persian_digits(skipped)},
                messages.WARNING,
            )

    @admin.action(description=_("ارسال برای بررسی"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._transition(
            request,
            queryset,
            lambda a: a.can_edit(request.user) and a.status == Article.Status.DRAFT,
            Article.submit_for_review,
            lambda n: _("%(count)s خبر برای بررسی فرستاده شد.") % {"count": to_persian_digits(n)},
        )

    @admin.action(description=_("انتشار همین حالا"), permissions=["publish"])
    def publish_now(self, request, queryset):
        self._transition(
            request,
            queryset,
            lambda a: True,
            lambda a: a.publish(),
            lambda n: _("%(count)s خبر منتشر شد.") % {"count": to_persian_digits(n)},
        )

    @admin.action(description=_("برداشتن از سایت"), permissions=["publish"])
    def unpublish(self, request, queryset):
        self._transition(
            request,
            queryset.filter(~Q(status=Article.Status.UNPUBLISHED)),
            lambda a: True,
            Article.unpublish,
            lambda n: _("%(count)s خبر از سایت برداشته شد.") % {"count": to_persian_digits(n)},
        )
