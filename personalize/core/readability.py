"""Readability scores on the text the reader sees, one unit a sentence, as textstat gives them.

Every heading, list item and sentence is its own unit: run together without sentence ends,
a bulleted page scores as if it were one endless sentence. The language is passed on every
call; textstat's shared ``set_lang`` state is never touched.

The scores are textstat 0.7.13's formulas (pinned), computed from counts that are taken once
per unit and once per distinct word: textstat's own functions tokenise the same text a dozen
times over (per metric, per sentence, per word), which made scoring most of a render. Every
count is additive over units joined with newlines, so the whole text's counts are the sums
of its units'. ``textstat_score`` computes the same Scores with textstat's functions; the
tests hold the two equal on every answer and the bench uses it as the baseline.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from textstat.backend import counts, metrics
from textstat.backend.counts import _count_syllables
from textstat.backend.utils import get_lang_cfg, get_lang_easy_words, get_lang_root, get_pyphen
from textstat.backend.utils.constants import RE_NONCONTRACTION_APOSTROPHE

from personalize.core import syllables
from personalize.langtag import primary

syllables.install()


@dataclass(frozen=True)
class Metric:
    """A textstat metric: its label, its function and whether higher means harder."""

    label: str
    score: Callable[[str, str], float]
    harder_when_higher: bool = True
    languages: tuple[str, ...] = ("en",)


METRICS: dict[str, Metric] = {
    "flesch_kincaid_grade": Metric("Flesch-Kincaid grade", metrics.flesch_kincaid_grade),
    "smog_index": Metric("SMOG", metrics.smog_index),
    "flesch_reading_ease": Metric("Flesch reading ease", metrics.flesch_reading_ease, False),
    "gunning_fog": Metric("Gunning fog", metrics.gunning_fog),
    "coleman_liau_index": Metric("Coleman-Liau", lambda t, lang: metrics.coleman_liau_index(t)),
    "dale_chall_readability_score": Metric("Dale-Chall", metrics.dale_chall_readability_score),
    "fernandez_huerta": Metric("Fernandez Huerta", metrics.fernandez_huerta, False, ("es",)),
    "szigriszt_pazos": Metric("Szigriszt-Pazos", metrics.szigriszt_pazos, False, ("es",)),
}
READING_MS_PER_CHAR = 14.69

_END = re.compile(r"[.!?](?:[\"')\]]|\[[^\[\]]{1,30}\])*$")  # "stop.[1,2][Level of evidence: II]"


@dataclass(frozen=True)
class UnitScore:
    """One sentence unit with the scores an editor needs to find the one to fix.

    `grade` is the unit's Flesch-Kincaid grade. For Spanish, `ease` is the unit's own
    Fernández Huerta score and `drag` how many points the whole text's score would rise
    without the unit: what ranks the hardest units (see Scores.hardest).
    """

    text: str
    words: int
    grade: float
    polysyllables: int
    ease: float | None = None
    drag: float = 0.0
    # A heading is scored with the text but is never one of the sentences to fix; the same
    # unit scores the same either way, so equality leaves this out.
    heading: bool = field(default=False, compare=False)


@dataclass(frozen=True)
class Scores:
    """Whole-rendition scores (metric -> value), counts and the per-unit breakdown."""

    values: dict
    words: int
    sentences: int
    units: tuple[UnitScore, ...]

    def hardest(self, n: int = 3) -> list[UnitScore]:
        """The n hardest sentences (units that are not headings), hardest first, by the
        language's own formula.

        English: the highest Flesch-Kincaid grade. Spanish: Fernández Huerta, by how much
        each unit pulls the whole text's score down (its `drag`), then its own score. A
        unit's own score alone would put "Escalofríos o temblores." first: three words of
        three syllables each score 23.8 on a formula made for 100-word samples, yet the
        unit hardly moves the page's score.
        """
        units = [u for u in self.units if not u.heading]
        if any(u.ease is not None for u in units):
            return sorted(units, key=lambda u: (-u.drag, u.ease))[:n]
        return sorted(units, key=lambda u: -u.grade)[:n]

    def with_headings(self, headings: Iterable[str]) -> Scores:
        """The same scores with the units that are these headings marked as headings.

        >>> s = score(["Characterization and prognostication", "Wash your hands."])
        >>> s.hardest(1)[0].text, s.with_headings(["Characterization and prognostication"]
        ...     ).hardest(1)[0].text
        ('Characterization and prognostication.', 'Wash your hands.')
        """
        marked = {scoring_text([h]) for h in headings}
        return replace(self, units=tuple(replace(u, heading=True) if u.text in marked else u
                                         for u in self.units))

    def describe(self, unit: UnitScore) -> str:
        """A unit's score as a reason names it: 'grade 9.3', or 'Fernandez Huerta 58.9'."""
        if unit.ease is not None:
            return f"{METRICS['fernandez_huerta'].label} {unit.ease}"
        return f"grade {unit.grade}"


