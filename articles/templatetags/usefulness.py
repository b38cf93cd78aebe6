"""`{% load usefulness %}`: the usefulness report's filters, which live with the feedback
(articles/feedback/templatetags.py); Django looks for tag libraries here."""

from articles.feedback.templatetags import register  # noqa: F401
