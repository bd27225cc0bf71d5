"""The patient rewrite on clinician-level passages (tests/corpus/clinician: NCI PDQ
health-professional summaries and FDA label sections), and on the seed answers pasted as
they are.

Floors, not targets: they catch a change that makes these texts harder to read, loses a
number or breaks a meaning invariant. The figures are in docs/real-text.md
(bench/real_text.py --set clinician-dev / clinician-held-out). The held-out set is measured
here only as a whole: nobody reads it or tunes a rule on it.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

import pytest

from personalize.core.answer import parse_answer
from personalize.core.render import render

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from real_text import clinician_files, evaluate, numbers  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
# median patient grade after the rewrite, per set, on 2026-12-03 (before: 11.88 and 10.68;
# measured after the s15split and s15words merges and a clinical review: dev 11.70 (raised
# from 11.35: broken and statistics-sense swaps keep their source words, and ", which" after
# an object is no longer made "It ..." that names the subject), held-out 10.56). After the
# second round (s15words2, s15split2, the detail level's trial descriptions, review 1 and 2
# fixes): dev 11.51, held-out 10.36. After review 2's rule fixes (runs of -ing items, of
# three verb phrases and "such as" examples are no longer cut into broken sentences; 012, 028
# and 046, near the median, keep those sentences whole): dev 11.75, held-out 10.36
MEDIAN_AFTER = {"clinician-dev": 11.75, "clinician-held-out": 10.36}
# renditions at grade 8 with every number kept (dev: 001 and 060 after the second round), and
# the median drop in grade (measured 2.24 and 2.79: review 1 keeps brackets of examples beside
# their noun, which costs some of the drop)
AT_GRADE_8 = {"clinician-dev": 2, "clinician-held-out": 0}
MEDIAN_DROP = {"clinician-dev": 2.1, "clinician-held-out": 2.7}


@pytest.fixture(scope="module", params=sorted(MEDIAN_AFTER))
def rows(request, catalog):
    return request.param, evaluate(clinician_files(request.param), catalog)


def test_the_sets_split_the_passages_by_position():
    dev, held = clinician_files("clinician-dev"), clinician_files("clinician-held-out")
    assert (len(dev), len(held)) == (44, 22) and not set(dev) & set(held)
    reviewed = {p.name[:3] for p in (ROOT / "tests/corpus/reviewed/clinician").glob("*.md")}
    assert not reviewed & {p.name[:3] for p in held}  # the reviewed third is in dev


def test_no_number_is_lost_and_no_invariant_broken(rows):
    _, found = rows
    assert [r["file"] for r in found if r["numbers_lost"] or r["missing_facts"]] == []
    assert [r["file"] for r in found if r["invariants_broken"]] == []


def test_patient_renditions_come_down(rows):
    name, found = rows
    assert statistics.median(r["after"] for r in found) <= MEDIAN_AFTER[name] + 0.3
    assert statistics.median(r["before"] - r["after"] for r in found) >= MEDIAN_DROP[name]
    assert sum(r["ok"] for r in found) >= AT_GRADE_8[name]
    # held-out: one passage reads 0.4 grade harder after (13.1 -> 13.5), as on main before
    # issue 15; it is not read here, so it is counted, not fixed. dev: 025 (dabrafenib) reads
    # 11.9 -> 12.9 because the detail level moves its bullet of trial statistics, whose short
    # figures were what kept the formula's grade down; the words left are as hard as before.
    # 052 (Edarbi) reads 10.3 -> 10.8 for the same reason (its withdrawal rates move) and
    # because "placebo" is now "inactive treatment (placebo)", not "fake treatment"
    assert sum(r["after"] > r["before"] + 0.3 for r in found) <= 2


def seed_answer(path: Path) -> str:
    """A seed page's answer as a reader would paste it: the question, then the text from
    its first section to its references (no front matter, bullets as on the page)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("From the "))
    return lines[0] + "\n\n" + "\n".join(lines[start:lines.index("References")]) + "\n"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/seeds beside the checkout")
@pytest.mark.parametrize("name, ceiling", [("000_2a5de3e17aa6867b.txt", 11.6),
                                           ("002_7c70dd0d93966b25.txt", 10.4)])
def test_seed_answers_pasted_as_they_are(catalog, name, ceiling):
    """Today's patient grades (11.3 and 10.1, from 15.9 and 10.1 before pasted bullets were
    read as list items); the goal is 8. Every number and invariant is kept."""
    text = seed_answer(SEEDS / name)
    answer = parse_answer(text, source=name, audiences=catalog.audiences)
    lexicon = catalog.lexicon("en")
    after = render(answer, catalog.profiles["patient"], lexicon)
    assert after.grade <= ceiling
    assert not after.facts.missing and after.invariants.ok
    before = render(answer, catalog.profiles["clinician"], lexicon)
    assert not numbers(before.text) - numbers(after.text)
