"""A comment's `html` is rendered again whenever what it shows is written, in bulk too.

An article's cached page shows its approved comments: every write that could change
them renews the article's version (newsroom/pagecache/versions.py), in the write's transaction.

Saves and deletes come through Django's signals (the admin's bulk «حذف» included: Django
sends `post_delete` for each row when someone listens), `update()` and `bulk_create()`
(moderation in bulk, reports, scripts) through newsroom.pagecache.bulk.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from articles.models import Article
from comments.models import Comment
from newsroom.pagecache import versions
from newsroom.pagecache.bulk import batches, bulk_change


def _renew_article_versions(article_ids) -> None:
    for ids in batches(sorted(set(article_ids))):
        for code in Article.objects.filter(pk__in=ids).values_list("code", flat=True):
            versions.article_changed(code)


@receiver(post_save, sender=Comment)
def expire_page_on_comment_save(sender, instance, **kwargs):
    # Readers see approved comments only; a change to or from «approved» shows.
    if instance.status == Comment.Status.APPROVED or getattr(instance, "_was_approved", False):
        _renew_article_versions([instance.article_id])
    instance._was_approved = instance.status == Comment.Status.APPROVED


@receiver(post_delete, sender=Comment)
def expire_page_on_comment_delete(sender, instance, **kwargs):
    if instance.status == Comment.Status.APPROVED:
        _renew_article_versions([instance.article_id])


@receiver(bulk_change, sender=Comment)
def cook_comments_on_bulk_change(sender, pks, fields=None, **kwargs):
    """Rows created in bulk, or written in what their `html` shows, render it again."""
    if fields is not None and not fields & Comment.COOKED_FROM:
        return
    for some in batches(pks):
        # The plain manager: its bulk_update sends no bulk_change of its own.
        comments = list(
            Comment._base_manager.filter(pk__in=some).only("pk", "html", *Comment.COOKED_FROM)
        )
        for comment in comments:
            comment.cook()
        Comment._base_manager.bulk_update(comments, ["html"])


@receiver(bulk_change, sender=Comment)
def expire_pages_on_comment_bulk_change(sender, pks, **kwargs):
    articles = set()
    for some in batches(pks):
        articles.update(Comment.objects.filter(pk__in=some).values_list("article_id", flat=True))
    _renew_article_versions(articles)
