"""Model fields the apps share, and the form fields and widgets people type them in."""

import datetime

import jdatetime
from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime, AdminTimeWidget
from django.core.exceptions import ValidationError
from django.db import models
from django_jalali.admin.widgets import AdminSplitjDateTime
from django_jalali.db.models import jDateTimeField
from django_jalali.settings import jalali_settings

from newsroom.persian import jalali

DATETIME_HELP = (
    f"تاریخ شمسی مانند {jalali.DATE_EXAMPLE} و ساعت مانند {jalali.TIME_EXAMPLE}، به وقت تهران؛"
    " با رقم فارسی یا انگلیسی."
)


class JalaliDateInput(forms.TextInput):
    """A Jalali day, shown «۱۴۰۵/۰۹/۰۹»; what was typed comes back as it was typed."""

    def format_value(self, value):
        if isinstance(value, jdatetime.date | datetime.date):
            return jalali.format_input_date(value)
        return super().format_value(value)


class JalaliTimeInput(forms.TextInput):
    """A time of day on Tehran's clock, shown «۱۰:۳۰»."""

    def format_value(self, value):
        if isinstance(value, datetime.time):
            return jalali.format_input_time(value)
        return super().format_value(value)


def _split(value) -> list:
    """An instant as [its Jalali day, its time] on Tehran's clock, to the second."""
    if not value:
        return [None, None]
    local = jalali.localtime(value).replace(microsecond=0)
    # No locale: jdatetime dates of different locales never compare equal.
    return [jdatetime.date.fromgregorian(date=local.date()), local.time()]


class JalaliSplitDateTimeWidget(forms.MultiWidget):
    """A Jalali date box and a time box, both in Tehran time."""

    def __init__(self, attrs=None):
        super().__init__([JalaliDateInput, JalaliTimeInput], attrs)

    def decompress(self, value):
        return _split(value)


class AdminJalaliDateInput(JalaliDateInput):
    """The date box with django-jalali's admin picker: its scripts and styles, as its
    `JALALI_SETTINGS` name them, started by ours instead of its admin/main.js (which sets
    the picker up left to right, with dashes and Latin digits)."""

    def __init__(self, attrs=None):
        # vjDateField: the class django-jalali's styles and ours know the box by.
        attrs = {"class": "vjDateField", "size": "10", "autocomplete": "off", **(attrs or {})}
        super().__init__(attrs)

    @property
    def media(self):
        # Our styles for it come with every admin page (templates/admin/base_site.html).
        scripts = [
            path for path in jalali_settings.ADMIN_JS_STATIC_FILES if path != "admin/main.js"
        ]
        return forms.Media(
            js=[*scripts, "newsroom/admin-dates.js"], css=jalali_settings.ADMIN_CSS_STATIC_FILES
        )


class AdminJalaliTimeInput(JalaliTimeInput, AdminTimeWidget):
    """Django's admin time box, with its «اکنون» and clock, showing «۱۰:۳۰»."""

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", **(attrs or {})})

    @property
    def media(self):
        return AdminTimeWidget().media + forms.Media(js=["newsroom/admin-dates.js"])


class AdminJalaliSplitDateTime(AdminSplitDateTime):
    """The admin's labelled date and time boxes, in Jalali."""

    def __init__(self, attrs=None):
        forms.MultiWidget.__init__(self, [AdminJalaliDateInput, AdminJalaliTimeInput], attrs)

    def decompress(self, value):
        return _split(value)


class JalaliDateFormField(forms.Field):
    widget = JalaliDateInput
    default_error_messages = {"incomplete": f"تاریخ را هم بنویسید، مانند {jalali.DATE_EXAMPLE}."}

    def to_python(self, value) -> jdatetime.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, jdatetime.datetime):
            return value.date()
        if isinstance(value, jdatetime.date):
            return value
        if isinstance(value, datetime.date):
            return jdatetime.date.fromgregorian(date=value)
        try:
            return jalali.parse_date(str(value))
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from error


class JalaliTimeFormField(forms.Field):
    widget = JalaliTimeInput
    default_error_messages = {"incomplete": f"ساعت را هم بنویسید، مانند {jalali.TIME_EXAMPLE}."}

    def to_python(self, value) -> datetime.time | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.time):
            return value
        try:
            return jalali.parse_time(str(value))
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from error


class JalaliDateTimeFormField(forms.MultiValueField):
    """A moment typed as a Jalali date and a Tehran time, the Iranian way: «۱۴۰۵/۰۹/۰۹» or
    «1405-9-9», «۱۰:۳۰» or «10:30»; the whole «۱۴۰۵/۰۹/۰۹ ۱۰:۳۰» in the date box works too."""

    widget = JalaliSplitDateTimeWidget

    def __init__(self, **kwargs):
        kwargs["help_text"] = kwargs.get("help_text") or DATETIME_HELP
        fields = (JalaliDateFormField(), JalaliTimeFormField())
        super().__init__(fields, require_all_fields=False, **kwargs)

    def clean(self, value):
        if isinstance(value, list | tuple) and len(value) == 2 and not value[1] and value[0]:
            date_text, _space, time_text = str(value[0]).strip().partition(" ")
            value = [date_text, time_text.strip()]
        return super().clean(value)

    def compress(self, data_list) -> datetime.datetime | None:
        if not data_list:
            return None
        day, clock = data_list
        return jalali.moment(day, clock)


class JalaliDateTimeField(jDateTimeField):
    """django-jalali's date-time field, stored the way Django stores any DateTimeField and
    typed the way Iranians type dates.

    The parent hands the database `str(aware_datetime)` with its local offset. PostgreSQL
    parses that, but SQLite compares datetimes as text, so «22:44+03:30» would sort after
    «20:00+00:00» and scheduled articles would appear hours late. Django's own adapter
    stores UTC.
    """

    def get_db_prep_value(self, value, connection, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        if isinstance(value, jdatetime.datetime):
            value = value.togregorian()
        return connection.ops.adapt_datetimefield_value(value)

    def formfield(self, **kwargs):
        if kwargs.get("widget") is AdminSplitjDateTime:
            # What django_jalali.admin gives every jDateTimeField: a date box that takes dashes
            # and Latin digits only.
            kwargs["widget"] = AdminJalaliSplitDateTime
        # Past the parent's formfield(), which insists on django-jalali's form field.
        return models.DateTimeField.formfield(
            self, **{**kwargs, "form_class": JalaliDateTimeFormField}
        )
