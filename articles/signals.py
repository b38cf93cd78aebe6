"""Keep the search index in step with tags and deletions (saves index themselves)."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from articles import search
from articles.models import Article, Tag


def _reindex(article_ids) -> None:
    search.index(list(Article.objects.filter(pk__in=article_ids).prefetch_related("tags")))


@receiver(m2m_changed, sender=Article.tags.through)
def reindex_on_tag_change(sender, instance, action, reverse, pk_set, **kwargs):
    if not reverse:  # an article's tags changed
        if action.startswith("post_"):
            search.index([instance])
    elif action == "pre_clear":  # a tag is losing all its articles: remember which
        instance._cleared_article_ids = list(instance.articles.values_list("pk", flat=True))
    elif action == "post_clear":
        _reindex(getattr(instance, "_cleared_article_ids", []))
    elif action.startswith("post_"):
        _reindex(pk_set or [])


@receiver(post_save, sender=Tag)
def reindex_on_tag_rename(sender, instance, created, **kwargs):
    if not created:
        _reindex(instance.articles.values_list("pk", flat=True))


@receiver(post_delete, sender=Article)
def unindex_on_delete(sender, instance, **kwargs):
    search.remove(instance.pk)
