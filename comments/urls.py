from django.urls import path

import newsroom.converters  # noqa: F401  (<id:…>)
from comments import views

app_name = "comments"
urlpatterns = [
    path("comments/<id:code>/", views.post_comment, name="post"),
    path("comments/<id:code>/started/", views.started, name="started"),
    path("comments/reply/<id:comment_id>/", views.reply_form, name="reply"),
    path("comments/react/<id:comment_id>/", views.react, name="react"),
    path("comments/report/<id:comment_id>/", views.report, name="report"),
]
