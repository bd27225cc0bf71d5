"""Errors in one place: HTML pages for readers, JSON for the API and embeds."""

from __future__ import annotations

from flask import Flask, abort, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from personalize.engine import library
from personalize.library import Record

JSON_PREFIXES = ("/api/", "/embed")


def init_app(app: Flask) -> None:
    """Handle every HTTP error; Flask logs an unexpected exception and hands it on as a 500."""
    app.register_error_handler(HTTPException, handle_http_error)


def get_answer_or_404(answer_id: str) -> Record:
    """The record readers see for an answer id, or a 404."""
    record = library().get(answer_id)
    if record is None:
        abort(404, description=f"There is no answer with the id “{answer_id}”.")
    return record


def wants_json() -> bool:
    """Whether this request should get errors as JSON rather than as a page."""
    if request.path.startswith(JSON_PREFIXES):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def handle_http_error(error: HTTPException):
    """Render an HTTP error as errors/<code>.html or as a JSON body."""
    code = error.code or 500
    if wants_json():
        body = {"error": {"status": code, "title": error.name, "detail": error.description}}
        response = jsonify(body)
    else:
        response = render_template([f"errors/{code}.html", "errors/default.html"], error=error)
    # Keep what the error itself says about how to retry (Allow on a 405, Retry-After).
    kept = [(k, v) for k, v in error.get_headers() if k in ("Allow", "Retry-After")]
    return response, code, kept

