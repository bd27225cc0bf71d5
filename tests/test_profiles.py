"""Profiles are data: shipped ones load, a new file adds a reader, a broken one stops start-up."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from personalize import create_app
from personalize.core.profiles import load_profiles
from personalize.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_shipped_profiles_and_targets():
    profiles = load_profiles(ROOT / "profiles")
    assert list(profiles) == ["clinician", "student", "patient"]
    patient = profiles["patient"]
    assert {(t.metric, t.max) for t in patient.targets_for("en")} == {
        ("flesch_kincaid_grade", 8), ("smog_index", 10)}
    assert [(t.metric, t.max) for t in profiles["student"].targets_for("en")] == [
        ("flesch_kincaid_grade", 13)]
    assert [(t.metric, t.min) for t in patient.targets_for("es")] == [("fernandez_huerta", 70)]
    assert profiles["clinician"].targets == ()
    assert patient.terms == "plain" and profiles["student"].terms == "define"
    assert profiles["clinician"].terms == "keep"
    for profile in profiles.values():
        assert profile.label and profile.description and profile.disclaimer.text


def test_patient_takes_unmarked_and_patient_blocks_only():
    patient = load_profiles(ROOT / "profiles")["patient"]
    assert patient.takes(()) and patient.takes(("patient",))
    assert not patient.takes(("clinician", "student"))


@pytest.fixture
def profiles_dir(tmp_path):
    target = tmp_path / "profiles"
    shutil.copytree(ROOT / "profiles", target)
    return target


def test_a_new_profile_is_a_new_file(profiles_dir):
    shutil.copy(FIXTURES / "profiles" / "caregiver.toml", profiles_dir)
    profiles = load_profiles(profiles_dir)
    assert list(profiles)[-1] == "caregiver"
    assert profiles["caregiver"].takes(("caregiver",))


@pytest.mark.parametrize("text, field", [
    ('terms = "plain"', 'terms = "simple"'),
    ('metric = "smog_index"', 'metric = "smog"'),
    ('label = "Patient or caregiver"', 'labl = "Patient or caregiver"'),
    ('max_sentence_words = 15', 'max_sentence_words = "fifteen"'),
])
def test_a_broken_profile_stops_start_up(profiles_dir, text, field):
    path = profiles_dir / "patient.toml"
    path.write_text(path.read_text().replace(text, field))
    with pytest.raises(ConfigError) as info:
        create_app({"TESTING": True, "PROFILES_DIR": str(profiles_dir)})
    message = str(info.value)
    assert "patient.toml" in message
    assert info.value.problems[0].field


def test_invalid_toml_names_the_file(profiles_dir):
    (profiles_dir / "student.toml").write_text("label = \n")
    with pytest.raises(ConfigError, match="student.toml"):
        load_profiles(profiles_dir)
