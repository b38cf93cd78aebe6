from django.urls import path

import newsroom.converters  # noqa: F401  (<id:…> and <uslug:…>)
from articles import views
from articles.feedback import views as feedback

app_name = "articles"
urlpatterns = [
    path("", views.home, name="home"),
    path("latest/", views.LatestView.as_view(), name="latest"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("corrections/", views.CorrectionsView.as_view(), name="corrections"),
    path("section/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("tag/<uslug:slug>/", views.TagView.as_view(), name="tag"),
    path("archive/", views.ArchiveView.as_view(), name="archive"),
    path("archive/<int:year>/<int:month>/", views.ArchiveMonthView.as_view(), name="archive_month"),
    path(
        "archive/<int:year>/<int:month>/<int:day>/",
        views.ArchiveDayView.as_view(),
        name="archive_day",
    ),
    path("news/<id:code>/", views.article_detail, name="detail_no_slug"),
    path("news/<id:code>/<str:slug>/", views.article_detail, name="detail"),
    path("live/<id:code>.json", views.live_poll, name="live_poll"),
    path("live/<id:code>/", views.live_entries, name="live_entries"),
    path("seen/<id:code>.gif", views.article_seen, name="seen"),
    path("feedback/<id:code>/", feedback.feedback, name="feedback"),
    path("feedback/<id:code>/why/", feedback.feedback_follow_up, name="feedback_follow_up"),
    path("n/<id:code>", views.short_link, name="short"),
    path("n/<id:code>/", views.short_link),
    path("preview/<id:code>/", views.preview, name="preview"),
]
