"""Meaning invariants: the gate fails, naming the sentence and the invariant, when a rewrite
changes what a sentence claims (issue 13's made-up examples), and lets plain rewording pass."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from personalize.core.answer import parse_answer
from personalize.core.invariants import Aligned, check, markers
from personalize.core.render import render
from personalize.rewriter.lexicon import load_lexicon

ROOT = Path(__file__).resolve().parent.parent


def breaches(source, *pieces, language="en", names=(), known=()):
    return check([Aligned("line 3", source, tuple(pieces))], language, names,
                 known=known).broken


def kinds(source, *pieces, **kw):
    return {b.invariant for b in breaches(source, *pieces, **kw)}


# -- the made-up examples of the issue: each fails, with a reason naming the invariant -----

EXAMPLES = [
    # 1. a series under a condition or negation became a list
    ("You may need treatment only if you have surgery, a tooth pulled, or an injury.",
     (("You may need:", ("treatment only if you have surgery", "a tooth pulled",
                         "an injury")),), "scope"),
    ("There was no good evidence that A, B or C changed the rate.",
     (("These changed the rate:", ("A", "B", "C")),), "negation"),
    ("There was no good evidence that A, B or C changed the rate.",
     (("There was no good evidence that:", ("A", "B", "C changed the rate")),), "scope"),
    ("Destruction is characteristic of A, B, C and D.",
     (("Destruction is:", ("characteristic of A", "B", "C", "D")),), "scope"),
    # 2. evidence and statistics reworded
    ("The difference was significant.", ("The difference was major.",), "statistical term"),
    ("Pain fell significantly after surgery.", ("Pain fell greatly after surgery.",),
     "statistical term"),
    ("The drug has been shown to be effective.", ("The drug can be effective.",),
     "evidence or certainty"),
    ("The panel recommends screening at 50.", ("The panel suggests screening at 50.",),
     "recommendation strength"),
    ("The findings were replicated in two trials.",
     ("The findings were multiplied in two trials.",), "evidence or certainty"),
    ("Rates did not differ significantly between the groups.",
     ("Rates did not differ greatly between the groups.",), "statistical term"),
    # 4. words swapped inside a name
    ("Levels of tumor necrosis factor rise.", ("Levels of tumor tissue death factor rise.",),
     "name"),
    ("The common hepatic duct was blocked.", ("The common liver duct was blocked.",), "name"),
    ("Periodic fever syndrome starts in childhood.",
     ("Regular fever syndrome starts in childhood.",), "name"),
    # 5. fragments and wrong subjects from splitting
    ("If your doctor believes you need treatment, he or she may suggest a test.",
     ("If your doctor believes you need treatment.", "He or she may suggest a test."),
     "condition"),
    ("The most common side effects are pain, swelling, or bruising at the injection site.",
     ("The most common side effects are pain.", "This swells, or bruising at the injection "
      "site."), "series"),
    ("He or she will examine you and take your history.",
     ("He or she will examine you.", "She will also take your history."), "who is meant"),
    ("Analogs have been studied in mice.[12] In view of these findings, it has been proposed "
     "that they may be useful.", ("Analogs have been studied in mice.[12] In view of these "
                                  "findings.", "It has been proposed that they may be useful."),
     "whole sentence"),
    ("Cells are killed by cytotoxic cells (i.e., natural killer cells).",
     ("Cells are killed by cytotoxic cells.", "This means i.e., natural killer cells."),
     "whole sentence"),
    # 6. plain words replaced by abbreviations
    ("Go to the emergency room.", ("Go to the ER (emergency room).",), "abbreviation"),
    # 7. the topic inside its own list of causes
    ("Low white count can be caused by cancer, infections, or low white count in the family.",
     (("Low white count can be caused by:", ("cancer", "infections",
                                              "this condition in the family")),), "topic"),
]


@pytest.mark.parametrize("source,pieces,invariant", EXAMPLES,
                         ids=[f"{i}-{e[2]}" for i, e in enumerate(EXAMPLES)])
def test_each_made_up_example_breaks_an_invariant(source, pieces, invariant):
    found = breaches(source, *pieces, names=("tumor necrosis factor", "common hepatic duct",
                                             "periodic fever syndrome"))
    assert invariant in {b.invariant for b in found}
    reason = next(b for b in found if b.invariant == invariant).reason()
    assert reason.startswith(f"meaning changed ({invariant}) at line 3: ")
    assert source[:40] in reason  # names the sentence


def test_a_changed_condition_names_what_was_lost_and_added():
    (only,) = [b for b in breaches("Take it only if you have pain.", "Take it if you have pain.")
               if b.invariant == "condition"]
    assert only.detail == "'only if' lost; 'if' added"


@pytest.mark.parametrize("source,rendition", [
    ("Approximately 10% of patients relapse.", "About 10% of patients relapse."),
    ("It frequently recurs.", "It often recurs."),
    ("It is typically mild.", "It is usually mild."),
    ("Patients were unable to walk.", "Patients could not walk."),
    ("The drug is contraindicated in pregnancy.", "The drug is contraindicated in pregnancy."),
    ("Studies demonstrated a benefit.", "Studies showed a benefit."),
    ("Statins reduce LDL levels.", "Statins lower LDL levels."),
    ("It is given in the absence of fever.", "It is given without fever."),
    ("Results are indicative of infection.", "Results suggest infection."),
    ("Whether or not the tumor can be removed by surgery.",
     "Whether the tumor can be removed by surgery."),
    ("Exposure may exceed 5 mg.", "Exposure may go over 5 mg."),
])
def test_plain_rewording_keeps_every_invariant(source, rendition):
    assert breaches(source, rendition) == ()


def test_a_split_that_keeps_everything_passes():
    assert breaches(
        "Constipation is common and usually comes and goes, but if your child has had it since "
        "birth, HD may be the problem.",
        "Constipation is common.",
        "It usually comes and goes, but if your child has had it since birth, HD may be the "
        "problem.") == ()


def test_a_condition_ending_the_lead_in_governs_each_item():
    source = ("If your total cholesterol is 200 mg/dL or more, or if your HDL is less than "
              "40 mg/dL, your doctor will likely recommend a lipid panel.")
    lead = "Your doctor will likely recommend a lipid panel if:"
    items = ("your total cholesterol is 200 mg/dL or more", "your HDL is less than 40 mg/dL")
    assert breaches(source, (lead, items)) == ()


def test_direction_bounds_and_frequency_are_seen():
    assert "direction or comparison" in kinds("Levels increased.", "Levels changed.")
    assert "quantity" in kinds("It lasts at least 5 days.", "It lasts 5 days.")
    assert "frequency" in kinds("It usually goes away.", "It often goes away.")
    assert "hedge" in kinds("It may spread.", "It spreads.")
    assert "negation" in kinds("Do not take it with food.", "Take it with food.")


def test_known_abbreviations_and_swapped_markers_are_not_additions():
    assert breaches("Use intravenous fluids.", "Use IV (intravenous) fluids.", known={"IV"}) == ()
    lack = Aligned("line 1", "Amenorrhea can occur.", ("Lack of periods (amenorrhea) can occur.",),
                   swapped=(("Amenorrhea", "Lack of periods (amenorrhea)"),))
    assert check([lack], "en").ok


def test_spanish_markers_are_data():
    assert markers("No se recomienda si hay fiebre.", "es") == {
        ("condition", "if"): ["si"], ("negation", "not"): ["No"],
        ("recommendation", "recommend"): ["se recomienda"]}
    assert "negation" in kinds("No tome este medicamento.", "Tome este medicamento.",
                               language="es")
    assert "statistical term" in kinds("La diferencia fue significativa.",
                                       "La diferencia fue grande.", language="es")
    assert "condition" in kinds("Solo si tiene fiebre.", "Si tiene fiebre.", language="es")


# -- through render: a lexicon that still makes the bad swaps, and real splits ----------------

BAD_LEXICON = """language = "en"
version = "bad"

