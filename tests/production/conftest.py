"""The production tier: the site as `make serve` runs it, spoken to from outside.

gunicorn (newsroom/gunicorn.conf.py, newsroom.wsgi) with DEBUG off, a real secret key,
whitenoise serving collected, hashed static files and a database of demo content; once
with a private Redis as the cache and once with the file cache a server without Redis
uses. Nothing here goes through Django's test client: requests are written to a socket
and the answer is read to the end, as a browser or a proxy would get it.
"""

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import redis

REPO = Path(__file__).resolve().parents[2]
SECRET_KEY = secrets.token_urlsafe(50)
WORKERS = 3
# What the tier's servers see of the environment besides what is set below.
IGNORED_ENV = {
    "DATABASE_URL",
    "DATABASE_REPLICA_URL",
    "REDIS_URL",
    "CACHE_DIR",
    "MEDIA_BUCKET",
    "RELEASE",
    "DJANGO_SETTINGS_MODULE",
    "PAGE_CACHE_SECONDS",
    "FRAGMENT_CACHE_SECONDS",
}

# The pages the checks visit, found in the demo database (printed as JSON).
SITE_MAP_SCRIPT = """
import json
from django.urls import reverse
from articles.models import Article
from articles.sitemaps import SITEMAPS
from newsroom.persian import jalali

published = Article.objects.published().order_by("-published_at")
commented = next(a for a in published if a.comments.approved().exists())
quiet = next(a for a in published if not a.comments.exists() and a.accepts_comments())
embedding = next(a for a in published if "data-embed" in a.body)
day = jalali.to_jalali(commented.published_at)  # a Tehran day, in Jalali
print(json.dumps({
    "article_with_comments": commented.get_absolute_url(),
    "article_with_comments_code": commented.code,
    "article_without_comments": quiet.get_absolute_url(),
    "article_with_embed": embedding.get_absolute_url(),
    "section": commented.section.get_absolute_url(),
    "section_slug": commented.section.slug,
    "tag": commented.tags.first().get_absolute_url(),
    "archive_day": reverse("articles:archive_day", args=(day.year, day.month, day.day)),
    "sitemap_section": reverse("sitemap_section", kwargs={"section": "articles"}),
    "sitemaps": sorted(SITEMAPS),
}))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop(process: subprocess.Popen | None, sig=signal.SIGTERM) -> None:
    """Stop a process this tier started, and what it started (its own session)."""
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, sig)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


# -- HTTP, read raw ---------------------------------------------------------------------


@dataclass
class Reply:
    status: int
    headers: dict[str, str]  # names in lower case
    body: bytes

    def header(self, name: str, default: str = "") -> str:
        return self.headers.get(name.lower(), default)


def request_bytes(
    path: str, method: str = "GET", headers: dict[str, str] | None = None, body: bytes = b""
) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    if body or method == "POST":
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def read_reply(conn: socket.socket, what: str) -> Reply:
    """Everything the server sends, to the end: gunicorn's sync workers close the connection
    after each answer, so a body longer or shorter than its Content-Length, or a body after
    a HEAD, shows here (http.client reads by the headers and would hide it)."""
    received = bytearray()
    while chunk := conn.recv(65536):
        received += chunk
    head, separator, rest = bytes(received).partition(b"\r\n\r\n")
    assert separator, f"{what}: no complete header block in {bytes(received)[:200]!r}"
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers: dict[str, str] = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        name, value = name.strip().lower(), value.strip()
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    return Reply(int(status_line.split()[1]), headers, rest)


def fetch(
    port: int,
    path: str,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    body: bytes = b"",
    timeout: float = 15,
) -> Reply:
    """One HTTP/1.1 request on its own connection, read raw."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as conn:
        conn.sendall(request_bytes(path, method, headers, body))
        return read_reply(conn, f"{method} {path}")


