"""Syllable counts textstat cannot get right on its own, from local data, never a download.

textstat looks English words up in NLTK's copy of cmudict and downloads it at first use
when it is missing. We ship CMU's own BSD-licensed data file (``data/cmudict.dict.gz``,
licence beside it) and hand textstat a dictionary built from it, so nothing is fetched and
no GPL wrapper code is installed. Words not in the dictionary fall back to textstat's
hyphenation-based estimate, as before.

Spanish words are counted by the spelling rules of Spanish syllables (vowel nuclei, with
diphthongs and hiatuses): textstat's hyphenation estimate leaves out syllables at word edges
("ósea" is one syllable to it, three to a reader), which made Spanish text look easier.
"""

from __future__ import annotations

import gzip
import re
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from personalize.langtag import primary

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


_STRONG = "aeoáéóíú"  # open vowels, and accented i/u, which break a diphthong (hiatus)
_VOWELS = re.compile(r"[aeiouáéíóúü]+(?:y(?![aeiouáéíóú]))?")  # muy, hay: a final y glides


def spanish_syllables(word: str) -> int:
    """Syllables in a Spanish word: one per vowel group, plus one per hiatus inside it.

    >>> [spanish_syllables(w) for w in ("ósea", "agua", "leucopenia", "día", "hay", "que")]
    [3, 2, 4, 2, 1, 1]
    >>> [spanish_syllables(w) for w in ("neutrófilos", "leer", "guerra", "pingüino", "y")]
    [4, 2, 2, 3, 1]
    """
    word = re.sub(r"(?<=[qg])u(?=[eéií])", "", word.lower())  # que, guerra: a silent u
    if word == "y":
        return 1
    count = 0
    for group in _VOWELS.findall(word):
        count += 1 + sum(a in _STRONG and b in _STRONG for a, b in pairwise(group))
    return count


class _Spanish(dict):
    """Word -> phones as textstat reads them, counted by rule; KeyError for non-words."""

    def __missing__(self, word: str):
        count = spanish_syllables(word) if word.isalpha() else 0
        if not count:
            raise KeyError(word)
        return _PHONES[min(count, 15)]


_SPANISH = _Spanish()


def _get_cmudict(lang: str):
    code = primary(lang)
    return cmu_syllables() if code == "en" else _SPANISH if code == "es" else None


def install() -> None:
    """Point textstat's syllable counter at the local dictionary (idempotent)."""
    from textstat.backend.counts import _count_syllables

    _count_syllables.get_cmudict = _get_cmudict
    cmu_syllables()
