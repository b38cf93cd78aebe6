"""Each comment keeps its writer, time and text rendered (`html`), so a page of comments
prints them instead of formatting each on every view; the comments already made are
rendered here."""

import django.utils.timezone
from django.db import migrations, models

BATCH = 500


def cook(apps, schema_editor):
    from comments.models import cooked_html

    Comment = apps.get_model("comments", "Comment")
    rows = Comment.objects.filter(html="").order_by("pk")
    last = 0
    while batch := list(rows.filter(pk__gt=last)[:BATCH]):
        for comment in batch:
            comment.html = cooked_html(
                comment.name, comment.is_staff_reply, comment.created_at, comment.text
            )
        Comment.objects.bulk_update(batch, ["html"])
        last = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0007_desk_order"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="html",
            field=models.TextField(blank=True, editable=False),
        ),
        # Set when the comment is made, not by its save, so its `html` can show it.
        migrations.AlterField(
            model_name="comment",
            name="created_at",
            field=models.DateTimeField(
                db_index=True,
                default=django.utils.timezone.now,
                editable=False,
                verbose_name="زمان ارسال",
            ),
        ),
        migrations.RunPython(cook, migrations.RunPython.noop, elidable=True),
    ]
