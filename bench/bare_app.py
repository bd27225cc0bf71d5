"""The serving baseline: a bare Flask route that returns the answer page's bytes as they are.

Run under the same gunicorn set-up as wsgi:app; BENCH_PAGE names the file with the bytes.
"""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, Response

PAGE = Path(os.environ["BENCH_PAGE"]).read_bytes()
app = Flask(__name__)


@app.get("/answers/<answer_id>")
def answer(answer_id: str):
    """The same bytes the real answer page sent, whatever the id."""
    return Response(PAGE, mimetype="text/html")


@app.get("/api/v1/openapi.json")
def ready():
    """What the bench polls to know the server is up."""
    return {"ok": True}
