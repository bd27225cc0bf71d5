"""Faults: the database unreachable gives a 503 page and recovers without a restart; a
PostgreSQL restart under load gives errors only while it is down; SIGKILL in the middle of
`rerender` leaves the store consistent. Every target is on 127.0.0.1."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import free_port, pg_schema
from sqlalchemy import delete, func, select

from personalize import create_app
from personalize.store.models import StoredRendition
from personalize.store.rendition_codec import from_data

ROOT = Path(__file__).resolve().parent.parent


def _app(tmp_path, url: str):
    return create_app({"TESTING": True, "INSTANCE_PATH_FOR_TESTS": str(tmp_path),
                       "DATABASE_URL": url, "SEED_CONTENT": True, "AUTO_UPGRADE": True})


def _closed_port_url() -> str:
    return f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/none?connect_timeout=2"


def test_unreachable_database_gives_a_clear_503_page_and_json(tmp_path):
    app = _app(tmp_path, _closed_port_url())  # starts although nothing listens there
    client = app.test_client()
    page = client.get("/answers/anemia-causes")
    assert page.status_code == 503
    assert page.headers["Retry-After"] == "5"
    assert "cannot be reached right now" in page.get_data(as_text=True)
    api = client.get("/api/v1/answers/anemia-causes/source")
    assert api.status_code in (401, 503)  # no token: refused before or at the database
    index = client.get("/", headers={"Accept": "application/json"})
    assert index.status_code == 503 and index.json["error"]["status"] == 503
    app.extensions["personalize.db"].dispose()


class Proxy:
    """A TCP proxy on loopback to the test PostgreSQL server that can be cut and restored."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.port = free_port()
        self.open = threading.Event()
        self.links: list[socket.socket] = []
        self.server = socket.create_server(("127.0.0.1", self.port))
        self.server.settimeout(0.2)
        self.done = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while not self.done:
            try:
                client, _ = self.server.accept()
            except TimeoutError:
                continue
            if not self.open.is_set():
                client.close()
                continue
            upstream = socket.create_connection(self.target)
            self.links += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(src, dst):
        with contextlib.suppress(OSError):
            while data := src.recv(65536):
                dst.sendall(data)
        with contextlib.suppress(OSError):
            dst.shutdown(socket.SHUT_RDWR)

    def cut(self):
        self.open.clear()
        for sock in self.links:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        self.links.clear()

    def close(self):
        self.done = True
        self.cut()
        self.thread.join(timeout=5)
        self.server.close()


@pytest.fixture
def pg_url():
    """The test PostgreSQL database in a schema of its own."""
    with pg_schema() as url:
        yield url


def test_database_cut_gives_503_then_recovers_without_a_restart(tmp_path, pg_url):
    proxy = Proxy((pg_url.host or "127.0.0.1", pg_url.port or 5432))
    proxy.open.set()
    try:
        url = pg_url.set(host="127.0.0.1", port=proxy.port).render_as_string(False)
        app = _app(tmp_path, url)
        client = app.test_client()
        assert client.get("/answers/anemia-causes").status_code == 200
        proxy.cut()
        assert client.get("/answers/anemia-causes").status_code == 503
        proxy.open.set()
        assert client.get("/answers/anemia-causes").status_code == 200
        app.extensions["personalize.db"].dispose()
    finally:
        proxy.close()


def _pg_ctl(action: str) -> None:
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action],
                   check=True, timeout=120, capture_output=True)


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return -1


def test_postgresql_restart_under_load_errors_only_while_down(pg_url, tmp_path, live_server):
    if not os.path.isdir("/etc/postgresql"):
        pytest.skip("no local PostgreSQL cluster to restart")
    url = pg_url.render_as_string(False)
    _app(tmp_path, url).extensions["personalize.db"].dispose()  # upgrade and seed it
    base = live_server(url)
    page = f"{base}/answers/anemia-causes?profile=patient"
    assert _get(page) == 200
    log: list[tuple[float, int]] = []
    stop = threading.Event()

    def load():
        while not stop.is_set() and len(log) < 20000:
            log.append((time.monotonic(), _get(page)))

    threads = [threading.Thread(target=load) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(2)
        down = time.monotonic()
        _pg_ctl("stop")
        time.sleep(2)
        _pg_ctl("start")
        up = time.monotonic()
        time.sleep(5)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        with contextlib.suppress(subprocess.CalledProcessError):
            _pg_ctl("start")  # always leave it running
    assert {code for _, code in log} <= {200, 503}, sorted({c for _, c in log})
    # Errors only while it was down (and the moment it takes a pool to reconnect).
    assert all(code == 200 for at, code in log if at < down or at > up + 2)
    assert any(code == 200 for at, code in log if at > up + 2)


def test_sigkill_during_rerender_leaves_the_store_consistent(tmp_path, source):
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    app = create_app({"TESTING": True, "INSTANCE_PATH_FOR_TESTS": str(tmp_path),
                      "DATABASE_URL": url, "SEED_CONTENT": False, "AUTO_UPGRADE": True})
    store = app.extensions["personalize.store"]
    text = source("iron-deficiency").decode()
    for n in range(60):
        store.create(text.replace('id = "iron-deficiency"', f'id = "answer-{n:03}"'), "t")
    # saving renders every profile; drop those renditions so rerender has them all to build
    with app.extensions["personalize.db"].begin() as conn:
        conn.execute(delete(StoredRendition))
    env = os.environ | {"PERSONALIZE_DATABASE_URL": url, "PERSONALIZE_SEED_CONTENT": "false"}
    proc = subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "rerender"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    engine = app.extensions["personalize.db"]
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and proc.poll() is None:
            with engine.connect() as conn:
                if conn.scalar(select(func.count()).select_from(StoredRendition)) >= 10:
                    break
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "rerender ended before it could be killed"
    with engine.connect() as conn:
        rows = conn.execute(select(StoredRendition.data)).scalars().all()
    assert 10 <= len(rows) < 180
    assert all(from_data(data).html for data in rows)  # every stored rendition is whole
    runner = app.test_cli_runner()
    assert runner.invoke(args=["rerender"]).exit_code == 0
    assert runner.invoke(args=["rerender", "--check"]).exit_code == 0
    assert store.rendition(store.get("answer-000"), "patient").verdict in ("pass", "fail")
    engine.dispose()
