"""Retake docs/screenshot.png: the patient's leukopenia page in Debian's Chromium.

    .venv/bin/python docs/screenshot.py      # then: pngquant --quality 70-90 (kept < 150 KB)
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from personalize import create_app

OUT = Path(__file__).resolve().parent / "screenshot.png"
PAGE = "/answers/leukopenia-causes?profile=patient"


def main() -> None:
    """Serve the shipped content on 127.0.0.1, take the first screen, shrink it if we can."""
    with tempfile.TemporaryDirectory() as instance:
        app = create_app({"INSTANCE_PATH_FOR_TESTS": instance})
        server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
                page = browser.new_page(viewport={"width": 820, "height": 1320})
                page.goto(f"http://127.0.0.1:{server.server_port}{PAGE}")
                page.screenshot(path=str(OUT))
                browser.close()
        finally:
            server.shutdown()
    if shutil.which("pngquant"):
        subprocess.run(["pngquant", "--quality", "70-90", "--speed", "1", "--strip", "--force",
                        "--output", str(OUT), str(OUT)], check=True)
    print(f"{OUT}: {OUT.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
