"""Admin pieces every app uses: the site's titles, named list boxes,
displays that read in Persian where Django's own do not, and the users' and roles' admin."""

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.contrib.auth import admin as auth_admin  # registers User and Group, replaced below
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.contrib.auth.models import Group, User
from django.core.paginator import Paginator
from django.db import connections, models
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

from newsroom.persian import jalali
from newsroom.persian.forms import (
    PersianIntegerField,
    PersianIntegerInput,
    PersianModelChoiceField,
)
from newsroom.persian.text import to_latin_digits, to_persian_digits
from newsroom.staff import roles

admin.site.site_header = _("میز خبر")
admin.site.site_title = _("مدیریت نیوزروم")
admin.site.index_title = _("اتاق خبر")


class NamedRowBoxes:
    """For a ModelAdmin with `list_editable`: each box in the list is named for a screen
    reader by its column and row («ترتیب: اقتصادی»), as it has no <label> of its own."""

    def get_changelist_form(self, request, **kwargs):
        form = super().get_changelist_form(request, **kwargs)

        class Named(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                for field in self.fields.values():
                    field.widget.attrs["aria-label"] = f"{field.label}: {self.instance}"

        return Named


class PersianRawIdWidget(ForeignKeyRawIdWidget):
    """The raw-id box's number in Persian digits; the object it names is looked up by the
    number in any digits (a form sent back with its error shows what was typed)."""

    def get_context(self, name, value, attrs):
        if isinstance(value, str):
            value = to_latin_digits(value).strip()
        return super().get_context(name, value, attrs)

    def format_value(self, value):
        value = super().format_value(value)
        return to_persian_digits(value) if value else value


class PersianNumbers:
    """For a ModelAdmin or an inline: its whole-number boxes (a place, an order) and its
    raw-id boxes show and take Persian digits, as everything else on the form does.
    (admin-persian.js writes a number chosen in the raw-id popup in Persian digits too.)"""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        number = isinstance(db_field, models.IntegerField) and not db_field.primary_key
        if number and not db_field.choices and "choices" not in kwargs:
            kwargs.setdefault("form_class", PersianIntegerField)
            kwargs.setdefault("widget", PersianIntegerInput(attrs={"class": "vIntegerField"}))
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.raw_id_fields and "widget" not in kwargs:
            kwargs["widget"] = PersianRawIdWidget(
                db_field.remote_field, self.admin_site, using=kwargs.get("using")
            )
            kwargs["form_class"] = PersianModelChoiceField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


# Displays. Django shows a read-only boolean as an icon whose alt is «True»/«False»
# (admin_list._boolean_icon, which no translation reaches), a number in Latin digits and a
# date in Gregorian; these stand in for such fields wherever they are shown read-only.


def yes_no(value: bool | None) -> str:
    """Django's yes, no or unknown icon, its alt in Persian."""
    icon, alt = {
        True: ("yes", _("بله")),
        False: ("no", _("خیر")),
        None: ("unknown", _("نامعلوم")),
    }[value]
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{icon}.svg"), alt)


def boolean_display(model, name: str):
    """A display method for `model`'s boolean field `name`: its label, Django's icon with a
    Persian alt, sorted by the field."""

    @admin.display(description=model._meta.get_field(name).verbose_name, ordering=name)
    def display(model_admin, obj) -> str:
        return yes_no(getattr(obj, name))

    return display


def datetime_display(model, name: str):
    """A display method for `model`'s date-and-time field `name`: Jalali, Persian digits."""

    @admin.display(description=model._meta.get_field(name).verbose_name, ordering=name)
    def display(model_admin, obj) -> str:
        value = getattr(obj, name)
        return jalali.format_datetime(value) if value else model_admin.get_empty_value_display()

    return display


class EstimatedCountPaginator(Paginator):
    """Counts a whole table from PostgreSQL's own estimate when it is large: an exact
    COUNT(*) reads every row (80 ms at 100 000 articles), the estimate one row of the
    catalogue. Anything filtered, searched or small is counted exactly."""

    EXACT_BELOW = 10_000

    @property
    def count(self) -> int:
        if "_count" not in self.__dict__:
            self._count = self._estimate() or super().count
        return self._count

    def _estimate(self) -> int | None:
        queryset = self.object_list
        if connections[queryset.db].vendor != "postgresql" or queryset.query.where:
            return None
        with connections[queryset.db].cursor() as cursor:
            cursor.execute(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                [queryset.model._meta.db_table],
            )
            row = cursor.fetchone()
        return row[0] if row and row[0] >= self.EXACT_BELOW else None


class ReadOnly:
    """An admin of records nobody adds, edits or deletes by hand (reports, logs)."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class LargeList:
    """A ModelAdmin mixin for the lists that grow with the newsroom (articles, comments,
    the moderation log): no second count of the whole table beside the filtered one, and
    the whole table's count estimated on PostgreSQL."""

    show_full_result_count = False
    paginator = EstimatedCountPaginator


class LinksLeftOut:
    """A ModelAdmin mixin: the delete confirmation leaves out the rows that only link two
    objects (an article to its tags, a user to a group), which Django names by their code
    names («Article_tags object (53)»). Deleting them removes nothing a person made; what
    they link stays, or is listed in its own right."""

    def get_deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        links = [
            model._meta
            for model in apps.get_models(include_auto_created=True)
            if model._meta.auto_created
        ]
        # Django writes each row as «verbose name: the object».
        prefixes = tuple({f"{capfirst(opts.verbose_name)}: " for opts in links})
        plurals = {str(opts.verbose_name_plural) for opts in links}

        def kept(rows: list) -> list:
            """The nested list of rows, where a list holds what the row before it takes."""
            out, left_out = [], False
            for row in rows:
                if isinstance(row, list):
                    if not left_out:
                        out.append(kept(row))
                else:
                    left_out = str(row).startswith(prefixes)
                    if not left_out:
                        out.append(row)
            return out

        model_count = {name: n for name, n in model_count.items() if str(name) not in plurals}
        return kept(to_delete), model_count, perms_needed, protected


# Users and roles: Django's admin, reading in Persian.


class UserPasswordForm(AdminPasswordChangeForm):
    """Django's, its warning in Persian: Django adds it to the help text outside gettext."""

    usable_password_help_text = format_lazy(
        '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
        SetUnusablePasswordMixin.usable_password_help_text,
        _("اگر غیرفعال شود، گذرواژهٔ کنونی این کاربر از دست می‌رود."),
    )


class RoleFilter(admin.RelatedFieldListFilter):
    """«گروه‌ها» with the roles' Persian names."""

    def field_choices(self, field, request, model_admin):
        return [
            (pk, roles.label(name))
            for pk, name in super().field_choices(field, request, model_admin)
        ]


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class UserAdmin(LinksLeftOut, auth_admin.UserAdmin):
    change_password_form = UserPasswordForm
    list_display = ["username", "email", "first_name", "last_name", "staff"]
    list_filter = ["is_staff", "is_superuser", "is_active", ("groups", RoleFilter)]
    # The dates are the system's to keep: read in Jalali, never typed.
    fieldsets = [
        *auth_admin.UserAdmin.fieldsets[:-1],
        (_("تاریخ‌ها"), {"fields": ["last_login_shown", "date_joined_shown"]}),
    ]
    readonly_fields = ["last_login_shown", "date_joined_shown"]

    staff = boolean_display(User, "is_staff")
    last_login_shown = datetime_display(User, "last_login")
    date_joined_shown = datetime_display(User, "date_joined")

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "groups":
            field.label_from_instance = lambda group: roles.label(group.name)
        return field


@admin.register(Group)
class GroupAdmin(LinksLeftOut, auth_admin.GroupAdmin):
    list_display = ["role", "name"]

    @admin.display(description=_("نقش"), ordering="name")
    def role(self, group: Group) -> str:
        return roles.label(group.name)
