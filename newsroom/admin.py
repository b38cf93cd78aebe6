"""Admin pieces every app uses: the site's titles and a Jalali date filter."""

import jdatetime
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_jalali.admin.filters import JDateFieldListFilter

admin.site.site_header = _("میز خبر")
admin.site.site_title = _("مدیریت نیوزروم")
admin.site.index_title = _("اتاق خبر")


class JalaliDateFilter(JDateFieldListFilter):
    """django-jalali's «today / past 7 days / this month» filter, its bounds in Tehran time."""

    def queryset(self, request, queryset):
        bounds = {}
        for lookup, value in self.used_parameters.items():
            value = value[-1] if isinstance(value, list) else value
            try:
                moment = jdatetime.datetime.strptime(value.strip()[:19], "%Y-%m-%d %H:%M:%S")
            except ValueError:
                try:
                    moment = jdatetime.datetime.strptime(value.strip()[:10], "%Y-%m-%d")
                except ValueError as exc:
                    raise IncorrectLookupParameters(exc) from exc
            bounds[lookup] = timezone.make_aware(moment.togregorian())
        return queryset.filter(**bounds)
