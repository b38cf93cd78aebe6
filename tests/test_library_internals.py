"""Where the newsroom leans on what a library does not promise, each such thing is pinned
here: an upgrade that changes one fails its test, which names the code to look at again.

Everything else uses the libraries' public APIs. What is pinned: copies of Django's admin
templates and of CKEditor's Persian that we keep corrected; the attribute by which Django's
CSP middleware takes a response's own policy; the django-simple-history hooks that keep one
revision per version; django-ckeditor's file browser's search form; Django's admin changelist
helpers; the hashed-name hook of the static files storage; django-redis's method signatures;
the ORM compiler's conversion of rows read by plain SQL.
"""

import hashlib
import inspect
from pathlib import Path

import ckeditor
import django
import pytest
from ckeditor_uploader import forms as ckeditor_forms
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.contrib.auth.forms import SetUnusablePasswordMixin
from django.contrib.staticfiles.storage import HashedFilesMixin
from django.http import HttpResponse
from django.middleware.csp import ContentSecurityPolicyMiddleware
from django.test import RequestFactory
from django.utils.csp import CSP
from django_redis.cache import RedisCache as DjangoRedisCache
from django_redis.client import DefaultClient
from simple_history.models import HistoricalRecords

from articles.models import Article
from newsroom.serving.storage import StaticStorage

ROOT = Path(__file__).resolve().parent.parent
DJANGO_ADMIN = Path(django.__file__).parent / "contrib/admin/templates/admin"
CKEDITOR = Path(ckeditor.__file__).parent / "static/ckeditor/ckeditor"

# Our copy → the library's file it was made from, and that file's sha256 then. When the
# library changes the file, carry its change into our copy and write the new digest here.
COPIES = {
    "templates/admin/actions.html": (DJANGO_ADMIN / "actions.html", "9b1499d0fad3636b"),
    "templates/admin/change_list_results.html": (
        DJANGO_ADMIN / "change_list_results.html",
        "165b86b603f97e32",
    ),
    "templates/admin/includes/object_delete_summary.html": (
        DJANGO_ADMIN / "includes/object_delete_summary.html",
        "382ed584a4227339",
    ),
    "templates/admin/object_history.html": (
        DJANGO_ADMIN / "object_history.html",
        "37b43b8571d4fa5c",
    ),
    "templates/admin/pagination.html": (DJANGO_ADMIN / "pagination.html", "a50313922facefca"),
    "templates/admin/search_form.html": (DJANGO_ADMIN / "search_form.html", "6ef977578a62cb23"),
    "newsroom/static/ckeditor/ckeditor/lang/fa.js": (CKEDITOR / "lang/fa.js", "93c82fde9e189bee"),
    "newsroom/static/ckeditor/ckeditor/plugins/image2/lang/fa.js": (
        CKEDITOR / "plugins/image2/lang/fa.js",
        "9271c20af22b336d",
    ),
    "newsroom/static/ckeditor/ckeditor/plugins/widget/lang/fa.js": (
        CKEDITOR / "plugins/widget/lang/fa.js",
        "b5f298cef451f572",
    ),
}


@pytest.mark.parametrize("ours", sorted(COPIES))
def test_our_copies_are_of_the_libraries_files_as_they_are(ours):
    original, digest = COPIES[ours]
    assert (ROOT / ours).exists()
    assert original.exists(), f"{original} is gone: {ours} no longer replaces anything"
    assert hashlib.sha256(original.read_bytes()).hexdigest()[:16] == digest, (
        f"{original} changed: bring its change into {ours}, then update the digest here"
    )


def test_djangos_csp_middleware_takes_a_responses_own_policy_from_csp_config():
    # newsroom/middleware.py gives staff pages ADMIN_CSP this way, as @csp_override does.
    response = HttpResponse()
    response._csp_config = {"default-src": [CSP.NONE]}
    middleware = ContentSecurityPolicyMiddleware(lambda request: response)
    request = RequestFactory().get("/admin/")
    middleware.process_request(request)
    middleware.process_response(request, response)
    assert response.headers[CSP.HEADER_ENFORCE] == "default-src 'none'"


def parameters(function) -> list[str]:
    return list(inspect.signature(function).parameters)


