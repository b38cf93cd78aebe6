"""Analysts and Editors read the usefulness report; nobody edits votes."""

from django.db import migrations

from newsroom.staff import roles

GRANTS = {
    "Analysts": ["articles.view_usefulnessreport"],
    "Editors": ["articles.view_usefulnessreport"],
}


def grant(apps, schema_editor):
    roles.grant(apps, GRANTS)


def revoke(apps, schema_editor):
    roles.revoke(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_feedback")]

    operations = [migrations.RunPython(grant, revoke)]
