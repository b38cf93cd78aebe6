from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from articles import locks, plugins, search
from articles.admin.live import LiveCoverageAdmin
from articles.diff import article_text, changed, word_diff
from articles.forms import ArticleAdminForm
from articles.models import (
    Article,
    ArticleEvent,
    ArticleNote,
    BreakingNews,
    GalleryItem,
    Image,
    Section,
    Tag,
)
from newsroom.admin import (
    LargeList,
    LinksLeftOut,
    NamedRowBoxes,
    PersianNumbers,
    boolean_display,
)
from newsroom.persian import copyedit, jalali
from newsroom.persian.fields import AdminJalaliSplitDateTime, JalaliDateTimeFormField
from newsroom.persian.filters import JalaliDateFilter
from newsroom.persian.text import normalize, to_latin_digits, to_persian_digits
from newsroom.staff.names import display_name


@admin.register(Section)
class SectionAdmin(PersianNumbers, NamedRowBoxes, admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]

    # Who may only look (a reporter) reads the order in Persian digits, not Django's Latin.

    def get_list_display(self, request):
        return ["name", "slug", "order" if self.has_change_permission(request) else "place"]

    def get_fields(self, request, obj=None):
        return ["name", "slug", "order" if self._may_change(request, obj) else "place"]

    def get_readonly_fields(self, request, obj=None):
        return [] if self._may_change(request, obj) else ["place"]

    def _may_change(self, request, obj) -> bool:
        if obj is None:
            return self.has_add_permission(request)
        return self.has_change_permission(request, obj)

    @admin.display(description=Section._meta.get_field("order").verbose_name, ordering="order")
    def place(self, section: Section) -> str:
        return to_persian_digits(section.order)


