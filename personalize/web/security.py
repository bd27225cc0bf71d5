"""Response headers every page gets, and CSRF protection for forms that change state.

Headers are filled in only where a view has not set its own, so an embed view that must be
framed by partners' pages can send its own Content-Security-Policy and X-Frame-Options.

Forms are protected in one of two ways. Editors' forms (QA sign-in and sign-out) carry a
token kept in the signed session cookie. The readers' preference forms (profile, language)
are checked by where the browser says the request comes from (`Sec-Fetch-Site`, else
`Origin`) instead: they only choose how a page is shown, and without a token a reader's
pages need no session, so no cookie is written until the reader chooses something, and an
answer page is the same bytes for every reader of a profile and language.
"""

from __future__ import annotations

import hmac
import os
import re
import secrets
from collections.abc import Callable
from functools import lru_cache

import click
from flask import Flask, current_app, request, session
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import TimestampSigner, URLSafeTimedSerializer, want_bytes
from werkzeug.exceptions import BadRequest
from werkzeug.middleware.proxy_fix import ProxyFix

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
HSTS_MAX_AGE = 365 * 24 * 3600  # a year, as browsers' preload lists ask
NO_SECRET_KEY = (
    "No secret key: set PERSONALIZE_SECRET_KEY to a long random value, the same in every "
    "process, e.g. export PERSONALIZE_SECRET_KEY=\"$(python3 -c 'import secrets; "
    "print(secrets.token_hex(32))')\". Sessions (QA sign-in, CSRF tokens) are signed with "
    "it. For development, `make run` makes one, and --debug uses a development key.")
TOKEN_FIELD = "csrf_token"
TOKEN_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
# Bodies a page on another site can send without a CORS preflight; JSON cannot be.
FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data",
                        "text/plain", ""})
_EXEMPT_ATTR = "_csrf_exempt"
_SAME_ORIGIN_ATTR = "_csrf_same_origin"
# What Sec-Fetch-Site says of a request this site's own page sent (or the reader typed).
_OWN_SITE = frozenset({"same-origin", "none"})


# C0 controls and DEL; in an address none at all, in query and form values all but tab and
# line ends. PostgreSQL cannot hold NUL in text, and none of them means anything here.
_CONTROL_IN_PATH = re.compile(r"[\x00-\x1f\x7f]")
FORM_CHECKED = 64 * 1024  # form bodies up to this size are checked for control characters
_CONTROL_IN_VALUE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ControlCharacters(BadRequest):
    """An address, query or form holding a control character (NUL and the like)."""

    description = ("The address or form holds a control character (such as NUL), which "
                   "nothing on this site uses. Remove it and try again.")


class CSRFError(BadRequest):
    """A form sent without this session's token: stale, or sent from another site."""

    description = ("This form could not be accepted because its security token is missing or "
                   "out of date. Go back, reload the page and try again.")


class MissingSecretKey(RuntimeError):
    """The app would serve requests without a secret key of its own."""


def init_app(app: Flask) -> None:
    """Check the secret key, trust a proxy if told to, set cookie defaults, check CSRF tokens
    before views and add headers after them."""
    _secret_key(app)
    # Behind a proxy that ends TLS: PROXY_FIX = how many proxies set X-Forwarded-* (0: none).
    # Then request.is_secure is true for HTTPS readers: HSTS is sent and cookies are Secure.
    proxies = int(app.config.setdefault("PROXY_FIX", 0) or 0)
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies,
                                x_host=proxies, x_port=proxies, x_prefix=proxies)
    app.config.setdefault("HSTS_MAX_AGE", HSTS_MAX_AGE)
    app.config.setdefault("CSRF_ENABLED", True)
    # Flask's defaults hold these keys already (as None and True): fill in, never override.
    if app.config.get("SESSION_COOKIE_SAMESITE") is None:
        app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.session_interface = SessionInterface()
    app.before_request(refuse_control_characters)
    app.before_request(check_csrf)
    app.after_request(add_headers)


def _secret_key(app: Flask) -> None:
    """Outside debug and tests, serving without a secret key of its own is an error.

    A command that serves nothing (render, import, report...) needs no key: it gets a
    random one that lives as long as it does, and says nothing about it.
    """
    key = app.config.get("SECRET_KEY")
    if key and key != DEV_SECRET_KEY:
        return
    if app.debug or app.testing:
        app.config["SECRET_KEY"] = key or DEV_SECRET_KEY
    elif _serving():
        raise MissingSecretKey(NO_SECRET_KEY)
    else:
        app.config["SECRET_KEY"] = secrets.token_hex(32)


def _serving() -> bool:
    """Whether this app is made to serve requests: by a WSGI server, or by `flask run`."""
    if os.environ.get("FLASK_RUN_FROM_CLI") != "true":
        return True
    command = click.get_current_context(silent=True)
    return command is not None and command.info_name == "run"


