from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from articles import views as article_views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("ckeditor/upload/", article_views.editor_upload, name="ckeditor_upload"),
    path("ckeditor/browse/", article_views.editor_browse, name="ckeditor_browse"),
    path("", include("comments.urls")),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
