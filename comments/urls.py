from django.urls import path

from comments import views

app_name = "comments"
urlpatterns = [
    path("comments/<int:code>/", views.post_comment, name="post"),
    path("comments/reply/<int:comment_id>/", views.reply_form, name="reply"),
    path("comments/react/<int:comment_id>/", views.react, name="react"),
    path("comments/report/<int:comment_id>/", views.report, name="report"),
]
