"""The newsroom's roles are groups; data migrations grant them rights through these."""

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.auth import get_permission_codename
from django.db import router
from django.utils import translation
from django.utils.translation import gettext_lazy as _

# The groups keep their English names, by which the migrations and the demo find them; a
# person reads them in Persian, as WordPress translates its roles' names.
LABELS = {
    "Reporters": _("خبرنگاران"),
    "Editors": _("سردبیران"),
    "Moderators": _("ناظران"),
    "Analysts": _("تحلیلگران"),
}


def label(name: str) -> str:
    """What a person reads for the group `name`: a role's Persian name, or the name itself."""
    return str(LABELS.get(name, name))


def ensure_permissions(apps) -> None:
    """Create the permissions of every model now, named in Persian; Django makes them after
    the last migration (and the tests' factories, after a flush, through here)."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
        name_permissions(app_config, apps=apps)


def _permissions(apps, names: list[str]):
    Permission = apps.get_model("auth", "Permission")
    for name in names:
        app_label, codename = name.split(".")
        yield Permission.objects.get(content_type__app_label=app_label, codename=codename)


def grant(apps, roles: dict[str, list[str]]) -> None:
    """Give each role (created if need be) its "app_label.codename" permissions."""
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    for role, names in roles.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(*_permissions(apps, names))


def revoke(apps, roles: dict[str, list[str]]) -> None:
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=roles):
        group.permissions.remove(*_permissions(apps, roles[group.name]))


# Django names the permissions it makes in English («Can add خبر»), once, and never again.
ACTIONS = {"add": _("افزودن"), "change": _("تغییر"), "delete": _("حذف"), "view": _("دیدن")}


def name_permissions(sender, using="default", apps=global_apps, **kwargs) -> None:
    """post_migrate, after Django's create_permissions: the built-in permissions of the
    app's models read in Persian, «افزودن خبر». Those a model declares keep their names;
    everything finds permissions by codename, never by name.

    The names come from the models as they are now, whose verbose names translate (the
    migrations' copies keep auth's English); the rows are written through `apps`."""
    try:
        Permission = apps.get_model("auth", "Permission")
        models = global_apps.get_app_config(sender.label).get_models()
    except LookupError:  # before auth's tables, or an app no longer installed
        return
    if not router.allow_migrate_model(using, Permission):
        return
    wanted = {}
    with translation.override(settings.LANGUAGE_CODE):
        for model in models:
            opts = model._meta
            for action in opts.default_permissions:
                if action in ACTIONS:
                    key = (opts.model_name, get_permission_codename(action, opts))
                    wanted[key] = f"{ACTIONS[action]} {opts.verbose_name}"[:255]
    if not wanted:
        return
    permissions = Permission.objects.using(using).filter(content_type__app_label=sender.label)
    renamed = []
    for permission in permissions.select_related("content_type"):
        name = wanted.get((permission.content_type.model, permission.codename))
        if name and permission.name != name:
            permission.name = name
            renamed.append(permission)
    Permission.objects.using(using).bulk_update(renamed, ["name"])