def healthy(port: int, process: subprocess.Popen, seconds: float) -> bool:
    """Whether /healthz on `port` answers 200 within `seconds`, while `process` lives."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if fetch(port, "/healthz", timeout=5).status == 200:
                return True
        except OSError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            return False
        time.sleep(0.1)


def accept_queue(port: int) -> int | None:
    """Connections waiting on the listening socket at `port` for a worker to take them."""
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, state, queues = fields[1], fields[3], fields[4]
        if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:  # LISTEN
            return int(queues.split(":")[1], 16)
    return None


# -- Redis --------------------------------------------------------------------------------


class RedisServer:
    """A private redis-server on a port of its own, to kill and start again at will."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url, socket_timeout=2)

    def start(self) -> "RedisServer":
        # No snapshots unless a test asks for one (SAVE); a dump that is there is loaded.
        self.process = subprocess.Popen(
            [
                *("redis-server", "--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no"),
                *("--dir", str(self.folder), "--dbfilename", "dump.rdb"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 20
        while True:
            try:
                self.client().ping()
                return self
            except redis.ConnectionError as exc:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError(f"redis-server did not start on port {self.port}") from exc
                time.sleep(0.05)

    def kill(self) -> None:
        """Gone at once, as a crashed server is: no shutdown, no snapshot."""
        stop(self.process, signal.SIGKILL)

    def pause(self) -> None:
        """Hung: connections are taken by the kernel, nothing is answered."""
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        os.kill(self.process.pid, signal.SIGCONT)

    def flush(self) -> None:
        self.client().flushall()


# -- The site -----------------------------------------------------------------------------


@dataclass
class Built:
    """A database of demo content and the collected static files, built once a session."""

    folder: Path
    database: Path
    static: Path
    media: Path
    pages: dict

    def env(self) -> dict[str, str]:
        environment = {k: v for k, v in os.environ.items() if k not in IGNORED_ENV}
        environment.update(
            DJANGO_SETTINGS_MODULE="tests.production.settings",
            DEBUG="0",
            SECRET_KEY=SECRET_KEY,
            SECURE_SSL_REDIRECT="0",
            SECURE_COOKIES="0",
            STATIC_ROOT=str(self.static),
            MEDIA_ROOT=str(self.media),
            DATABASE_URL=f"sqlite:///{self.database}",
            LOG_LEVEL="INFO",
            LOG_FORMAT="json",
            PYTHONUNBUFFERED="1",
        )
        return environment


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stdout}{result.stderr}"
    return result.stdout


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Built:
    folder = tmp_path_factory.mktemp("production")
    site = Built(
        folder=folder,
        database=folder / "template.sqlite3",
        static=folder / "static",
        media=folder / "media",
        pages={},
    )
    env = {
        **site.env(),
        "DJANGO_SUPERUSER_USERNAME": "owner",
        "DJANGO_SUPERUSER_EMAIL": "owner@example.com",
        "DJANGO_SUPERUSER_PASSWORD": secrets.token_urlsafe(16),
        "LOG_LEVEL": "WARNING",
        "REDIS_URL": "",
        "CACHE_DIR": str(folder / "build-cache"),
    }
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "createsuperuser", "--noinput")  # load_demo's author when DEBUG is off
    manage(env, "load_demo")
    site.pages = json.loads(manage(env, "shell", "-c", SITE_MAP_SCRIPT).strip().splitlines()[-1])
    return site


@dataclass
class Server:
    """gunicorn serving a copy of the built database, with its log at hand."""

    built: Built
    folder: Path
    cache: str  # "redis" or "files"
    redis: RedisServer | None = None
    workers: int = WORKERS
    extra_env: dict = field(default_factory=dict)
    port: int = 0
    process: subprocess.Popen | None = None

    @property
    def pages(self) -> dict:
        return self.built.pages

    @property
    def log_path(self) -> Path:
        return self.folder / "gunicorn.log"

    def start(self) -> "Server":
        self.folder.mkdir(parents=True, exist_ok=True)
        database = self.folder / "db.sqlite3"
        if not database.exists():
            shutil.copy(self.built.database, database)
        self.port = free_port()
        env = self.built.env()
        env.update(
            DATABASE_URL=f"sqlite:///{database}",
            CACHE_DIR=str(self.folder / "cache"),
            REDIS_URL=self.redis.url if self.redis else "",
            PORT=str(self.port),
            WEB_CONCURRENCY=str(self.workers),
            GUNICORN_MAX_REQUESTS="0",  # the same workers throughout: the checks count them
            **self.extra_env,
        )
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "newsroom/gunicorn.conf.py", "newsroom.wsgi"],
            cwd=REPO,
            env=env,
            stdout=self.log_path.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        if not healthy(self.port, self.process, seconds=60):
            self.stop()
            raise RuntimeError(f"gunicorn did not come up:\n{self.log()}")
        return self

    def stop(self) -> None:
        stop(self.process)

    def get(self, path: str, **kwargs) -> Reply:
        return fetch(self.port, path, **kwargs)

    def on_each_worker(self, path: str, **kwargs) -> list[Reply]:
        """The same request to every worker at once, each its worker's next request.

        A sync worker that has taken a connection waits for the whole request and takes no
        other: every request is held half-sent until no connection waits to be taken, so
        each worker holds one, and then all are finished.
        """
        raw = request_bytes(path, **kwargs)
        head, tail = raw[:20], raw[20:]
        conns = [
            socket.create_connection(("127.0.0.1", self.port), timeout=15)
            for _ in range(self.workers)
        ]
        try:
            for conn in conns:
                conn.sendall(head)
            deadline = time.monotonic() + 10
            while accept_queue(self.port) != 0:
                assert time.monotonic() < deadline, "the workers did not take a connection each"
                time.sleep(0.01)
            for conn in conns:
                conn.sendall(tail)
            return [read_reply(conn, path) for conn in conns]
        finally:
            for conn in conns:
                conn.close()

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def log_lines(self) -> list[dict]:
        """The JSON lines the server wrote (one per request, and warnings)."""
        lines = []
        for line in self.log().splitlines():
            if line.startswith("{"):
                with contextlib.suppress(json.JSONDecodeError):
                    lines.append(json.loads(line))
        return lines

    def request_line(self, request_id: str) -> dict:
        """The request log's line for the request sent with this X-Request-ID."""
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            for line in self.log_lines():
                if line.get("request_id") == request_id and "status" in line:
                    return line
            time.sleep(0.05)
        raise AssertionError(f"no request log line for {request_id}")

    def clear_cache(self) -> None:
        if self.redis is not None:
            self.redis.flush()
        else:
            shutil.rmtree(self.folder / "cache", ignore_errors=True)


