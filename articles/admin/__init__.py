"""The editors' admin: articles, sections and tags; «خبر فوری»; the home page's arrangement;
the usefulness report; the image library; the deliveries to the channels."""

from articles.admin import (
    articles,  # noqa: F401  (registers the admins)
    breaking,  # noqa: F401
    curation,  # noqa: F401
)
from articles.feedback import admin  # noqa: F401
from articles.images import admin as images  # noqa: F401
from articles.outbox import admin as outbox  # noqa: F401
