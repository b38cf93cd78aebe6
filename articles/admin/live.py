"""«پوشش زنده» in the admin: a live article's page of its own, the short form on top (an
entry is a few lines and a click), its entries below, each editable and deletable, every
change a revision of the entry and a line in the activity log. Editors start and end the
coverage there; reporters write entries on their own articles (Article.can_write_live)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from articles.forms import LiveEndForm, LiveEntryForm
from articles.models import Article, LiveEntry
from newsroom.persian import jalali

ENTRIES_SHOWN = 100


class LiveCoverageAdmin:
    """Mixed into ArticleAdmin: the URLs and views of «پوشش زنده»."""

    def live_urls(self, view) -> list:
        return [
            path("<int:pk>/live/", view(self.live_view), name="articles_article_live"),
            path(
                "<int:pk>/live/<int:entry>/",
                view(self.live_entry_view),
                name="articles_article_live_entry",
            ),
        ]

    def _live_article(self, request, pk: int) -> Article:
        article = Article.objects.filter(pk=pk).select_related("section").first()
        if article is None:
            raise Http404
        if not article.can_write_live(request.user):
            raise PermissionDenied
        return article

    def live_view(self, request, pk: int):
        """GET: the form and the entries. POST: a new entry (`_add`), or the coverage started
        (`_start`) or ended (`_end`) by an editor."""
        article = self._live_article(request, pk)
        form = LiveEntryForm(user=request.user, admin_site=self.admin_site)
        end_form = LiveEndForm()
        status = 200
        if request.method == "POST" and ("_start" in request.POST or "_end" in request.POST):
            if not Article.can_publish(request.user):
                raise PermissionDenied
            if "_start" in request.POST:
                try:
                    article.start_live(by=request.user)
                except ValidationError as error:
                    self.message_user(request, error.messages[0], messages.ERROR)
                else:
                    self.message_user(request, _("پوشش زنده آغاز شد."), messages.SUCCESS)
                return redirect("admin:articles_article_live", article.pk)
            end_form = LiveEndForm(request.POST)
            if end_form.is_valid():
                try:
                    self._end(request, article, end_form.cleaned_data["ends_at"])
                except ValidationError as error:
                    end_form.add_error(None, error)
                else:
                    return redirect("admin:articles_article_live", article.pk)
            return self._live_page(request, article, form, end_form, status=400)
        if request.method == "POST":
            form = LiveEntryForm(request.POST, user=request.user, admin_site=self.admin_site)
            if form.is_valid():
                try:
                    article.add_live_entry(by=request.user, **form.values())
                except ValidationError as error:
                    if error.code == "forbidden":
                        raise PermissionDenied(error.messages[0]) from error
                    form.add_error(None, error)
                else:
                    self.message_user(request, _("مطلب افزوده شد."), messages.SUCCESS)
                    return redirect("admin:articles_article_live", article.pk)
            status = 400
        return self._live_page(request, article, form, end_form, status)

    def _end(self, request, article: Article, at) -> None:
        """«پایان پوشش زنده»: now, or at `at`."""
        article.end_live(by=request.user, at=at)
        if at is None:
            done = _("پوشش زنده پایان یافت؛ مطالبش در خبر می‌مانند.")
        else:
            done = _("پوشش زنده در %(when)s پایان می‌یابد.") % {"when": jalali.format_datetime(at)}
        self.message_user(request, done, messages.SUCCESS)

    def _live_page(self, request, article: Article, form, end_form, status: int = 200):
        entries = list(
            article.live_entries.select_related("by", "image").order_by("-created_at", "-pk")[
                :ENTRIES_SHOWN
            ]
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("پوشش زنده: %(title)s") % {"title": article.title},
            "article": article,
            "form": form,
            "end_form": end_form,
            "entries": entries,
            "can_start_end": Article.can_publish(request.user),
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/articles/article/live.html", context, status=status)

    def live_entry_view(self, request, pk: int, entry: int):
        """One entry: edited (`_save`) or deleted (`_delete`); its revisions below."""
        article = self._live_article(request, pk)
        entry = get_object_or_404(LiveEntry, pk=entry, article=article)
        form = LiveEntryForm(instance=entry, user=request.user, admin_site=self.admin_site)
        status = 200
        if request.method == "POST":
            if "_delete" in request.POST:
                entry.remove(by=request.user)
                self.message_user(request, _("مطلب حذف شد."), messages.SUCCESS)
                return redirect("admin:articles_article_live", article.pk)
            form = LiveEntryForm(
                request.POST, instance=entry, user=request.user, admin_site=self.admin_site
            )
            if form.is_valid():
                try:
                    entry.change(by=request.user, **form.values())
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    self.message_user(request, _("مطلب ویرایش شد."), messages.SUCCESS)
                    return redirect("admin:articles_article_live", article.pk)
            status = 400
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("ویرایش مطلب زنده"),
            "article": article,
            "entry": entry,
            "form": form,
            "revisions": entry.history.select_related("history_user").order_by("-history_id"),
            "live_url": reverse("admin:articles_article_live", args=[article.pk]),
            "media": self.media + form.media,
        }
        return TemplateResponse(
            request, "admin/articles/article/live_entry.html", context, status=status
        )
