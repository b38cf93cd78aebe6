from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "نظرات"

    def ready(self):
        from articles import plugins
        from comments import content, signals  # noqa: F401

        plugins.content.append(
            plugins.Content(
                name="comments",
                demo=content.load_demo,
                add_arguments=content.add_arguments,
                generate=content.generate,
                bench=content.load_bench,
            )
        )
