from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "نظرات"

    def ready(self):
        from comments import signals  # noqa: F401