def start_server(built: Built, folder: Path, cache: str, **kwargs) -> Server:
    if cache == "redis" and shutil.which("redis-server") is None:
        pytest.skip("redis-server not found (apt-get install redis-server): no Redis half")
    redis_server = RedisServer(folder / "redis").start() if cache == "redis" else None
    try:
        return Server(built, folder, cache, redis=redis_server, **kwargs).start()
    except BaseException:
        if redis_server:
            redis_server.kill()
        raise


def stop_server(server: Server) -> None:
    server.stop()
    if server.redis is not None:
        server.redis.kill()


@pytest.fixture(scope="session", params=["redis", "files"])
def server(request, built, tmp_path_factory):
    """The site on gunicorn: with a private Redis, and on the file cache (no Redis)."""
    running = start_server(built, tmp_path_factory.mktemp(f"site-{request.param}"), request.param)
    yield running
    stop_server(running)


# -- Load ---------------------------------------------------------------------------------


class Load:
    """Readers asking for pages, a few at a time, until stopped; every answer counted."""

    def __init__(self, server: Server, paths: Iterable[str], readers: int = 4):
        self.server = server
        self.paths = list(paths)
        self.readers = readers
        self.statuses: Counter = Counter()
        self.failures: list[str] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def _read(self, offset: int) -> None:
        index = offset
        while not self._stop.is_set():
            path = self.paths[index % len(self.paths)]
            index += 1
            try:
                reply = self.server.get(path, headers={"User-Agent": "Mozilla/5.0 (tier)"})
                failure = f"{path}: {reply.status}" if reply.status >= 500 else None
                status = reply.status
            except OSError as exc:
                failure, status = f"{path}: {exc!r}", "error"
            with self._lock:
                self.statuses[status] += 1
                if failure:
                    self.failures.append(failure)

    def total(self) -> int:
        with self._lock:
            return sum(self.statuses.values())

    def __enter__(self) -> "Load":
        for offset in range(self.readers):
            thread = threading.Thread(target=self._read, args=(offset,), daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=30)


