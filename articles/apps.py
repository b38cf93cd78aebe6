from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "اخبار"

    def ready(self):
        from articles import signals  # noqa: F401
        from articles.models import Article
        from newsroom.pagecache import versions

        # Cached pages must not outlive the moment a scheduled article appears.
        versions.schedule(lambda now: Article.objects.next_scheduled_time(now))
