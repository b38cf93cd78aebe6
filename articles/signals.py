"""Keep the search index and the page cache in step with what articles' saves don't cover:
tags, sections, bylines and deletions."""

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

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
    if action == "pre_clear" and reverse:  # a tag is losing all its articles: remember which
        instance._cleared_article_ids = list(instance.articles.values_list("pk", flat=True))
    if not action.startswith("post_"):
        return
    if not reverse:  # an article's tags changed
        changed = [instance.pk]
        search.index([instance])
    else:
        changed = list(
            getattr(instance, "_cleared_article_ids", [])
            if action == "post_clear"
            else pk_set or []
        )
        _reindex(changed)
    # Their own cached parts (newsroom/fragments.py) are keyed on the row: touch it.
    Article.objects.filter(pk__in=changed).update(updated_at=timezone.now())
    pagecache.content_changed()


@receiver(post_save, sender=Tag)
def reindex_on_tag_rename(sender, instance, created, **kwargs):
    if not created:
        _reindex(instance.articles.values_list("pk", flat=True))
        pagecache.names_changed()


@receiver([post_save, post_delete], sender=Section)
@receiver(post_delete, sender=Tag)
def expire_pages_on_section_change(sender, **kwargs):
    pagecache.names_changed()  # the section menu is on every page


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def expire_pages_on_byline_change(sender, instance, update_fields=None, **kwargs):
    """A writer's name is the byline of their articles; logging in changes nothing shown."""
    if update_fields is not None and set(update_fields) <= {"last_login", "password"}:
        return
    if instance.articles.exists():
        pagecache.names_changed()


@receiver(post_delete, sender=Article)
def unindex_on_delete(sender, instance, **kwargs):
    search.remove(instance.pk)
    pagecache.content_changed()
