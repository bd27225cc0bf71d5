"""Facts: the shortcuts extract takes find what trying every name and pattern finds."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from personalize.core import facts
from personalize.core.catalog import load_catalog
from personalize.core.facts import _CITATION, _DOSE, _DRUG, _NUMBER, Fact, extract

ROOT = Path(__file__).resolve().parent.parent
NAMES = load_catalog(ROOT / "profiles").lexicon("en").drug_names


def every_name_tried(texts: list[str], drug_names: frozenset[str]) -> Counter:
    """extract as it was written first: every name's pattern and the stems' pattern on
    every text."""
    found: Counter = Counter()
    for text in texts:
        for group in _CITATION.findall(text):
            for key in re.findall(r"@([^\s;\]]+)", group):
                found[Fact("citation", key)] += 1
        plain = _CITATION.sub(" ", text)
        for match in _DOSE.finditer(plain):
            amount = re.sub(r"\s*(-|–|to)\s*", "-", match.group(1)).replace(",", "")
            unit = re.sub(r"\s+", "", match.group(2))
            found[Fact("dose", f"{amount} {unit}")] += 1
        for match in _NUMBER.finditer(plain):
            found[Fact("number", match.group().replace(",", ""))] += 1
        lower = plain.lower()
        for name in drug_names:
            count = len(re.findall(rf"(?<![\w-]){re.escape(name)}(?![\w-])", lower))
            if count:
                found[Fact("drug", name)] += count
        for match in _DRUG.finditer(plain):
            if match.group().lower() not in drug_names:
                found[Fact("drug", match.group().lower())] += 1
    return found


BITS = st.sampled_from(
    sorted(NAMES) + [n.upper() for n in sorted(NAMES)[:10]] + list(facts._DRUG_STEMS)
    + ["xlosartan", "losartan2", "co-", "-", " ", " ", ", ", ". ", "ceftriaxone", "Kcefx",
       "\u212aetoprofen", "ſartan", "İbuprofen", "5 mg", "1,500/uL", "[@a]", "_", "vitamin",
       "b12", "é", "\n"])
TEXTS = st.lists(st.lists(BITS, max_size=12).map("".join), max_size=4)


@settings(max_examples=400, deadline=None)
@given(TEXTS, st.sampled_from([NAMES, frozenset(), frozenset(sorted(NAMES)[::3])]))
def test_extract_finds_what_trying_every_name_finds(texts, names):
    made: dict = {}
    assert extract(texts, names, made) == every_name_tried(texts, names)
    assert extract(texts, names, made) == every_name_tried(texts, names)  # from what it kept