def scoring_text(units: list[str]) -> str:
    """Join units so textstat sees each as a sentence.

    >>> scoring_text(["Causes", "Low counts are common.", "Ask a doctor:"])
    'Causes.\\nLow counts are common.\\nAsk a doctor.'
    """
    out = []
    for unit in units:
        unit = unit.strip().rstrip(":;,")
        if unit:
            out.append(unit if _END.search(unit) else unit + ".")
    return "\n".join(out)


def score(units: list[str], language: str = "en") -> Scores:
    """Score sentence units with every metric that applies to the language.

    >>> s = score(["Causes", "Low blood counts are common after chemotherapy."])
    >>> s.words, s.sentences, s.values["flesch_kincaid_grade"], s.units[1].polysyllables
    (8, 1, 9.66, 1)
    """
    return Scorer(language).score(units)


class Scorer:
    """Scores units in one language, keeping what it counted of each distinct word and unit.

    Not shared between threads or kept between renders: one rendering makes one, so that its
    attempts at shorter sentences count the units they share only once.
    """

    def __init__(self, language: str = "en"):
        self.lang = primary(language)
        self._cmudict = _count_syllables.get_cmudict(self.lang)
        self._easy = get_lang_easy_words(self.lang)
        self._threshold = int(get_lang_cfg(self.lang, "syllable_threshold"))
        self._words: dict[str, tuple[int, int, int]] = {}
        self._units: dict[str, tuple[_Counts, UnitScore]] = {}

    def score(self, units: list[str]) -> Scores:
        """The Scores textstat gives these units (see textstat_score)."""
        counted = [self._unit(u) for u in (scoring_text([u]) for u in units) if u]
        if not counted:
            return Scores({name: 0.0 for name in METRICS} | {"reading_time_s": 0.0}, 0, 0, ())
        total = _Counts(*map(sum, zip(*(c for c, _ in counted), strict=True)))
        values = {name: round(_FORMULAS[name](total, self.lang), 2)
                  for name, m in METRICS.items() if self.lang in m.languages}
        values["reading_time_s"] = round(READING_MS_PER_CHAR * total.chars / 1000, 1)
        units = tuple(unit for _, unit in counted)
        if self.lang in METRICS["fernandez_huerta"].languages:
            whole = _fernandez_huerta(total, self.lang)
            units = tuple(replace(unit, drag=round(_fernandez_huerta(
                _Counts(*(a - b for a, b in zip(total, c, strict=True))), self.lang) - whole, 2))
                for c, unit in counted)
        return Scores(values, total.words, max(1, total.sentences), units)

    def _unit(self, text: str) -> tuple[_Counts, UnitScore]:
        found = self._units.get(text)
        if found is None:
            words = _list_words(text)
            syl = poly = hard = unfamiliar = 0
            for word in words:
                s, h, u = self._word(word)
                syl += s
                poly += s >= 3
                hard += h
                unfamiliar += u
            if _STOP_INSIDE.search(text):
                sentences = sum(len(_list_words(m)) > 2 for m in _SENTENCE.findall(text))
            else:  # stops only at the end: one sentence, of these words, or none
                sentences = int(len(words) > 2)
            counted = _Counts(len(words), sentences, syl, poly,
                              len(text) - len(_LETTER.sub("", text)), len(_SPACE.sub("", text)),
                              hard, unfamiliar)
            grade = round(_flesch_kincaid_grade(counted, self.lang), 2)
            ease = round(_fernandez_huerta(counted, self.lang), 2) \
                if self.lang in METRICS["fernandez_huerta"].languages else None
            found = counted, UnitScore(text, len(words), grade, poly, ease)
            self._units[text] = found
        return found

    def _word(self, word: str) -> tuple[int, int, int]:
        """(syllables, hard for Gunning fog, unfamiliar for Dale-Chall) of a listed word."""
        found = self._words.get(word)
        if found is None:
            lower = word.lower()
            if word.isascii():  # a listed word lower-cased is one word with no punctuation
                syl = dif = self._syllables_of_word(lower)
            else:
                # textstat judges difficulty on the word lower-cased before its punctuation
                # is taken out, which differs where lower-casing makes a combining mark ("İ")
                syl, dif = self._syllables(word), self._syllables(lower)
            unfamiliar = lower not in self._easy
            found = syl, unfamiliar and dif >= self._threshold, unfamiliar
            self._words[word] = found
        return found

    def _syllables(self, text: str) -> int:
        """textstat's count_syllables, for a text."""
        words = _without_punctuation(text).lower().split() if text else ()
        return sum(self._syllables_of_word(w) for w in words)

    def _syllables_of_word(self, word: str) -> int:
        """The dictionary's count for a lower-case word, else hyphenation points + 1."""
        try:
            return sum(1 for p in self._cmudict[word][0] if p[-1].isdigit())
        except (TypeError, IndexError, KeyError):
            return len(get_pyphen(self.lang).positions(word)) + 1


