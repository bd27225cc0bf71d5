"""Local addresses: where a form may send a reader back to, and query parameters set or
dropped on the way (Flask-free)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit


def local_target(target: str | None) -> str | None:
    """A path on this site to go back to, or None for anything pointing elsewhere.

    >>> local_target("/answers/x?profile=a"), local_target("//evil.example/")
    ('/answers/x?profile=a', None)
    >>> local_target("https://evil.example/"), local_target("/\\\\evil.example")
    (None, None)
    """
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or "\\" in target \
            or target.startswith("//"):
        return None
    return target


def with_param(target: str, key: str, value: str | None) -> str:
    """A local path with its ?key= set to value, or removed when value is None.

    >>> with_param("/answers/a?profile=x&q=1", "profile", None)
    '/answers/a?q=1'
    >>> with_param("/answers/a?lang=en", "lang", "es")
    '/answers/a?lang=es'
    """
    parts = urlsplit(target)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != key]
    if value is not None:
        query.append((key, value))
    return parts.path + (f"?{urlencode(query)}" if query else "")
