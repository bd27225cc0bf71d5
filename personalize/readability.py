"""Readability scores from textstat, on the text the reader sees, one unit a sentence.

Every heading, list item and sentence is its own unit: run together without sentence ends,
a bulleted page scores as if it were one endless sentence. The language is passed to
textstat on every call; its shared ``set_lang`` state is never touched.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from textstat.backend import counts, metrics

from personalize import syllables

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

_END = re.compile(r"[.!?][\"')\]]*$")


@dataclass(frozen=True)
class UnitScore:
    """One sentence unit with the scores an editor needs to find the one to fix."""

    text: str
    words: int
    grade: float
    polysyllables: int


@dataclass(frozen=True)
class Scores:
    """Whole-rendition scores (metric -> value), counts and the per-unit breakdown."""

    values: dict
    words: int
    sentences: int
    units: tuple[UnitScore, ...]

    def hardest(self, n: int = 3) -> list[UnitScore]:
        """The n units with the highest grade, hardest first."""
        return sorted(self.units, key=lambda u: -u.grade)[:n]


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
    """Score sentence units with every metric that applies to the language."""
    lang = language.split("-")[0]
    text = scoring_text(units)
    values = {name: round(m.score(text, lang), 2) for name, m in METRICS.items()
              if lang in m.languages} if text else {name: 0.0 for name in METRICS}
    values["reading_time_s"] = round(metrics.reading_time(text, 14.69) , 1) if text else 0.0
    per_unit = tuple(
        UnitScore(u, counts.count_words(u), round(metrics.flesch_kincaid_grade(u, lang), 2),
                  counts.count_polysyllable_words(u, lang))
        for u in (scoring_text([u]) for u in units) if u
    )
    return Scores(values, counts.count_words(text) if text else 0,
                  counts.count_sentences(text) if text else 0, per_unit)
