"""The body editor. CKEditor 4 is staff-only here and every body is sanitised with nh3 when
stored and again when rendered, so its unmaintained status does not reach readers."""

from django.templatetags.static import static
from django.utils.functional import lazy

lazy_static = lazy(static, str)  # static files' addresses, known once the storage is set up
# Each writer's images in a folder named by their number (not their username, which may be
# «..»), apart from the dated folders of earlier uploads: the server browser shows a
# reporter their own images, and editors everyone's (articles.views.editor_browse).
CKEDITOR_UPLOAD_PATH = "uploads/by-user/"
CKEDITOR_RESTRICT_BY_USER = "pk"
CKEDITOR_IMAGE_BACKEND = "ckeditor_uploader.backends.PillowBackend"
CKEDITOR_ALLOW_NONIMAGE_FILES = False
# Ours, not django-ckeditor's: the largest body image a writer may upload, in bytes.
CKEDITOR_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
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
