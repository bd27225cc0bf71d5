"""The reading level a reader is told, from the rendition's own scores, in its language.

English is told as the Flesch-Kincaid school grade. Spanish has no grade formula in
textstat: it is told as the school grade Fernandez Huerta's bands are said to fit (Fernandez
Huerta 1959, as corrected by Law 2011; the same bands the profiles' Spanish targets use), with
the score itself beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

# (lowest Fernandez Huerta score of a band, the school grade it is said to fit)
FERNANDEZ_HUERTA_GRADES = ((90, 4), (80, 5), (70, 6), (60, 8), (50, 10), (30, 13))
UNIVERSITY = 16


@dataclass(frozen=True)
class ReadingLevel:
    """A school grade (at least 1), and the score it comes from."""

    grade: int
    metric: str
    value: float


def reading_grade(grade: float) -> int:
    """The Flesch-Kincaid grade as a reader is told it: a whole school grade, at least 1.

    >>> reading_grade(5.6), reading_grade(-2.1), reading_grade(14.49)
    (6, 1, 14)
    """
    return max(1, round(grade))


def fernandez_huerta_grade(score: float) -> int:
    """The school grade a Fernandez Huerta score's band is said to fit.

    >>> [fernandez_huerta_grade(s) for s in (95, 82.7, 70, 65, 55, 40, 12)]
    [4, 5, 6, 8, 10, 13, 16]
    """
    return next((grade for low, grade in FERNANDEZ_HUERTA_GRADES if score >= low), UNIVERSITY)


def reading_level(scores: dict) -> ReadingLevel:
    """The level to tell a reader, from whichever grade-like score the rendition has.

    >>> reading_level({"flesch_kincaid_grade": 7.4, "smog_index": 9.0})
    ReadingLevel(grade=7, metric='flesch_kincaid_grade', value=7.4)
    >>> reading_level({"fernandez_huerta": 82.74})
    ReadingLevel(grade=5, metric='fernandez_huerta', value=82.74)
    """
    if "flesch_kincaid_grade" in scores:
        value = scores["flesch_kincaid_grade"]
        return ReadingLevel(reading_grade(value), "flesch_kincaid_grade", value)
    if "fernandez_huerta" in scores:
        value = scores["fernandez_huerta"]
        return ReadingLevel(fernandez_huerta_grade(value), "fernandez_huerta", value)
    return ReadingLevel(1, "", 0.0)
