"""What readers see stays in step with every write to articles, sections, tags, bylines and
the pictures they lead with.

The one place that renews the page cache's versions (newsroom/pagecache/versions.py) and keeps the
search index for them: saves and deletes (Django's signals, the admin's bulk delete
included), tag changes, and bulk writes (`update()`, `bulk_create()`: newsroom/pagecache/bulk.py).
Each runs in the write's own transaction, so the change and the new version commit
together.
"""

from django.conf import settings
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver
from django.utils import timezone

from articles import search
from articles.images.models import renditions_made
from articles.models import (
    Article,
    ArticleNote,
    BreakingNews,
    GalleryItem,
    HomePin,
    Image,
    LiveEntry,
    Section,
    Tag,
)
from articles.models.gallery import deleted_with_article
from newsroom.pagecache import versions
from newsroom.pagecache.bulk import batches, bulk_change


def _reindex(article_ids) -> None:
    for ids in batches(list(article_ids)):
        search.index(list(Article.objects.filter(pk__in=ids).prefetch_related("tags")))


@receiver(post_save, sender=Article)
def index_on_article_save(sender, instance, raw=False, **kwargs):
    if not raw:  # loaddata writes rows as they are, without their derived fields
        search.index([instance])


@receiver(post_save, sender=Article)
def expire_pages_on_article_save(sender, instance, **kwargs):
    """Readers see published articles: a change to one, or to or from «published», shows.
    A draft's edits do not."""
    if instance.status == Article.Status.PUBLISHED or getattr(instance, "_was_published", False):
        versions.content_changed()
    instance._was_published = instance.status == Article.Status.PUBLISHED


@receiver(post_delete, sender=Article)
def unindex_on_delete(sender, instance, **kwargs):
    search.remove(instance.pk)
    versions.content_changed()


@receiver(bulk_change, sender=Article)
def expire_pages_on_article_bulk_change(sender, pks, **kwargs):
    # Whether an update() touched what readers see is not worth a query: renew.
    versions.content_changed()
    _reindex(pks)


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
    elif action == "post_clear":
        changed = getattr(instance, "_cleared_article_ids", [])
    else:
        changed = list(pk_set or [])
    # Touching the rows reindexes them with their tags and renews the content version
    # (bulk_change); their own cached parts (newsroom/pagecache/parts.py) are keyed on the row.
    Article.objects.filter(pk__in=changed).update(updated_at=timezone.now())


@receiver(post_save, sender=Tag)
def reindex_on_tag_rename(sender, instance, created, **kwargs):
    if not created:
        _reindex(instance.articles.values_list("pk", flat=True))
        versions.names_changed()


@receiver(bulk_change, sender=Tag)
def reindex_on_tag_bulk_change(sender, pks, **kwargs):
    _reindex(Article.objects.filter(tags__in=pks).values_list("pk", flat=True).distinct())
    versions.names_changed()


@receiver([post_save, post_delete], sender=Section)
@receiver(post_delete, sender=Tag)
@receiver(bulk_change, sender=Section)
def expire_pages_on_section_change(sender, **kwargs):
    versions.names_changed()  # the section menu is on every page


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def expire_pages_on_byline_change(sender, instance, update_fields=None, **kwargs):
    """A writer's name is the byline of their articles; logging in changes nothing shown."""
    if update_fields is not None and set(update_fields) <= {"last_login", "password"}:
        return
    if instance.articles.exists():
        versions.names_changed()


@receiver(post_save, sender=Image)
@receiver(renditions_made, sender=Image)
@receiver(pre_delete, sender=Image)
def touch_articles_showing_image(sender, instance, **kwargs):
    """A picture's words, focal point or renditions changed, or it is going (its articles
    lose it): the articles that lead with it, show it in their body or in their gallery are
    touched, as for a change of their tags, so their pages and cached parts are built again.
    (A body can only show a picture if it was saved after the picture was uploaded.)"""
    if kwargs.get("created"):
        return  # nothing shows a picture just uploaded
    in_body = Q(updated_at__gte=instance.created_at, body__contains=f'data-image="{instance.pk}"')
    in_gallery = Q(pk__in=GalleryItem.objects.filter(image=instance).values("article_id"))
    in_live = Q(pk__in=LiveEntry.objects.filter(image=instance).values("article_id"))
    Article.objects.filter(Q(lead_image=instance) | in_body | in_gallery | in_live).update(
        updated_at=timezone.now()
    )


@receiver([post_save, post_delete], sender=GalleryItem)
def touch_article_on_gallery_change(sender, instance, raw=False, **kwargs):
    """A picture added to, moved in or taken from a gallery: its article is touched, as for
    a change of its tags (its revision follows in ArticleRevisions.gallery_changed)."""
    if not raw and not deleted_with_article(kwargs.get("origin")):
        Article.objects.filter(pk=instance.article_id).update(updated_at=timezone.now())


@receiver(bulk_change, sender=GalleryItem)
def touch_articles_on_gallery_bulk_change(sender, pks, **kwargs):
    articles = GalleryItem.objects.filter(pk__in=pks).values("article_id")
    Article.objects.filter(pk__in=articles).update(updated_at=timezone.now())


@receiver([post_save, post_delete, bulk_change], sender=BreakingNews)
def expire_pages_on_breaking_news_change(sender, **kwargs):
    """A «خبر فوری» is on every reader page: written, changed or withdrawn, it shows at once;
    the content version's `due` takes its start and end (articles/apps.py)."""
    versions.content_changed()


@receiver([post_save, post_delete], sender=ArticleNote)
def touch_article_on_note_change(sender, instance, raw=False, **kwargs):
    """A correction or an update added, reworded or taken back: its article is touched, as
    for a change of its tags, so its page, its feeds' items and the corrections page show
    it (its last change is the JSON-LD's dateModified)."""
    if not raw and not deleted_with_article(kwargs.get("origin")):
        Article.objects.filter(pk=instance.article_id).update(updated_at=timezone.now())


@receiver(bulk_change, sender=ArticleNote)
def touch_articles_on_note_bulk_change(sender, pks, **kwargs):
    articles = ArticleNote.objects.filter(pk__in=pks).values("article_id")
    Article.objects.filter(pk__in=articles).update(updated_at=timezone.now())


@receiver([post_save, post_delete], sender=HomePin)
@receiver(bulk_change, sender=HomePin)
def expire_pages_on_pin_change(sender, **kwargs):
    """«چینش صفحه اول»: a pin put, moved, ended early or taken away (one by one, by the
    admin's delete or in bulk) shows on the home page at once; the version's `due` follows
    the next pin's end (articles/apps.py)."""
    versions.content_changed()


def _live_entries_changed(article_ids) -> None:
    """Only the articles' own pages show their entries: their own versions are renewed (the
    page, its poll, and at the edge their keys), not every page's."""
    for code in Article.objects.filter(pk__in=list(article_ids)).values_list("code", flat=True):
        versions.article_changed(code)


@receiver([post_save, post_delete], sender=LiveEntry)
def renew_article_on_live_entry_change(sender, instance, raw=False, **kwargs):
    """«لحظه‌به‌لحظه»: an entry added, edited, pinned or deleted shows on its article's page
    and poll at once; the home page and the lists show only whether an article is live,
    which its own save renews."""
    if not raw and not deleted_with_article(kwargs.get("origin")):
        _live_entries_changed([instance.article_id])


@receiver(bulk_change, sender=LiveEntry)
def renew_articles_on_live_entries_bulk_change(sender, pks, **kwargs):
    _live_entries_changed(LiveEntry.objects.filter(pk__in=pks).values_list("article_id", flat=True))
