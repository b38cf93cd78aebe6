"""The articles app's models. The feedback's, popularity's, image library's and outbox's live
in their subpackages and belong to this app too: imported here, Django registers them under
`articles`."""

from articles.feedback.models import FeedbackVote, UsefulnessReport
from articles.images.models import Image
from articles.models.article import (
    Article,
    ArticleEvent,
    ArticleQuerySet,
    NewsCodeCounter,
    Section,
    Tag,
)
from articles.models.breaking import BreakingNews
from articles.models.curation import FrontPage, HomePin
from articles.models.gallery import GalleryItem
from articles.models.live import LiveEntry
from articles.models.notes import ArticleNote
from articles.models.search import SearchEntry
from articles.outbox.models import Delivery
from articles.popularity.models import ViewCount

__all__ = [
    "Article",
    "ArticleEvent",
    "ArticleNote",
    "ArticleQuerySet",
    "BreakingNews",
    "Delivery",
    "FeedbackVote",
    "FrontPage",
    "GalleryItem",
    "HomePin",
    "Image",
    "LiveEntry",
    "NewsCodeCounter",
    "SearchEntry",
    "Section",
    "Tag",
    "UsefulnessReport",
    "ViewCount",
]
