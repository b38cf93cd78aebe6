from articles.views.archive import ArchiveDayView, ArchiveMonthView, ArchiveView
from articles.views.breaking import breaking
from articles.views.live import live_entries, live_poll
from articles.views.pages import (
    CorrectionsView,
    LatestView,
    SearchView,
    SectionView,
    TagView,
    article_detail,
    article_seen,
    editor_browse,
    editor_upload,
    home,
    preview,
    short_link,
)

__all__ = [
    "ArchiveDayView",
    "ArchiveMonthView",
    "ArchiveView",
    "CorrectionsView",
    "LatestView",
    "SearchView",
    "SectionView",
    "TagView",
    "article_detail",
    "article_seen",
    "breaking",
    "editor_browse",
    "editor_upload",
    "home",
    "live_entries",
    "live_poll",
    "preview",
    "short_link",
]
