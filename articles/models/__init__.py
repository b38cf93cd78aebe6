from articles.models.article import (
    Article,
    ArticleEvent,
    ArticleQuerySet,
    NewsCodeCounter,
    Section,
    Tag,
)
from articles.models.feedback import FeedbackVote, UsefulnessReport
from articles.models.popularity import ViewCount
from articles.models.search import SearchEntry

__all__ = [
    "Article",
    "ArticleEvent",
    "ArticleQuerySet",
    "FeedbackVote",
    "NewsCodeCounter",
    "SearchEntry",
    "Section",
    "Tag",
    "UsefulnessReport",
    "ViewCount",
]
