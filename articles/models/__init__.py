from articles.models.article import Article, ArticleQuerySet, NewsCodeCounter, Section, Tag
from articles.models.feedback import FeedbackVote, UsefulnessReport

__all__ = [
    "Article",
    "ArticleQuerySet",
    "FeedbackVote",
    "NewsCodeCounter",
    "Section",
    "Tag",
    "UsefulnessReport",
]
