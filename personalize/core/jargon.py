"""Jargon left in a rendition: hard words neither textstat's easy list nor the lexicon knows.

A word is hard as textstat's Dale-Chall count judges it (two syllables or more and not in
its easy-word list for the language) and, in English, rare in everyday English: wordfreq's
Zipf frequency (its word lists, shipped in the package and read offline, from subtitles,
news, books, web text and more) below COMMON_ZIPF. A word everyone writes ("treatment",
"approximately") is not jargon however many syllables it has; "monitored", "hepatic" and
"bradycardia" are. What the lexicon already covers is left out, so what remains is a list of
candidates for the lexicon, most frequent first. Spanish adds the
phrases of data/jargon-es.toml, made of easy words yet a professional's ("fichas
técnicas"), and reads a word's inflections before calling it hard (see is_easy); a Spanish
patient rendition that still holds jargon fails its gate (see gate_reasons).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from textstat.backend.counts import count_syllables
from wordfreq import zipf_frequency

from personalize.rewriter.lexicon import Lexicon

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
# textstat's own threshold: one-syllable words are never counted as difficult.
MIN_SYLLABLES = 2
# A Spanish patient rendition fails when it holds more different words than this per hundred
# words of text that are neither easy nor in the lexicon nor the page's own subject (a word
# now and then is one the page explains; more is a page written for someone else).
HARD_WORDS_PER_100 = 3
# Zipf frequency (log10 of uses per billion words) at and above which an English word is
# everyday English: 4.0 is ten uses a million words ("treatment" 5.0, "approximately" 4.6,
# "adverse" 3.9, "hepatic" 3.1, "bradycardia" 2.1).
COMMON_ZIPF = 4.0


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


# Endings that make a regular form of an English word (what to put back after taking each off);
# Spanish words are read by _spanish_stems.
_ENDINGS = {
    "en": (("'s", ""), ("s", ""), ("es", ""), ("ies", "y"), ("ed", ""), ("ed", "e"),
           ("d", ""), ("ing", ""), ("ing", "e"), ("er", ""), ("er", "e"), ("ier", "y"),
           ("est", ""), ("est", "e"), ("iest", "y"), ("ly", ""), ("ily", "y"),
           ("ness", ""), ("ful", ""), ("less", "")),
    "es": (("s", ""), ("es", ""), ("se", ""), ("la", ""), ("las", ""), ("lo", ""),
           ("los", ""), ("le", ""), ("les", ""), ("me", ""), ("nos", "")),
}


def stems(word: str, language: str) -> set[str]:
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
    (English) as a compound of listed words ("guidelines", "short-lived", "bloodstream").

    >>> is_easy("doctors"), is_easy("washing"), is_easy("leukopenia")
    (True, True, False)
    >>> is_easy("fewer"), is_easy("guidelines"), is_easy("short-lived"), is_easy("steadily")
    (True, True, True, True)
    >>> [is_easy(w, "es") for w in ("lávese", "cocine", "bajarla", "dolorosas", "leucopenia")]
    [True, True, True, True, False]
    >>> is_easy("gastarlos", "es"), is_easy("agranulocitosis", "es")
    (True, False)
    >>> is_easy("approximately"), is_easy("treatment"), is_easy("monitored"), is_easy("hepatic")
    (True, True, False, False)
    """
    easy = easy_words(language)
    word = word.lower().replace("’", "'")
    if language == "es":
        return bool(_spanish_stems(word) & (easy | _known(language))
                    or _spanish_stems(_plain(word)) & easy)
    if "-" in word:
        return all(is_easy(part, language) for part in word.split("-") if part)
    if common(word):
        return True
    for form in {word, _plain(word)}:
        if stems(form, language) & easy:
            return True
    return any(stems(word[:n], language) & easy and stems(word[n:], language) & easy
               for n in range(3, len(word) - 2))


@lru_cache(maxsize=65536)
def common(word: str, language: str = "en") -> bool:
    """Whether a word is everyday English by how often it is used (wordfreq).

    >>> common("infection"), common("neutropenia")
    (True, False)
    """
    return zipf_frequency(word, language) >= COMMON_ZIPF


_CLITICS = ("selas", "selos", "sela", "selo", "nos", "les", "las", "los", "le", "la", "lo",
            "se", "me", "te")