[[swaps]]
word = "significantly"
plain = "greatly"
pos = "adverb"

[[swaps]]
word = "recommend"
plain = "suggest"
pos = "verb"

[[swaps]]
word = "has been shown to"
plain = "can"
pos = "phrase"
"""

ANSWER = """# Does it work?

The task force recommends screening for adults over 50. Treatment has been shown to lower
the risk. Pain fell significantly in the treated group.
"""


def test_bad_swaps_through_render_are_undone_and_named(catalog, tmp_path):
    """A lexicon that would reword evidence and statistics: render sees each breach and steps
    back to the sentence as written (the checker itself fails such text: tests above)."""
    path = tmp_path / "en.toml"
    path.write_text(BAD_LEXICON)
    lexicon = load_lexicon(path)
    rendition = render(parse_answer(ANSWER, "works.md"), catalog.profiles["patient"], lexicon)
    kept = {c.why.split("(")[1].split(":")[0] for c in rendition.changes if c.what == "kept"}
    assert {"recommendation strength", "statistical term", "evidence or certainty"} <= kept
    assert rendition.invariants.ok
    assert "recommends" in rendition.text and "significantly" in rendition.text
    assert "shown" in rendition.text
    # the clinician reads the text as written: nothing to break
    clinician = render(parse_answer(ANSWER, "works.md"), catalog.profiles["clinician"], lexicon)
    assert clinician.invariants.ok and clinician.invariants.checked == 3


def test_the_shipped_lexicon_keeps_these_sentences(catalog):
    rendition = render(parse_answer(ANSWER, "works.md"), catalog.profiles["patient"],
                       catalog.lexicon("en"))
    assert rendition.invariants.ok, rendition.invariants.as_dict()
    assert "recommends" in rendition.text and "significantly" in rendition.text
    assert "shown" in rendition.text


@pytest.mark.parametrize("body,invariant", [
    ("Destruction of the joint is characteristic of gout, psoriatic arthritis, rheumatoid "
     "arthritis and septic arthritis in older adults.", "scope"),
    ("He or she will examine you carefully and will also take your full medical history at "
     "the first visit.", "who is meant"),
])
def test_splits_that_change_meaning_fail_the_gate_or_are_not_made(catalog, body, invariant):
    """Today's splitter makes these; once the rules leave them alone, the gate has nothing to
    report. Either way, a rendition that passes keeps the sentence's meaning."""
    rendition = render(parse_answer(f"# Q\n\n{body}\n", "q.md"), catalog.profiles["patient"],
                       catalog.lexicon("en"))
    changed = [s for s in rendition.changes if s.what == "split"]
    if changed:
        assert invariant in {b.invariant for b in rendition.invariants.broken}
        assert rendition.verdict == "fail"
    else:
        assert rendition.invariants.ok


