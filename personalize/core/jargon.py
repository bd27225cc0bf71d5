"""Jargon left in a rendition: hard words neither textstat's easy list nor the lexicon knows.

A word is hard as textstat's Dale-Chall count judges it (two syllables or more and not in
its English easy-word list); what the lexicon already covers is left out, so what remains
is a list of candidates for the lexicon, most frequent first.
"""

from __future__ import annotations

import re
import unicodedata
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
    """Words a general reader knows in a language: textstat's easy-word list, and for
    English our list of everyday words it lacks (core/data/everyday-en.txt).

    >>> "doctor" in easy_words(), "research" in easy_words(), "neutropenia" in easy_words()
    (True, True, False)
    """
    path = resources.files("textstat") / "resources" / language / "easy_words.txt"
    if not path.is_file():
        return frozenset()
    words = {w.strip().lower() for w in path.read_text(encoding="utf-8").split()}
    everyday = resources.files("personalize.core") / "data" / f"everyday-{language}.txt"
    if everyday.is_file():
        words.update(line.strip().lower() for line in everyday.read_text(
            encoding="utf-8").splitlines() if line.strip() and not line.startswith("#"))
    return frozenset(words)


# Endings that make a regular form of a word (what to put back after taking each off);
# Spanish pronouns joined to a verb ("lávese", "gastarlos") come off the same way.
_ENDINGS = {
    "en": (("'s", ""), ("s", ""), ("es", ""), ("ies", "y"), ("ed", ""), ("ed", "e"),
           ("d", ""), ("ing", ""), ("ing", "e"), ("er", ""), ("er", "e"), ("ier", "y"),
           ("est", ""), ("est", "e"), ("iest", "y"), ("ly", ""), ("ily", "y"),
           ("ness", ""), ("ful", ""), ("less", "")),
    "es": (("s", ""), ("es", ""), ("se", ""), ("la", ""), ("las", ""), ("lo", ""),
           ("los", ""), ("le", ""), ("les", ""), ("me", ""), ("nos", "")),
}


def _stems(word: str, language: str) -> set[str]:
    """The word and what it may be a regular form of (doubled consonants undone)."""
    stems = {word}
    for ending, back in _ENDINGS.get(language, _ENDINGS["en"]):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[:-len(ending)] + back
            stems.add(stem)
            if len(stem) > 3 and stem[-1] == stem[-2] and not back:  # bigger -> big
                stems.add(stem[:-1])
    return stems


def _plain(word: str) -> str:
    """The word without accents ("lávese" -> "lavese"), as the easy lists mostly write it."""
    return "".join(c for c in unicodedata.normalize("NFKD", word)
                   if not unicodedata.combining(c))


def is_easy(word: str, language: str = "en") -> bool:
    """Whether a word is easy: on the list itself, as a regular form of a listed word, or
    as a compound of listed words ("guidelines", "short-lived", "bloodstream").

    >>> is_easy("doctors"), is_easy("washing"), is_easy("leukopenia")
    (True, True, False)
    >>> is_easy("fewer"), is_easy("guidelines"), is_easy("short-lived"), is_easy("steadily")
    (True, True, True, True)
    >>> is_easy("gastarlos", "es"), is_easy("neutrófilos", "es")
    (True, False)
    """
    easy = easy_words(language)
    word = word.lower().replace("’", "'")
    if "-" in word:
        return all(is_easy(part, language) for part in word.split("-") if part)
    for form in {word, _plain(word)}:
        if _stems(form, language) & easy:
            return True
    return language == "en" and any(
        _stems(word[:n], language) & easy and _stems(word[n:], language) & easy
        for n in range(3, len(word) - 2))

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
