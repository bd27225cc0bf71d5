"""How fast the editors' desk previews: POST /desk/preview (signed in, CSRF checked, the
source parsed, every profile rendered, the pane's HTML made) against rendering the same
source for every profile with render_all, in the same run.

    .venv/bin/python bench/desk_preview.py [REPEATS]

Each pass edits the text (one word appended, as an editor types), so neither side reads a
cache kept from the pass before; textstat's per-text caches are cleared before each side.
Prints a table and, as its last line, one JSON object with `preview_ratio`.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import RENDER_ANSWER, textstat_caches  # noqa: E402
from personalize import create_app  # noqa: E402
from personalize.core.answer import parse_answer  # noqa: E402
from personalize.core.render import render_all  # noqa: E402
from personalize.store import tokens  # noqa: E402

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
WORDS = ("blood", "cells", "count", "doctor", "test", "result", "normal", "range")


def signed_in(app):
    """A test client signed in to the desk, and its CSRF token."""
    client = app.test_client()
    token = tokens.create(app.extensions["personalize.db"], "bench", "author")
    page = client.get("/qa/sign-in")
    client.post("/qa/sign-in", data={"token": token, "next": "/desk/",
                                     "csrf_token": CSRF.search(page.text).group(1)})
    return client, CSRF.search(client.get("/desk/new").text).group(1)


def main(repeats: int = 20) -> int:
    source = RENDER_ANSWER.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="personalize-desk-bench-") as tmp:
        app = create_app({"TESTING": True, "INSTANCE_PATH_FOR_TESTS": tmp,
                          "SEED_CONTENT": False})
        catalog = app.extensions["personalize.catalog"]
        client, csrf = signed_in(app)
        caches = textstat_caches()
        previews, renders = [], []
        for n in range(repeats + 1):
            text = source.rstrip("\n") + f"\n\nAsk about the {WORDS[n % len(WORDS)]} {n}.\n"
            for cache in caches:
                cache.cache_clear()
            started = time.perf_counter()
            answer = parse_answer(text, RENDER_ANSWER.name, catalog.audiences)
            render_all(answer, catalog.profiles.values(), catalog.lexicon(answer.language))
            rendered = time.perf_counter() - started
            for cache in caches:
                cache.cache_clear()
            started = time.perf_counter()
            response = client.post("/desk/preview", data={"csrf_token": csrf, "source": text})
            previewed = time.perf_counter() - started
            assert response.status_code == 200 and "desk-preview" in response.text
            if n:  # the first pass warms templates and imports
                renders.append(rendered)
                previews.append(previewed)
        app.extensions["personalize.db"].dispose()
    preview_ms = statistics.median(previews) * 1000
    render_ms = statistics.median(renders) * 1000
    result = {"answer": RENDER_ANSWER.name, "repeats": repeats,
              "preview_ms": round(preview_ms, 1), "render_ms": round(render_ms, 1),
              "preview_ratio": round(preview_ms / render_ms, 2),
              "preview_p90_ms": round(sorted(previews)[int(0.9 * len(previews))] * 1000, 1)}
    print(f"{'preview (POST /desk/preview)':32} {result['preview_ms']:8.1f} ms median, "
          f"{result['preview_p90_ms']:.1f} ms p90")
    print(f"{'render_all, same text':32} {result['render_ms']:8.1f} ms median")
    print(f"{'preview_ratio':32} {result['preview_ratio']:8.2f}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 20))
