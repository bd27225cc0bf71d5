"""Language tags: the one way every layer reads a tag's language (imports nothing else)."""

from __future__ import annotations


def primary(language: str | None) -> str:
    """A language tag's primary subtag, lower-cased ("" for none).

    >>> primary("es-MX"), primary("EN_us"), primary(None)
    ('es', 'en', '')
    """
    return (language or "").replace("_", "-").split("-")[0].strip().lower()
