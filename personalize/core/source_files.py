"""Which files on disk are answer sources: Markdown or text, in a stable order."""

from __future__ import annotations

from pathlib import Path

ANSWER_SUFFIXES = (".md", ".markdown", ".txt")


def answer_paths(paths: tuple[str, ...]) -> list[Path]:
    """Files named, and the answer files (Markdown or text) inside folders, in a stable order."""
    out: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in ANSWER_SUFFIXES
                              and p.is_file() and p.stem.lower() != "readme"))
        else:
            out.append(path)
    return out
