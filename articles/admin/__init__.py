"""The editors' admin: articles, sections and tags; the usefulness report."""

from articles.admin import articles  # noqa: F401  (registers the admins)
from articles.feedback import admin  # noqa: F401
