"""The moderation desk: the queue, bulk decisions, staff replies and the banned words."""

from django.contrib import admin, messages
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from comments.forms import StaffReplyForm
from comments.models import BannedWord, Comment, ModerationEvent
from newsroom.admin import LargeList, NamedRowBoxes, ReadOnly, boolean_display
from newsroom.persian import jalali
from newsroom.persian.filters import JalaliDateRangeFilter
from newsroom.persian.text import normalize, to_latin_digits, to_persian_digits


@admin.register(BannedWord)
class BannedWordAdmin(NamedRowBoxes, admin.ModelAdmin):
    list_display = ["word", "action"]
    list_editable = ["action"]
    list_filter = ["action"]
    search_fields = ["word"]


class ArticleFilter(admin.SimpleListFilter):
    """«خبر»: the comments of one article, chosen from a row's article link. A list of every
    commented article would be the whole archive (11 MB of links at 100 000 articles)."""

    title = _("خبر")
    parameter_name = "article__id__exact"

    def lookups(self, request, model_admin):
        value = to_latin_digits(self.value() or "")
        if not value.isdigit():
            return []
        title = Article.objects.filter(pk=value).values_list("title", flat=True).first()
        return [(self.value(), Truncator(title).chars(60))] if title else []

    def queryset(self, request, queryset):
        value = to_latin_digits(self.value() or "")
        return queryset.filter(article_id=value) if value.isdigit() else queryset


# The two decisions a moderator makes on each row of the queue, and what they say after.
DECISIONS = {
    Comment.Status.APPROVED: _("نظر «%(excerpt)s» از %(name)s منتشر شد."),
    Comment.Status.REJECTED: _("نظر «%(excerpt)s» از %(name)s رد شد."),
}


