"""Split long sentences at safe points, so each sentence carries one idea.

The rules (rules/registry.py, in their order) turn one long sentence into grammatical shorter
ones: semicolons, ", which" clauses, joined clauses, trailing "-ing" phrases,
"because"/"although", long asides in parentheses, and runs of three or more items, which
become a bulleted list. A rule only fires when both halves can stand alone; a sentence no rule
fits is left as it was. Work is bounded: a sentence longer than MAX_WORDS is left as written,
and every rule tried is paid for from the render's Budget.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from personalize.langtag import primary
from personalize.rewriter.grammar import grammar
from personalize.rewriter.rules.common import Series, count_words
from personalize.rewriter.rules.contract import Budget, BudgetSpent, Context, Metered, Rule
from personalize.rewriter.rules.registry import RULES
from personalize.rewriter.rules.safety import refusal
from personalize.rewriter.sentences import PLACEHOLDERS

__all__ = ["MAX_WORDS", "Budget", "Series", "Split", "count_words", "simplify"]

# Longer than this, a "sentence" is a run-on list or pasted text: no rule is trusted with it.
MAX_WORDS = 150
MAX_DEPTH = 40


@dataclass(frozen=True)
class Split:
    """What one rule did to one sentence, for the rendition's change log."""

    rule: str
    before: str
    after: tuple[str, ...]


def simplify(sentence: str, limit: int, language: str = "en",
             budget: Budget | None = None, memo: dict | None = None) -> tuple[list, list[Split]]:
    """Split a sentence longer than ``limit`` words; returns pieces and what was done.

    Pieces are sentences (str) or Series for bulleted runs. When the budget runs out, the
    sentence is left as written (and recorded in ``budget.spent_on``). `memo` keeps, for
    each sentence, the first rule that splits it (which does not depend on the limit), for
    other calls on the same text: another profile's, or a later attempt's with a lower limit.

    >>> pieces, log = simplify("Anemia is common; it is often mild and easy to treat.", 8)
    >>> pieces
    ['Anemia is common.', 'It is often mild and easy to treat.']
    """
    budget = budget if budget is not None else Budget()
    language = primary(language)
    rules = tuple(r for r in RULES if r.runs_for(language))
    log: list[Split] = []

    def resplit(text: str, limit: int) -> list:
        return _simplify(text.strip(), limit, ctx, rules, [], 0, memo)

    ctx = Context(Metered(grammar(language), budget), resplit, budget, language)
    # citations after the closing stop ("... normal.[3-5]") close the whole sentence: the
    # rules split it without them and they go back after its last piece
    marks = _CLOSING_MARKS.search(sentence.strip())
    body = sentence.strip()[: marks.start(1)] if marks else sentence.strip()
    try:
        pieces = _simplify(body, limit, ctx, rules, log, 0, memo)
    except BudgetSpent:
        budget.spent_on.append(sentence.strip())
        return [sentence.strip()], []
    if marks:
        last = pieces[-1]
        pieces[-1] = (last + marks.group(1) if isinstance(last, str) else
                      replace(last, items=last.items[:-1] + (last.items[-1] + marks.group(1),)))
    return pieces, log


_CLOSING_MARKS = re.compile(rf"[.!?][\"'”’)\]]*([{PLACEHOLDERS}]+)$")


def _simplify(sentence: str, limit: int, ctx: Context, rules: tuple[Rule, ...],
              log: list[Split], depth: int, memo: dict | None = None) -> list:
    words = count_words(sentence)
    if depth > MAX_DEPTH or words <= limit or words > MAX_WORDS:
        return [sentence]
    found = _first_split(sentence, words, ctx, rules, memo)
    if found is None:
        return [sentence]
    name, result = found
    log.append(Split(name, sentence, tuple(_logged(p) for p in result)))
    out: list = []
    for piece in result:
        if isinstance(piece, Series):
            out.append(piece)
        else:
            out.extend(_simplify(piece, limit, ctx, rules, log, depth + 1, memo))
    return out


def _first_split(sentence: str, words: int, ctx: Context, rules: tuple[Rule, ...],
                 memo: dict | None) -> tuple[str, tuple] | None:
    """The first rule that splits the sentence, and its pieces; None when none does.

    From the memo, the steps it took are paid again, so the budget runs out where it would.
    """
    key = (sentence, ctx.language)
    if memo is not None and key in memo:
        steps, found = memo[key]
        ctx.budget.spend(steps)
        return found
    before, found = ctx.budget.steps, None
    for rule in rules:
        ctx.budget.spend(words)
        if not rule.may_split(sentence):
            continue
        result = rule(sentence, ctx)
        if not result or not all(count_words(p if isinstance(p, str) else p.lead)
                                 for p in result):
            continue
        # one check after every rule, not trusted to each rule: a split that would change
        # what the sentence claims is not made, and the next rule is tried
        if refusal(sentence, result, ctx.grammar, rule.name, ctx.language) is None:
            found = rule.name, tuple(result)
            break
    if memo is not None:
        memo[key] = ctx.budget.steps - before, found
    return found


def _logged(piece) -> str:
    """A piece as the change log writes it: a sentence, or 'lead item; item; item'."""
    return piece if isinstance(piece, str) else piece.lead + " " + "; ".join(piece.items)
