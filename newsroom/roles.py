"""The newsroom's roles are groups; data migrations grant them rights through these."""


def ensure_permissions(apps) -> None:
    """Create the permissions of every model now; Django makes them after the last migration."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


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
