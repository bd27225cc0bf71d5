"""Rendering: audience selection, rewriting, the readability gate and the facts check."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from personalize.core.answer import load_answer
from personalize.core.catalog import load_catalog
from personalize.core.render import render, render_all
from personalize.core.shared import Shared
from personalize.rewriter.lexicon import load_lexicon

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PROFILES = ["clinician", "student", "patient"]
CONTENT = sorted((ROOT / "content").glob("*.md"))
REAL = sorted((ROOT / "tests" / "corpus" / "real").glob("*.md"))
LEUKOPENIA = ROOT / "content" / "leukopenia-causes.md"


@pytest.fixture(scope="module")
def leukopenia(catalog):
    answer = load_answer(LEUKOPENIA, catalog.audiences)
    return {p: render(answer, catalog.profiles[p], catalog.lexicon("en")) for p in PROFILES}


def test_clinician_sees_the_dose_and_patient_does_not(leukopenia):
    assert "6 mcg/kg" in leukopenia["clinician"].text
    assert "6 mcg/kg" in leukopenia["student"].text
    assert "6 mcg/kg" not in leukopenia["patient"].text


def test_patient_sees_practical_advice_and_clinician_does_not(leukopenia):
    assert "Wash your hands" in leukopenia["patient"].text
    assert "Wash your hands" not in leukopenia["clinician"].text


@pytest.mark.parametrize("profile", PROFILES)
def test_every_rendition_carries_scores_targets_verdict_facts(leukopenia, profile):
    data = leukopenia[profile].as_dict(source="x.md")
    for key in ("source", "answer_id", "profile", "text", "html", "scores", "targets",
                "verdict", "reasons", "facts", "changes"):
        assert key in data
    assert data["scores"]["flesch_kincaid_grade"] > 0
    assert data["verdict"] in ("pass", "fail")
    assert data["facts"]["missing"] == []


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("path", CONTENT, ids=[p.stem for p in CONTENT])
def test_shipped_content_passes_every_gate(catalog, path, profile):
    answer = load_answer(path, catalog.audiences)
    rendition = render(answer, catalog.profiles[profile], catalog.lexicon(answer.language))
    assert rendition.verdict == "pass", rendition.reasons
    assert rendition.facts.ok


def test_renders_are_deterministic(catalog):
    answer = load_answer(LEUKOPENIA, catalog.audiences)
    first = render(answer, catalog.profiles["patient"], catalog.lexicon("en"))
    second = render(answer, catalog.profiles["patient"], catalog.lexicon("en"))
    assert first.html == second.html and first.as_dict() == second.as_dict()


def test_citations_become_numbered_links_to_the_references(leukopenia):
    html = leukopenia["clinician"].html
    assert 'class="pz-cite"' in html and 'class="pz-references"' in html
    assert 'href="#pz-leukopenia-causes-clinician-ref-' in html


def test_patient_disclaimer_replaces_the_professional_one(leukopenia, catalog):
    assert catalog.profiles["patient"].disclaimer.text[:40] in leukopenia["patient"].html
    assert catalog.profiles["clinician"].disclaimer.text[:40] not in leukopenia["patient"].html


@pytest.mark.parametrize("profile", PROFILES)
def test_plain_prose_renders_for_every_profile(catalog, profile):
    answer = load_answer(FIXTURES / "answers" / "plain-draft.md", catalog.audiences)
    rendition = render(answer, catalog.profiles[profile], catalog.lexicon("en"))
    assert "red blood cells" in rendition.text
    assert rendition.verdict == "pass"


def test_patient_rewrite_of_dense_text_splits_and_logs(catalog):
    answer = load_answer(FIXTURES / "answers" / "dense.md", catalog.audiences)
    clinician = render(answer, catalog.profiles["clinician"], catalog.lexicon("en"))
    patient = render(answer, catalog.profiles["patient"], catalog.lexicon("en"))
    assert patient.grade < clinician.grade - 2
    assert patient.facts.ok
    whats = {c.what for c in patient.changes}
    assert {"split", "term"} <= whats
    for number in ("500", "10%"):
        assert number in patient.text


def test_a_lexicon_that_changes_a_dose_fails_the_facts_check(catalog, tmp_path):
    lexicon_file = tmp_path / "en.toml"
    lexicon_file.write_text('language = "en"\n[[swaps]]\nword = "mcg"\nplain = "mg"\n'
                            'pos = "noun"\n')
    answer = load_answer(LEUKOPENIA, catalog.audiences)
    rendition = render(answer, catalog.profiles["student"], load_lexicon(lexicon_file))
    assert rendition.verdict == "fail"
    assert any(f.value == "6 mcg/kg" for f in rendition.facts.missing)
    assert any("6 mcg/kg" in r for r in rendition.reasons)


def test_a_failing_target_names_the_sentences(catalog):
    answer = load_answer(FIXTURES / "answers" / "dense.md", catalog.audiences)
    strict = catalog.profiles["student"].__class__(
        **{**catalog.profiles["student"].__dict__,
           "targets": (catalog.profiles["patient"].targets[0].__class__(
               "flesch_kincaid_grade", max=2),)})
    rendition = render(answer, strict, catalog.lexicon("en"))
    assert rendition.verdict == "fail"
    assert "Flesch-Kincaid grade <= 2 not met" in rendition.reasons[0]
    assert "Hardest sentences" in rendition.reasons[0]


def test_a_new_profile_file_renders(tmp_path):
    target = tmp_path / "profiles"
    shutil.copytree(ROOT / "profiles", target)
    shutil.copy(FIXTURES / "profiles" / "caregiver.toml", target)
    cat = load_catalog(target)
    answer = load_answer(LEUKOPENIA, cat.audiences)
    rendition = render(answer, cat.profiles["caregiver"], cat.lexicon("en"))
    assert "Wash your hands" in rendition.text
    assert "6 mcg/kg" not in rendition.text


@pytest.mark.parametrize("path", CONTENT + REAL, ids=[p.stem for p in CONTENT + REAL])
def test_render_all_is_each_profile_rendered_alone(catalog, path):
    answer = load_answer(path, catalog.audiences)
    lexicon = catalog.lexicon(answer.language)
    alone = [render(answer, p, lexicon).as_dict() for p in catalog.profiles.values()]
    assert [r.as_dict() for r in render_all(answer, catalog.profiles.values(), lexicon)] == alone
    # in another order, and with what a different answer left in the Shared
    shared = Shared()
    render(load_answer(LEUKOPENIA, catalog.audiences), catalog.profiles["patient"], lexicon,
           shared)
    backwards = [render(answer, p, lexicon, shared).as_dict()
                 for p in reversed(catalog.profiles.values())]
    assert backwards[::-1] == alone


@pytest.mark.parametrize("profile", ["clinician", "patient"])
def test_headings_are_scored_but_never_named_among_the_hardest_sentences(catalog, profile):
    """"Characterization and prognostication" is the hardest unit of this answer, and a
    heading: an editor cannot fix a heading by splitting it."""
    answer = load_answer(FIXTURES / "answers" / "hard-myelodysplasia.md", catalog.audiences)
    made = render(answer, catalog.profiles[profile], catalog.lexicon("en"))
    headings = [u for u in made.scores.units if u.heading]
    assert any(u.text.startswith("Characterization") for u in headings)
    assert max(made.scores.units, key=lambda u: u.grade).heading
    data = made.as_dict()
    assert data["hardest_sentences"] and not any(
        h["text"].startswith("Characterization") for h in data["hardest_sentences"])
    assert all("Characterization" not in reason for reason in made.reasons)


def test_an_either_or_list_keeps_its_nesting_and_numbers_for_the_patient(catalog, tmp_path):
    """Review 1, MC-8: the four criteria of the first alternative stay under it, and the
    second alternative stays second, in the text and in the HTML."""
    path = tmp_path / "criteria.md"
    path.write_text(
        "# Q\n\nThe diagnosis can be made in either of two ways:\n\n"
        "1. The combination of four sets of criteria (a-d):\n1. Features of one kind.\n"
        "2. Features of another kind.\n3. No history of a disorder.\n4. No gene fusion.\n"
        "2. Mixed features that fit no other group.\n", encoding="utf-8")
    r = render(load_answer(path, catalog.audiences), catalog.profiles["patient"],
               catalog.lexicon("en"))
    lines = r.text.splitlines()
    first = next(n for n, line in enumerate(lines) if "combination" in line)
    assert lines[first].startswith("1. ")
    assert [line[:5] for line in lines[first + 1:first + 5]] == ["  1. ", "  2. ", "  3. ",
                                                                 "  4. "]
    assert lines[first + 5].startswith("2. Mixed")
    html = r.html[r.html.index("<ol>"):]
    assert html.index("combination") < html.index("<ol>", 1) < html.index("gene fusion") < \
        html.index("</ol></li>") < html.index("Mixed")


def test_a_list_item_that_ends_in_a_stop_and_a_written_citation_gets_no_second_stop(
        catalog, tmp_path):
    """Review 2, BR-1/8/14: '... chemo.[21].' — a numeric citation or a level of evidence
    after the stop means the item already ends."""
    path = tmp_path / "cited.md"
    path.write_text(
        "# Q\n\nRadiation is used for:\n\n"
        "- Infants with breathing problems that have not responded to chemotherapy.[21]\n"
        "- Children with a tumor that presses on the spinal cord.[3,4]\n"
        "- Adults in the trial.[5-7][Level of evidence B1]\n"
        "- Children whose tumor came back after surgery\n", encoding="utf-8")
    r = render(load_answer(path, catalog.audiences), catalog.profiles["patient"],
               catalog.lexicon("en"))
    assert ".[21]" in r.text and ".[3,4]" in r.text and "B1]" in r.text
    assert not any(line.rstrip().endswith("].") for line in r.text.splitlines()
                   if "[" in line), r.text
    assert any(line.rstrip().endswith("surgery.") for line in r.text.splitlines()), r.text
