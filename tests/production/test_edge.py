"""Varnish in front of gunicorn, as `make serve-edge` runs them: pages kept at the edge,
purged exactly when they change, and slow clients kept off the origin."""

import html
import json
import socket
import threading
import time

import pytest

from tests.production.conftest import fetch, new_request_id, origin_shell, start_edge, stop

pytestmark = pytest.mark.production

BROWSER = {"User-Agent": "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/130"}


@pytest.fixture(scope="module")
def edge_site(built, tmp_path_factory):
    edge, origin = start_edge(built, tmp_path_factory.mktemp("edge"))
    yield edge, origin
    edge.stop()
    origin.stop()


def origin_reads(origin, path: str) -> int:
    """Requests for `path` the origin has answered, every one logged before it is counted."""
    marker = new_request_id()
    origin.get("/healthz", headers={"X-Request-ID": marker})
    origin.request_line(marker)
    return sum(1 for line in origin.log_lines() if line.get("path") == path and "status" in line)


def kept(edge, path: str) -> bytes:
    """The page as the edge keeps it: read until the edge answers from its memory."""
    for _ in range(3):
        reply = edge.get(path)
        assert reply.status == 200, path
        if reply.header("X-Cache") == "HIT":
            return reply.body
    raise AssertionError(f"the edge does not keep {path}")


def clear_of_the_rankings_clock() -> None:
    """Pages leave the edge when the rankings' five minutes turn: not in the middle of a count."""
    if time.time() % 300 > 290:
        time.sleep(300 - time.time() % 300 + 0.5)


def test_after_warming_a_thousand_reads_of_the_home_page_reach_the_origin_at_most_once(edge_site):
    edge, origin = edge_site
    clear_of_the_rankings_clock()
    kept(edge, "/")
    before = origin_reads(origin, "/")
    statuses = {edge.get("/").status for _ in range(1000)}
    assert statuses == {200}
    assert origin_reads(origin, "/") - before <= 1


def test_pages_carry_no_surrogate_headers_to_browsers_and_still_revalidate(edge_site):
    edge, _ = edge_site
    reply = edge.get("/")
    assert not [name for name in reply.headers if name.startswith(("surrogate", "xkey"))]
    assert "no-cache" in reply.header("Cache-Control")
    again = edge.get("/", headers={"If-None-Match": reply.header("ETag")})
    assert (again.status, again.body) == (304, b"")


def test_a_page_the_edge_keeps_keeps_its_own_frame_policy(edge_site):
    """Only the page that embeds a video may frame its provider, when the edge answers too."""
    edge, origin = edge_site
    clear_of_the_rankings_clock()
    embedding = origin.pages["article_with_embed"]
    kept(edge, embedding)
    kept(edge, "/")
    page, home = edge.get(embedding), edge.get("/")
    assert page.header("X-Cache") == home.header("X-Cache") == "HIT"
    directives = page.header("Content-Security-Policy").split("; ")
    assert "frame-src 'self' https://www.aparat.com" in directives
    assert "frame-src" not in home.header("Content-Security-Policy")


