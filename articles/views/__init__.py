from articles.views.pages import (
    ArchiveDayView,
    CorrectionsView,
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
    "CorrectionsView",
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
