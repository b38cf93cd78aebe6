"""The moderation desk: the queue, bulk decisions, staff replies and the banned words."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from comments.forms import StaffReplyForm
from comments.models import BannedWord, Comment, ModerationEvent
from newsroom import jalali
from newsroom.admin import JalaliDateRangeFilter
from newsroom.persian import normalize, to_persian_digits


@admin.register(BannedWord)
class BannedWordAdmin(admin.ModelAdmin):
    list_display = ["word", "action"]
    list_editable = ["action"]
    list_filter = ["action"]
    search_fields = ["word"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = [
        "excerpt",
        "name",
        "article_title",
        "status",
        "held",
        "sent",
        "reply_link",
    ]
    list_display_links = ["excerpt"]
    list_filter = [
        "status",
        "held",
        ("article", admin.RelatedOnlyFieldListFilter),
        "article__section",
        ("created_at", JalaliDateRangeFilter),
        "is_staff_reply",
    ]
    list_select_related = ["article"]
    search_fields = ["text", "name", "email", "article__title"]
    actions = ["approve", "reject", "mark_spam"]
    readonly_fields = [
        "article",
        "parent",
        "name",
        "email",
        "text",
        "held",
        "is_staff_reply",
        "user",
        "sent",
        "moderation_history",
    ]
    fields = [
        "article",
        "parent",
        "name",
        "email",
        "text",
        "status",
        "held",
        "sent",
        "is_staff_reply",
        "user",
        "moderation_history",
    ]
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article")

    def has_add_permission(self, request) -> bool:
        return False  # comments come from readers; staff reply through «پاسخ تحریریه»

    @admin.display(description=_("متن"))
    def excerpt(self, obj: Comment) -> str:
        return Truncator(obj.text).chars(90)

    @admin.display(description=_("خبر"), ordering="article__title")
    def article_title(self, obj: Comment) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            obj.article.get_preview_url(),
            Truncator(obj.article.title).chars(60),
        )

    @admin.display(description=_("زمان ارسال"), ordering="created_at")
    def sent(self, obj: Comment) -> str:
        return jalali.format_datetime(obj.created_at)

    @admin.display(description=_("پاسخ"))
    def reply_link(self, obj: Comment) -> str:
        url = reverse("admin:comments_comment_reply", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("پاسخ تحریریه"))

    @admin.display(description=_("سابقه نظارت"))
    def moderation_history(self, obj: Comment) -> str:
        events = ModerationEvent.objects.filter(comment_id=obj.pk).select_related("actor")
        rows = [
            (e.actor_name, e.get_action_display(), jalali.format_datetime(e.at)) for e in events
        ]
        if not rows:
            return "—"
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{} {} — {}</li>", rows))

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, normalize(search_term))

    # Every decision goes through the model, which records who made it.

    def save_model(self, request, obj, form, change):
        # The status is all the page edits (the rest is read-only): the actions' way.
        if "status" in form.changed_data:
            Comment.objects.filter(pk=obj.pk).set_status(obj.status, by=request.user)

    def delete_model(self, request, obj):
        Comment.objects.filter(pk=obj.pk).moderate_delete(by=request.user)

    def delete_queryset(self, request, queryset):
        queryset.moderate_delete(by=request.user)

    def _decide(self, request, queryset, status: str, done: str) -> None:
        count = queryset.set_status(status, by=request.user)
        self.message_user(request, done % {"count": to_persian_digits(count)}, messages.SUCCESS)

    @admin.action(description=_("تأیید و انتشار"), permissions=["change"])
    def approve(self, request, queryset):
        self._decide(request, queryset, Comment.Status.APPROVED, _("%(count)s نظر منتشر شد."))

    @admin.action(description=_("رد"), permissions=["change"])
    def reject(self, request, queryset):
        self._decide(request, queryset, Comment.Status.REJECTED, _("%(count)s نظر رد شد."))

    @admin.action(description=_("هرزنامه"), permissions=["change"])
    def mark_spam(self, request, queryset):
        self._decide(request, queryset, Comment.Status.SPAM, _("%(count)s نظر هرزنامه شد."))

    def get_urls(self):
        return [
            path(
                "<int:comment_id>/reply/",
                self.admin_site.admin_view(self.reply_view),
                name="comments_comment_reply",
            ),
            *super().get_urls(),
        ]

    def reply_view(self, request, comment_id: int):
        """«پاسخ تحریریه»: a reply under the comment, published at once, with the badge."""
        if not (
            self.has_change_permission(request) and request.user.has_perm("comments.add_comment")
        ):
            raise PermissionDenied
        comment = get_object_or_404(Comment.objects.select_related("article"), pk=comment_id)
        form = StaffReplyForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            reply = comment.reply_as_staff(form.cleaned_data["text"], by=request.user)
            self.message_user(request, _("پاسخ تحریریه منتشر شد."), messages.SUCCESS)
            return redirect(reverse("admin:comments_comment_change", args=[reply.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("پاسخ تحریریه"),
            "comment": comment,
            "form": form,
        }
        return TemplateResponse(request, "admin/comments/comment/reply.html", context)


@admin.register(ModerationEvent)
class ModerationEventAdmin(admin.ModelAdmin):
    """«سابقه نظارت»: read, never written, by whoever runs the moderation desk."""

    list_display = ["when", "who", "action", "number", "comment_name", "excerpt", "article_link"]
    list_display_links = ["when"]
    list_filter = [
        "action",
        ("actor", admin.RelatedOnlyFieldListFilter),
        ("at", JalaliDateRangeFilter),
    ]
    list_select_related = ["actor", "article"]
    search_fields = ["excerpt", "comment_name"]
    fields = ["when", "who", "action", "number", "comment_name", "excerpt", "article_link"]
    readonly_fields = fields
    list_per_page = 50

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("زمان"), ordering="at")
    def when(self, obj: ModerationEvent) -> str:
        return jalali.format_datetime(obj.at)

    @admin.display(description=_("کننده"), ordering="actor")
    def who(self, obj: ModerationEvent) -> str:
        return obj.actor_name

    @admin.display(description=_("شماره نظر"), ordering="comment_id")
    def number(self, obj: ModerationEvent) -> str:
        return to_persian_digits(obj.comment_id)

    @admin.display(description=_("خبر"), ordering="article__title")
    def article_link(self, obj: ModerationEvent) -> str:
        if obj.article is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            obj.article.get_preview_url(),
            Truncator(obj.article.title).chars(60),
        )

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, normalize(search_term))
