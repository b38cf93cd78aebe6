"""Moderators and Editors run the moderation desk; nobody else touches comments."""

from django.db import migrations

from newsroom.staff import roles

DESK = [
    "comments.view_comment",
    "comments.change_comment",
    "comments.add_comment",
    "comments.delete_comment",
    "comments.view_bannedword",
    "comments.add_bannedword",
    "comments.change_bannedword",
    "comments.delete_bannedword",
]
GRANTS = {"Moderators": DESK, "Editors": DESK}


def grant(apps, schema_editor):
    roles.grant(apps, GRANTS)


def revoke(apps, schema_editor):
    roles.revoke(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("articles", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