@admin.register(Comment)
class CommentAdmin(LargeList, admin.ModelAdmin):
    list_display = ["comment", "name", "article_title", "status", "held", "sent"]
    list_display_links = None  # the «متن» column links to the comment itself, filters kept
    list_filter = [
        "status",
        "held",
        ArticleFilter,
        "article__section",
        ("created_at", JalaliDateRangeFilter),
        "is_staff_reply",
    ]
    list_select_related = ["article", "parent"]
    search_fields = ["text", "name", "email", "article__title"]
    actions = ["approve", "reject", "mark_spam"]
    readonly_fields = [
        "article",
        "in_reply_to",
        "name",
        "email",
        "text",
        "held",
        "staff_reply",
        "user",
        "sent",
        "replies",
        "moderation_history",
    ]
    fields = [
        "article",
        "in_reply_to",
        "name",
        "email",
        "text",
        "status",
        "held",
        "sent",
        "staff_reply",
        "user",
        "replies",
        "moderation_history",
    ]
    list_per_page = 50

    class Media:
        css = {"all": ["comments/moderation.css"]}
        js = ["comments/moderation.js"]  # «تأیید» and «رد» in place; plain posts without it

    staff_reply = boolean_display(Comment, "is_staff_reply")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article", "parent")

    def has_add_permission(self, request) -> bool:
        return False  # comments come from readers; staff reply through «پاسخ تحریریه»

    def get_list_display(self, request):
        # The «متن» column carries the row's decisions, which need this request: who is
        # deciding, and the queue's filters to come back to.
        preserved = self.get_preserved_filters(request)
        can_decide = self.has_change_permission(request)
        can_reply = can_decide and request.user.has_perm("comments.add_comment")

        query = request.GET.copy()
        query.pop("p", None)  # a page of the list as it was: the article's may be shorter

        @admin.display(description=_("متن"))
        def comment(obj: Comment) -> str:
            return self.row_html(obj, preserved, can_decide, can_reply)

        @admin.display(description=_("خبر"), ordering="article__title")
        def article_title(obj: Comment) -> str:
            return self.article_title(obj, query)

        return [comment, "name", article_title, *self.list_display[3:]]

    @admin.display(description=_("متن"))
    def comment(self, obj: Comment) -> str:
        """The column without a request: the text and what it answers, no decisions."""
        return self.row_html(obj, preserved="", can_decide=False, can_reply=False)

    def row_html(self, obj: Comment, preserved: str, can_decide: bool, can_reply: bool) -> str:
        """A comment in the queue as WordPress shows one: what it answers, its text, and
        «تأیید», «رد» and «پاسخ تحریریه» under it."""

        def keep_filters(url: str) -> str:
            return f"{url}?{preserved}" if preserved else url

        return render_to_string(
            "admin/comments/comment/row.html",
            {
                "comment": obj,
                "change_url": keep_filters(reverse("admin:comments_comment_change", args=[obj.pk])),
                "parent_url": obj.parent_id
                and reverse("admin:comments_comment_change", args=[obj.parent_id]),
                "decide_url": can_decide
                and keep_filters(reverse("admin:comments_comment_decide", args=[obj.pk])),
                "reply_url": can_reply
                and keep_filters(reverse("admin:comments_comment_reply", args=[obj.pk])),
                # Both, the comment's own status hidden: the script swaps them in place.
                "decisions": [
                    (Comment.Status.APPROVED, _("تأیید")),
                    (Comment.Status.REJECTED, _("رد")),
                ],
            },
        )

    @admin.display(description=_("خبر"), ordering="article__title")
    def article_title(self, obj: Comment, query: QueryDict | None = None) -> str:
        """The article as a link to its comments in the queue (its other filters kept), and
        «دیدن خبر» on the site."""
        query = query.copy() if query is not None else QueryDict(mutable=True)
        query[ArticleFilter.parameter_name] = obj.article_id
        return format_html(
            '<a href="?{}">{}</a> <a class="moderation-preview" href="{}">دیدن خبر</a>',
            query.urlencode(),
            Truncator(obj.article.title).chars(60),
            obj.article.get_preview_url(),
        )

    @admin.display(description=_("زمان ارسال"), ordering="created_at")
    def sent(self, obj: Comment) -> str:
        return jalali.format_datetime(obj.created_at)

    @admin.display(description=_("در پاسخ به"))
    def in_reply_to(self, obj: Comment) -> str:
        if obj.parent is None:
            return "—"
        return render_to_string("admin/comments/comment/quoted.html", {"comment": obj.parent})

    @admin.display(description=_("پاسخ‌ها"))
    def replies(self, obj: Comment) -> str:
        replies = list(obj.replies.order_by("created_at", "pk"))
        if not replies:
            return "—"
        return render_to_string(
            "admin/comments/comment/quoted.html", {"comments": replies, "many": True}
        )

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
            path(
                "<int:comment_id>/decide/",
                self.admin_site.admin_view(self.decide_view),
                name="comments_comment_decide",
            ),
            *super().get_urls(),
        ]

    def back_to_queue(self, request):
        """The queue as the moderator left it: its filters, search and sort."""
        url = reverse("admin:comments_comment_changelist")
        context = {"preserved_filters": self.get_preserved_filters(request), "opts": self.opts}
        return add_preserved_filters(context, url)

    def decide_view(self, request, comment_id: int):
        """«تأیید» or «رد» on one row of the queue: a POST with the CSRF token, answered
        with the queue again (its filters kept), or with JSON for the page's script."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        comment = get_object_or_404(Comment.objects.select_related("article"), pk=comment_id)
        if not self.has_change_permission(request, comment):
            raise PermissionDenied
        wants_json = "application/json" in request.headers.get("Accept", "")
        status = request.POST.get("decision", "")
        if status not in DECISIONS:
            error = _("تصمیم باید «تأیید» یا «رد» باشد.")
            if wants_json:
                return JsonResponse({"error": str(error)}, status=400)
            context = {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": _("تصمیم نامعتبر"),
                "error": error,
                "queue_url": self.back_to_queue(request),
            }
            return TemplateResponse(
                request, "admin/comments/comment/decision_refused.html", context, status=400
            )
        Comment.objects.filter(pk=comment.pk).set_status(status, by=request.user)
        done = DECISIONS[status] % {
            "excerpt": Truncator(comment.text).chars(40),
            "name": comment.name,
        }
        if wants_json:
            return JsonResponse(
                {
                    "message": str(done),
                    "status": status,
                    "status_display": str(Comment.Status(status).label),
                }
            )
        self.message_user(request, done, messages.SUCCESS)
        return redirect(self.back_to_queue(request))

    def reply_view(self, request, comment_id: int):
        """«پاسخ تحریریه»: a reply under the comment, published at once, with the badge;
        then back to the queue the moderator came from."""
        if not (
            self.has_change_permission(request) and request.user.has_perm("comments.add_comment")
        ):
            raise PermissionDenied
        comment = get_object_or_404(
            Comment.objects.select_related("article", "parent"), pk=comment_id
        )
        form = StaffReplyForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            comment.reply_as_staff(form.cleaned_data["text"], by=request.user)
            self.message_user(
                request,
                _("پاسخ تحریریه به «%(excerpt)s» از %(name)s منتشر شد.")
                % {"excerpt": Truncator(comment.text).chars(40), "name": comment.name},
                messages.SUCCESS,
            )
            return redirect(self.back_to_queue(request))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("پاسخ تحریریه"),
            "media": self.media,
            "comment": comment,
            "form": form,
            "queue_url": self.back_to_queue(request),
        }
        return TemplateResponse(request, "admin/comments/comment/reply.html", context)


@admin.register(ModerationEvent)
class ModerationEventAdmin(ReadOnly, LargeList, admin.ModelAdmin):
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

    @admin.display(description=_("زمان"), ordering="at")
    def when(self, obj: ModerationEvent) -> str:
        return jalali.format_datetime(obj.at)

    @admin.display(description=_("انجام‌دهنده"), ordering="actor")
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
