"""What `make bench` drives (newsroom/management/commands/bench.py): gunicorn on loopback
with the bench's database, and wrk's output read into figures."""

import asyncio
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import CommandError

VOTE_SCRIPT = """
wrk.method = "POST"
wrk.body = "useful=yes"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"
"""
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass
class Result:
    rps: float
    p50: float
    p99: float
    errors: int


def parse_wrk(output: str) -> Result:
    def latency(percent: str) -> float:
        match = re.search(rf"^\s*{percent}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        return float(match.group(1)) * UNITS[match.group(2)] if match else float("nan")

    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors:.*", output)
    return Result(
        rps=float(rps.group(1)) if rps else 0.0,
        p50=latency("50"),
        p99=latency("99"),
        errors=int(errors.group(1)) if errors else (1 if socket_errors else 0),
    )


class Server:
    """gunicorn on loopback with the bench database, stopped on exit."""

    def __init__(self, port: int, workers: int, log=None, **env):
        self.url = f"http://127.0.0.1:{port}"
        environment = {
            **os.environ,
            "PORT": str(port),
            "WEB_CONCURRENCY": str(workers),
            "DEBUG": "0",
            "BENCH": "1",
            "LOG_LEVEL": "WARNING",
            "GUNICORN_LOG_LEVEL": "warning",
            "GUNICORN_MAX_REQUESTS": "0",  # no worker restarts in the middle of a run
            **{key: str(value) for key, value in env.items()},
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "newsroom/gunicorn.conf.py", "newsroom.wsgi"],
            cwd=settings.BASE_DIR,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=log if log is not None else subprocess.DEVNULL,  # the request log
            start_new_session=True,
        )

    def __enter__(self):
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise CommandError("gunicorn did not come up within a minute.")

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


def poll_readers(
    url: str, readers: int, every: float, duration: float, jitter: float = 0.2
) -> tuple[Result, dict]:
    """`readers` pages open on `url`, each asking every `every` seconds (± `jitter` of it,
    its first at a random moment of the first interval) for `duration` seconds, as a
    browser does with a `no-cache` answer: on a new connection (the server's keep-alive is
    shorter than the interval), revalidating with the ETag it last got. wrk cannot: its
    connections wait open between requests, each holding a sync worker meanwhile.
    What it measured, and the answers by status ("200", "304", "other"), and "etags": the
    different answers the readers got."""
    parts = urlsplit(url)
    host, port = parts.hostname, parts.port or 80
    latencies: list[float] = []
    statuses = {"200": 0, "304": 0, "other": 0}
    etags: set[str] = set()
    errors = 0

    async def reader(until: float) -> None:
        nonlocal errors
        etag = None
        await asyncio.sleep(random.uniform(0, min(every, duration)))
        while time.monotonic() < until:
            asked = time.monotonic()
            request = (
                f"GET {parts.path} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
                "User-Agent: Mozilla/5.0 (bench)\r\nAccept: application/json\r\n"
                "Connection: close\r\n" + (f"If-None-Match: {etag}\r\n" if etag else "") + "\r\n"
            )
            try:
                stream_in, stream_out = await asyncio.open_connection(host, port)
                stream_out.write(request.encode())
                await stream_out.drain()
                answer = await asyncio.wait_for(stream_in.read(), timeout=10)
                stream_out.close()
            except (OSError, TimeoutError):
                errors += 1
            else:
                latencies.append((time.monotonic() - asked) * 1000)
                head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
                status = head[0].split(" ", 2)[1] if " " in head[0] else ""
                statuses[status if status in statuses else "other"] += 1
                if status not in ("200", "304"):
                    errors += 1
                for line in head[1:]:
                    name, _, value = line.partition(":")
                    if name.lower() == "etag":
                        etag = value.strip()
                        etags.add(etag)
            pause = every * random.uniform(1 - jitter, 1 + jitter)
            await asyncio.sleep(max(0.0, min(asked + pause, until) - time.monotonic()))

    async def run() -> float:
        started = time.monotonic()
        until = started + duration
        await asyncio.gather(*(reader(until) for _ in range(readers)))
        return time.monotonic() - started

    elapsed = asyncio.run(run())
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [float("nan")] * 99
    result = Result(
        rps=len(latencies) / elapsed if elapsed else 0.0,
        p50=cuts[49],
        p99=cuts[98],
        errors=errors,
    )
    return result, {**statuses, "etags": etags}
