"""Response headers every page gets, and CSRF protection for forms that change state.

Headers are filled in only where a view has not set its own, so an embed view that must be
framed by partners' pages can send its own Content-Security-Policy and X-Frame-Options.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from flask import Flask, current_app, request, session
from werkzeug.exceptions import BadRequest

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",  # no inline script, no eval, no third-party script
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    # Which question a reader looked at is health information: send no path to other sites.
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
DEV_SECRET_KEY = "dev"
TOKEN_FIELD = "csrf_token"
TOKEN_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
# Bodies a page on another site can send without a CORS preflight; JSON cannot be.
FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data",
                        "text/plain", ""})
_EXEMPT_ATTR = "_csrf_exempt"


class CSRFError(BadRequest):
    """A form sent without this session's token: stale, or sent from another site."""

    description = ("This form could not be accepted because its security token is missing or "
                   "out of date. Go back, reload the page and try again.")


def init_app(app: Flask) -> None:
    """Set cookie defaults, check CSRF tokens before views and add headers after them."""
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = DEV_SECRET_KEY
    if app.config["SECRET_KEY"] == DEV_SECRET_KEY and not (app.debug or app.testing):
        app.logger.warning("Using the development SECRET_KEY; set PERSONALIZE_SECRET_KEY.")
    app.config.setdefault("CSRF_ENABLED", True)
    # Flask's defaults hold these keys already (as None and True): fill in, never override.
    if app.config.get("SESSION_COOKIE_SAMESITE") is None:
        app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.before_request(check_csrf)
    app.after_request(add_headers)


def csrf_token() -> str:
    """This session's CSRF token, made on first use."""
    if TOKEN_FIELD not in session:
        session[TOKEN_FIELD] = secrets.token_urlsafe(32)
    return session[TOKEN_FIELD]


def csrf_exempt(view: Callable) -> Callable:
    """Mark a view whose unsafe requests are authenticated some other way."""
    setattr(view, _EXEMPT_ATTR, True)
    return view


def check_csrf() -> None:
    """Refuse a form submission that does not carry this session's token (400)."""
    if request.method in SAFE_METHODS or not current_app.config["CSRF_ENABLED"]:
        return
    if request.mimetype not in FORM_TYPES:
        return
    view = current_app.view_functions.get(request.endpoint or "")
    if view is None or getattr(view, _EXEMPT_ATTR, False):
        return
    sent = request.form.get(TOKEN_FIELD) or request.headers.get(TOKEN_HEADER, "")
    expected = session.get(TOKEN_FIELD, "")
    if not (sent and expected and secrets.compare_digest(sent.encode(), expected.encode())):
        raise CSRFError()


def add_headers(response):
    """Add the security headers a view has not set itself."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response
