"""Editors put up and withdraw «خبر فوری»: a line in front of every reader at once is a
publishing decision, which reporters leave to them (they submit for review). Withdrawn bars
stay, as the record of what readers were shown; only a superuser deletes one."""

from django.db import migrations

from newsroom.staff import roles

GRANTS = {
    "Editors": [
        "articles.add_breakingnews",
        "articles.change_breakingnews",
        "articles.view_breakingnews",
    ],
}


def grant(apps, schema_editor):
    roles.grant(apps, GRANTS)


def revoke(apps, schema_editor):
    roles.revoke(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("articles", "0025_breaking_news")]

    operations = [migrations.RunPython(grant, revoke)]
