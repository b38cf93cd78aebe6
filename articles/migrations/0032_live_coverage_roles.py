"""«لحظه‌به‌لحظه»: editors write every live article's entries, reporters their own articles'
(Article.can_write_live); starting and ending coverage stays with editors."""

from django.db import migrations

from newsroom.staff import roles

WRITE = [
    "articles.add_liveentry",
    "articles.change_liveentry",
    "articles.delete_liveentry",
    "articles.view_liveentry",
]
GRANTS = {"Editors": WRITE, "Reporters": WRITE}


def grant(apps, schema_editor):
    roles.grant(apps, GRANTS)


def revoke(apps, schema_editor):
    roles.revoke(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("articles", "0031_live_coverage")]

    operations = [migrations.RunPython(grant, revoke)]
