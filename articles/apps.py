from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "اخبار"

    def ready(self):
        from django.contrib import admin
        from django.db.models.signals import post_delete, post_save

        from articles import plugins, signals  # noqa: F401
        from articles.desk import blocks as desk
        from articles.feedback import blocks as feedback
        from articles.feedback import content as feedback_content
        from articles.images import tasks as images
        from articles.models import Article, ArticleEvent, BreakingNews, HomePin, Image
        from articles.outbox import admin as outbox_admin
        from articles.outbox import models as outbox
        from articles.popularity import blocks as popularity
        from articles.popularity import content as popularity_content
        from articles.popularity import counting
        from newsroom.pagecache import edge, versions

        # Cached pages must not outlive the moment a scheduled article appears, nor the
        # moment a «خبر فوری» starts or ends.
        def next_due(now):
            moments = (
                Article.objects.next_scheduled_time(now),
                BreakingNews.objects.next_change(now),
            )
            return min((moment for moment in moments if moment is not None), default=None)

        versions.schedule(next_due)
        # Nor the end of a pin on the home page («چینش صفحه اول»).
        versions.schedule(lambda now: HomePin.objects.next_end(now))
        # Nor the end of a live coverage set for later («لحظه‌به‌لحظه»).
        versions.schedule(lambda now: Article.objects.next_live_end(now))
        # Nor, at the edge, the rankings' five-minute clock (views/pages.py), which no one purges.
        edge.changes_at(lambda now: (now // 300 + 1) * 300)

        # The articles' own subpackages plug in as other apps do, before them: «پربازدیدترین»
        # is the first ranking, the newsroom's lists the first blocks of the desk.
        plugins.article_blocks.append(
            plugins.Block("includes/feedback_widget.html", feedback.usefulness_question)
        )
        # An uploaded picture gets its renditions in the background; its files go with it.
        post_save.connect(images.enqueue_renditions, sender=Image)
        post_delete.connect(images.delete_files, sender=Image)
        # A story published now is recorded in the outbox, once per channel, as it commits.
        post_save.connect(outbox.record_on_publish, sender=ArticleEvent)
        # Corrections go out when an editor asks: an action of the article list.
        article_admin = admin.site.get_model_admin(Article)
        article_admin.actions = [*article_admin.actions, outbox_admin.send_latest_note]
        plugins.change_form_boxes.append(
            plugins.ChangeFormBox(
                _("ارسال به کانال‌ها"),
                outbox_admin.shows_deliveries,
                outbox_admin.deliveries_summary,
            )
        )
        plugins.article_viewed.append(counting.record_view)
        plugins.rankings.append(
            plugins.Block(
                "includes/most_read.html",
                popularity.most_read,
                shows=lambda data: (plugins.ranked(data["day"]), plugins.ranked(data["week"])),
            )
        )
        plugins.desk_blocks.append(plugins.Block("admin/desk.html", desk.newsroom_desk))
        # The demo's readers: generated articles are never read, and the bench counts its own.
        plugins.content.append(plugins.Content(name="views", demo=popularity_content.load_demo))
        plugins.content.append(
            plugins.Content(name="usefulness votes", demo=feedback_content.load_demo)
        )
