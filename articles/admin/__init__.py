"""The editors' admin: articles, sections and tags; the usefulness report."""

from articles.admin import articles, report  # noqa: F401  (registers the admins)
