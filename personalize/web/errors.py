"""Errors in one place: HTML pages for readers, JSON for the API and embeds."""

from __future__ import annotations

from flask import Flask, abort, current_app, jsonify, render_template, request
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException, ServiceUnavailable

from personalize.store.library import Record
from personalize.web.extensions import library
from personalize.web.language import gettext as _

JSON_PREFIXES = ("/api/", "/embed", "/oembed")


def init_app(app: Flask) -> None:
    """Handle every HTTP error; Flask logs an unexpected exception and hands it on as a 500."""
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(DBAPIError, handle_database_down)


def get_answer_or_404(answer_id: str) -> Record:
    """The record readers see for an answer id, or a 404."""
    record = library().get(answer_id)
    if record is None:
        abort(404, description=_("There is no answer with the id “%(id)s”.", id=answer_id))
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
        response = render_template([f"errors/{code}.html", "errors/default.html"], error=error,
                                   description=described(error))
    # Keep what the error itself says about how to retry (Allow on a 405, Retry-After).
    kept = [(k, v) for k, v in error.get_headers() if k in ("Allow", "Retry-After")]
    return response, code, kept


def described(error: HTTPException) -> str:
    """What an error page tells the reader: the error's own description, or, for Werkzeug's
    stock English ones, ours in the reader's language."""
    if error.description != type(error).description:
        return error.description  # written for this error, in the reader's language
    stock = {
        "CSRFError": _("This form could not be accepted because its security token is "
                       "missing or out of date. Go back, reload the page and try again."),
        "BadRequest": _("The request was not one this site can answer."),
        "ControlCharacters": _("The address or form holds a control character (such as "
                               "NUL), which nothing on this site uses. Remove it and try "
                               "again."),
        "Unauthorized": _("This page is only for signed-in editors."),
        "Forbidden": _("You do not have permission to see this page."),
        "NotFound": _("The address may be mistyped, or the page may have moved."),
        "RequestEntityTooLarge": _("What was sent is too large."),
        "TooManyRequests": _("Too many requests came from you in a short time. "
                             "Please wait a moment and try again."),
        "ServiceUnavailable": _("Please try again in a few seconds."),
    }
    return stock.get(type(error).__name__, error.description)


def handle_database_down(error: DBAPIError):
    """The answer store cannot be reached (or dropped the connection): 503, not a 500.

    The engine checks connections before use (pool_pre_ping), so the next request after the
    database is back gets a fresh connection: no restart is needed.
    """
    if not error.connection_invalidated and not _unreachable(error):
        raise error
    current_app.logger.warning("answer store unreachable: %s", error.orig)
    down = ServiceUnavailable(description=_("The answer store cannot be reached right now. "
                                            "Nothing is lost; please try again in a few "
                                            "seconds."),
                              retry_after=5)
    return handle_http_error(down)


def _unreachable(error: DBAPIError) -> bool:
    """Whether a database error means the server is down or the connection was lost."""
    from sqlalchemy.exc import InterfaceError, OperationalError

    return isinstance(error, OperationalError | InterfaceError)
