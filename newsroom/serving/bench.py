"""What `make bench` drives (newsroom/management/commands/bench.py): gunicorn on loopback
with the bench's database, and wrk's output read into figures."""

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass

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

    def __init__(self, port: int, workers: int, **env):
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
            stderr=subprocess.DEVNULL,
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
