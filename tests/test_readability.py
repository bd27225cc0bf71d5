"""Readability: textstat on sentence units, English syllables from local data only."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from personalize.core import readability

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "000_2a5de3e17aa6867b.txt"


def test_bullets_are_sentences():
    units = ["Low counts can be caused by", "viral infections", "certain medicines",
             "bone marrow problems"]
    as_units = readability.score(units)
    run_together = readability.score([" ".join(units)])
    assert as_units.values["flesch_kincaid_grade"] < run_together.values["flesch_kincaid_grade"]


@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared/seeds beside the checkout")
def test_seed_page_scores_as_designed():
    """Seed page 000 reads as grade 45 run together, about 15.7 with bullets as sentences."""
    lines = [ln.strip(" •\t") for ln in SEED.read_text().splitlines()]
    start = lines.index("From the Guidelines")
    end = lines.index("References")
    units = [ln for ln in lines[start:end] if ln]
    whole = readability.score([" ".join(u.rstrip(".") for u in units)])
    split = readability.score(units)
    assert whole.values["flesch_kincaid_grade"] > 40
    assert 13 < split.values["flesch_kincaid_grade"] < 18


def test_per_unit_scores_find_the_hard_sentence():
    scores = readability.score(["Wash your hands.", "Agranulocytosis and thrombocytopenia "
                                "necessitate hematological consultation immediately."])
    assert scores.hardest(1)[0].text.startswith("Agranulocytosis")
    assert scores.units[0].grade < scores.units[1].grade


def test_metrics_are_explicit_about_language():
    english = readability.score(["La anemia es una enfermedad de la sangre."], "es")
    assert "fernandez_huerta" in english.values
    assert "flesch_kincaid_grade" not in english.values


GUARD = """
import socket, sys
def refuse(*a, **k):
    raise OSError("network is off in this test")
socket.socket.connect = refuse
socket.create_connection = refuse
import nltk
def no_download(*a, **k):
    raise AssertionError("nltk.download was called")
nltk.download = no_download
from personalize.core import readability
s = readability.score(["Neutropenia raises the risk of infection.", "Wash your hands."])
assert s.values["flesch_kincaid_grade"] > 0
from textstat.backend.counts import _count_syllables, count_syllables
from personalize.core.syllables import cmu_syllables
assert _count_syllables.get_cmudict("en") is cmu_syllables()
assert count_syllables("anemia", "en") == 4, count_syllables("anemia", "en")
print("ok", s.values["flesch_kincaid_grade"])
"""


def test_syllables_come_from_local_data_with_network_off(tmp_path):
    """No download: sockets refuse, nltk.download raises, NLTK's data path is empty."""
    env = {**os.environ, "NLTK_DATA": str(tmp_path), "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", GUARD], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok")


@pytest.mark.skipif(shutil.which("unshare") is None, reason="unshare not installed")
def test_scores_in_a_network_namespace_without_network(tmp_path):
    env = {**os.environ, "NLTK_DATA": str(tmp_path), "HOME": str(tmp_path)}
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("unshare -n is not permitted here; the socket guard test covers this")
    done = subprocess.run(["unshare", "-n", sys.executable, "-c", GUARD], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


# score() counts each unit and word once and applies textstat's formulas; textstat_score()
# asks textstat's own functions. They must agree to the last digit on everything we render.
AWKWARD_UNITS = [
    "DON'T stop: it's the patients' own doctor's call", "İstanbul. Σίσυφος ΣΊΣΥΦΟΣ!",
    "5.6 g/dL (e.g. after 2-3 weeks)...", "“Quoted” — and so on?!", "A.", "? ! .", "",
    "  ", "won't can't shouldn't've", "x" * 40, "Ósea agua leucopenia día hay que y.",
    "Neutropenia\nraises the risk\tof infection", "a_b c__d 3rd 10,000/uL",
]
CONTENT_DIRS = [ROOT / "content", ROOT / "tests" / "corpus" / "real", ROOT / "tests" / "fixtures"]


@pytest.mark.parametrize("language", ["en", "es", "en-GB"])
def test_score_agrees_with_textstat_on_awkward_units(language):
    for n in range(len(AWKWARD_UNITS)):
        units = AWKWARD_UNITS[n:] + AWKWARD_UNITS[:n]
        assert readability.score(units, language) == readability.textstat_score(units, language)
        assert readability.score(units[:1], language) == \
            readability.textstat_score(units[:1], language)


def test_score_agrees_with_textstat_on_every_rendition(catalog):
    from personalize.core.answer import load_answer
    from personalize.core.render import render
    from personalize.errors import SourceError

    checked = 0
    for path in sorted(p for d in CONTENT_DIRS for p in d.rglob("*.md")):
        try:
            answer = load_answer(path, catalog.audiences)
        except SourceError:
            continue
        for profile in catalog.profiles.values():
            made = render(answer, profile, catalog.lexicon(answer.language))
            for units in (made.text.split("\n"), [u.text for u in made.scores.units]):
                got = readability.score(units, made.language)
                assert got == readability.textstat_score(units, made.language), path.name
                checked += 1
            assert made.scores == readability.textstat_score(
                [u.text for u in made.scores.units], made.language)
    assert checked > 300


def test_a_scorer_keeps_what_it_counted_and_gives_the_same_scores():
    scorer = readability.Scorer("en")
    units = ["Low counts are common.", "Ask a doctor:", "Low counts are common."]
    first = scorer.score(units)
    assert scorer.score(units) == first == readability.textstat_score(units)
    assert scorer.score(units[:1]) == readability.textstat_score(units[:1])
