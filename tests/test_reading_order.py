"""The patient reads what matters to them first, and medicines by names they would know."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from personalize.core.answer import load_answer
from personalize.core.profiles import load_profiles
from personalize.core.render import render
from personalize.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


def rendered(catalog, name: str, profile: str):
    answer = load_answer(CONTENT / f"{name}.md", catalog.audiences)
    return render(answer, catalog.profiles[profile], catalog.lexicon(answer.language))


def lines(rendition) -> list[str]:
    return rendition.text.split("\n")


@pytest.mark.parametrize("name, first, background", [
    ("leukopenia-causes", "Call your doctor right away if you have:", "From the guidelines"),
    ("leukopenia-causes", "Until you see your doctor, you can lower your risk of infection:",
     "From the guidelines"),
    ("leucopenia-causas", "Llame a su médico enseguida si tiene:", "Lo que dicen las guías"),
    ("neutropenia", "Call your doctor or go to the emergency room right away if you have:",
     "From the guidelines"),
    ("anemia-causes", "Get care right away if you:", "From the guidelines"),
    ("anemia-causes", "Signs that you may have anemia:", "From the guidelines"),
    ("thrombocytosis-causes", "What you can do:", "From the research"),
])
def test_the_patient_reads_what_to_do_and_when_to_get_help_before_the_background(
        catalog, name, first, background):
    patient = lines(rendered(catalog, name, "patient"))
    assert patient.index(first) < patient.index(background)
    # right after the opening, which still comes first
    assert patient.index(first) < next(n for n, line in enumerate(patient)
                                       if line == background)
    assert not patient[0].endswith(":")


def test_the_patient_profile_order_is_signs_then_what_to_do_then_getting_help(catalog):
    patient = lines(rendered(catalog, "anemia-causes", "patient"))
    order = [patient.index(line) for line in ("Signs that you may have anemia:",
                                              "What you can do:", "Get care right away if you:")]
    assert order == sorted(order) and order[0] == 1
    # each lead-in keeps its list
    assert patient[order[2] + 1] == "- Have black or bloody stools."


def test_each_move_is_logged_in_the_changes_and_the_html_follows(catalog):
    rendition = rendered(catalog, "leukopenia-causes", "patient")
    moves = [c for c in rendition.changes if c.what == "order"]
    assert [(c.before, c.why) for c in moves] == [
        ("Until you see your doctor, you can lower your risk of infection:",
         "the patient profile reads 'what you can do' before the background"),
        ("Call your doctor right away if you have:",
         "the patient profile reads 'when to get help' before the background")]
    assert all(c.where.startswith("line ") for c in moves)
    html = rendition.html
    assert html.index("Call your doctor right away") < html.index("<h2>From the guidelines")
    # the facts and the scores are the answer's: only the order changed
    assert rendition.verdict == "pass" and not rendition.facts.missing


def test_a_profile_without_the_field_keeps_the_sources_order(catalog):
    answer = load_answer(CONTENT / "leukopenia-causes.md", catalog.audiences)
    patient = catalog.profiles["patient"]
    as_written = render(answer, dataclasses.replace(patient, bring_forward=()),
                        catalog.lexicon("en"))
    text = lines(as_written)
    assert text.index("Call your doctor right away if you have:") > text.index("Other factors")
    assert not [c for c in as_written.changes if c.what == "order"]
    assert render(answer, patient, catalog.lexicon("en")) == render(answer, patient,
                                                                    catalog.lexicon("en"))
    assert not [c for c in rendered(catalog, "leukopenia-causes", "clinician").changes
                if c.what == "order"]


@pytest.fixture
def profiles_dir(tmp_path):
    target = tmp_path / "profiles"
    shutil.copytree(ROOT / "profiles", target)
    return target


@pytest.mark.parametrize("old, new, field, says", [
    ('patterns = ["^signs\\\\b"', 'patterns = ["^signs(\\\\b"', "bring_forward[0].patterns[0]",
     "not a valid regular expression"),
    ('kind = "what you can do"', 'kind = ""', "bring_forward[1].kind", "is required"),
    ('kind = "what you can do"', 'kind = "what you can do"\nwhen = "first"',
     "bring_forward[1]", "unknown keys"),
    ('patterns = ["right away"', 'patterns = [3, "right away"', "bring_forward[2].patterns[0]",
     "must be a text"),
])
def test_a_broken_order_stops_start_up_naming_file_and_field(profiles_dir, old, new, field,
                                                              says):
    path = profiles_dir / "patient.toml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(ConfigError) as info:
        load_profiles(profiles_dir)
    problem = info.value.problems[0]
    assert problem.source.endswith("patient.toml") and problem.field == field
    assert says in problem.message and problem.line


# Where a patient reads about a medicine, it is named: the generic name, and the US brand in
# brackets where the source is that brand's label.
@pytest.mark.parametrize("name, named", [
    ("leukopenia-causes", "sulfamethoxazole and trimethoprim (Bactrim)"),
    ("leukopenia-causes", "Clozapine (Clozaril)"),
    ("leukopenia-causes", "ceftriaxone and meropenem"),
    ("neutropenia", "Clozapine (Clozaril)"),
    ("neutropenia", "Filgrastim (Neupogen)"),
    ("leucopenia-causas", "sulfametoxazol y trimetoprima (Bactrim)"),
    ("leucopenia-causas", "clozapina (Clozaril)"),
    ("leucopenia-causas", "ceftriaxona y meropenem"),
    ("anemia-causes", "metformin"),
    ("anemia-causes", "omeprazole (Prilosec)"),
    ("leukocytosis-causes", "such as prednisone"),
    ("thrombocytopenia-causes", "heparin-induced"),
])
def test_the_patient_reads_the_medicines_names(catalog, name, named):
    assert named in rendered(catalog, name, "patient").text
