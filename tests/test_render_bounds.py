"""Rendering is bounded: hostile text costs steps in proportion to its words, never more, and
what the bounds leave unsplit is named in the rendition's reasons."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from personalize.core import render as render_mod
from personalize.core.answer import load_answer
from personalize.rewriter.splitter import MAX_WORDS

FRONT = ('+++\nid = "hostile"\nquestion = "What is this?"\nstatus = "submitted"\n'
         'updated = 2026-01-01\nlanguage = "en"\n+++\n\n')
# The shapes that made rendering cubic in sentence length (issue 14) and their cousins.
UNITS = ("5 mg, ", "a, ", "and ", "the cells, which carry oxygen, ", "infections such as flu, ",
         "if it rises, ", "not A; ", "(see 2.3), ")


class Counting(render_mod.Budget):
    """The renderer's own budget, remembered so a test can read the steps it spent."""

    made: list = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        Counting.made.append(self)


@pytest.fixture
def steps(monkeypatch):
    Counting.made = []
    monkeypatch.setattr(render_mod, "Budget", Counting)
    return Counting.made


def _render(tmp_path, catalog, body: str, profile: str = "patient"):
    path = tmp_path / "hostile.md"
    path.write_text(FRONT + body + "\n", encoding="utf-8")
    answer = load_answer(path, catalog.audiences)
    return render_mod.render(answer, catalog.profiles[profile], catalog.lexicon("en"))


@pytest.mark.parametrize("body", ["Take " + "5 mg, " * 400 + "daily.", "a, " * 20_000 + ".",
                                  "and " * 12_500 + "."])
def test_the_inputs_that_took_minutes_are_left_as_written_with_a_reason(
        tmp_path, catalog, steps, body):
    rendition = _render(tmp_path, catalog, body)
    assert steps[0].steps == 0  # no rule was tried: the sentence is past the bound
    assert any(f"the splitter takes at most {MAX_WORDS}" in r for r in rendition.reasons)
    assert rendition.verdict == "fail"
    assert rendition.facts.missing == ()


def test_a_spent_budget_is_named_in_the_reasons(tmp_path, catalog, monkeypatch):
    monkeypatch.setattr(render_mod, "MIN_STEPS", 10)
    monkeypatch.setattr(render_mod, "STEPS_PER_WORD", 0)
    body = ("Red blood cells, which carry oxygen, are made in the bone marrow of the long "
            "bones of adults.")
    rendition = _render(tmp_path, catalog, body)
    assert any(r.startswith("splitting budget of 10 steps spent: 1 sentence(s) left as "
                            "written, the first: \"Red blood cells, which carry oxygen")
               for r in rendition.reasons), rendition.reasons
    assert "Red blood cells, which carry oxygen, are made" in rendition.text


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.function_scoped_fixture])
@given(units=st.lists(st.sampled_from(UNITS), min_size=1, max_size=4),
       per_sentence=st.integers(min_value=3, max_value=MAX_WORDS - 10))
def test_steps_per_word_stay_flat_from_ten_to_ten_thousand_words(
        tmp_path, catalog, steps, units, per_sentence):
    """The renderer's step count, not wall time: hostile text of 10 to 10,000 words."""
    per_word = []
    for total in (10, 1_000, 10_000):
        words, sentences = 0, []
        while words < total:
            unit = units[len(sentences) % len(units)]
            size = min(per_sentence, total - words)
            sentence = "Now " + (unit * max(1, size // len(unit.split()))).rstrip(", ") + "."
            sentences.append(sentence)
            words += len(sentence.split())
        steps.clear()
        _render(tmp_path, catalog, " ".join(sentences))
        per_word.append(steps[0].steps / words)
    # ordinary prose spends at most about 140 steps a word; hostile text stays in that range
    assert max(per_word) < 400, per_word
