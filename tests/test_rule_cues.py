"""A rule's cues only save work: a rule is never kept from a sentence it would have split.

The splitter skips a rule on a sentence holding none of its cues (rules/contract.py). Here
every rule runs on every long sentence of the shipped answers, the corpora and the rules' own
examples, cues or not, and must leave each sentence it is not cued for.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from personalize.rewriter.grammar import grammar
from personalize.rewriter.rules.contract import Budget, Context
from personalize.rewriter.rules.registry import RULES
from personalize.rewriter.sentences import split_sentences
from personalize.rewriter.splitter import count_words

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (sorted((ROOT / "content").glob("*.md"))
           + sorted((ROOT / "tests" / "corpus").rglob("*.md")))


def _sentences() -> list[tuple[str, str]]:
    found = set()
    for path in SOURCES:
        language = "es" if "/real-es/" in str(path) or path.stem.endswith(".es") else "en"
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            text = paragraph.replace("\n", " ").lstrip("-*#> ").strip()
            found.update((s, language) for s in split_sentences(text, language)
                         if count_words(s) > 8)
    found.update((s, "en") for r in RULES for s, _ in r.splits)
    found.update((s, "en") for r in RULES for s in r.leaves)
    return sorted(found)


SENTENCES = _sentences()


def test_the_corpus_is_large_enough_to_say_something():
    assert len(SENTENCES) > 1500
    assert sum(1 for r in RULES if r.cues) >= 25


@pytest.mark.parametrize("rule", [r for r in RULES if r.cues], ids=lambda r: r.name)
def test_a_rule_splits_no_sentence_without_one_of_its_cues(rule):
    hidden = []
    for sentence, language in SENTENCES:
        if not rule.runs_for(language) or rule.may_split(sentence):
            continue
        budget = Budget(limit=10**9)
        ctx = Context(grammar(language), lambda text, limit: [text], budget, language)
        if rule(sentence, ctx):
            hidden.append(sentence)
    assert not hidden, f"{rule.name} would split these, but its cues keep it away: {hidden[:3]}"


def test_cues_decide_quickly_and_as_written():
    semicolon = next(r for r in RULES if r.name == "semicolon")
    assert semicolon.may_split("Rest; drink water.")
    assert not semicolon.may_split("Rest and drink water.")
