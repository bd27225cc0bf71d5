"""Jargon left in a rendition: hard words neither textstat's easy list nor the lexicon knows.

A word is hard as textstat's Dale-Chall count judges it (two syllables or more and not in
its English easy-word list); what the lexicon already covers is left out, so what remains
is a list of candidates for the lexicon, most frequent first.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from textstat.backend.counts import count_syllables

from personalize.rewriter.lexicon import Lexicon

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
# textstat's own threshold: one-syllable words are never counted as difficult.
MIN_SYLLABLES = 2


@dataclass(frozen=True)
class Jargon:
    """One hard word as it appears (lower-cased) and how often."""

    word: str
    count: int

    def as_dict(self) -> dict:
        """The word as plain data."""
        return {"word": self.word, "count": self.count}


@lru_cache(maxsize=4)
def easy_words(language: str = "en") -> frozenset[str]:
    """textstat's easy-word list for a language, read from the installed package.

    >>> "doctor" in easy_words(), "neutropenia" in easy_words()
    (True, False)
    """
    path = resources.files("textstat") / "resources" / language / "easy_words.txt"
    if not path.is_file():
        return frozenset()
    return frozenset(w.strip().lower() for w in path.read_text(encoding="utf-8").split())


def is_easy(word: str, language: str = "en") -> bool:
    """Whether a word is on the easy list, itself or as a regular plural or -ed/-ing form.

    >>> is_easy("doctors"), is_easy("washing"), is_easy("leukopenia")
    (True, True, False)
    """
    easy = easy_words(language)
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    stems = {word, word.removesuffix("s"), word.removesuffix("es"), word.removesuffix("ed"),
             word.removesuffix("ing"), word.removesuffix("d"), word.removesuffix("ing") + "e"}
    if word.endswith("ies"):
        stems.add(word[:-3] + "y")
    return bool(stems & easy)


def find_jargon(text: str, lexicon: Lexicon, language: str = "en") -> list[Jargon]:
    """Hard words in text that the lexicon has no entry for, most frequent first."""
    counts: Counter[str] = Counter()
    for word in WORD.findall(text):
        low = word.lower()
        if (len(low) < 4 or is_easy(low, language)
                or count_syllables(low, language) < MIN_SYLLABLES):
            continue
        if lexicon.lookup([word]) is not None or _in_lexicon_phrase(low, lexicon):
            continue
        counts[low] += 1
    return [Jargon(w, n) for w, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _in_lexicon_phrase(word: str, lexicon: Lexicon) -> bool:
    """Whether the word is part of a lexicon term or of a plain wording it puts in."""
    key = (lexicon.language, lexicon.version)
    if key not in _LEXICON_WORDS:
        words: set[str] = set()
        for form in (*lexicon.forms.values(), *lexicon.exact.values()):
            words.update(w.lower() for w in WORD.findall(f"{form.surface} {form.plain}"))
        _LEXICON_WORDS[key] = frozenset(words)
    return word in _LEXICON_WORDS[key]


# Lexicons are frozen but hold dicts, so they cannot key an lru_cache; their version can.
_LEXICON_WORDS: dict[tuple[str, str], frozenset[str]] = {}
