"""A fake of each bot API and of the WebSub hub: an HTTP server in the test, on loopback,
that records every post and answers as the services do (or as a test tells it to)."""

import json
import threading
import urllib.parse
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command

PORTS = range(8310, 8330)


@dataclass
class Post:
    service: str  # telegram, bale, eitaa, hub
    method: str  # sendPhoto, sendMessage, or "" for the hub
    token: str
    fields: dict[str, list[str]]

    def field(self, name: str) -> str:
        return self.fields[name][0]


@dataclass
class FakeServices:
    port: int
    posts: list[Post] = field(default_factory=list)
    # Answers to give before the usual ones, per service: (status, JSON body or None, headers).
    answers: dict[str, deque] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    # Services whose next post hangs, unanswered and not taken, until `release` is set: as a
    # post whose answer never reached a worker that died waiting for it.
    stall: set[str] = field(default_factory=set)
    stalled: list[Post] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def answer_next(self, service: str, status: int, body=None, headers=None) -> None:
        self.answers.setdefault(service, deque()).append((status, body, headers or {}))

    def of(self, service: str) -> list[Post]:
        return [post for post in self.posts if post.service == service]


def _handler(services: FakeServices):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            fields = urllib.parse.parse_qs(self.rfile.read(length).decode())
            parts = self.path.strip("/").split("/")
            service = parts[0]
            token = parts[1].removeprefix("bot") if len(parts) > 2 else ""
            method = parts[2] if len(parts) > 2 else ""
            with services.lock:
                stall = service in services.stall
                services.stall.discard(service)
                if stall:
                    services.stalled.append(Post(service, method, token, fields))
            if stall:
                services.release.wait(timeout=60)
                self.send_response(503)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            with services.lock:
                waiting = services.answers.get(service)
                answer = waiting.popleft() if waiting else None
                services.posts.append(Post(service, method, token, fields))
                number = len(services.posts)
            if answer is None:
                if service == "hub":
                    answer = (204, None, {})
                else:
                    answer = (200, {"ok": True, "result": {"message_id": number}}, {})
            status, body, headers = answer
            payload = json.dumps(body).encode() if body is not None else b""
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture
def services(settings):
    """The three bots and the hub, configured and answering on a port of our range; the
    tasks go through the database backend, run by `db_worker` when a test says so."""
    server = None
    for port in PORTS:
        fake = FakeServices(port=port)
        try:
            server = ThreadingHTTPServer(("127.0.0.1", port), _handler(fake))
            break
        except OSError:
            continue
    assert server is not None, "no free port in 8310–8329"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.OUTBOX_CHANNELS = {
        name: {
            "token": f"{name}-token",
            "chat_id": f"@{name}_newsroom",
            "api_url": fake.url(f"{name}/bot{{token}}/"),
        }
        for name in ("telegram", "bale", "eitaa")
    }
    settings.WEBSUB_HUB_URL = fake.url("hub/")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.OUTBOX_TIMEOUT_SECONDS = 5
    yield fake
    fake.release.set()
    server.shutdown()
    server.server_close()


def run_worker() -> None:
    """`manage.py db_worker` until no task is due, as production runs it."""
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