def test_simple_history_hooks_that_keep_one_revision_per_version():
    # articles/models/article.py, ArticleRevisions.
    assert parameters(HistoricalRecords.m2m_changed)[:6] == [
        "self",
        "instance",
        "action",
        "attr",
        "pk_set",
        "reverse",
    ]
    assert parameters(HistoricalRecords.create_historical_record_m2ms) == [
        "self",
        "history_instance",
        "instance",
    ]
    assert parameters(HistoricalRecords.get_meta_options_m2m) == ["self", "through_model"]
    # ArticleRevisions.finalize and gallery_changed: the gallery's rows join a revision.
    assert parameters(HistoricalRecords.finalize)[:2] == ["self", "sender"]
    assert parameters(HistoricalRecords.create_historical_record)[:3] == [
        "self",
        "instance",
        "history_type",
    ]
    tags = Article._meta.get_field("tags")
    gallery = Article._meta.get_field("gallery")
    assert set(Article.history.model._history_m2m_fields) == {tags, gallery}
    assert HistoricalRecords.m2m_models[tags]._meta.model_name == "historicalarticle_tags"
    assert HistoricalRecords.m2m_models[gallery]._meta.model_name == "historicalgalleryitem"


def test_django_ckeditors_search_form_as_editor_browse_uses_it():
    # articles/views/pages.py, editor_browse: its search box is django-ckeditor's form.
    assert list(ckeditor_forms.SearchForm().fields) == ["q"]


def test_djangos_admin_changelist_helpers():
    # articles/admin/report.py, newsroom/admin.py, comments/admin.py.
    assert ORDER_VAR == "o"
    assert "exclude_parameters" in parameters(ChangeList.get_queryset)
    assert parameters(ChangeList.get_query_string)[1:3] == ["new_params", "remove"]
    assert parameters(add_preserved_filters)[:2] == ["context", "url"]
    assert issubclass(IncorrectLookupParameters, Exception)
    assert str(SetUnusablePasswordMixin.usable_password_help_text)


def test_the_static_storage_can_leave_a_missing_css_reference_as_it_is():
    # newsroom/storage.py: Django raises ValueError for a file that is not there.
    assert parameters(HashedFilesMixin.hashed_name) == ["self", "name", "content", "filename"]
    storage = StaticStorage()
    assert storage.hashed_name("newsroom/no-such-image.png") == "newsroom/no-such-image.png"


def test_django_redis_methods_the_forgiving_cache_wraps():
    # newsroom/serving/cache.py passes get's and incr's arguments on by position.
    assert parameters(DjangoRedisCache.get)[:5] == ["self", "key", "default", "version", "client"]
    # Its incr and decr hand everything to the client's.
    assert parameters(DefaultClient.incr)[:3] == ["self", "key", "delta"]
    assert parameters(DefaultClient.decr)[:3] == ["self", "key", "delta"]


def test_djangos_tabular_inline_as_the_gallerys_inline_copies_it():
    # templates/admin/articles/article/gallery_inline.html is Django's tabular inline with
    # its two empty header cells named; a change to Django's (a fix, say) is to be carried
    # into ours.
    tabular = Path(django.__file__).parent / "contrib/admin/templates/admin/edit_inline"
    text = (tabular / "tabular.html").read_text(encoding="utf-8")
    assert hashlib.sha256(text.encode()).hexdigest()[:16] == "c86c726f3adcd10d"


@pytest.mark.django_db
def test_djangos_compiler_converts_rows_read_by_plain_sql(article):
    # newsroom/compiled.py: a compiled values_list() query's rows, read by its own cursor,
    # go through SQLCompiler.results_iter(rows, tuple_expected=True) as the ORM's own do.
    from django.db.models.sql.compiler import SQLCompiler

    from newsroom.compiled import Rows

    assert parameters(SQLCompiler.results_iter)[:3] == ["self", "results", "tuple_expected"]
    rows = Rows(Article.objects.filter(pk=article.pk).values_list("published_at", "is_featured"))
    assert rows.read({}) == [(article.published_at, article.is_featured)]


def test_djangos_database_wrapper_makes_its_cursors_as_the_prepared_reads_do():
    # newsroom/compiled.py `prepared()`: Django's wrapper around a cursor of our own.
    from django.db.backends.base.base import BaseDatabaseWrapper

    assert parameters(BaseDatabaseWrapper.make_debug_cursor) == ["self", "cursor"]
    assert parameters(BaseDatabaseWrapper.make_cursor) == ["self", "cursor"]
    assert isinstance(BaseDatabaseWrapper.queries_logged, property)
    try:
        from django.db.backends.postgresql.base import ServerBindingCursor
    except ImportError:  # psycopg is always installed here; say so if it is not
        pytest.fail("psycopg 3 is needed for PostgreSQL")
    assert "prepare" in parameters(ServerBindingCursor.execute)
