"""Real answers as they arrive from elsewhere: no front matter, Windows line ends, non-breaking
spaces, curly quotes, other bullets, tabs. Nothing crashes and no number is lost."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from personalize.core.answer import parse_answer
from personalize.core.catalog import load_catalog
from personalize.core.render import render

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "tests" / "corpus" / "real").glob("[0-9]*.md"))
CATALOG = load_catalog(ROOT / "profiles")


def numbers(text: str) -> dict[str, int]:
    """Digit runs and how often each occurs (thousands separators dropped)."""
    counts: dict[str, int] = {}
    for found in re.findall(r"\d+(?:,\d{3})*(?:\.\d+)?", text):
        key = found.replace(",", "")
        counts[key] = counts.get(key, 0) + 1
    return counts


def body(text: str) -> str:
    return text.split("+++", 2)[2] if text.startswith("+++") else text


VARIANTS = {
    # Pasted from a word processor: CRLF, non-breaking spaces, curly quotes.
    "pasted": lambda t: body(t).replace("'", "\u2019").replace(" the ", "\u00a0the ")
    .replace("\n", "\r\n"),
    # Typed in another editor: bullets and tab indents.
    "bullets": lambda t: re.sub(r"(?m)^(\s*)- ", lambda m: m.group(1).replace("  ", "\t")
                                + "\u2022 ", body(t)),
    # Everything on one line.
    "one line": lambda t: " ".join(body(t).split()),
}


@pytest.mark.parametrize("variant", VARIANTS)
def test_real_answers_in_other_shapes_render_with_every_number(variant):
    assert len(FILES) == 60
    for path in FILES:
        text = VARIANTS[variant](path.read_text(encoding="utf-8"))
        answer = parse_answer(text, path.name, CATALOG.audiences)
        made = render(answer, CATALOG.profiles["patient"], CATALOG.lexicon(answer.language))
        source, kept = numbers(text), numbers(made.text)
        lost = {n: (c, kept.get(n, 0)) for n, c in source.items() if kept.get(n, 0) < c}
        assert not lost, (path.name, variant, lost)
        assert made.text.strip(), (path.name, variant)
