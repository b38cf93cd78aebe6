"""What operations rely on: /healthz, one JSON line per request, a static storage that builds."""

import json
import logging

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.db.utils import OperationalError
from django.test import RequestFactory

from newsroom.serving.logs import JsonFormatter

pytestmark = pytest.mark.django_db


def test_healthz_is_200_when_database_and_cache_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_does_not(client, monkeypatch):
    from newsroom.serving import views

    def broken():
        raise OperationalError("connection refused")

    monkeypatch.setattr(views.connection, "cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_healthz_is_503_when_the_cache_does_not(client, monkeypatch):
    from newsroom.serving import views

    def broken(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr(views.cache, "check", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "unavailable"}


def test_each_request_is_logged_as_structured_fields(client, caplog):
    with caplog.at_level(logging.INFO, logger="newsroom.requests"):
        response = client.get("/no-such-page/", HTTP_X_REQUEST_ID="abc123")
    record = next(r for r in caplog.records if r.name == "newsroom.requests")
    assert (record.method, record.path, record.status) == ("GET", "/no-such-page/", 404)
    assert record.request_id == "abc123" == response["X-Request-ID"]
    assert record.duration_ms >= 0
    line = json.loads(JsonFormatter().format(record))
    assert line["status"] == 404 and line["path"] == "/no-such-page/" and line["level"] == "INFO"


def test_static_files_collect_with_hashed_names(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "newsroom.serving.storage.StaticStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())
    assert manifest["paths"]["newsroom/site.css"].startswith("newsroom/site.")
    assert (tmp_path / (manifest["paths"]["newsroom/site.css"] + ".gz")).exists()


def test_an_article_page_declares_exactly_the_bytes_it_sends(client, article):
    # gunicorn sends Content-Length bytes and no more: the comment form's fill-time stamp,
    # written in after CommonMiddleware measured the page, must not cut the page short.
    response = client.get(article.get_absolute_url())
    assert b'name="started"' in response.content
    assert int(response["Content-Length"]) == len(response.content)
    assert response.content.rstrip().endswith(b"</html>")


def test_a_head_request_hands_the_server_no_body(article):
    # The test client drops a HEAD's body itself, as a server should; gunicorn before 27
    # sent it. What the WSGI application hands the server must be headers only.
    started = {}
    environ = RequestFactory().head("/").environ
    # As the test client does: the request must not close the test's database connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        body = WSGIHandler()(environ, lambda status, headers: started.update(status=status))
        content = b"".join(body)
        body.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    assert started["status"] == "200 OK"
    assert content == b""
