"""Shared fixtures: the shipped catalog, an app on test settings, its client and CLI runner."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
import sqlalchemy

from personalize import create_app
from personalize.core.catalog import load_catalog
from personalize.store import tokens

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PROFILE_NAMES = ["clinician", "student", "patient"]


@pytest.fixture(scope="session")
def catalog():
    """The shipped profiles and lexicons."""
    return load_catalog(ROOT / "profiles")


@pytest.fixture(scope="module")
def patient_words(catalog):
    """The patient profile's word pass alone on one sentence, as the reader sees it."""
    from personalize.rewriter.terms import Glossary, rewrite, strip_marks

    lexicon, profile = catalog.lexicon("en"), catalog.profiles["patient"]

    def run(sentence: str) -> str:
        return strip_marks(rewrite(sentence, lexicon, profile.terms, profile.plain_words,
                                   Glossary(), "line 1", []))
    return run


@pytest.fixture
def app(tmp_path):
    """An app on test settings with its own instance folder."""
    return create_app({"TESTING": True, "INSTANCE_PATH_FOR_TESTS": str(tmp_path)})


@pytest.fixture
def client(app):
    """A test client for the app."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A CLI runner for the app's commands."""
    return app.test_cli_runner()


# -- The answer store: databases of both kinds, apps on them, tokens, live servers. ---------

STORE_FIXTURES = FIXTURES / "store"
TEST_DATABASE_URL = os.environ.get("PERSONALIZE_TEST_DATABASE_URL", "")
NO_POSTGRES = ("PostgreSQL tests need a server: run them with PERSONALIZE_TEST_DATABASE_URL="
               "postgresql+psycopg://postgres@127.0.0.1:5432/test (CI sets it).")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """An empty database of each kind: a SQLite file, or a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite3'}"
        return
    with pg_schema() as url:
        yield url.render_as_string(hide_password=False)


@contextlib.contextmanager
def pg_schema():
    """The test PostgreSQL database in a schema of its own, dropped afterwards (or a skip)."""
    if not TEST_DATABASE_URL:
        pytest.skip(NO_POSTGRES)
    schema = f"test_{uuid.uuid4().hex[:16]}"
    # pre-ping: a test that restarts the server must not break this teardown
    admin = sqlalchemy.create_engine(TEST_DATABASE_URL, pool_pre_ping=True)
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        yield sqlalchemy.make_url(TEST_DATABASE_URL).update_query_dict(
            {"options": f"-csearch_path={schema}"})
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


@pytest.fixture
def store_app(database_url, tmp_path):
    """An app on an empty, upgraded store (nothing seeded)."""
    app = create_app({"TESTING": True, "INSTANCE_PATH_FOR_TESTS": str(tmp_path),
                      "DATABASE_URL": database_url, "SEED_CONTENT": False,
                      "AUTO_UPGRADE": True})
    yield app
    app.extensions["personalize.db"].dispose()


@pytest.fixture
def store(store_app):
    """The app's answer store."""
    return store_app.extensions["personalize.store"]


@pytest.fixture
def editor(store_app):
    """Request headers carrying a live API token named "editor", an author."""
    token = tokens.create(store_app.extensions["personalize.db"], "editor", role="author")
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def reviewer(store_app):
    """Request headers carrying a live API token named "reviewer", a reviewer."""
    token = tokens.create(store_app.extensions["personalize.db"], "reviewer", role="reviewer")
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def source():
    """A fixture answer's source bytes by name (tests/fixtures/store/NAME.md)."""
    return lambda name: (STORE_FIXTURES / f"{name}.md").read_bytes()


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def live_server(tmp_path):
    """Start gunicorn servers of wsgi:app on a database: start(url) -> base URL.

    Each server is a process group of its own, stopped at teardown whatever happened.
    """
    started: list[subprocess.Popen] = []

    def start(database_url: str, workers: int = 2, seed: bool = False) -> str:
        for attempt in range(3):
            port = free_port()
            log = tmp_path / f"gunicorn-{port}.log"
            env = os.environ | {"PERSONALIZE_DATABASE_URL": database_url,
                                "PERSONALIZE_SEED_CONTENT": "true" if seed else "false",
                                "PERSONALIZE_SECRET_KEY": "test-" + uuid.uuid4().hex}
            with open(log, "wb") as out:
                proc = subprocess.Popen(
                    [sys.executable, "-m", "gunicorn", "--workers", str(workers),
                     "--threads", "4", "--bind", f"127.0.0.1:{port}", "--timeout", "120",
                     "wsgi:app"],
                    cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                    start_new_session=True)
            started.append(proc)
            base = f"http://127.0.0.1:{port}"
            if _wait_until_up(proc, base):
                return base
            if attempt == 2:
                pytest.fail(f"gunicorn did not start:\n{log.read_text()}")
        raise AssertionError("unreachable")

    yield start
    for proc in started:
        stop(proc)


def _wait_until_up(proc: subprocess.Popen, base: str, timeout: float = 90) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(f"{base}/api/v1/openapi.json", timeout=5) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.2)
    stop(proc)
    return False


def stop(proc: subprocess.Popen) -> None:
    """Stop a process group started by a test: TERM, then KILL if it lingers."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=20)


# The shipped content, every answer approved, exported as a static site (flask export-static)
PUBLIC_URL = "https://answers.example.org/health/"


@pytest.fixture(scope="session")
def static_site(tmp_path_factory) -> Path:
    """The shipped content approved and exported; served from <root>/health/ in the tests."""
    folder = tmp_path_factory.mktemp("static-site")
    app = create_app({"TESTING": True, "INSTANCE_PATH_FOR_TESTS": str(folder / "instance")})
    store = app.extensions["personalize.store"]
    for answer_id in store.ids():
        store.transition(answer_id, store.get(answer_id).revision, "approved", "test reviewer")
    out = folder / "root" / "health"
    result = app.test_cli_runner().invoke(args=["export-static", str(out),
                                                "--base-url", PUBLIC_URL])
    assert result.exit_code == 0 and "is not exported" not in result.stderr, result.output
    app.extensions["personalize.db"].dispose()
    return out
