"""The articles' lead image before the library (their image, alt text and caption fields)
moves into the image library; 0024 drops the fields (apart: PostgreSQL alters no table
with row changes still to check in the same transaction).

Each article with an older image and no library picture gets a library picture made from
that file: turned upright and stripped of EXIF as every upload is, stored under images/,
with the article's alt text (its title where it had none) and caption; the revisions that
showed that file name the new picture too, so comparing them still shows the picture. A
file that is gone leaves its article without a picture (it showed a broken one). No task
is enqueued from here: `manage.py make_renditions` makes their renditions, and until then
pages show the stored picture. The older files stay where they were.

Going back (0024 first) puts the fields back empty; the library pictures stay.
"""

import posixpath

from django.core.files.base import ContentFile
from django.db import migrations

from articles.images import processing


def move_into_library(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    HistoricalArticle = apps.get_model("articles", "HistoricalArticle")
    Image = apps.get_model("articles", "Image")
    older = Article.objects.exclude(image="").filter(lead_image__isnull=True).order_by("pk")
    for article in older.iterator():
        try:
            with article.image.open("rb") as stored:
                data = stored.read()
            processing.check(data, max_bytes=1 << 40, max_pixels=1 << 40)
            cleaned, ending = processing.clean(data)
        except (OSError, processing.Refused):
            continue  # gone, or not a picture: nothing to move
        stem = posixpath.splitext(posixpath.basename(article.image.name))[0] or "image"
        upright = processing.check(cleaned, max_bytes=1 << 40, max_pixels=1 << 40)
        image = Image(
            alt=(article.image_alt.strip() or article.title)[:250],
            caption=article.image_caption,
            uploaded_by_id=article.author_id,
        )
        image.file.save(f"{stem}.{ending}", ContentFile(cleaned), save=False)
        image.width, image.height = upright.width, upright.height
        image.save()
        # update(): no revision, no save() of a model the migration does not have.
        Article.objects.filter(pk=article.pk).update(lead_image=image)
        HistoricalArticle.objects.filter(
            id=article.pk, image=article.image.name, lead_image__isnull=True
        ).update(lead_image=image)


class Migration(migrations.Migration):
    dependencies = [("articles", "0021_library_uploads_and_body_images")]

    operations = [
        migrations.RunPython(move_into_library, migrations.RunPython.noop),
    ]
