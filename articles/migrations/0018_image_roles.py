"""Reporters and Editors upload to the image library and pick from it; Editors also tidy it."""

from django.db import migrations

from newsroom.staff import roles

GRANTS = {
    "Reporters": ["articles.add_image", "articles.change_image", "articles.view_image"],
    "Editors": [
        "articles.add_image",
        "articles.change_image",
        "articles.delete_image",
        "articles.view_image",
    ],
}


def grant(apps, schema_editor):
    roles.grant(apps, GRANTS)


def revoke(apps, schema_editor):
    roles.revoke(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("articles", "0017_image_library")]

    operations = [migrations.RunPython(grant, revoke)]
