"""The body editor. CKEditor 4 is staff-only here and every body is sanitised with nh3 when
stored and again when rendered, so its unmaintained status does not reach readers."""

from django.templatetags.static import static
from django.utils.functional import lazy

lazy_static = lazy(static, str)  # static files' addresses, known once the storage is set up
# The body's pictures go into the image library (articles.views.editor_upload and
# editor_browse stand in for django-ckeditor's views); this is where its uploader kept them
# before, each writer's in a folder named by their number: those bodies still show them.
CKEDITOR_UPLOAD_PATH = "uploads/by-user/"
CKEDITOR_RESTRICT_BY_USER = "pk"
CKEDITOR_IMAGE_BACKEND = "ckeditor_uploader.backends.PillowBackend"
CKEDITOR_ALLOW_NONIMAGE_FILES = False
CKEDITOR_CONFIGS = {
    "default": {
        "language": "fa",
        "contentsLangDirection": "rtl",
        "contentsLanguage": "fa",
        # The body in the site's own typeface, as readers will see it.
        "contentsCss": [
            lazy_static("ckeditor/ckeditor/contents.css"),
            lazy_static("newsroom/editor.css"),
        ],
        # Ours: sends Django's CSRF token with CKEditor's uploads (the folder is taken from
        # the file's address, hashed in production), and «جاسازی» (NewsroomEmbed), whose
        # allow-list the article form adds as newsroomEmbeds (articles/embeds.py).
        "external_plugin_resources": [
            ("newsroom", lazy_static("newsroom/ckeditor/newsroom/plugin.js"), "")
        ],
        "height": 420,
        "width": "100%",
        "toolbar": "Newsroom",
        "toolbar_Newsroom": [
            ["Format", "Bold", "Italic", "Underline", "Strike", "Subscript", "Superscript"],
            ["NumberedList", "BulletedList", "Blockquote", "-", "BidiRtl", "BidiLtr"],
            ["Link", "Unlink", "Image", "NewsroomEmbed", "Table", "HorizontalRule"],
            ["Undo", "Redo", "RemoveFormat", "Source", "Maximize"],
        ],
        "format_tags": "p;h2;h3;h4",
        "extraPlugins": "image2,newsroom",
        "removePlugins": "exportpdf,scayt,wsc",
        "disallowedContent": "script; *[on*]; *{*}",
    }
}
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001"]
