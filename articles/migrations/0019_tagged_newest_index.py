from django.db import migrations


class Migration(migrations.Migration):
    """Each tag's newest articles read down an index (related news: RELATED_CANDIDATES), not
    sorted from every article the tag is on. The table is the one Django makes for
    Article.tags, which takes no indexes of its own in the model."""

    dependencies = [("articles", "0018_image_roles")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX articles_article_tags_tag_newest"
            " ON articles_article_tags (tag_id, article_id)",
            reverse_sql="DROP INDEX articles_article_tags_tag_newest",
        ),
    ]
