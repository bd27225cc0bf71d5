"""Split long sentences at safe points, so each sentence carries one idea.

Each rule turns one long sentence into grammatical shorter ones: semicolons, ", which"
clauses, joined clauses, trailing "-ing" phrases, "because"/"although", long asides in
parentheses, and runs of three or more items, which become a bulleted list. A rule only
fires when both halves can stand alone; a sentence no rule fits is left as it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from personalize.langtag import primary
from personalize.rewriter.grammar import grammar
from personalize.rewriter.rules.asides import (
    _appositive,
    _closing_when,
    _especially,
    _final_appositive,
    _including,
    _means,
    _parenthetical,
    _quantified_relative,
)
from personalize.rewriter.rules.clauses import (
    _colon,
    _comma_clauses,
    _defining,
    _joined_clauses,
    _leading_clause,
    _modal_coordination,
    _participle,
    _relative,
    _semicolon,
    _shared_subject,
)
from personalize.rewriter.rules.common import Series, count_words
from personalize.rewriter.rules.lists import (
    _conditions,
    _series,
    _subject_series,
    _such_as_aside,
    _such_as_tail,
    _verb_series,
)

__all__ = ["Series", "Split", "count_words", "simplify"]


@dataclass(frozen=True)
class Split:
    """What one rule did to one sentence, for the rendition's change log."""

    rule: str
    before: str
    after: tuple[str, ...]


def simplify(sentence: str, limit: int, language: str = "en") -> tuple[list, list[Split]]:
    """Split a sentence longer than ``limit`` words; returns pieces and what was done.

    Pieces are sentences (str) or Series for bulleted runs.

    >>> pieces, log = simplify("Anemia is common; it is often mild and easy to treat.", 8)
    >>> pieces
    ['Anemia is common.', 'It is often mild and easy to treat.']
    """
    log: list[Split] = []
    rules = _RULES if primary(language) == "en" else _NEUTRAL_RULES
    pieces = _simplify(sentence.strip(), limit, grammar(language), log, 0, rules)
    return pieces, log


def _simplify(sentence, limit, g, log, depth, rules=None):
    if depth > 40 or count_words(sentence) <= limit:
        return [sentence]
    for rule in rules or _RULES:
        result = rule(sentence, g)
        if result and all(count_words(p if isinstance(p, str) else p.lead) for p in result):
            log.append(Split(rule.__name__.lstrip("_"), sentence,
                             tuple(p if isinstance(p, str) else p.lead + " " + "; ".join(p.items)
                                   for p in result)))
            out: list = []
            for piece in result:
                if isinstance(piece, Series):
                    out.append(piece)
                else:
                    out.extend(_simplify(piece, limit, g, log, depth + 1, rules))
            return out
    return [sentence]


# Safest first: lists, then clause splits.
_RULES = (
    _series, _verb_series, _subject_series, _conditions, _semicolon, _such_as_aside,
    _such_as_tail, _appositive, _relative, _quantified_relative, _joined_clauses, _shared_subject,
    _defining, _leading_clause, _participle, _modal_coordination, _parenthetical, _colon,
    _final_appositive, _especially, _including, _closing_when, _means, _comma_clauses,
)
# Other languages: only the rules that cut at punctuation and add no words. The rest write
# English ("It", "They", "This is because", "Examples are") or read English conjunctions.
_NEUTRAL_RULES = (_semicolon, _colon, _comma_clauses)
