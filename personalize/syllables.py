"""English syllable counts from local CMU Pronouncing Dictionary data, never a download.

textstat looks English words up in NLTK's copy of cmudict and downloads it at first use
when it is missing. We ship CMU's own BSD-licensed data file (``data/cmudict.dict.gz``,
licence beside it) and hand textstat a dictionary built from it, so nothing is fetched and
no GPL wrapper code is installed. Words not in the dictionary fall back to textstat's
hyphenation-based estimate, as before.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "cmudict.dict.gz"

# textstat counts the phones that end in a stress digit; one shared list per count keeps
# 135,000 entries small.
_PHONES = [[["0"] * n] for n in range(16)]


@lru_cache(maxsize=1)
def cmu_syllables() -> dict[str, list[list[str]]]:
    """Word -> phones in the shape textstat reads (only the stress digits matter)."""
    table: dict[str, list[list[str]]] = {}
    with gzip.open(DATA, "rt", encoding="utf-8") as handle:
        for line in handle:
            word, _, phones = line.partition(" ")
            if "(" in word:  # alternative pronunciations: textstat uses the first
                continue
            count = sum(1 for p in phones.split() if p[-1].isdigit())
            table[word] = _PHONES[min(count, 15)]
    return table


def _get_cmudict(lang: str):
    return cmu_syllables() if lang.split("_")[0].split("-")[0] == "en" else None


def install() -> None:
    """Point textstat's syllable counter at the local dictionary (idempotent)."""
    from textstat.backend.counts import _count_syllables

    _count_syllables.get_cmudict = _get_cmudict
    cmu_syllables()
