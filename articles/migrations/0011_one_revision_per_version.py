"""One revision per version of each article.

Until now a save recorded a revision and the tags the admin set right after it recorded a
second, identical one, so histories read «نسخه ۱، نسخه ۱، نسخه ۲». Of each version's
revisions the last is kept (it has the tags); it keeps the «created» mark of the first.
"""

from django.db import migrations
from django.db.models import Exists, OuterRef


def one_revision_per_version(apps, schema_editor) -> None:
    Revision = apps.get_model("articles", "HistoricalArticle")
    revisions = Revision.objects.using(schema_editor.connection.alias)

    def same_version(**lookups):
        return revisions.filter(id=OuterRef("id"), version=OuterRef("version"), **lookups)

    revisions.filter(
        Exists(same_version(history_type="+", history_id__lt=OuterRef("history_id"))),
        ~Exists(same_version(history_id__gt=OuterRef("history_id"))),
    ).update(history_type="+")
    revisions.filter(Exists(same_version(history_id__gt=OuterRef("history_id")))).delete()


class Migration(migrations.Migration):
    dependencies = [("articles", "0010_articleevent_returned")]

    operations = [
        migrations.RunPython(one_revision_per_version, migrations.RunPython.noop, elidable=True)
    ]