def test_the_json_output_has_invariants_beside_facts(runner, tmp_path):
    path = tmp_path / "works.md"
    path.write_text("# Q\n\nDestruction of the joint is characteristic of gout, psoriatic "
                    "arthritis, rheumatoid arthritis and septic arthritis in older adults.\n")
    result = runner.invoke(args=["render", str(path), "--profile", "patient", "--format",
                                 "json"])
    data = json.loads(result.output.splitlines()[0])
    assert list(data).index("invariants") == list(data).index("facts") + 1
    assert set(data["invariants"]) == {"ok", "checked", "broken"}
    assert data["invariants"]["checked"] == 1  # the heading is the question
    for breach in data["invariants"]["broken"]:
        assert set(breach) == {"invariant", "where", "source", "rendition", "detail"}


# -- the approval refusal and the QA drill-down show it ---------------------------------------

SPLIT_ANSWER = """+++
id = "joint-damage"
question = "What damages the joints?"
status = "submitted"
updated = 2026-01-05
language = "en"
+++

## Causes

Destruction of the joint is characteristic of gout, psoriatic arthritis, rheumatoid
arthritis and septic arthritis in older adults.

He or she will examine you carefully and will also take your full medical history at the
first visit.
"""


def test_approval_refusal_and_qa_drill_down_show_meaning_changes(store_app, store):
    from personalize.core.catalog import load_catalog
    from personalize.core.render import render_all
    from personalize.store import tokens
    from personalize.store.revisions import GateRefused

    catalog = load_catalog(ROOT / "profiles")
    made = {r.profile: r for r in render_all(parse_answer(SPLIT_ANSWER, "j.md"),
                                             catalog.profiles.values(), catalog.lexicon("en"))}
    patient = made["patient"]
    store.create(SPLIT_ANSWER.encode(), "ana")
    store.transition("joint-damage", 1, "under_review", "ben")
    if patient.invariants.broken:  # today's splitter makes these lists and splits
        with pytest.raises(GateRefused) as refused:
            store.transition("joint-damage", 1, "approved", "ben")
        said = refused.value.failures["patient"]
        assert [r for r in said if r.startswith("meaning changed (")] == \
            [b.reason() for b in patient.invariants.broken]
    client = store_app.test_client()
    form = client.get("/qa/sign-in").text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    client.post("/qa/sign-in", data={"token": tokens.create(store_app.extensions[
        "personalize.db"], "qa"), "csrf_token": csrf, "next": "/qa/readability"})
    data = client.get("/qa/readability/joint-damage/patient.json").json
    assert data["invariants"] == patient.invariants.as_dict()
    page = client.get("/qa/readability/joint-damage/patient").text
    assert 'id="meaning"' in page
    for breach in patient.invariants.broken:
        assert breach.detail.replace("'", "&#39;") in page


def test_a_list_lead_in_ending_in_a_colon_is_not_a_cut_fragment():
    """'In the lung cancer study:' governs the clauses listed under it; the same words as a
    sentence of their own are still a fragment cut from their clause."""
    source = ("In the lung cancer study, 80% of patients were male, the median age was 58 "
              "years, and 95% of patients were white.")
    listed = ("In the lung cancer study:", ("80% of patients were male.",
                                            "the median age was 58 years.",
                                            "95% of patients were white."))
    assert "whole sentence" not in kinds(source, listed)
    assert "whole sentence" in kinds(source, "In the lung cancer study.",
                                     "80% of patients were male, the median age was 58 years, "
                                     "and 95% of patients were white.")


def test_a_comparison_each_list_item_carries_governs_its_own_item():
    """'(1) A compared with men and (2) B compared with men': each item holds its whole
    comparison, so the list does not cut one away; a 'than' only the first item has still
    governed the whole run."""
    source = ("The groups are divided by age: (1) early onset, in people younger than 60, and "
              "(2) late onset, in people older than 65.")
    listed = ("The groups are divided by age:", ("early onset, in people younger than 60",
                                                 "late onset, in people older than 65"))
    assert "scope" not in kinds(source, listed)
    lopsided = ("The groups are divided by age:", ("early onset, in people younger than 60",
                                                   "late onset"))
    assert "scope" in kinds(source, lopsided)
