from django.db import migrations, models

# django-jalali's jDateTimeField is a DateTimeField underneath: the same column, holding the
# same instants as Django stores any DateTimeField (UTC text on SQLite, timestamptz on
# PostgreSQL; newsroom.fields.JalaliDateTimeField saw to that). Only what Python reads back
# changes, a datetime instead of a jdatetime, so there is no SQL to run: PostgreSQL has none
# anyway, and SQLite would rebuild both tables only to copy the column as it is.


def published_at():
    return models.DateTimeField(blank=True, null=True, verbose_name="زمان انتشار")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_revision_tags_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="article", name="published_at", field=published_at()
                ),
                migrations.AlterField(
                    model_name="historicalarticle", name="published_at", field=published_at()
                ),
            ],
        ),
    ]
