from articles.views.pages import (
    ArchiveDayView,
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
    "LatestView",
    "SearchView",
    "SectionView",
    "TagView",
    "article_detail",
    "article_seen",
    "editor_browse",
    "editor_upload",
    "home",
    "preview",
    "short_link",
]
