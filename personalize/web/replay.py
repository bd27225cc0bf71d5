"""Responses sent again as they were: a WSGI layer in front of Flask for repeated requests.

A view marks a response (`mark()`) when it depends on nothing but the request's inputs named
in KEY and on the app's stamp: the library's version (personalize.store.changes) and the
library, catalog and page cache in use. The layer keeps such a response's status, headers and
bytes, if it is a 200 or 304 to a GET or HEAD and sets no cookie, under those inputs, and
answers the same request with them again while the stamp has not moved: without Flask's
request context, hooks or view, which cost an answer page more than the page itself. The
stamp is taken before the view runs, so a change while it runs is never kept as current.

Nothing per request is lost: the security headers are a constant string (no nonce), Vary,
Cache-Control and the ETag are the view's; a conditional request is keyed by its
If-None-Match, and cookies by the whole Cookie header. A request carrying a session (an
editor signed in) is never answered from here. The layer sits inside ProxyFix, so it keys
on the addresses as forwarded. Kept per process, least recently used first out.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from flask import Flask, request

from personalize.store.lru import LRU

MARK = "personalize.replay"
# What a marked response may depend on, from the WSGI environ.
KEY = ("REQUEST_METHOD", "SCRIPT_NAME", "PATH_INFO", "QUERY_STRING", "wsgi.url_scheme",
       "HTTP_HOST", "SERVER_NAME", "SERVER_PORT", "HTTP_COOKIE", "HTTP_ACCEPT",
       "HTTP_ACCEPT_LANGUAGE", "HTTP_IF_NONE_MATCH")
KEPT = 512  # responses per process (about 12 kB each); REPLAY_SIZE sets it, 0 turns it off
_METHODS = frozenset({"GET", "HEAD"})


def init_app(app: Flask) -> None:
    """Put the layer in front of the app's WSGI callable (call before ProxyFix is added)."""
    size = int(app.config.setdefault("REPLAY_SIZE", KEPT))
    if size > 0:
        app.wsgi_app = Replay(app.wsgi_app, lambda: stamp(app), size,
                              app.config["SESSION_COOKIE_NAME"] + "=")


def mark() -> None:
    """Say that this request's response may be sent again to the same request (see above)."""
    request.environ[MARK] = True


def stamp(app: Flask) -> tuple | None:
    """What kept responses were made from besides the request; None when it cannot be told."""
    ext = app.extensions
    library = ext.get("personalize.library")
    version = getattr(library, "version", None)
    seen = version() if version is not None else None
    if seen is None:
        return None
    # compared with ==, which takes the same object as equal without asking it
    return seen, library, ext.get("personalize.catalog"), ext.get("personalize.pages")


class Replay:
    """The WSGI layer: marked responses kept under the request's inputs and the stamp."""

    def __init__(self, app: Callable, stamp: Callable[[], Hashable | None], size: int,
                 private_cookie: str):
        self.app = app
        self.stamp = stamp
        self.kept = LRU(size)
        self._private = private_cookie

    def __call__(self, environ: dict, start_response: Callable):
        if (environ["REQUEST_METHOD"] not in _METHODS
                or self._private in environ.get("HTTP_COOKIE", "")):
            return self.app(environ, start_response)
        seen = self.stamp()
        if seen is None:
            return self.app(environ, start_response)
        key = tuple(map(environ.get, KEY))
        kept = self.kept.get(key)
        if kept is not None and kept[0] == seen:
            start_response(kept[1], list(kept[2]))
            return [kept[3]]
        return self._keep(environ, start_response, key, seen)

    def _keep(self, environ: dict, start_response: Callable, key: tuple, seen: Hashable):
        """Call the app; keep what it sends if the view marked it and it can be kept."""
        sent: list = []

        def capture(status, headers, exc_info=None):
            sent[:] = (status, headers)
            return start_response(status, headers, exc_info)

        body = self.app(environ, capture)
        if not (environ.get(MARK) and sent and sent[0][:3] in ("200", "304")
                and not any(name.lower() == "set-cookie" for name, _ in sent[1])):
            return body
        try:
            data = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        self.kept.put(key, (seen, sent[0], tuple(sent[1]), data))
        return [data]
