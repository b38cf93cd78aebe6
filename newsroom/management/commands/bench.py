"""`make bench`: pages under load, on this machine, now. A benchmark, not a test.

gunicorn serves a throwaway database on loopback and wrk drives it. Every figure is also
given as a ratio to a bare Django view measured on the same server in the same run, so
the table means something on a noisy machine.
"""

import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tqdm import tqdm

from articles import plugins
from articles.models import Article, HomePin
from articles.popularity import counting
from newsroom.pagecache.versions import content_changed
from newsroom.serving.bench import VOTE_SCRIPT, Result, Server, parse_wrk, poll_readers

# The public API's first page of articles (articles/api/).
API_LIST = "/api/v1/articles/"


class Command(BaseCommand):
    help = "Measures throughput and latency of the main pages with gunicorn and wrk."

    def add_arguments(self, parser):
        parser.add_argument("--small", type=int, default=1000, help="articles for most runs")
        parser.add_argument(
            "--large", type=int, default=100_000, help="articles for the growth run"
        )
        parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
        parser.add_argument("--connections", type=int, default=8)
        parser.add_argument(
            "--workers",
            type=int,
            default=2 * os.cpu_count() + 1,
            help="gunicorn workers (default: as `make serve`, 2 × CPUs + 1)",
        )
        parser.add_argument("--port", type=int, default=8799)
        parser.add_argument(
            "--postgres",
            default=os.environ.get("BENCH_POSTGRES_URL", ""),
            help="a PostgreSQL database to measure search on too (made afresh; empty: none)",
        )
        parser.add_argument(
            "--only",
            choices=["search", "inprocess", "api", "live"],
            help="only these rows: search (from the page cache and without, on SQLite and "
            "PostgreSQL, and in one process at both sizes); inprocess (the in-process "
            "timings alone: no gunicorn, no wrk, quicker and steadier); api (the public "
            "API's article list and article, from the page cache and without); live (the "
            "live article's poll alone)",
        )
        parser.add_argument(
            "--live-duration",
            type=int,
            default=60,
            help="seconds of the live row (readers polling every 15 s, an entry every 10 s)",
        )
        parser.add_argument("--live-readers", type=int, default=1000)

    def handle(self, *args, **options):
        if not settings.BENCH:
            raise CommandError("Run it through `make bench` (BENCH=1 and a throwaway database).")
        if options["only"] == "inprocess":
            self.options = options
            self.in_process_only()
            return
        self.wrk = shutil.which("wrk")
        if not self.wrk:
            raise CommandError("wrk is needed: apt-get install wrk (or brew install wrk).")
        self.options = options
        self.rows: list[tuple] = []
        self.desk_medians: dict[str, float] = {}
        self.postgres_search: dict[str, Result] = {}
        if options["only"] == "search":
            self.search_only()
            return
        if options["only"] == "api":
            self.api_only()
            return
        if options["only"] == "live":
            self.live_only()
            return
        steps = tqdm(total=8, desc="bench", unit="step", file=sys.stderr)

        cache.clear()
        call_command("migrate", verbosity=0)
        call_command("generate_articles", count=options["small"], verbosity=0)
        empty, heavy = self.prepare_articles()
        query = self.search_query()
        pages = {
            "home": "/",
            "section": "/section/politics/",
            "article, 0 comments": empty.get_absolute_url(),
            "article, 500 comments": heavy.get_absolute_url(),
            "search": f"/search/?{query}",
            "api: articles": API_LIST,
        }
        queries = {name: self.count_queries(url) for name, url in pages.items()}
        hits = {name: self.count_queries(url, cached=True) for name, url in pages.items()}
        warm_parts = {name: self.count_queries(url, cold=False) for name, url in pages.items()}
        self.rebuilds = {"small": self.measure_rebuilds(pages)}
        steps.update()

        measured = {}
        with Server(options["port"], options["workers"], PAGE_CACHE_SECONDS=300) as server:
            bare = self.load(server, "/bench/bare/")
            measured["bare (cached run)"] = bare
            for name, url in pages.items():
                measured[f"{name} (cached)"] = self.load(server, url, warm=True)
            measured["vote POST"] = self.load(server, f"/feedback/{empty.code}/", post=True)
            measured["home (publishing 1/s)"] = self.load_while_publishing(server, "/")
            steps.update()
        self.table_rows(measured, bare, {**queries, **hits})
        self.live = self.measure_live()
        self.measure_edge(pages["article, 0 comments"])

        # The page cache off: every request renders, from the article's cached parts
        # (newsroom/pagecache/parts.py), as after a comment, with a tracking parameter, a new day.
        uncached = {}
        with Server(options["port"], options["workers"], PAGE_CACHE_SECONDS=0) as server:
            bare_uncached = self.load(server, "/bench/bare/")
            uncached["bare (uncached run)"] = bare_uncached
            for name in (
                "home",
                "section",
                "article, 0 comments",
                "article, 500 comments",
                "search",
                "api: articles",
            ):
                uncached[f"{name} (uncached)"] = self.load(server, pages[name], warm=True)
            steps.update()
        self.table_rows(uncached, bare_uncached, warm_parts)
        self.postgres_search = self.measure_search_on_postgres(pages["search"])

        # Nothing cached at all: every part rendered from the database on every request.
        cold = {}
        with Server(
            options["port"], options["workers"], PAGE_CACHE_SECONDS=0, FRAGMENT_CACHE_SECONDS=0
        ) as server:
            bare_cold = self.load(server, "/bench/bare/")
            cold["bare (cold run)"] = bare_cold
            for name in ("article, 0 comments", "article, 500 comments"):
                cold[f"{name} (cold)"] = self.load(server, pages[name])
            steps.update()
        self.table_rows(cold, bare_cold, queries)

        growth = {}
        with Server(options["port"], options["workers"], PAGE_CACHE_SECONDS=0) as server:
            growth["small"] = (self.load(server, "/bench/bare/"), self.load(server, "/"))
        steps.update()
        call_command("generate_articles", count=options["large"] - options["small"], verbosity=0)
        steps.update()
        with Server(options["port"], options["workers"], PAGE_CACHE_SECONDS=0) as server:
            growth["large"] = (self.load(server, "/bench/bare/"), self.load(server, "/"))
        self.rebuilds["large"] = self.measure_rebuilds(pages)
        steps.update()
        self.desk_rows(options["large"])
        steps.close()

        self.report(measured, uncached, cold, growth)

    def in_process_only(self) -> None:
        """The in-process table alone, at both sizes: the articles read as wrk reads them
        in the full run, so «پربازدیدترین» has views to rank at the large size."""
        options = self.options
        cache.clear()
        call_command("migrate", verbosity=0)
        call_command("generate_articles", count=options["small"], verbosity=0)
        empty, heavy = self.prepare_articles()
        pages = {
            "home": "/",
            "article, 0 comments": empty.get_absolute_url(),
            "article, 500 comments": heavy.get_absolute_url(),
            "search": f"/search/?{self.search_query()}",
        }
        self.rebuilds = {"small": self.measure_rebuilds(pages)}
        client = Client(SERVER_NAME="localhost", HTTP_USER_AGENT="Mozilla/5.0 (bench)")
        with override_settings(PAGE_CACHE_SECONDS=300):
            for _ in range(50):
                for name in ("article, 0 comments", "article, 500 comments"):
                    client.get(pages[name])
        counting.flush()
        call_command("generate_articles", count=options["large"] - options["small"], verbosity=0)
        self.rebuilds["large"] = self.measure_rebuilds(pages)
        targets = []
        out = self.rebuild_table(targets)
        out += self.targets_table(targets)
        self.write_report(out)

    def live_only(self) -> None:
        """The live article's row alone (`--only live`), measured as in the whole run."""
        cache.clear()
        call_command("migrate", verbosity=0)
        call_command("generate_articles", count=self.options["small"], verbosity=0)
        self.live = self.measure_live()
        out = self.table()
        targets = self.live_targets()
        out += self.targets_table(targets)
        self.write_report(out)

    def measure_live(self) -> dict:
        """«لحظه‌به‌لحظه»: `--live-readers` readers whose pages each poll a live article every
        15 s (± 3 s), revalidating with the ETag they last got, while a reporter adds an entry
        every 10 s through the write path (serving/bench.py's poll_readers: wrk keeps its
        connections open between requests). Renders are counted from the request log: a
        poll the page cache did not answer ("miss") was rendered."""
        options = self.options
        article = Article.objects.published().order_by("-published_at")[5]
        if not article.is_live:
            article.start_live()
        article.add_live_entry(text="نخستین گزارش از محل")
        path = reverse("articles:live_poll", kwargs={"code": article.code})
        stop = threading.Event()
        added = []

        def report():
            try:
                while not stop.wait(10.0):
                    added.append(article.add_live_entry(text=f"گزارش شماره {len(added) + 2}"))
            finally:
                connection.close()

        # Appended to by every worker at once: O_APPEND keeps their lines whole.
        with tempfile.TemporaryFile("a+") as log:
            with Server(
                options["port"],
                options["workers"],
                log=log,
                PAGE_CACHE_SECONDS=300,
                REQUEST_LOG_LEVEL="INFO",
                LOG_FORMAT="json",
            ) as server:
                urllib.request.urlopen(server.url + path, timeout=10).read()
                reporter = threading.Thread(target=report, daemon=True)
                reporter.start()
                try:
                    result, statuses = poll_readers(
                        server.url + path,
                        readers=options["live_readers"],
                        every=15.0,
                        duration=options["live_duration"],
                    )
                finally:
                    stop.set()
                    reporter.join(timeout=30)
                # Then nothing new for a while: every poll a 304 from the cache.
                quiet, quiet_statuses = poll_readers(
                    server.url + path, readers=options["live_readers"], every=15.0, duration=30
                )
            log.seek(0)
            renders = sum(
                1 for line in log if f'"path": "{path}"' in line and '"page_cache": "miss"' in line
            )
        # Each different answer the readers got was rendered once if the target is met.
        versions = len(statuses["etags"] | quiet_statuses["etags"])
        self.rows.append(
            (
                f"live poll, {options['live_readers']:,} readers every 15 s, an entry every 10 s",
                f"{result.rps:,.0f}",
                f"{result.p50:.1f}",
                f"{result.p99:.1f}",
                "—",
                "1",
                str(result.errors),
            )
        )
        self.rows.append(
            (
                f"live poll, {options['live_readers']:,} readers every 15 s, nothing new",
                f"{quiet.rps:,.0f}",
                f"{quiet.p50:.1f}",
                f"{quiet.p99:.1f}",
                "—",
                "1",
                str(quiet.errors),
            )
        )
        return {
            "result": result,
            "quiet": quiet,
            "quiet_statuses": quiet_statuses,
            "statuses": statuses,
            "versions": versions,
            "entries": len(added),
            "renders": renders,
            "per_entry": renders / versions if versions else float("nan"),
        }

    def live_targets(self) -> list[tuple[str, str, bool]]:
        live = self.live
        result, quiet = live["result"], live["quiet_statuses"]
        # A reader's first poll of the quiet half-minute has no ETag to send (a new page).
        readers = self.options["live_readers"]
        revalidated = quiet["200"] + quiet["304"] + quiet["other"] - readers
        return [
            (
                f"live poll: renders per new entry, {self.options['live_readers']:,} readers "
                "(target: one)",
                f"{live['per_entry']:.2f} ({live['renders']} renders of the {live['versions']} "
                f"versions readers got; {live['entries']} entries added, 1 before)",
                live["per_entry"] <= 1.0 and not result.errors,
            ),
            (
                "live poll while nothing is new: a 304 from the cache to every reader that has "
                "polled before",
                f"{quiet['304']:,} of {revalidated:,} polls",
                quiet["304"] == revalidated and quiet["other"] == 0,
            ),
            (
                "live poll p99 (≤ 100 ms)",
                f"{result.p99:.1f} ms at {result.rps:,.0f} req/s, {result.errors} errors",
                result.p99 <= 100 and not result.errors,
            ),
        ]

    def search_only(self) -> None:
        """The search rows alone (`--only search`), measured as in the whole run."""
        options = self.options
        cache.clear()
        call_command("migrate", verbosity=0)
        call_command("generate_articles", count=options["small"], verbosity=0)
        url = f"/search/?{self.search_query()}"
        pages = {"search": url}
        measured, uncached = {}, {}
        with Server(options["port"], options["workers"], PAGE_CACHE_SECONDS=300) as server:
            bare = measured["bare (cached run)"] = self.load(server, "/bench/bare/")
            measured["search (cached)"] = self.load(server, url, warm=True)
        self.table_rows(measured, bare, {"search": self.count_queries(url, cached=True)})
        with Server(options["port"], options["workers"], PAGE_CACHE_SECONDS=0) as server:
            bare = uncached["bare (uncached run)"] = self.load(server, "/bench/bare/")
            uncached["search (uncached)"] = self.load(server, url, warm=True)
        self.table_rows(uncached, bare, {"search": self.count_queries(url, cold=False)})
        self.postgres_search = self.measure_search_on_postgres(url)
        self.rebuilds = {"small": self.measure_rebuilds(pages)}
        call_command("generate_articles", count=options["large"] - options["small"], verbosity=0)
        self.rebuilds["large"] = self.measure_rebuilds(pages)
        out = self.table()
        out += self.rebuild_rows()
        targets = self.search_targets(measured, uncached)
        out += self.targets_table(targets)
        self.write_report(out)

    def api_only(self) -> None:
        """The public API's rows alone (`--only api`): its article list and an article, from
        the page cache and without, each beside the bare view of the same run."""
        options = self.options
        cache.clear()
        call_command("migrate", verbosity=0)
        call_command("generate_articles", count=options["small"], verbosity=0)
        newest = Article.objects.published().order_by("-published_at").first()
        pages = {"api: articles": API_LIST, "api: article": f"/api/v1/articles/{newest.code}/"}
        for run, page_cache in (("cached", 300), ("uncached", 0)):
            measured = {}
            with Server(options["port"], options["workers"], PAGE_CACHE_SECONDS=page_cache) as s:
                bare = measured[f"bare ({run} run)"] = self.load(s, "/bench/bare/")
                for name, url in pages.items():
                    measured[f"{name} ({run})"] = self.load(s, url, warm=True)
            queries = {
                name: self.count_queries(url, cached=page_cache > 0, cold=False)
                for name, url in pages.items()
            }
            self.table_rows(measured, bare, queries)
        self.write_report(self.table())

    # Preparing

    def prepare_articles(self) -> tuple[Article, Article]:
        """Two articles alike (section, tags, so the same related news) but for their
        comments: none on one, 500 on the other."""
        empty, heavy = Article.objects.published().order_by("-published_at")[:2]
        Article.objects.filter(pk=heavy.pk).update(section=empty.section)
        heavy.tags.set(empty.tags.all())
        for part in plugins.content:  # the comments (comments/content.py)
            part.bench(empty, heavy)
        # The home page as an editor arranges it («چینش صفحه اول»): a lead, three top
        # stories and two at the head of section blocks, older stories than the newest.
        older = Article.objects.published().order_by("-published_at")[20:26]
        places = ["lead", "top", "top", "top", "section", "section"]
        for position, (article, place) in enumerate(zip(older, places, strict=True), start=1):
            HomePin(article=article, place=place, position=position).put()
        return empty, heavy

    def search_query(self) -> str:
        """Two words of a real title: a query that finds a handful, not the archive."""
        title = Article.objects.published().order_by("code").values_list("title", flat=True)[7]
        return urlencode({"q": " ".join(title.split()[:2])})

    def count_queries(self, url: str, cold: bool = True, cached: bool = False) -> int:
        """Queries for one request: from the page cache (`cached`: the versions' read), or
        without it, with nothing cached (`cold`) or with the page's parts cached by the
        request before."""
        cache.clear()
        client = Client(SERVER_NAME="localhost", HTTP_USER_AGENT="Mozilla/5.0 (bench)")
        with override_settings(PAGE_CACHE_SECONDS=300 if cached else 0):
            if cached or not cold:
                client.get(url)
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
        return len(captured)

    # Measuring

    def measure_rebuilds(
        self, pages: dict[str, str], runs: int = 40, rounds: int = 3
    ) -> dict[str, tuple]:
        """What building a page costs in one process, without a server or load: p50 ms,
        queries, and p50 ms of this process's CPU (on a busy machine, the part that is ours)
        of the quietest of `rounds` rounds of `runs` requests (as timeit takes the best: a
        slower round is one something else interrupted),
        of the bare view, the home page rebuilt after each publish (the content version
        renewed, cards and rankings' counts kept), an article with nothing cached, and a
        search with the page cache off."""
        client = Client(SERVER_NAME="localhost", HTTP_USER_AGENT="Mozilla/5.0 (bench)")
        cache.clear()
        cold = {"PAGE_CACHE_SECONDS": 0, "FRAGMENT_CACHE_SECONDS": 0}
        cases = {"bare view": ("/bench/bare/", {}, None)}
        if "home" in pages:
            cases["home, rebuilt after a publish"] = (
                pages["home"],
                {"PAGE_CACHE_SECONDS": 300},
                content_changed,
            )
        for name in ("article, 0 comments", "article, 500 comments"):
            if name in pages:
                cases[f"{name}, cold"] = (pages[name], cold, None)
        cases["search, page cache off"] = (pages["search"], {"PAGE_CACHE_SECONDS": 0}, None)
        measured = {}
        for name, (url, overrides, before) in cases.items():
            with override_settings(**overrides):
                client.get(url)
                medians = []
                for _ in range(rounds):
                    times, cpu = [], []
                    for _ in range(runs):
                        if before is not None:
                            with transaction.atomic():
                                before()
                        start, start_cpu = time.perf_counter(), time.process_time()
                        client.get(url)
                        cpu.append((time.process_time() - start_cpu) * 1000)
                        times.append((time.perf_counter() - start) * 1000)
                    medians.append((statistics.median(times), statistics.median(cpu)))
                # Counted apart: recording the queries costs the request time of its own.
                if before is not None:
                    with transaction.atomic():
                        before()
                with CaptureQueriesContext(connection) as captured:
                    client.get(url)
            ms, cpu_ms = min(medians)  # the quietest round: the others were interrupted
            measured[name] = (ms, len(captured), cpu_ms)
        return measured

    def load(self, server: Server, path: str, warm: bool = False, post: bool = False) -> Result:
        url = server.url + path
        if warm:
            urllib.request.urlopen(url, timeout=10).read()
        command = [
            self.wrk,
            "-t1",
            f"-c{self.options['connections']}",
            f"-d{self.options['duration']}s",
            "--latency",
            "-H",
            "User-Agent: Mozilla/5.0 (bench)",
        ]
        with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
            if post:
                script.write(VOTE_SCRIPT)
                script.flush()
                command += ["-s", script.name]
            output = subprocess.run(
                [*command, url], capture_output=True, text=True, check=True
            ).stdout
        return parse_wrk(output)

    def load_while_publishing(self, server: Server, path: str) -> Result:
        """`path` under wrk while an editor publishes a new article once a second, through
        the model's write path as the admin does: each publish renews the content version,
        so every page misses at once (one rebuild: newsroom/pagecache/locks.py)."""
        stop = threading.Event()

        def publish():
            try:
                known = Article.objects.published().first()
                while not stop.wait(1.0):
                    Article.objects.create(
                        title="خبر فوری از میز خبر",
                        lead="لید خبر فوری",
                        body="<p>متن خبر فوری</p>",
                        section=known.section,
                        author=known.author,
                        status=Article.Status.DRAFT,
                    ).publish()
            finally:
                connection.close()

        editor = threading.Thread(target=publish, daemon=True)
        editor.start()
        try:
            return self.load(server, path, warm=True)
        finally:
            stop.set()
            editor.join(timeout=30)

    def publishing_targets(self, measured: dict) -> list[tuple[str, str, bool]]:
        publishing, cached = measured["home (publishing 1/s)"], measured["home (cached)"]
        ratio = publishing.rps / cached.rps if cached.rps else 0.0
        return [
            (
                "home while an editor publishes 1/s vs cached home (≥ 0.5×, p99 ≤ 100 ms)",
                f"{ratio:.2f}×, p99 {publishing.p99:.1f} ms, {publishing.errors} errors",
                ratio >= 0.5 and publishing.p99 <= 100 and not publishing.errors,
            )
        ]

    def measure_edge(self, article_url: str) -> None:
        """The article through Varnish (newsroom/serving/edge.vcl, as `make serve-edge`) beside
        the origin's cached page, in one run."""
        from newsroom.serving import varnish

        if missing := varnish.missing():
            self.stderr.write(f"No rows for the edge: {missing}.")
            return
        port, edge_port = self.options["port"], self.options["port"] + 1
        edge = SimpleNamespace(url=f"http://127.0.0.1:{edge_port}")
        purging = {
            "EDGE_PURGER": "newsroom.pagecache.edge.XkeyPurger",
            "EDGE_PURGE_URLS": edge.url,
        }
        with (
            Server(port, self.options["workers"], PAGE_CACHE_SECONDS=300, **purging) as server,
            tempfile.TemporaryDirectory() as folder,
        ):
            process = varnish.start(
                edge_port,
                port,
                Path(folder),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            try:
                for _ in range(100):
                    try:
                        urllib.request.urlopen(f"{edge.url}/healthz", timeout=2).read()
                        break
                    except OSError:
                        time.sleep(0.1)
                bare = self.load(server, "/bench/bare/")
                results = {
                    "bare (edge run)": bare,
                    "article, 0 comments (origin, cached)": self.load(
                        server, article_url, warm=True
                    ),
                    "article, 0 comments (Varnish)": self.load(edge, article_url, warm=True),
                }
            finally:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=30)
        self.table_rows(results, bare, {})

    def measure_search_on_postgres(self, path: str) -> dict[str, Result]:
        """Search on PostgreSQL as on SQLite: the same generated articles (the same seed), in
        a database of their own made afresh, served by gunicorn with the page cache on and off.
        Its cache entries are another deploy's (RELEASE), so none of SQLite's is taken."""
        url = self.options["postgres"]
        if not url:
            self.stderr.write("No PostgreSQL rows: --postgres (BENCH_POSTGRES_URL) is empty.")
            return {}
        try:
            recreate_database(url)
        except Exception as error:  # the server is not there, or refuses
            self.stderr.write(f"No PostgreSQL rows: {error}")
            return {}
        environment = {**os.environ, "DATABASE_URL": url}
        for command in (
            ["migrate", "-v0"],
            ["generate_articles", f"--count={self.options['small']}", "-v0"],
        ):
            subprocess.run(
                [sys.executable, "manage.py", *command],
                cwd=settings.BASE_DIR,
                env=environment,
                check=True,
            )
        analyze(url)
        on_postgres = {"DATABASE_URL": url, "RELEASE": "bench-postgres"}
        results = {}
        with Server(
            self.options["port"], self.options["workers"], PAGE_CACHE_SECONDS=0, **on_postgres
        ) as server:
            bare = self.load(server, "/bench/bare/")
            results["bare (PostgreSQL run)"] = bare
            results["search, PostgreSQL (uncached)"] = self.load(server, path, warm=True)
        with Server(
            self.options["port"], self.options["workers"], PAGE_CACHE_SECONDS=300, **on_postgres
        ) as server:
            results["search, PostgreSQL (cached)"] = self.load(server, path, warm=True)
        self.table_rows(results, bare, {})
        return results

    def desk_rows(self, size: int, repeat: int = 5) -> None:
        """The admin's pages at the large size, as an editor with every right opens them
        (the test client, in this process): the median and slowest of `repeat` renders."""
        from django.contrib.auth import get_user_model

        from articles.feedback.models import FeedbackVote, VoteCount, wilson_lower_bound
        from comments.models import Comment

        editor, _ = get_user_model().objects.get_or_create(
            username="bench-desk", defaults={"is_staff": True, "is_superuser": True}
        )
        # What a desk has to look at: one comment in fifty waiting, the latest 2 000 articles
        # voted on (the votes inserted as generate_articles inserts, their counts with them).
        pending = list(Comment.objects.order_by("pk").values_list("pk", flat=True)[::50])
        Comment.objects.filter(pk__in=pending[:2000]).update(status=Comment.Status.PENDING)
        voted = Article.objects.published().order_by("-published_at")[:2000]
        votes = [
            FeedbackVote(article=a, reader=f"a:bench:{i}", useful=i % 3 > 0)
            for a in voted
            for i in range(a.code % 12)
        ]
        FeedbackVote.objects.bulk_create(votes, batch_size=2000, ignore_conflicts=True)
        counts: dict[int, list[int]] = {}
        for vote in votes:
            counts.setdefault(vote.article_id, [0, 0])
            counts[vote.article_id][0] += vote.useful
            counts[vote.article_id][1] += 1
        VoteCount.objects.bulk_create(
            [
                VoteCount(article_id=pk, yes=y, total=t, wilson=wilson_lower_bound(y, t))
                for pk, (y, t) in counts.items()
            ],
            ignore_conflicts=True,
        )
        client = Client(SERVER_NAME="localhost")
        client.force_login(editor)
        pages = {
            "admin: desk": "/admin/",
            "admin: articles": "/admin/articles/article/",
            "admin: articles, searched": "/admin/articles/article/?q=" + "انتخابات",
            "admin: articles, page 1 000": "/admin/articles/article/?p=1000",
            "admin: moderation queue": "/admin/comments/comment/?status__exact=pending",
            "admin: comments": "/admin/comments/comment/",
            "admin: usefulness report": "/admin/articles/usefulnessreport/",
            "admin: report, every article": "/admin/articles/usefulnessreport/?min_votes=0",
            "admin: moderation log": "/admin/comments/moderationevent/",
        }
        for name, url in pages.items():
            client.get(url)
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as captured:
                    response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
            times.sort()
            self.desk_medians[name] = times[len(times) // 2]
            self.rows.append(
                (
                    f"{name} ({size:,} articles)",
                    "—",
                    f"{times[len(times) // 2]:.1f}",
                    f"{times[-1]:.1f}",
                    "—",
                    str(len(captured)),
                    "0" if response.status_code == 200 else str(response.status_code),
                )
            )

    # Reporting

    def table_rows(self, results: dict, bare: Result, queries: dict) -> None:
        for name, result in results.items():
            page = name.split(" (")[0]
            self.rows.append(
                (
                    name,
                    f"{result.rps:,.0f}",
                    f"{result.p50:.1f}",
                    f"{result.p99:.1f}",
                    f"{result.rps / bare.rps:.2f}×" if bare.rps else "—",
                    str(queries.get(page, "—")),
                    str(result.errors),
                )
            )

    def rebuild_rows(self) -> list[str]:
        """The in-process costs (measure_rebuilds), at both sizes."""
        small, large = self.rebuilds["small"], self.rebuilds["large"]
        options = self.options
        out = [
            "",
            "In one process (ms, p50 of the quietest of three rounds of 40 requests): "
            f"{options['small']:,} articles, then "
            f"{options['large']:,}",
            "",
            f"| request | ms at {options['small']:,} | CPU ms | SQL "
            f"| ms at {options['large']:,} | CPU ms | SQL |",
            "|---|---|---|---|---|---|---|",
        ]
        for name, (ms, count, cpu) in small.items():
            big_ms, big_count, big_cpu = large[name]
            out.append(
                f"| {name} | {ms:.1f} | {cpu:.1f} | {count} | {big_ms:.1f} | {big_cpu:.1f} "
                f"| {big_count} |"
            )
        return out

    def rebuild_table(self, targets: list) -> list[str]:
        """The in-process costs (measure_rebuilds), at both sizes, and their targets."""
        out = self.rebuild_rows()
        small, large = self.rebuilds["small"], self.rebuilds["large"]
        options = self.options
        home = "home, rebuilt after a publish"
        cold, heavy = small["article, 0 comments, cold"][0], small["article, 500 comments, cold"][0]
        targets += [
            (
                "home rebuilt after a publish (≤ 15 ms)",
                f"{small[home][0]:.1f} ms",
                small[home][0] <= 15,
            ),
            (
                f"the same at {options['large']:,} articles (≤ 15 ms)",
                f"{large[home][0]:.1f} ms",
                large[home][0] <= 15,
            ),
            ("article with nothing cached (≤ 5 ms)", f"{cold:.1f} ms", cold <= 5),
            ("the same, 500 comments vs 0 (≤ 1.3×)", f"{heavy / cold:.2f}×", heavy / cold <= 1.3),
        ]
        return out

    def table(self) -> list[str]:
        header = ("page", "req/s", "p50 ms", "p99 ms", "vs bare", "SQL", "errors")
        widths = [max(len(str(row[i])) for row in [header, *self.rows]) for i in range(len(header))]
        line = "| " + " | ".join(f"{{:<{w}}}" for w in widths) + " |"
        out = [line.format(*header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
        return out + [line.format(*row) for row in self.rows]

    def search_targets(self, measured: dict, uncached: dict) -> list[tuple[str, str, bool]]:
        targets = []
        for run, result in (
            ("cached", measured["search (cached)"]),
            ("page cache off", uncached["search (uncached)"]),
        ):
            targets.append(
                (
                    f"search, {run}, vs 142 req/s before (≥ 3×)",
                    f"{result.rps / 142:.2f}× ({result.rps:,.0f} req/s)",
                    result.rps >= 3 * 142,
                )
            )
        if postgres := self.postgres_search.get("search, PostgreSQL (uncached)"):
            targets.append(
                (
                    "search on PostgreSQL, page cache off, vs 142 req/s before (≥ 3×)",
                    f"{postgres.rps / 142:.2f}× ({postgres.rps:,.0f} req/s)",
                    postgres.rps >= 3 * 142,
                )
            )
        return targets

    def targets_table(self, targets: list[tuple[str, str, bool]]) -> list[str]:
        options = self.options
        out = ["", "| target | measured | met |", "|---|---|---|"]
        out += [f"| {name} | {value} | {'yes' if ok else 'NO'} |" for name, value, ok in targets]
        out += [
            "",
            f"wrk: 1 thread, {options['connections']} connections, {options['duration']} s a page; "
            f"gunicorn: {options['workers']} workers; {connection.vendor}; cache: "
            f"{settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}; {os.cpu_count()} CPUs; "
            f"{time.strftime('%Y-%m-%d')}.",
        ]
        return out

    def write_report(self, out: list[str]) -> None:
        text = "\n".join(out)
        self.stdout.write(text)
        results = Path(settings.BASE_DIR) / ".bench" / "results.md"
        results.parent.mkdir(exist_ok=True)
        results.write_text(text + "\n", encoding="utf-8")
        self.stdout.write(f"\nWritten to {results.relative_to(settings.BASE_DIR)}.")

    def report(self, measured: dict, uncached: dict, cold: dict, growth: dict) -> None:
        out = self.table()

        cached_article = (
            measured["article, 0 comments (cached)"].rps / measured["bare (cached run)"].rps
        )
        uncached_article = (
            uncached["article, 0 comments (uncached)"].rps / uncached["bare (uncached run)"].rps
        )
        cold_article = cold["article, 0 comments (cold)"].rps / cold["bare (cold run)"].rps
        comments_ratio = (
            uncached["article, 500 comments (uncached)"].p50
            / uncached["article, 0 comments (uncached)"].p50
        )
        # Cold, the comments are rendered on every request rather than taken from the cache.
        cold_comments_ratio = (
            cold["article, 500 comments (cold)"].p50 / cold["article, 0 comments (cold)"].p50
        )
        small_bare, small_home = growth["small"]
        large_bare, large_home = growth["large"]
        # Each home figure against the bare view of its own run cancels the machine's drift.
        growth_ratio = (large_home.p50 / large_bare.p50) / (small_home.p50 / small_bare.p50)
        options = self.options
        targets = [
            (
                "cached article vs bare view (≥ 0.80×)",
                f"{cached_article:.2f}×",
                cached_article >= 0.8,
            ),
            (
                "uncached article (page cache off, parts cached) vs bare view (≥ 0.30×)",
                f"{uncached_article:.2f}×",
                uncached_article >= 0.3,
            ),
            (
                "the same, cold (nothing cached: every part rendered)",
                f"{cold_article:.2f}×",
                cold_article >= 0.3,
            ),
            (
                "500 comments vs 0, p50 uncached (≤ 1.5×)",
                f"{comments_ratio:.2f}×",
                comments_ratio <= 1.5,
            ),
            (
                "the same, cold (thirty threads rendered on every request)",
                f"{cold_comments_ratio:.2f}×",
                cold_comments_ratio <= 1.5,
            ),
            (
                f"home p50 at {options['large']:,} vs {options['small']:,} articles (≤ 1.2×)",
                f"{growth_ratio:.2f}× ({small_home.p50:.1f} → {large_home.p50:.1f} ms)",
                growth_ratio <= 1.2,
            ),
        ]
        targets += self.publishing_targets(measured)
        targets += self.live_targets()
        out += self.rebuild_table(targets)
        targets += self.search_targets(measured, uncached)
        if self.desk_medians:
            slowest = max(self.desk_medians, key=self.desk_medians.get)
            targets.append(
                (
                    f"every admin page at {options['large']:,} articles (≤ 300 ms p50)",
                    f"slowest: {slowest}, {self.desk_medians[slowest]:.0f} ms",
                    self.desk_medians[slowest] <= 300,
                )
            )
        out += self.targets_table(targets)
        self.write_report(out)


def recreate_database(url: str) -> None:
    """Drop and create the PostgreSQL database `url` names, through the server's own
    `postgres` database."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True, connect_timeout=3) as server:
        server.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def analyze(url: str) -> None:
    """Give the planner its statistics, as a database in service has them: measured straight
    after the articles are written, autovacuum would still be gathering them, on the
    measurement's CPUs."""
    import psycopg

    with psycopg.connect(url, autocommit=True, connect_timeout=3) as database:
        database.execute("VACUUM ANALYZE")
