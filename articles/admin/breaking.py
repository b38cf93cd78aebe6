"""«خبر فوری» in the admin: editors put a bar up and end it; every change is in the log."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.forms import BreakingNewsForm
from articles.models import BreakingNews
from newsroom.persian import jalali
from newsroom.persian.text import to_persian_digits
from newsroom.staff.names import display_name


@admin.register(BreakingNews)
class BreakingNewsAdmin(admin.ModelAdmin):
    form = BreakingNewsForm
    list_display = ["headline", "state", "start_time", "end_time", "creator"]
    list_select_related = ["article", "created_by"]
    actions = ["withdraw"]
    raw_id_fields = ["article"]
    fieldsets = [
        (None, {"fields": ["text", "article", "url"]}),
        (_("زمان نمایش"), {"fields": ["starts_at", "ends_at"]}),
    ]

    @admin.display(description=_("خبر فوری"))
    def headline(self, bar: BreakingNews) -> str:
        return bar.headline

    @admin.display(description=_("وضعیت"))
    def state(self, bar: BreakingNews) -> str:
        return bar.state()

    @admin.display(description=_("آغاز"), ordering="starts_at")
    def start_time(self, bar: BreakingNews) -> str:
        return jalali.format_datetime(bar.starts_at)

    @admin.display(description=_("پایان"), ordering="ends_at")
    def end_time(self, bar: BreakingNews) -> str:
        return jalali.format_datetime(bar.withdrawn_at or bar.ends_at)

    @admin.display(description=_("ثبت‌کننده"))
    def creator(self, bar: BreakingNews) -> str:
        return display_name(bar.created_by) if bar.created_by else "—"

    def get_changeform_initial_data(self, request):
        # A bar is for the next hours: it ends in two unless the editor says otherwise.
        now = timezone.now().replace(second=0, microsecond=0)
        return {
            "starts_at": now,
            "ends_at": now + BreakingNews.DEFAULT_LENGTH,
            **super().get_changeform_initial_data(request),
        }

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("پایان اکنون"), permissions=["change"])
    def withdraw(self, request, queryset):
        done = queryset.withdraw(by=request.user)
        if done:
            self.message_user(
                request,
                _("به نمایش %(count)s خبر فوری پایان داده شد.")
                % {"count": to_persian_digits(done)},
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request, _("خبرهای برگزیده پیش از این پایان یافته بودند."), messages.WARNING
            )

    def response_change(self, request, obj):
        if "_withdraw" in request.POST and self.has_change_permission(request, obj):
            if obj.withdraw(by=request.user):
                self.message_user(
                    request,
                    _("به نمایش «%(headline)s» پایان داده شد.") % {"headline": obj.headline},
                    messages.SUCCESS,
                )
            return self.response_post_save_change(request, obj)
        return super().response_change(request, obj)