class _Counts(NamedTuple):
    """What textstat's formulas read of a text; each adds up over units joined by newlines."""

    words: int
    sentences: int  # textstat's count before it makes it at least 1
    syllables: int
    polysyllables: int
    letters: int
    chars: int  # not counting white space
    hard: int  # Gunning fog's difficult words: not easy, and enough syllables
    unfamiliar: int  # Dale-Chall's difficult words: not on the easy list


# textstat's tokenising: remove_punctuation (keeping contraction apostrophes), then split;
# a sentence is a run from a word boundary to its stops, and one of two words or fewer does
# not count.
# Runs rather than single characters: the same text left, in one substitution a run rather
# than one a character (counting letters a character at a time was a quarter of scoring).
_APOSTROPHE = re.compile(RE_NONCONTRACTION_APOSTROPHE)
_PUNCTUATION = re.compile(r"[^\w\s\']+")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)
_STOP_INSIDE = re.compile(r"[.!?][^.!?]")  # a stop with more text after it
_LETTER = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


def _without_punctuation(text: str) -> str:
    return _PUNCTUATION.sub("", _APOSTROPHE.sub("", text))


def _list_words(text: str) -> list[str]:
    return _without_punctuation(text).split()


# textstat 0.7.13's formulas, each written as textstat writes it so the floats are the same.
def _per(a: int, b: int) -> float:
    return a / b if b else 0.0


def _flesch_kincaid_grade(c: _Counts, lang: str) -> float:
    sentence_length = _per(c.words, max(1, c.sentences))
    syllables = _per(c.syllables, c.words)
    if sentence_length == 0 or syllables == 0:
        return 0.0
    return (0.39 * sentence_length) + (11.8 * syllables) - 15.59


def _smog_index(c: _Counts, lang: str) -> float:
    return (1.043 * (30 * (c.polysyllables / max(1, c.sentences))) ** 0.5) + 3.1291


