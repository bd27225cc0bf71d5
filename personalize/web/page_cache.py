"""Rendered pages kept with holes for per-request parts (kept in a personalize.store.lru.LRU).

Each process keeps its own: nothing here is needed by another process, and every key names
what its value was made from (revision, profile, versions), so a new revision or a changed
profile or lexicon is a new key, never a stale hit. Flask-free.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import escape


class Slots:
    """Markers a template renders in place of per-request text, to be filled in later.

    Random per process, so no answer, profile or query can contain one by chance or design;
    letters and digits only, so autoescaping leaves them as they are.
    """

    def __init__(self, *names: str):
        prefix = f"pz{secrets.token_hex(12)}"
        self.markers = {name: f"{prefix}{name}" for name in names}
        self._names = {marker: name for name, marker in self.markers.items()}
        self._split = re.compile("(" + "|".join(map(re.escape, self._names)) + ")")

    def __getitem__(self, name: str) -> str:
        return self.markers[name]

    def page(self, html: str) -> Page:
        """A rendered page, cut at its markers."""
        pieces = self._split.split(html)
        parts = tuple(p.encode("utf-8") for p in pieces[0::2])
        holes = tuple(self._names[m] for m in pieces[1::2])
        digest = hashlib.sha256(b"".join(
            part + b"\0" + hole.encode() + b"\0" for part, hole in zip(parts, holes + ("",),
                                                                      strict=True)))
        return Page(parts, holes, digest.hexdigest())


@dataclass(frozen=True)
class Page:
    """A rendered page as UTF-8 parts with named holes between them."""

    parts: tuple[bytes, ...]
    holes: tuple[str, ...]
    digest: str  # of the parts and hole names: the same page gives the same digest anywhere

    def fill(self, texts: Mapping[str, str]) -> bytes:
        """The page with each hole filled by its text, HTML-escaped as autoescaping would.

        >>> slots = Slots("name")
        >>> slots.page(f"<p>{slots['name']}</p>").fill({"name": "<b> & 'c'"})
        b'<p>&lt;b&gt; &amp; &#39;c&#39;</p>'
        """
        filled = [str(escape(texts[name])).encode("utf-8") for name in self.holes]
        out = [self.parts[0]]
        for text, part in zip(filled, self.parts[1:], strict=True):
            out += (text, part)
        return b"".join(out)

    def etag(self, texts: Mapping[str, str]) -> str:
        """A strong validator for the filled page: the same bytes give the same tag."""
        digest = hashlib.sha256(self.digest.encode())
        for name in self.holes:
            text = texts[name].encode("utf-8")
            digest.update(len(text).to_bytes(8, "big") + text)
        return digest.hexdigest()[:32]
