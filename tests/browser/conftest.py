"""Browser fixtures: the app on a real HTTP server and Debian's Chromium through Playwright."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from personalize import create_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}


def _missing(what: str) -> None:
    """Skip on a developer's machine; fail in CI, where the browser must be there."""
    message = f"{what} (install it with: apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


class _Server:
    """One app served over HTTP on a free port of 127.0.0.1, in a thread."""

    def __init__(self, app):
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=5)


@pytest.fixture(scope="session")
def serve_app():
    """Start serving an app and get its base URL; every server stops when the session ends."""
    servers: list[_Server] = []

    def start(app) -> str:
        servers.append(_Server(app))
        return servers[-1].url

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def live_server(serve_app, tmp_path_factory):
    """The app as shipped, with its own database, served for the whole session."""
    instance = tmp_path_factory.mktemp("instance")
    return serve_app(create_app({"TESTING": True, "INSTANCE_PATH_FOR_TESTS": str(instance)}))


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, launched once."""
    if not CHROMIUM.exists():
        _missing(f"{CHROMIUM} is missing")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright is not installed: pip install -e '.[test]'")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(params=["js", "nojs"])
def mode(request) -> str:
    """Whether the reader's browser runs JavaScript ("js") or not ("nojs")."""
    return request.param


@pytest.fixture
def context(browser, mode):
    """A fresh browser context (no cookies), with JavaScript on or off."""
    ctx = browser.new_context(java_script_enabled=mode == "js", viewport=DESKTOP)
    ctx.set_default_timeout(10_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    """A page in a fresh context."""
    return context.new_page()


@pytest.fixture
def js_page(browser):
    """A page with JavaScript on, for checks that need it (axe-core runs as a script)."""
    ctx = browser.new_context(viewport=DESKTOP)
    ctx.set_default_timeout(10_000)
    yield ctx.new_page()
    ctx.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """Where screenshots are kept as test artifacts (git-ignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