def csrf_token() -> str:
    """This session's CSRF token, made on first use."""
    if TOKEN_FIELD not in session:
        session[TOKEN_FIELD] = secrets.token_urlsafe(32)
    return session[TOKEN_FIELD]


def csrf_exempt(view: Callable) -> Callable:
    """Mark a view whose unsafe requests are authenticated some other way."""
    setattr(view, _EXEMPT_ATTR, True)
    return view


def same_origin(view: Callable) -> Callable:
    """Mark a view whose form posts are checked by the browser's word on where they come
    from, not by a session token: for forms that only set a reader's preference."""
    setattr(view, _SAME_ORIGIN_ATTR, True)
    return view


def from_this_site() -> bool:
    """Whether the browser says this request was sent by a page of this site.

    Every current browser sends Sec-Fetch-Site, or at least Origin, with a form POST; a
    request with neither did not come from a page on another site in a browser (a script
    or an old browser sending its own reader's choice), so it is let through.
    """
    site = request.headers.get("Sec-Fetch-Site")
    if site:
        return site in _OWN_SITE
    origin = request.headers.get("Origin")
    if origin:
        return origin == f"{request.scheme}://{request.host}"
    return True


def refuse_control_characters() -> None:
    """400 for a control character in the path, the query or a form, before any view."""
    if _CONTROL_IN_PATH.search(request.path):
        raise ControlCharacters()
    values = request.args.items(multi=True)
    # The site's own forms are a few short fields; anything else is left to its view's
    # limits, so no large body is read here.
    if (request.method not in SAFE_METHODS and request.mimetype in FORM_TYPES
            and (request.content_length or 0) <= FORM_CHECKED):
        values = [*values, *request.form.items(multi=True)]
    if any(_CONTROL_IN_VALUE.search(k) or _CONTROL_IN_VALUE.search(v) for k, v in values):
        raise ControlCharacters()


def check_csrf() -> None:
    """Refuse a form submission that does not carry this session's token, or, for a
    preference form, one another site sent (400)."""
    if request.method in SAFE_METHODS or not current_app.config["CSRF_ENABLED"]:
        return
    if request.mimetype not in FORM_TYPES:
        return
    view = current_app.view_functions.get(request.endpoint or "")
    if view is None or getattr(view, _EXEMPT_ATTR, False):
        return
    if getattr(view, _SAME_ORIGIN_ATTR, False):
        if not from_this_site():
            raise CSRFError()
        return
    sent = request.form.get(TOKEN_FIELD) or request.headers.get(TOKEN_HEADER, "")
    expected = session.get(TOKEN_FIELD, "")
    if not (sent and expected and secrets.compare_digest(sent.encode(), expected.encode())):
        raise CSRFError()


def add_headers(response):
    """Add the security headers a view has not set itself."""
    headers = response.headers
    present = {name.lower() for name, _ in headers.items()}  # one pass, not one a header
    for name, value in HEADERS.items():
        if name.lower() not in present:
            headers.add(name, value)
    age = current_app.config["HSTS_MAX_AGE"]
    if request.is_secure and age and "strict-transport-security" not in present:
        headers.add("Strict-Transport-Security", f"max-age={int(age)}")
    return response


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed cookie sessions, with the same cookies, made without redoing work.

    Flask builds a serializer and derives the signing key (an HMAC) anew for every cookie
    it reads or writes; a reader's first page writes one (its CSRF token). Both depend only
    on the secret keys, so they are kept.
    """

    def get_cookie_secure(self, app: Flask) -> bool:
        """Secure whenever the reader came over HTTPS (or SESSION_COOKIE_SECURE says so)."""
        return bool(app.config["SESSION_COOKIE_SECURE"]) or request.is_secure

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        if not app.secret_key:
            return None
        keys = (*(app.config["SECRET_KEY_FALLBACKS"] or ()), app.secret_key)
        return _serializer(keys, self.salt, self.serializer, self.key_derivation,
                           self.digest_method)


@lru_cache(maxsize=8)
def _serializer(keys: tuple, salt, serializer, key_derivation, digest_method):
    return URLSafeTimedSerializer(
        list(keys), salt=salt, serializer=serializer, signer=_Signer,
        signer_kwargs={"key_derivation": key_derivation, "digest_method": digest_method})


class _Signer(TimestampSigner):
    """itsdangerous's signer with its derived keys kept (the same keys, so the same cookies)."""

    def derive_key(self, secret_key: str | bytes | None = None) -> bytes:
        key = self.secret_keys[-1] if secret_key is None else want_bytes(secret_key)
        if self.key_derivation != "hmac":
            return super().derive_key(key)
        return _hmac_key(key, self.salt, self.digest_method)


@lru_cache(maxsize=16)
def _hmac_key(secret_key: bytes, salt: bytes, digest_method) -> bytes:
    mac = hmac.new(secret_key, digestmod=digest_method)
    mac.update(salt)
    return mac.digest()
