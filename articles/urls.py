from django.urls import path, register_converter

from articles import views


class UnicodeSlugConverter:
    """A slug of letters in any script: Persian tag and article slugs."""

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(UnicodeSlugConverter, "uslug")

app_name = "articles"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("section/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("tag/<uslug:slug>/", views.TagView.as_view(), name="tag"),
    path(
        "archive/<int:year>/<int:month>/<int:day>/",
        views.ArchiveDayView.as_view(),
        name="archive_day",
    ),
    path("news/<int:code>/", views.article_detail, name="detail_no_slug"),
    path("news/<int:code>/<str:slug>/", views.article_detail, name="detail"),
    path("feedback/<int:code>/", views.feedback, name="feedback"),
    path("feedback/<int:code>/why/", views.feedback_follow_up, name="feedback_follow_up"),
    path("n/<int:code>", views.short_link, name="short"),
    path("n/<int:code>/", views.short_link),
    path("preview/<int:code>/", views.preview, name="preview"),
]
