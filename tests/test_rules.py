"""The rule contract: every rule's own examples, run through the whole chain of rules."""

from __future__ import annotations

import pytest

from personalize.rewriter.rules import asides, clauses, lists
from personalize.rewriter.rules.contract import Budget, Rule
from personalize.rewriter.rules.registry import ORDER, RULES
from personalize.rewriter.splitter import MAX_WORDS, simplify

LIMIT = 8  # every example is longer than this, so the chain tries to split it


def _fired(sentence: str) -> tuple[list, list]:
    pieces, log = simplify(sentence, LIMIT)
    return pieces, log


SPLITS = [pytest.param(r, s, after, id=f"{r.name}-{n}")
          for r in RULES for n, (s, after) in enumerate(r.splits)]
LEAVES = [pytest.param(r, s, id=f"{r.name}-{n}") for r in RULES for n, s in enumerate(r.leaves)]


@pytest.mark.parametrize("rule, sentence, expected", SPLITS)
def test_a_rule_splits_its_examples_first_in_the_chain(rule: Rule, sentence, expected):
    _, log = _fired(sentence)
    assert log, f"no rule split {sentence!r}; {rule.name} should have"
    first = log[0]
    assert first.rule == rule.name, f"{first.rule} fired first on {rule.name}'s example"
    assert first.after == expected, f"{rule.name} split its example differently"


@pytest.mark.parametrize("rule, sentence", LEAVES)
def test_a_rule_leaves_its_examples_alone_anywhere_in_the_chain(rule: Rule, sentence):
    _, log = _fired(sentence)
    fired = [split.rule for split in log]
    assert rule.name not in fired, (f"{rule.name} split an example it must leave alone "
                                    f"(rules that fired, first first: {fired})")


def test_every_rule_has_examples_both_ways_and_a_reason_for_its_place():
    for rule, why in ORDER:
        assert rule.splits and rule.leaves, rule.name
        assert len(why.split()) >= 6, rule.name


def test_names_are_unique_and_declared():
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    assert all(r.name and r.name.isidentifier() for r in RULES)


def test_every_declared_rule_is_registered():
    declared = {v for m in (lists, clauses, asides) for v in vars(m).values()
                if isinstance(v, Rule)}
    assert declared == set(RULES)


def test_other_languages_run_only_the_rules_that_write_no_words():
    neutral = [r.name for r in RULES if r.runs_for("es")]
    assert neutral == ["semicolon", "colon", "comma_clauses"]
    pieces, log = simplify("La fiebre es alta en los niños pequeños; la tos dura dos semanas.",
                           LIMIT, "es")
    assert [s.rule for s in log] == ["semicolon"] and len(pieces) == 2


def test_a_spent_budget_leaves_the_sentence_as_written_and_says_which():
    sentence = RULES[0].splits[0][0]
    budget = Budget(limit=5)
    pieces, log = simplify(sentence, LIMIT, "en", budget)
    assert pieces == [sentence] and log == []
    assert budget.spent_on == [sentence]


def test_a_sentence_past_the_bound_is_not_split_at_all():
    sentence = "Take 5 mg, " * (MAX_WORDS // 3 + 1) + "and rest."
    budget = Budget()
    pieces, log = simplify(sentence, LIMIT, "en", budget)
    assert pieces == [sentence.strip()] and log == [] and budget.steps == 0


@pytest.mark.parametrize("unit", ["a, ", "Take 5 mg, ", "the cells, which carry oxygen, ",
                                  "infections such as flu, ", "and ", "if it rises, "])
def test_steps_grow_with_the_words_not_faster(unit):
    """Sentences just under the bound, many of them: the steps a word stays flat."""
    per_word = []
    for sentences in (1, 10, 40):
        budget = Budget(limit=10**9)
        words = 0
        for _ in range(sentences):
            sentence = "Now " + unit * (MAX_WORDS // len(unit.split()) - 2) + "the end."
            words += len(sentence.split())
            simplify(sentence, LIMIT, "en", budget)
        per_word.append(budget.steps / words)
    assert max(per_word) <= 1.2 * min(per_word)
    assert max(per_word) < 400  # ordinary prose: at most about 140 steps a word