def _flesch_reading_ease(c: _Counts, lang: str) -> float:
    root = get_lang_root(lang)
    sentence_length = _per(c.words, max(1, c.sentences))
    syllables = _per(c.syllables, c.words)
    if sentence_length == 0 or syllables == 0:
        return 0.0
    return (get_lang_cfg(root, "fre_base")
            - get_lang_cfg(root, "fre_sentence_length") * sentence_length
            - get_lang_cfg(root, "fre_syll_per_word") * syllables)


def _gunning_fog(c: _Counts, lang: str) -> float:
    if not c.words:
        return 0.0
    per_diff_words = 100 * c.hard / c.words
    return 0.4 * (_per(c.words, max(1, c.sentences)) + per_diff_words)


def _coleman_liau_index(c: _Counts, lang: str) -> float:
    letters = _per(c.letters, c.words) * 100
    sentences = _per(max(1, c.sentences), c.words) * 100
    if letters == 0 or sentences == 0:
        return 0.0
    return (0.058 * letters) - (0.296 * sentences) - 15.8


def _dale_chall_readability_score(c: _Counts, lang: str) -> float:
    if not c.words:
        return 0.0
    per_difficult_words = 100 * c.unfamiliar / c.words
    score = (0.1579 * per_difficult_words) + (0.0496 * _per(c.words, max(1, c.sentences)))
    if per_difficult_words > 5:
        score += 3.6365
    return score


def _fernandez_huerta(c: _Counts, lang: str) -> float:
    sentence_length = _per(c.words, max(1, c.sentences))
    syllables = _per(c.syllables, c.words)
    if sentence_length == 0 or syllables == 0:
        return 0.0
    return 206.84 - (60 * syllables) - (1.02 * sentence_length)


def _szigriszt_pazos(c: _Counts, lang: str) -> float:
    if not c.words:
        return 0.0
    return (get_lang_cfg(lang, "fre_base") - 62.3 * (c.syllables / c.words)
            - (c.words / max(1, c.sentences)))


_FORMULAS: dict[str, Callable[[_Counts, str], float]] = {
    "flesch_kincaid_grade": _flesch_kincaid_grade, "smog_index": _smog_index,
    "flesch_reading_ease": _flesch_reading_ease, "gunning_fog": _gunning_fog,
    "coleman_liau_index": _coleman_liau_index,
    "dale_chall_readability_score": _dale_chall_readability_score,
    "fernandez_huerta": _fernandez_huerta, "szigriszt_pazos": _szigriszt_pazos,
}
assert _FORMULAS.keys() == METRICS.keys(), "every metric needs its formula from counts"


def textstat_score(units: list[str], language: str = "en") -> Scores:
    """The same Scores as score(), computed by textstat's own functions on the joined text.

    The reference the tests compare score() with, and the bench's baseline.
    """
    lang = primary(language)
    text = scoring_text(units)
    values = {name: round(m.score(text, lang), 2) for name, m in METRICS.items()
              if lang in m.languages} if text else {name: 0.0 for name in METRICS}
    values["reading_time_s"] = round(metrics.reading_time(text, READING_MS_PER_CHAR), 1) \
        if text else 0.0
    texts = [u for u in (scoring_text([u]) for u in units) if u]
    spanish = lang in METRICS["fernandez_huerta"].languages
    per_unit = tuple(
        UnitScore(u, counts.count_words(u), round(metrics.flesch_kincaid_grade(u, lang), 2),
                  counts.count_polysyllable_words(u, lang),
                  round(metrics.fernandez_huerta(u, lang), 2) if spanish else None,
                  round(_textstat_fh("\n".join(texts[:n] + texts[n + 1:]), lang)
                        - _textstat_fh(text, lang), 2) if spanish else 0.0)
        for n, u in enumerate(texts)
    )
    return Scores(values, counts.count_words(text) if text else 0,
                  counts.count_sentences(text) if text else 0, per_unit)


def _textstat_fh(text: str, lang: str) -> float:
    """textstat's Fernandez Huerta unrounded (0 for no text), as drag is worked out."""
    return metrics.fernandez_huerta(text, lang) if text else 0.0
