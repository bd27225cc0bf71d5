"""Serving figures: gunicorn (2 workers) under wrk on loopback, the app against a bare route.

Every server is a process group of its own, started here and always stopped here.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(target: str, env: dict, workers: int = 2, log: Path | None = None):
    """Run `gunicorn target` on 127.0.0.1 until the block ends; yield its base URL."""
    port = free_port()
    out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - closed in finally
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind",
         f"127.0.0.1:{port}", "--timeout", "60", target],
        cwd=ROOT, env=os.environ | env, stdout=out, stderr=subprocess.STDOUT,
        start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn {target} did not start (see {log})")
            try:
                with urllib.request.urlopen(f"{base}/api/v1/openapi.json", timeout=5):
                    break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        stop(proc)
        if log:
            out.close()


def stop(proc: subprocess.Popen) -> None:
    """TERM the process group, then KILL it if it lingers."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=20)


def wrk(url: str, seconds: int, connections: int, threads: int = 2) -> dict:
    """Run wrk against one URL; requests/s, p99 in ms and error counts."""
    out = subprocess.run(
        ["wrk", "--latency", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s",
         "--timeout", "10s", url],
        capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), "
                              r"timeout (\d+)", out)
    return {"rps": rps, "p99_ms": round(float(p99.group(1)) * scale, 2), "requests": requests,
            "non_2xx": int(non2xx.group(1)) if non2xx else 0,
            "socket_errors": sum(map(int, socket_errors.groups())) if socket_errors else 0}


def have_wrk() -> bool:
    """Whether Debian's wrk is installed (apt-get install wrk)."""
    return shutil.which("wrk") is not None


def measure(tmp: Path, seconds: int, connections: int = 50, rounds: int = 4) -> dict:
    """The answer page under gunicorn against a bare Flask route sending the same bytes.

    Both servers run side by side and are measured in alternating rounds (bare, app, bare,
    app...) of seconds / rounds each, after a second's warm-up: other work on the machine then
    weighs on both alike. Requests per second are over every round; p99 is the median of
    the rounds' (each is listed).
    """
    db = f"sqlite:///{tmp / 'serve.sqlite3'}"
    env = {"PERSONALIZE_DATABASE_URL": db, "PERSONALIZE_SEED_CONTENT": "true",
           "PERSONALIZE_SECRET_KEY": "bench"}
    path = "/answers/complete-blood-count?profile=patient"
    each = max(2, round(seconds / rounds))
    with gunicorn("wsgi:app", env, log=tmp / "app.log") as app_base:
        with urllib.request.urlopen(app_base + path, timeout=60) as response:  # stored, warm
            page = response.read()
        (tmp / "page.html").write_bytes(page)
        with gunicorn("bench.bare_app:app", {"BENCH_PAGE": str(tmp / "page.html")},
                      log=tmp / "bare.log") as bare_base:
            runs: dict[str, list[dict]] = {"bare": [], "app": []}
            for base in (bare_base, app_base):
                wrk(base + path, 1, connections)  # warm-up, not counted
            for _ in range(rounds):
                for name, base in (("bare", bare_base), ("app", app_base)):
                    runs[name].append(wrk(base + path, each, connections))
    app, bare = (_overall(runs[name]) for name in ("app", "bare"))
    return {"app": app, "bare": bare, "page_bytes": len(page), "rounds": rounds,
            "round_s": each, "serve_ratio": round(app["rps"] / bare["rps"], 3),
            "p99_ms": app["p99_ms"]}


def _overall(runs: list[dict]) -> dict:
    """Rounds of one server taken together."""
    requests = sum(r["requests"] for r in runs)
    return {"rps": round(statistics.mean(r["rps"] for r in runs), 1), "requests": requests,
            "p99_ms": round(statistics.median(r["p99_ms"] for r in runs), 2),
            "p99_rounds_ms": [r["p99_ms"] for r in runs],
            "rps_rounds": [round(r["rps"]) for r in runs],
            "non_2xx": sum(r["non_2xx"] for r in runs),
            "socket_errors": sum(r["socket_errors"] for r in runs)}