@admin.register(Tag)
class TagAdmin(LinksLeftOut, admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    readonly_fields = ["slug"]


class GalleryItemForm(forms.ModelForm):
    """A row of «گزارش تصویری». A table's boxes have no <label> of their own: each is named
    for a screen reader by its column and its row («ترتیب، تصویر ۳ گزارش»)."""

    class Meta:
        model = GalleryItem
        fields = ["position", "image", "caption"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        index = self.prefix.rsplit("-", 1)[-1] if self.prefix else ""
        row = (
            _("تصویر %(n)s گزارش") % {"n": to_persian_digits(int(index) + 1)}
            if index.isdigit()
            else _("تصویر تازه گزارش")
        )
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = f"{field.label}، {row}"


class OptionalRowsFormSet(forms.BaseInlineFormSet):
    """A post that carries none of these rows at all (a script, a form opened before they
    existed) leaves them as they are, rather than failing the whole save."""

    def __init__(self, data=None, *args, prefix=None, **kwargs):
        prefix = prefix or self.get_default_prefix()
        if data is not None and f"{prefix}-TOTAL_FORMS" not in data:
            data = data.copy()
            data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
        super().__init__(data, *args, prefix=prefix, **kwargs)


class GalleryFormSet(OptionalRowsFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            image = form.cleaned_data.get("image")
            if image is not None and image.pk in seen:
                raise ValidationError(
                    _("«%(alt)s» دو بار در گزارش تصویری آمده است.") % {"alt": image.alt}
                )
            if image is not None:
                seen.add(image.pk)


class GalleryInline(PersianNumbers, admin.TabularInline):
    """«گزارش تصویری» on the article's form: pictures picked from the library (its list, its
    thumbnails and its search, in a popup, as for the lead image), each with its place;
    admin-gallery.js adds buttons that move a row up or down and number the places again.
    Whoever may edit the article may edit its gallery: the article's rules decide."""

    model = GalleryItem
    form = GalleryItemForm
    formset = GalleryFormSet
    template = "admin/articles/article/gallery_inline.html"
    fields = ["position", "thumbnail", "image", "caption"]
    readonly_fields = ["thumbnail"]
    raw_id_fields = ["image"]
    extra = 3
    classes = ["gallery-inline"]

    class Media:
        js = ["newsroom/admin-gallery.js"]
        css = {"all": ["newsroom/admin-gallery.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("image")

    @admin.display(description=_("پیش‌نمایش"))
    def thumbnail(self, item: GalleryItem):
        if not item.pk:
            return ""
        small = item.image.srcset("width", "webp").split(",")[0].rsplit(" ", 1)[0]
        return format_html(
            '<img src="{}" alt="{}" width="80" loading="lazy">',
            small or item.image.file.url,
            item.image.alt,
        )

    def has_view_permission(self, request, obj=None) -> bool:
        if obj is None:
            return request.user.has_perm("articles.view_article")
        return obj.can_view(request.user)

    def has_add_permission(self, request, obj=None) -> bool:
        if obj is None:
            return request.user.has_perm("articles.add_article")
        return obj.can_edit(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        return self.has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self.has_add_permission(request, obj)


class ArticleNoteInline(admin.StackedInline):
    """The article's corrections and updates (اصلاحیه‌ها و به‌روزرسانی‌ها), where it has
    some: editors reword or take back a note here; a new one comes with the form's «این
    تغییر چیست؟», beside the change it explains, so there is one way to add it. Only those
    who publish touch them (a reporter edits their own drafts, never a published article);
    whoever may see the article sees its notes."""

    model = ArticleNote
    formset = OptionalRowsFormSet
    fields = ["kind", "text", "noted_time", "by_name"]
    readonly_fields = ["noted_time", "by_name"]
    extra = 0
    classes = ["notes-inline"]
    # Each row's heading is «یادداشت: اصلاحیه، <when>» (the note's own name says its kind).
    verbose_name = _("یادداشت")
    verbose_name_plural = ArticleNote._meta.verbose_name_plural
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"})}
    }

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")

    @admin.display(description=_("زمان"))
    def noted_time(self, note: ArticleNote) -> str:
        return jalali.format_datetime(note.noted_at) if note.noted_at else ""

    @admin.display(description=_("به دست"))
    def by_name(self, note: ArticleNote) -> str:
        return display_name(note.by) if note.by else "—"

    # Asked without an article too (the rows' queryset): then the role decides.

    def has_view_permission(self, request, obj=None) -> bool:
        if obj is None:
            return request.user.has_perm("articles.view_article")
        return obj.can_view(request.user)

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        may_publish = Article.can_publish(request.user)
        return may_publish and (obj is None or obj.can_edit(request.user))

    def has_delete_permission(self, request, obj=None) -> bool:
        return self.has_change_permission(request, obj)


COPYEDITED = ["kicker", "title", "lead"]  # and the body, as HTML
# What the copy-editor's dialog shows, in the form's order.
COPYEDIT_LABELS = {
    "kicker": _("روتیتر"),
    "title": _("تیتر"),
    "lead": _("لید"),
    "body": _("متن خبر"),
}


@admin.register(Article)
class ArticleAdmin(LiveCoverageAdmin, PersianNumbers, LargeList, LinksLeftOut, admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = [
        "news_code",
        "title",
        "section",
        "state",
        "publish_time",
        "author_name",
        "editing",
    ]
    list_display_links = ["news_code", "title"]
    list_filter = ["status", "section", ("published_at", JalaliDateFilter), "is_featured"]
    list_select_related = ["section", "author"]
    search_fields = ["title", "lead"]  # what the box says it searches; see get_search_results
    actions = ["submit_for_review", "publish_now", "unpublish", "make_breaking"]
    list_per_page = 50
    # Picked from the library's list (its thumbnails, its search) in a popup; a select2
    # autocomplete would leave screen readers a box without a name.
    raw_id_fields = ["lead_image"]
    inlines = [GalleryInline, ArticleNoteInline]
    # The publish time is typed as a Jalali date and a Tehran time, with the calendar.
    formfield_overrides = {
        models.DateTimeField: {
            "form_class": JalaliDateTimeFormField,
            "widget": AdminJalaliSplitDateTime,
        }
    }
    fieldsets = [
        # `opened_version` rides along hidden: the save is refused if someone saved since.
        (
            None,
            {"fields": ["kicker", "title", "lead", "body", "source", "byline", "opened_version"]},
        ),
        (_("دسته‌بندی"), {"fields": ["section", "tag_names"]}),
        (_("تصویر"), {"fields": ["lead_image"]}),
        (
            _("انتشار"),
            {
                "fields": [
                    "status",
                    "published_at",
                    "is_featured",
                    "comments_open",
                    "feedback_enabled",
                ]
            },
        ),
    ]
    # What only an editor decides, and what stands in for it, read-only, for the others:
    # Django would show a raw time, and «True»/«False».
    editorial_fields = {
        "status": "status",
        "published_at": "publish_time",
        "is_featured": "featured",
        "comments_open": "comments_shown",
        "feedback_enabled": "feedback_shown",
    }

    featured = boolean_display(Article, "is_featured")
    comments_shown = boolean_display(Article, "comments_open")
    feedback_shown = boolean_display(Article, "feedback_enabled")

    @admin.display(description=_("کد خبر"), ordering="code")
    def news_code(self, obj: Article) -> str:
        return to_persian_digits(obj.code)

    @admin.display(description=_("وضعیت"), ordering="status")
    def state(self, obj: Article) -> str:
        return obj.state_label

    @admin.display(description=_("زمان انتشار"), ordering="published_at")
    def publish_time(self, obj: Article) -> str:
        return jalali.format_datetime(obj.published_at) if obj.published_at else "—"

    @admin.display(description=_("نویسنده"), ordering="author__last_name")
    def author_name(self, obj: Article) -> str:
        return display_name(obj.author)

    @admin.display(description=_("در حال ویرایش"))
    def editing(self, obj: Article) -> str:
        lock = locks.current(obj.pk)
        return f"در حال ویرایش توسط {lock.name}" if lock else ""

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
            return ("plugged_boxes",)
        return [*self.editorial_fields.values(), "plugged_boxes"]

    @admin.display(description=_("وضعیت"))
    def plugged_boxes(self, obj: Article) -> str:
        return format_html_join("", "{}", ((box.html(obj),) for box in obj._boxes))

    def get_inlines(self, request, obj):
        # The notes' rows, where there are some to reword or take back (new ones come with
        # the form's «این تغییر چیست؟»): an empty box would offer nothing.
        if obj is None or not obj.notes.exists():
            return [GalleryInline]
        return super().get_inlines(request, obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.is_visible() and obj.can_edit(request.user):
            # Right under the text: what a change to it is, for readers who saw it before.
            fieldsets = [
                fieldsets[0],
                (
                    _("اصلاحیه یا به‌روزرسانی"),
                    {"fields": ["change_kind", "change_note"], "classes": ["declared-change"]},
                ),
                *fieldsets[1:],
            ]
        if obj is not None:
            # What the subpackages show of it (articles/plugins.py): the channels it went to.
            obj._boxes = [box for box in plugins.change_form_boxes if box.shows(request, obj)]
            if obj._boxes:
                title = "، ".join(str(box.title) for box in obj._boxes)
                fieldsets = [*fieldsets, (title, {"fields": ["plugged_boxes"]})]
        if Article.can_publish(request.user):
            return fieldsets
        shown = self.editorial_fields
        return [
            (name, {**options, "fields": [shown.get(field, field) for field in options["fields"]]})
            for name, options in fieldsets
        ]

    def get_search_results(self, request, queryset, search_term):
        """Words through the site's full-text index, which holds every article in every
        state (a LIKE over 100 000 titles and leads took a second); digits as a news code."""
        search_term = normalize(search_term).strip()
        if not search_term:
            return queryset, False
        found = Q(pk__in=search.matching(Article.objects.all(), search_term).values("pk"))
        code = to_latin_digits(search_term)
        if code.isascii() and code.isdigit() and len(code) < 19:
            found |= Q(code=int(code))
        return queryset.filter(found), False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if request.user.has_perm("articles.view_usefulnessreport"):
            extra_context["usefulness_report_url"] = reverse(
                "admin:articles_usefulnessreport_change", args=[object_id]
            )
        article = self.get_object(request, object_id)
        if article is not None and article.can_write_live(request.user):
            extra_context["live_url"] = reverse("admin:articles_article_live", args=[article.pk])
        if article is not None and article.can_edit(request.user):
            extra_context["copyedit_url"] = reverse(
                "admin:articles_article_copyedit", args=[article.pk]
            )
            if request.method == "GET":
                extra_context["lock"] = locks.hold(article.pk, request.user)
                extra_context["can_take_over"] = Article.can_publish(request.user)
            extra_context["lock_timing"] = {
                "beat": locks.HEARTBEAT_SECONDS,
                "idle": locks.IDLE_SECONDS,
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.user = request.user
        return form

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        article = obj or Article(author=request.user)
        editable = (
            self.has_add_permission(request) if add else self.has_change_permission(request, obj)
        )
        context["moves"] = [
            {
                "value": move.value,
                "label": _("انتشار همین حالا")
                if move == Article.Move.PUBLISH and article.is_scheduled
                else move.label,
                "quiet": move in (Article.Move.UNPUBLISH, Article.Move.RETURN),
            }
            for move in (article.offered_moves(request.user) if editable else [])
        ]
        if obj is not None and obj.code:
            context["short_url"] = request.build_absolute_uri(obj.get_short_url())
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        declared = getattr(form, "declared_change", None)
        if declared is not None:
            obj._change_reason = declared.reason  # the revision says what the change is
        if form.status_change:
            status, at = form.status_change
            # What was typed and the move, in one save: one version, one revision.
            obj.change_status(status, at=at, by=request.user)
            obj._moved = True
        else:
            obj.edit(by=request.user)
        if declared is not None:
            declared.record(obj, by=request.user)
        if change:
            if taken := locks.taken_from_me(obj.pk, request.user):
                self.message_user(
                    request,
                    _("%(name)s ویرایش این خبر را در دست گرفته است (%(when)s).")
                    % {"name": taken.name, "when": taken.since_display},
                    messages.WARNING,
                )
            else:
                locks.hold(obj.pk, request.user)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is ArticleNote:
            # A note reworded or taken back is itself a change readers see: the log says who.
            if formset.changed_objects:
                ArticleEvent.record(form.instance, ArticleEvent.Action.NOTE_EDITED, request.user)
            if formset.deleted_objects:
                ArticleEvent.record(form.instance, ArticleEvent.Action.NOTE_REMOVED, request.user)

    def _moved_message(self, obj: Article) -> str:
        if obj.is_scheduled:
            return _("«%(title)s» برای %(when)s زمان‌بندی شد.") % {
                "title": obj.title,
                "when": jalali.format_datetime(obj.published_at),
            }
        done = {
            Article.Status.REVIEW: _("«%(title)s» برای بررسی فرستاده شد."),
            Article.Status.PUBLISHED: _("«%(title)s» منتشر شد."),
            Article.Status.UNPUBLISHED: _("«%(title)s» از سایت برداشته شد."),
            Article.Status.DRAFT: _("«%(title)s» به پیش‌نویس برگشت."),
        }
        return done[obj.status] % {"title": obj.title}

    def response_add(self, request, obj, post_url_continue=None):
        if getattr(obj, "_moved", False):
            self.message_user(request, self._moved_message(obj), messages.SUCCESS)
            return self.response_post_save_add(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        # Saved and gone back to the list: the article is free for others at once.
        if "_continue" not in request.POST:
            locks.release(obj.pk, request.user)
        if getattr(obj, "_moved", False):
            self.message_user(request, self._moved_message(obj), messages.SUCCESS)
            return self.response_post_save_change(request, obj)
        return super().response_change(request, obj)

    # The editors' desk: revisions, compare, restore, the copy-editor, the edit lock.

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(function)

        return [
            path("<int:pk>/compare/", view(self.compare_view), name="articles_article_compare"),
            path(
                "<int:pk>/restore/<int:version>/",
                view(self.restore_view),
                name="articles_article_restore",
            ),
            path("<int:pk>/copyedit/", view(self.copyedit_view), name="articles_article_copyedit"),
            path("<int:pk>/lock/", view(self.lock_view), name="articles_article_lock"),
            path("tags/", view(self.tags_view), name="articles_article_tags"),
            *self.live_urls(view),
            *super().get_urls(),
        ]

    def _article(self, request, pk: int, *, edit: bool = False) -> Article:
        article = Article.objects.filter(pk=pk).first()
        if article is None:
            raise Http404
        allowed = article.can_edit(request.user) if edit else article.can_view(request.user)
        if not allowed:
            raise PermissionDenied
        return article

    def history_view(self, request, object_id, extra_context=None):
        """Every revision: who, when (Jalali), the status; pick two to compare, or restore."""
        article = self._article(request, int(object_id))
        revisions = list(article.history.select_related("history_user").order_by("-history_id"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("نسخه‌های «%(title)s»") % {"title": article.title},
            "article": article,
            "revisions": revisions,
            "can_restore": article.can_edit(request.user),
        }
        return TemplateResponse(request, "admin/articles/article/revisions.html", context)

    def compare_view(self, request, pk: int):
        article = self._article(request, pk)

        def revision(param: str, default):
            value = to_latin_digits(request.GET.get(param, ""))
            if not value.isdigit():
                return default()
            found = article.history.filter(version=int(value)).order_by("-history_id").first()
            if found is None:
                raise Http404
            return found

        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("مقایسه نسخه‌ها"),
            "article": article,
        }
        newest = article.history.order_by("-history_id").first()
        if newest is None:  # saved before revisions were kept, or made in bulk: the page says so
            return TemplateResponse(request, "admin/articles/article/compare.html", context)
        new = revision("b", lambda: newest)
        old = revision(
            "a",
            lambda: (
                article.history.filter(version__lt=new.version).order_by("-history_id").first()
                or new
            ),
        )
        rows = [
            (label, word_diff(old_text, new_text), changed(old_text, new_text))
            for label, old_text, new_text in self._compared(old, new)
        ]
        context.update(
            old=old,
            new=new,
            rows=[row for row in rows if row[2]],
            same_rows=[row for row in rows if not row[2]],
        )
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def _compared(self, old, new) -> list[tuple[str, str, str]]:
        """What two revisions say, field by field, as text: (label, old, new)."""
        sections = Section.objects.in_bulk({old.section_id, new.section_id})
        links = {old.pk: [], new.pk: []}
        for link in old.tags.model.objects.filter(history__in=[old, new]):
            links[link.history_id].append(link.tag_id)
        tags = Tag.objects.in_bulk({tag_id for ids in links.values() for tag_id in ids})
        images = Image.objects.in_bulk({old.lead_image_id, new.lead_image_id} - {None})
        pictures = {old.pk: [], new.pk: []}
        kept = old.gallery.model.objects.filter(history__in=[old, new]).select_related("image")
        for row in kept.order_by("position", "pk"):
            # A picture deleted from the library since is named by its number.
            pictures[row.history_id].append(row.image.alt if row.image else f"#{row.image_id}")

        def tag_names(revision) -> str:
            return "، ".join(
                sorted(tags[tag_id].name for tag_id in links[revision.pk] if tag_id in tags)
            )

        def gallery(revision) -> str:
            return "، ".join(pictures[revision.pk])

        def when(revision) -> str:
            return jalali.format_datetime(revision.published_at) if revision.published_at else ""

        def section(revision) -> str:
            found = sections.get(revision.section_id)
            return found.name if found else ""

        def image(revision) -> str:
            found = images.get(revision.lead_image_id)
            return found.alt if found else ""

        def featured(revision) -> str:
            return "بله" if revision.is_featured else "خیر"

        return [
            (_("روتیتر"), old.kicker, new.kicker),
            (_("تیتر"), old.title, new.title),
            (_("لید"), old.lead, new.lead),
            (_("متن خبر"), article_text(old.body), article_text(new.body)),
            (_("منبع"), old.source, new.source),
            (_("نویسنده (نمایشی)"), old.byline, new.byline),
            (_("وضعیت"), old.get_status_display(), new.get_status_display()),
            (_("زمان انتشار"), when(old), when(new)),
            (_("سرویس"), section(old), section(new)),
            (_("برچسب‌ها"), tag_names(old), tag_names(new)),
            (_("تصویر اصلی"), image(old), image(new)),
            (_("تیتر یک"), featured(old), featured(new)),
            (_("گزارش تصویری"), gallery(old), gallery(new)),
        ]

    def restore_view(self, request, pk: int, version: int):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article(request, pk, edit=True)
        revision = article.history.filter(version=version).order_by("-history_id").first()
        if revision is None:
            raise Http404
        article.restore(revision, by=request.user)
        self.message_user(
            request,
            _("نسخه %(version)s بازگردانده شد و اکنون پیش‌نویس است؛ برای انتشار، منتشرش کنید.")
            % {"version": to_persian_digits(version)},
            messages.SUCCESS,
        )
        return redirect("admin:articles_article_change", article.pk)

    def copyedit_view(self, request, pk: int):
        """«ویرایش خودکار نگارش»: the copy-editor's suggestions, each to accept or reject.

        From the change form, whose script posts what the form holds now (`source=form`):
        the suggestions come back as a dialog, and the accepted text as JSON that the script
        puts back into the form, unsaved; the editor saves as always. Opened as a page of
        its own: the saved text, and the accepted changes saved as a revision.
        """
        article = self._article(request, pk, edit=True)
        from_form = request.method == "POST" and request.POST.get("source") == "form"
        texts = {
            field: request.POST[field] if from_form else getattr(article, field)
            for field in COPYEDIT_LABELS
            if field in request.POST or not from_form  # from the form: only what it sent
        }
        suggestions = [
            copyedit.suggest(field, text, is_html=field == "body") for field, text in texts.items()
        ]
        if "accept_all" in request.POST:
            accepted = {change.id for each in suggestions for change in each.changes}
        else:
            accepted = set(request.POST.getlist("accept"))
        if from_form and "_apply" in request.POST:
            return JsonResponse({each.field: each.text(accepted) for each in suggestions})
        if request.method == "POST" and not from_form:
            return self._save_copyedit(request, article, suggestions, accepted)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("ویرایش خودکار نگارش"),
            "article": article,
            "fields": [(COPYEDIT_LABELS[each.field], each) for each in suggestions],
            "any_change": any(each.changes for each in suggestions),
        }
        template = "admin/articles/article/copyedit.html"
        return TemplateResponse(request, template + "#dialog" if from_form else template, context)

    def _save_copyedit(self, request, article: Article, suggestions, accepted: set[str]):
        """The accepted changes, saved as a revision of their own, unless someone saved first."""
        if to_latin_digits(request.POST.get("version", "")) != str(article.version):
            self.message_user(
                request,
                _("این خبر پس از باز کردن این صفحه ذخیره شده است؛ پیشنهادها را دوباره ببینید."),
                messages.ERROR,
            )
            return redirect("admin:articles_article_copyedit", article.pk)
        for each in suggestions:
            setattr(article, each.field, each.text(accepted))
        article.edit(by=request.user, reason="ویرایش خودکار نگارش")
        if accepted and article.is_visible():  # what readers read changed, not its meaning
            article.record_typo_fix(by=request.user)
        self.message_user(
            request,
            _("%(count)s پیشنهاد ویرایش خودکار ذخیره شد.")
            % {"count": to_persian_digits(len(accepted))},
            messages.SUCCESS,
        )
        return redirect("admin:articles_article_change", article.pk)

    TAG_SUGGESTIONS = 10

    def tags_view(self, request):
        """Tag names beginning with what is being typed, for the form's tag box."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        typed = " ".join(normalize(request.GET.get("q", "")).split())[:60]
        names = []
        if typed:
            names = list(
                Tag.objects.filter(name__istartswith=typed)
                .order_by("name")
                .values_list("name", flat=True)[: self.TAG_SUGGESTIONS]
            )
        return JsonResponse({"names": names})

    def lock_view(self, request, pk: int):
        """The form's heartbeat keeps its lock (or takes it, once free); leaving the page
        releases it; an editor's «در دست گرفتن» takes it over."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article(request, pk, edit=True)
        if request.POST.get("release"):
            locks.release(article.pk, request.user)
            return HttpResponse(status=204)
        if request.POST.get("take") and Article.can_publish(request.user):
            locks.take_over(article.pk, request.user)
            self.message_user(request, _("ویرایش این خبر را در دست گرفتید."), messages.SUCCESS)
            return redirect("admin:articles_article_change", article.pk)
        other = locks.hold(article.pk, request.user)
        return JsonResponse({"held": other is None, "by": other.name if other else None})

    # Actions: each calls the model's transition, which refuses what the rules or the
    # person's role forbid; those are counted as left alone.

    def _transition(self, request, queryset, transition, done_message):
        done = skipped = 0
        for article in queryset:
            try:
                transition(article, by=request.user)
            except ValidationError:
                skipped += 1
            else:
                done += 1
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
            Article.submit_for_review,
            lambda n: _("%(count)s خبر برای بررسی فرستاده شد.") % {"count": to_persian_digits(n)},
        )

    @admin.action(description=_("انتشار همین حالا"), permissions=["publish"])
    def publish_now(self, request, queryset):
        self._transition(
            request,
            queryset,
            Article.publish,
            lambda n: _("%(count)s خبر منتشر شد.") % {"count": to_persian_digits(n)},
        )

    def has_breaking_permission(self, request) -> bool:
        return request.user.has_perm("articles.add_breakingnews")

    @admin.action(description=_("خبر فوری کن (دو ساعت)"), permissions=["breaking"])
    def make_breaking(self, request, queryset):
        """The chosen article in the «فوری» bar from now for two hours; its end can be
        changed, or the bar ended, on the bar's own page the message links to."""
        articles = list(queryset[:2])
        if len(articles) != 1:
            self.message_user(request, _("برای خبر فوری یک خبر را برگزینید."), messages.WARNING)
            return
        (article,) = articles
        if not Article.objects.published().filter(pk=article.pk).exists():
            self.message_user(
                request,
                _("«%(title)s» هنوز در سایت نیست؛ خبر فوری باید منتشر شده باشد.")
                % {"title": article.title},
                messages.ERROR,
            )
            return
        bar = BreakingNews.objects.put_up(article=article, by=request.user)
        self.message_user(
            request,
            format_html(
                '«{}» تا {} خبر فوری است. <a href="{}">تغییر زمان یا پایان</a>',
                article.title,
                jalali.format_datetime(bar.ends_at),
                reverse("admin:articles_breakingnews_change", args=[bar.pk]),
            ),
            messages.SUCCESS,
        )

    @admin.action(description=_("برداشتن از سایت"), permissions=["publish"])
    def unpublish(self, request, queryset):
        self._transition(
            request,
            queryset,
            Article.unpublish,
            lambda n: _("%(count)s خبر از سایت برداشته شد.") % {"count": to_persian_digits(n)},
        )
