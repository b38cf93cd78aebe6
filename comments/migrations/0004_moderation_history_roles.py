"""Moderators and Editors read the moderation history; nobody writes it by hand."""

from django.db import migrations

from newsroom.staff import roles

GRANTS = {
    "Moderators": ["comments.view_moderationevent"],
    "Editors": ["comments.view_moderationevent"],
}


def grant(apps, schema_editor):
    roles.grant(apps, GRANTS)


def revoke(apps, schema_editor):
    roles.revoke(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("comments", "0003_moderation_history")]

    operations = [migrations.RunPython(grant, revoke)]