def _spanish_stems(word: str) -> set[str]:
    """The forms a Spanish word may be listed under: itself, its singular and masculine, and
    for a verb form its infinitive (clitic pronouns off: "lávese" -> "lave" -> "lavar").

    >>> sorted(_spanish_stems("cocine"))
    ['cocinar', 'cocine', 'cociner', 'cocinir']
    """
    forms = {word}
    for clitic in _CLITICS:
        if word.endswith(clitic) and len(word) - len(clitic) >= 3:
            forms.add(_unaccented(word[: -len(clitic)]))
    for form in list(forms):
        if form.endswith("es"):
            forms.add(form[:-2])
        if form.endswith("s"):
            forms.add(form[:-1])
    for form in list(forms):
        if form.endswith("a"):
            forms.add(form[:-1] + "o")
    for form in list(forms):
        # a command, a present, past, future, gerund or participle, back to its infinitive
        if form.endswith(("rán", "rás", "rá", "ré")):  # buscarán -> buscar
            forms.add(form[: -len(form.rsplit("r", 1)[1])])
        for ending, infinitives in _VERB_ENDINGS:
            if form.endswith(ending) and len(form) > len(ending) + 2:
                forms.update(form[: -len(ending)] + inf for inf in infinitives)
    return forms


# (ending, the infinitive endings it may come from), most specific first is not needed:
# every match adds a guess, and only guesses on the easy list count.
_VERB_ENDINGS = (("en", ("ar",)), ("e", ("ar", "er", "ir")), ("an", ("ar", "er", "ir")),
                 ("a", ("ar", "er", "ir")), ("ando", ("ar",)), ("iendo", ("er", "ir")),
                 ("ó", ("ar",)), ("ió", ("er", "ir")), ("aron", ("ar",)),
                 ("ieron", ("er", "ir")), ("ado", ("ar",)), ("ido", ("er", "ir")))


def _unaccented(word: str) -> str:
    """A verb form without the written accent its clitic gave it ("láve" -> "lave")."""
    return "".join(c for c in unicodedata.normalize("NFD", word)
                   if unicodedata.category(c) != "Mn" or c == "\u0303")  # keep the ñ


@lru_cache(maxsize=4)
def _data(language: str) -> dict:
    path = resources.files("personalize.core") / "data" / f"jargon-{language}.toml"
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


@lru_cache(maxsize=4)
def _known(language: str) -> frozenset[str]:
    """Medical words patients know though the frequency list misses them (data file)."""
    return frozenset(w.lower() for w in _data(language).get("known", ()))


@lru_cache(maxsize=4)
def _phrases(language: str) -> tuple[tuple[re.Pattern, str, str], ...]:
    """Jargon phrases of a language: (pattern, first form, what to say instead)."""
    data = _data(language)
    return tuple((re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, p["forms"])) + r")(?!\w)",
                             re.I), p["forms"][0], p["say"]) for p in data.get("phrases", ()))


def find_jargon(text: str, lexicon: Lexicon, language: str = "en") -> list[Jargon]:
    """Hard words and jargon phrases in text that the lexicon has no entry for, most
    frequent first."""
    counts: Counter[str] = Counter()
    for pattern, first, _ in _phrases(language):
        found = len(pattern.findall(text))
        if found:
            counts[first] += found
    for word in WORD.findall(text):
        low = word.lower()
        if (len(low) < 4 or is_easy(low, language)
                or count_syllables(low, language) < MIN_SYLLABLES):
            continue
        if lexicon.lookup([word]) is not None or _in_lexicon_phrase(low, lexicon):
            continue
        counts[low] += 1
    return [Jargon(w, n) for w, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def gate_reasons(text: str, lexicon: Lexicon, language: str, topic: str = "") -> list[str]:
    """Why a patient rendition in this language fails for its words ([] when it does not).

    Spanish only: its readability formula counts syllables, not how familiar a word is, so a
    page that says "fichas técnicas" would pass on Fernández Huerta alone. English keeps
    jargon in QA (Flesch-Kincaid and SMOG already weigh long words). The words of `topic`
    (the question the page answers) are the page's subject, which the reader asked about.
    """
    if language != "es":
        return []
    asked = set().union(*(_spanish_stems(w.lower()) for w in WORD.findall(topic)))
    found = [j for j in find_jargon(text, lexicon, language)
             if not _spanish_stems(j.word) & asked]
    say = {first: instead for _, first, instead in _phrases(language)}
    phrases = [j for j in found if j.word in say]
    words = [j for j in found if j.word not in say]
    reasons = [f"jargon for this reader: '{j.word}' (say: {say[j.word]})" for j in phrases]
    total = len(WORD.findall(text))
    if total and len(words) * 100 > HARD_WORDS_PER_100 * total:
        listed = ", ".join(f"'{j.word}'" for j in words)
        reasons.append(f"jargon for this reader: {len(words)} different hard words in "
                       f"{total} words ({listed}); reword them or add them to "
                       f"profiles/lexicon/{language}.toml")
    return reasons


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