def test_the_reader_language_does_not_split_the_edge_and_staff_pass(edge_site):
    edge, _ = edge_site
    kept(edge, "/")
    english = edge.get("/", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert english.header("X-Cache") == "HIT"
    staff = edge.get("/", headers={"Cookie": "sessionid=whoever"})
    assert staff.header("X-Cache") == "MISS"
    assert "private" in staff.header("Cache-Control")


def test_a_publish_shows_on_the_very_next_read_through_the_edge(edge_site):
    edge, origin = edge_site
    assert b"<html" in kept(edge, "/")
    title = origin_shell(
        origin,
        "from django.contrib.auth import get_user_model\n"
        "from articles.models import Article\n"
        "a = Article.objects.exclude(status=Article.Status.PUBLISHED).first()\n"
        "a.publish(by=get_user_model().objects.get(username='owner'))\n"
        "print(a.title)",
    ).splitlines()[-1]
    assert html.escape(title).encode() in edge.get("/").body


def views_counted(origin, code: int) -> int:
    return int(
        origin_shell(
            origin,
            "from django.db.models import Sum\n"
            "from articles.models import ViewCount\n"
            f"rows = ViewCount.objects.filter(article__code={code})\n"
            "print(rows.aggregate(n=Sum('views'))['n'] or 0)",
        ).split()[-1]  # the shell says what it imported first
    )


def test_every_read_the_edge_answers_is_counted_by_the_page_beacon(edge_site):
    """«پربازدیدترین» behind the edge: a page the origin never sees is still a view."""
    edge, origin = edge_site
    path = origin.pages["article_with_comments"]
    code = origin.pages["article_with_comments_code"]
    beacon = f"/seen/{code}.gif"
    clear_of_the_rankings_clock()
    assert f'src="{beacon}"'.encode() in kept(edge, path)
    counted, asked = views_counted(origin, code), origin_reads(origin, beacon)
    for _ in range(5):
        assert edge.get(path, headers=BROWSER).header("X-Cache") == "HIT"
        pixel = edge.get(beacon, headers=BROWSER)
        assert pixel.status == 200 and pixel.header("Content-Type") == "image/gif"
        assert pixel.header("X-Cache") == "MISS"
    assert origin_reads(origin, beacon) - asked == 5
    deadline = time.monotonic() + 30  # the workers write their counts every few seconds
    while views_counted(origin, code) < counted + 5:
        assert time.monotonic() < deadline, "the beacon's views never reached the database"
        time.sleep(1)
    assert views_counted(origin, code) == counted + 5


def test_a_comment_approved_shows_on_the_very_next_read_through_the_edge(edge_site):
    edge, origin = edge_site
    path = origin.pages["article_with_comments"]
    text = "نظری که همین حالا تأیید شد"
    origin_shell(
        origin,
        "from articles.models import Article\n"
        "from comments.models import Comment\n"
        f"a = Article.objects.get(code={origin.pages['article_with_comments_code']})\n"
        f"Comment.objects.create(article=a, name='خواننده', text='{text}')\n",
    )
    assert text.encode() not in kept(edge, path)
    origin_shell(
        origin,
        "from django.contrib.auth import get_user_model\n"
        "from comments.models import Comment\n"
        f"Comment.objects.filter(text='{text}').set_status(Comment.Status.APPROVED,"
        " by=get_user_model().objects.get(username='owner'))",
    )
    assert text.encode() in edge.get(path).body


def test_a_bulk_delete_shows_on_the_very_next_read_through_the_edge(edge_site):
    edge, origin = edge_site
    path = origin.pages["article_without_comments"]
    kept(edge, path)
    # The admin's «حذف» of the chosen rows: one queryset.delete().
    origin_shell(
        origin,
        "from articles.models import Article\n"
        f"Article.objects.filter(pk__in=[Article.objects.get(code={path.split('/')[2]}).pk])"
        ".delete()",
    )
    assert edge.get(path).status == 404


def test_a_rename_shows_on_the_very_next_read_through_the_edge(edge_site):
    edge, origin = edge_site
    path = origin.pages["tag"]
    kept(edge, path)
    kept(edge, "/")
    name = "سرویسِ نامِ تازه"
    origin_shell(
        origin,
        "from articles.models import Section\n"
        f"s = Section.objects.get(slug='{origin.pages['section_slug']}')\n"
        f"s.name = '{name}'\n"
        "s.save()",
    )
    assert name.encode() in edge.get(path).body
    assert name.encode() in edge.get("/").body


def test_a_breaking_bar_shows_through_the_edge_at_once_and_leaves_it_at_its_end(edge_site):
    edge, origin = edge_site
    clear_of_the_rankings_clock()
    kept(edge, "/")
    line = "خبر فوری آزمون لبه"
    origin_shell(
        origin,
        "import datetime\n"
        "from django.utils import timezone\n"
        "from articles.models import BreakingNews\n"
        f"BreakingNews.objects.create(text='{line}', "
        "ends_at=timezone.now() + datetime.timedelta(seconds=8))",
    )
    assert line.encode() in edge.get("/").body  # purged: the very next read
    assert line.encode() in kept(edge, "/")  # and kept with it, until its end
    time.sleep(9)
    assert line.encode() not in edge.get("/").body


def test_a_purge_the_edge_missed_is_sent_again_when_it_answers(edge_site):
    edge, origin = edge_site
    path = origin.pages["section"]
    kept(edge, path)
    name = "سرویس در غیاب لبه"
    edge.pause()
    try:
        said = origin_shell(
            origin,
            "import json\n"
            "from articles.models import Section\n"
            "from newsroom.models import EdgePurge\n"
            f"s = Section.objects.get(slug='{origin.pages['section_slug']}')\n"
            f"s.name = '{name}'\n"
            "s.save()\n"
            "print(json.dumps(sorted(EdgePurge.objects.values_list('key', flat=True))))",
        )
    finally:
        edge.resume()
    assert json.loads(said.strip().splitlines()[-1]) == ["content", "names"]  # kept, not lost
    deadline = time.monotonic() + 20
    while name.encode() not in edge.get(path).body:
        assert time.monotonic() < deadline, "the kept purge never reached the edge"
        time.sleep(0.2)
    while "The edge took the purges kept before" not in origin.log():  # and said so
        assert time.monotonic() < deadline, "the retry was not logged"
        time.sleep(0.2)


# -- Slow clients -------------------------------------------------------------------------


def half_sent_post(port: int, code: int) -> socket.socket:
    """A vote that stops halfway through its body (a reader form reads its body whole)."""
    conn = socket.create_connection(("127.0.0.1", port), timeout=30)
    conn.sendall(
        f"POST /feedback/{code}/ HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode()
        + b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 4000\r\n\r\n"
        + b"answer=yes&note="
        + b"x" * 1984
    )
    return conn


def slow_reader(port: int, path: str, stop_reading: threading.Event, read: list) -> None:
    """A reader on a bad line: a byte a second."""
    with socket.socket() as conn:
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
        conn.settimeout(30)
        conn.connect(("127.0.0.1", port))
        conn.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        while not stop_reading.is_set():
            if not conn.recv(1):
                return
            read.append(1)
            stop_reading.wait(1)


def test_slow_bodies_and_slow_readers_leave_the_origin_free(edge_site):
    # Six half-sent bodies once held gunicorn's sync workers and /healthz for 37 s.
    edge, origin = edge_site
    path = origin.pages["article_with_comments"]
    stop_reading, read = threading.Event(), []
    senders = [
        half_sent_post(edge.port, origin.pages["article_with_comments_code"]) for _ in range(8)
    ]
    readers = [
        threading.Thread(target=slow_reader, args=(edge.port, path, stop_reading, read))
        for _ in range(8)
    ]
    for reader in readers:
        reader.start()
    try:
        for _ in range(10):
            started = time.monotonic()
            assert edge.get("/healthz", timeout=5).status == 200
            assert origin.get("/healthz", timeout=5).status == 200
            assert time.monotonic() - started < 1
            time.sleep(0.3)
        # They were all still there, taking their time.
        for conn in senders:
            conn.setblocking(False)
            with pytest.raises(BlockingIOError):
                conn.recv(1)
        assert all(reader.is_alive() for reader in readers) and read
    finally:
        stop_reading.set()
        for conn in senders:
            conn.close()
        for reader in readers:
            reader.join(timeout=5)


def test_without_the_edge_the_same_slow_bodies_hold_the_origin(built, tmp_path_factory):
    """Why the edge is in front: gunicorn's sync workers wait on a half-sent body each."""
    from tests.production.conftest import Server

    origin = Server(built, tmp_path_factory.mktemp("bare"), "files", workers=2).start()
    senders = [
        half_sent_post(origin.port, origin.pages["article_with_comments_code"]) for _ in range(4)
    ]
    try:
        with pytest.raises(TimeoutError):
            fetch(origin.port, "/healthz", timeout=2)
    finally:
        for conn in senders:
            conn.close()
        stop(origin.process)
