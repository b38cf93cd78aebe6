"""«ارسال به کانال‌ها» in the admin: each story's deliveries, their state, tries and last
error; editors retry a failed or cancelled one, or cancel one not yet sent. Nobody writes
a delivery by hand: the publish writes them."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from articles.outbox import channels
from articles.outbox.models import Delivery
from newsroom.admin import LargeList, datetime_display
from newsroom.persian import jalali
from newsroom.persian.text import to_persian_digits

# The settings' names each in a <bdi>, so the Persian sentence around them keeps its order.
NO_CHANNEL = (
    "هیچ کانالی برای ارسال تنظیم نشده است: تا توکن ربات و شناسه کانال تلگرام، بله یا ایتا "
    "({}) یا نشانی هاب اعلام خوراک ({}) در تنظیمات سایت نیاید، خبری به جایی فرستاده نمی‌شود."
)
NO_CHANNEL_SETTINGS = (
    "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_CHAT_ID",
    "BALE_BOT_TOKEN",
    "BALE_CHAT_ID",
    "EITAA_BOT_TOKEN",
    "EITAA_CHAT_ID",
)


@admin.register(Delivery)
class DeliveryAdmin(LargeList, admin.ModelAdmin):
    list_display = [
        "story",
        "channel",
        "state",
        "tries",
        "last_error",
        "next_try",
        "sent",
    ]
    list_filter = ["state", "channel"]
    list_select_related = ["article"]
    search_fields = ["article__title"]
    actions = ["retry", "cancel"]
    list_per_page = 50
    fields = [
        "story",
        "channel",
        "state",
        "tries",
        "next_try",
        "sent",
        "remote_id",
        "last_error",
    ]
    readonly_fields = fields

    sent = datetime_display(Delivery, "sent_at")

    def changelist_view(self, request, extra_context=None):
        # An empty list should say why, where no channel is set up to send to.
        if not channels.enabled():
            names = format_html_join(
                "، ", '<bdi dir="ltr">{}</bdi>', ((n,) for n in NO_CHANNEL_SETTINGS)
            )
            hub = format_html('<bdi dir="ltr">{}</bdi>', "WEBSUB_HUB_URL")
            messages.warning(request, format_html(NO_CHANNEL, names, hub))
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("تلاش بعدی"), ordering="next_try_at")
    def next_try(self, delivery: Delivery) -> str:
        """When it is tried next: only while it waits (a sent or failed one has no next)."""
        if delivery.state != Delivery.State.PENDING:
            return self.get_empty_value_display()
        return jalali.format_datetime(delivery.next_try_at)

    @admin.display(description=_("خبر"), ordering="article__published_at")
    def story(self, delivery: Delivery) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:articles_article_change", args=[delivery.article_id]),
            delivery.article.title,
        )

    @admin.display(description=_("تلاش‌ها"), ordering="attempts")
    def tries(self, delivery: Delivery) -> str:
        return to_persian_digits(delivery.attempts)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_manage_permission(self, request) -> bool:
        return request.user.has_perm("articles.manage_delivery")

    def _each(self, request, queryset, act, done_message, none_message) -> None:
        done = sum(1 for delivery in queryset if act(delivery))
        if done:
            self.message_user(
                request, done_message % {"count": to_persian_digits(done)}, messages.SUCCESS
            )
        else:
            self.message_user(request, none_message, messages.WARNING)

    @admin.action(description=_("فرستادن دوباره"), permissions=["manage"])
    def retry(self, request, queryset):
        self._each(
            request,
            queryset,
            Delivery.retry,
            _("%(count)s ارسال دوباره در صف گذاشته شد."),
            _("ارسالِ فرستاده‌شده یا در حال فرستادن دوباره فرستاده نمی‌شود."),
        )

    @admin.action(description=_("لغو ارسال"), permissions=["manage"])
    def cancel(self, request, queryset):
        self._each(
            request,
            queryset,
            Delivery.cancel,
            _("%(count)s ارسال لغو شد."),
            _("ارسالِ فرستاده‌شده یا در حال فرستادن لغو نمی‌شود."),
        )


def shows_deliveries(request, article) -> bool:
    return request.user.has_perm("articles.view_delivery") and article.deliveries.exists()


def deliveries_summary(article) -> str:
    """What the article's change page says of its deliveries: each channel and its state,
    the error of a failed one, and the list of them, where an editor retries or cancels."""
    deliveries = list(article.deliveries.order_by("channel"))
    if not deliveries:
        return "—"
    items = format_html_join(
        "",
        "<li>{}: {}{}</li>",
        (
            (
                delivery.get_channel_display(),
                delivery.get_state_display(),
                f" ({delivery.last_error})"
                if delivery.state == Delivery.State.FAILED and delivery.last_error
                else "",
            )
            for delivery in deliveries
        ),
    )
    link = reverse("admin:articles_delivery_changelist") + f"?article__exact={article.pk}"
    return format_html(
        '<ul class="deliveries">{}</ul><a href="{}">{}</a>', items, link, _("فهرست ارسال‌ها")
    )


@admin.action(
    description=_("فرستادن آخرین اصلاحیه یا به‌روزرسانی به کانال‌ها"), permissions=["publish"]
)
def send_latest_note(model_admin, request, queryset):
    """The article list's action (articles/apps.py adds it): a correction is posted only
    when an editor asks, the latest note of each chosen story on the site, once per note."""
    if not channels.enabled():
        model_admin.message_user(request, _("هیچ کانالی تنظیم نشده است."), messages.WARNING)
        return
    sent = left = 0
    for article in queryset:
        note = article.notes.order_by("-noted_at", "-pk").first()
        if note is not None and article.is_visible() and Delivery.objects.record_note(note):
            sent += 1
        else:
            left += 1
    if sent:
        model_admin.message_user(
            request,
            _("%(count)s اصلاحیه یا به‌روزرسانی در صف کانال‌ها گذاشته شد.")
            % {"count": to_persian_digits(sent)},
            messages.SUCCESS,
        )
    if left:
        model_admin.message_user(
            request,
            _(
                "%(count)s خبر فرستاده نشد: در سایت نیست، اصلاحیه‌ای ندارد یا آخرین "
                "اصلاحیه‌اش پیش از این فرستاده شده است."
            )
            % {"count": to_persian_digits(left)},
            messages.WARNING,
        )