def new_request_id() -> str:
    return uuid.uuid4().hex


STARTED_INPUT = re.compile(rb'(<input\b[^>]*\bname="started"[^>]*>)')
STARTED_VALUE = re.compile(rb'\bvalue="[^"]*"')


def mask_fill_time(body: bytes) -> bytes:
    """The comment form's fill-time stamp differs in every response by design."""
    return STARTED_INPUT.sub(lambda m: STARTED_VALUE.sub(b'value="(masked)"', m.group(1)), body)


# -- The edge -------------------------------------------------------------------------------


@dataclass
class Varnish:
    """varnishd with newsroom/serving/edge.vcl in front of a Server, as `make serve-edge`."""

    folder: Path
    port: int
    origin_port: int = 0
    process: subprocess.Popen | None = None

    def start(self, origin_port: int) -> "Varnish":
        from newsroom.serving import varnish

        self.origin_port = origin_port
        self.folder.mkdir(parents=True, exist_ok=True)
        self.process = varnish.start(
            self.port,
            origin_port,
            self.folder,
            stdout=(self.folder / "varnish.log").open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        if not healthy(self.port, self.process, seconds=30):
            self.stop()
            log = (self.folder / "varnish.log").read_text(errors="replace")
            raise RuntimeError(f"varnishd did not come up:\n{log}")
        return self

    def pause(self) -> None:
        """Hung, manager and child: connections are taken by the kernel, nothing answers."""
        os.killpg(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        os.killpg(self.process.pid, signal.SIGCONT)

    def stop(self) -> None:
        stop(self.process)

    def get(self, path: str, **kwargs) -> Reply:
        return fetch(self.port, path, **kwargs)


def start_edge(built: Built, folder: Path) -> tuple[Varnish, Server]:
    """gunicorn purging a Varnish in front of it, as `make serve-edge` runs them."""
    from newsroom.serving import varnish

    if missing := varnish.missing():
        pytest.skip(f"{missing}: no edge tier")
    edge = Varnish(folder / "varnish", free_port())
    origin = Server(
        built,
        folder / "origin",
        "files",
        extra_env={
            "EDGE_PURGER": "newsroom.pagecache.edge.XkeyPurger",
            "EDGE_PURGE_URLS": f"http://127.0.0.1:{edge.port}",
            "EDGE_PURGE_RETRY_SECONDS": "0.5",
        },
    ).start()
    try:
        edge.start(origin.port)
    except BaseException:
        origin.stop()
        raise
    return edge, origin


def origin_shell(server: Server, code: str) -> str:
    """Python run by manage.py shell against the server's database, with its settings: an
    editor's change made on another app server, purging the edge as the site does."""
    env = server.built.env()
    env.update(
        DATABASE_URL=f"sqlite:///{server.folder / 'db.sqlite3'}",
        CACHE_DIR=str(server.folder / "cache"),
        LOG_FORMAT="plain",
        **server.extra_env,
    )
    return manage(env, "shell", "-c", code)
