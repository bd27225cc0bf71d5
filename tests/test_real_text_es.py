"""The Spanish rewrite on real MedlinePlus en español summaries (tests/corpus/real-es).

Floors, not targets: they catch a change that makes real Spanish text harder to read, loses
a number or crashes. The figures themselves are in the README (bench/real_text.py
--language es).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from real_text import CORPUS_ES, HELD_OUT_FROM, evaluate, numbers  # noqa: E402

FILES = sorted(CORPUS_ES.glob("[0-9][0-9][0-9]-*.md"))


@pytest.fixture(scope="module")
def rows(catalog):
    return evaluate(FILES, catalog)


def test_the_corpus_is_there_and_split():
    assert len(FILES) == 32
    held = [p for p in FILES if int(p.name[:3]) >= HELD_OUT_FROM["es"]]
    assert len(held) == 10
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        assert 'language = "es"' in text and 'site = "MedlinePlus en español"' in text


def test_no_number_is_ever_lost(rows):
    assert [r["file"] for r in rows if r["numbers_lost"] or r["missing_facts"]] == []


def test_spanish_numbers_are_counted_the_spanish_way():
    assert numbers("38,3 °C y 1.500/µL", "es") == numbers("38,3 y 1500", "es")
    assert sorted(numbers("38,3 °C y 1.500/µL", "es").elements()) == ["1500", "38,3"]


def test_patient_renditions_never_read_harder(rows):
    assert all(r["after"] >= r["before"] - 0.6 for r in rows), [
        (r["file"], r["before"], r["after"]) for r in rows if r["after"] < r["before"] - 0.6]


def test_share_at_fernandez_huerta_seventy_does_not_regress(rows):
    assert sum(r["ok"] for r in rows) >= 9
