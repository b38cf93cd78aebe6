from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "نظرات"

    def ready(self):
        from articles import plugins
        from comments import blocks, content, signals  # noqa: F401

        # Cached under the article's comment version, and whether it still takes comments.
        plugins.article_parts.append(
            plugins.ArticlePart(
                name="comments",
                template="comments/section.html",
                data=blocks.comment_section,
                inputs=lambda versions, article: (versions.article, article.accepts_comments()),
                params=("comments",),
            )
        )
        plugins.rankings.append(
            plugins.Block(
                "includes/most_commented.html",
                lambda context: blocks.most_commented(),
                shows=lambda data: plugins.ranked(data["articles"], "recent_comments"),
            )
        )
        plugins.desk_notices.append(
            plugins.Block("admin/moderation_queue.html", blocks.moderation_queue)
        )
        plugins.desk_blocks.append(
            plugins.Block("admin/moderation_activity.html", blocks.recent_moderation)
        )
        plugins.content.append(
            plugins.Content(
                name="comments",
                demo=content.load_demo,
                add_arguments=content.add_arguments,
                generate=content.generate,
                bench=content.load_bench,
            )
        )
