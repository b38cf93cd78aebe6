"""The image library's tags, where Django looks for them: they live in articles/images/."""

from articles.images.templatetags import register  # noqa: F401
