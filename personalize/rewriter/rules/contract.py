"""What a splitting rule is: a name kept in change logs, a function, and the examples it owns.

A rule takes one sentence and a Context and returns the pieces it becomes (sentences, or a
Series for a bulleted run) or None to leave it. It never imports the splitter: what it needs of
the chain (re-splitting a long lead-in, the step budget) comes through the Context. Adding a
rule is one function declared with @rule and its examples, and one line in rules/registry.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from personalize.rewriter.grammar import Grammar

Pieces = list  # of str (a sentence) and Series (a lead-in and its items)


class BudgetSpent(Exception):
    """A render's splitting budget ran out: the sentence at hand is left as written."""


@dataclass
class Budget:
    """Steps a render may spend on splitting sentences: words looked at by rules and tests.

    One budget is shared by every sentence of a render, so an answer built to be slow costs a
    bounded amount of work; what is left unsplit when it runs out is named in the rendition.

    >>> budget = Budget(limit=10)
    >>> budget.spend(6); budget.steps
    6
    >>> budget.spend(6)
    Traceback (most recent call last):
    ...
    personalize.rewriter.rules.contract.BudgetSpent: splitting budget of 10 steps spent
    """

    limit: int = 400_000
    steps: int = 0
    spent_on: list[str] = field(default_factory=list)  # sentences left as written

    def spend(self, steps: int) -> None:
        """Count steps; past the limit, raise BudgetSpent."""
        self.steps += steps
        if self.steps > self.limit:
            raise BudgetSpent(f"splitting budget of {self.limit} steps spent")


class Metered:
    """A grammar whose clause test is paid for from a budget, by the length it reads.

    Everything else is the grammar's own (its word lists, its other tests): rules use it as
    they would the grammar.
    """

    def __init__(self, grammar: Grammar, budget: Budget):
        self._grammar = grammar
        self._budget = budget

    def __getattr__(self, name: str):
        return getattr(self._grammar, name)

    def is_clause(self, text: str) -> bool:
        """The grammar's clause test; costs a step for about every word it may read."""
        self._budget.spend(1 + len(text) // 6)
        return self._grammar.is_clause(text)


@dataclass(frozen=True)
class Context:
    """What a rule may use besides its sentence: the language's grammar (metered), a way to
    split a piece again with the whole chain (a long lead-in before a list), and the render's
    budget."""

    grammar: Grammar | Metered
    resplit: Callable[[str, int], Pieces]
    budget: Budget
    language: str = "en"


@dataclass(frozen=True)
class Rule:
    """One splitting rule and the examples that say what it does and what it leaves alone.

    `name` is what change logs store, so renaming the function never changes saved logs.
    `splits` pairs a sentence with the pieces the whole chain makes of it when this rule fires
    first (a Series written as "lead item; item; item"); `leaves` are sentences this rule must
    never split, anywhere in the chain. `languages` lists the primary language tags it runs for
    ("*" for any: such a rule cuts at punctuation and writes no words of its own).
    `cues` are strings one of which every sentence the rule can split holds, as written (its
    pattern's literal words or punctuation): the splitter does not try the rule on a sentence
    holding none of them, which is most sentences for most rules. Empty: tried on every one.
    """

    name: str
    split: Callable[[str, Context], Pieces | None]
    languages: tuple[str, ...]
    splits: tuple[tuple[str, tuple[str, ...]], ...]
    leaves: tuple[str, ...]
    cues: tuple[str, ...] = ()

    def __call__(self, sentence: str, ctx: Context) -> Pieces | None:
        return self.split(sentence, ctx)

    def may_split(self, sentence: str) -> bool:
        """Whether the sentence holds one of the rule's cues (or the rule has none)."""
        return not self.cues or any(cue in sentence for cue in self.cues)

    def runs_for(self, language: str) -> bool:
        """Whether the rule runs for text in this (primary) language."""
        return "*" in self.languages or language in self.languages


def rule(name: str, *, languages: tuple[str, ...] = ("en",), cues: tuple[str, ...] = (),
         splits: tuple[tuple[str, tuple[str, ...]], ...] = (),
         leaves: tuple[str, ...] = ()) -> Callable[[Callable], Rule]:
    """Declare a function as a rule with its stored name, its cues and its examples."""
    def declare(split: Callable[[str, Context], Pieces | None]) -> Rule:
        return Rule(name, split, languages, splits, leaves, cues)
    return declare
