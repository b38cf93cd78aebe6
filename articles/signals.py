"""Keep the search index and the page cache in step with what articles' saves don't cover:
tags, sections and deletions."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from articles import search
from articles.models import Article, Section, Tag
from newsroom import pagecache


def _reindex(article_ids) -> None:
    search.index(list(Article.objects.filter(pk__in=article_ids).prefetch_related("tags")))


@receiver(m2m_changed, sender=Article.tags.through)
def reindex_on_tag_change(sender, instance, action, reverse, pk_set, **kwargs):
    if reverse and action.startswith("pre_"):
        # django-simple-history records revisions of articles, not of tags; changed from
        # the tag's side, it would try to record the tag and fail.
        instance.skip_history_when_saving = True
    if action.startswith("post_"):
        pagecache.content_changed()
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
        pagecache.content_changed()


@receiver([post_save, post_delete], sender=Section)
@receiver(post_delete, sender=Tag)
def expire_pages_on_section_change(sender, **kwargs):
    pagecache.content_changed()  # the section menu is on every page


@receiver(post_delete, sender=Article)
def unindex_on_delete(sender, instance, **kwargs):
    search.remove(instance.pk)
    pagecache.content_changed()
