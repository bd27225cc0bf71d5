"""`flask report`: over answer files with no server, or over the store; a CI gate."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import delete

from personalize.store.models import StoredRendition, StoredScore

ROOT = Path(__file__).resolve().parent.parent
HARD = Path(__file__).parent / "fixtures" / "answers" / "hard-myelodysplasia.md"
SHIPPED = len(list((ROOT / "content").glob("*.md")))


@pytest.fixture
def cli(store_app):
    """A CLI runner on an app whose store starts empty."""
    return store_app.test_cli_runner()


@pytest.fixture
def content_with_hard(tmp_path):
    """The shipped content plus the deliberately hard answer."""
    folder = tmp_path / "content"
    shutil.copytree(ROOT / "content", folder)
    shutil.copy(HARD, folder / HARD.name)
    return folder


def test_the_shipped_content_passes_the_gate(cli):
    result = cli.invoke(args=["report", str(ROOT / "content"), "--fail-on-violation"])
    assert result.exit_code == 0, result.output
    assert f"{SHIPPED * 3} renditions, 0 failing, 0 violations." in result.stderr
    assert f"Rendering {SHIPPED} files" in result.stderr  # the progress bar
    assert result.stdout.splitlines()[0].split()[:4] == ["answer", "lang", "profile", "rev"]


def test_one_language_only(cli):
    result = cli.invoke(args=["report", str(ROOT / "content"), "--language", "es",
                              "--format", "json", "--fail-on-violation"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["rows"]
    assert {(r["answer_id"], r["language"]) for r in rows} == {("leucopenia-causas", "es")}
    assert len(rows) == 3 and {r["verdict"] for r in rows} == {"pass"}


def test_a_hard_answer_fails_the_gate_and_is_named(cli, content_with_hard):
    result = cli.invoke(args=["report", str(content_with_hard), "--fail-on-violation"])
    assert result.exit_code == 1
    violations = [ln for ln in result.stderr.splitlines() if ln.startswith("VIOLATION")]
    assert violations and all("hard-myelodysplasia" in v for v in violations)
    patient = next(v for v in violations if "(patient): Flesch-Kincaid grade <= 8" in v)
    assert 'worst sentences: "Myelodysplastic syndromes' in patient  # a sentence, no heading
    assert any("(student): Flesch-Kincaid grade <= 13 not met" in v for v in violations)


def test_without_the_flag_a_violation_is_reported_but_exits_0(cli):
    result = cli.invoke(args=["report", str(HARD)])
    assert result.exit_code == 0
    assert "VIOLATION" not in result.stderr and "violations." in result.stderr


@pytest.mark.parametrize("profile", ["clinician", "student", "patient"])
def test_json_for_one_profile(cli, profile):
    result = cli.invoke(args=["report", str(HARD), "--format", "json", "--profile", profile])
    data = json.loads(result.stdout)
    assert [r["profile"] for r in data["rows"]] == [profile]
    assert data["rows"][0]["source"] == str(HARD)
    assert bool(data["violations"]) == (data["rows"][0]["verdict"] == "fail")


def test_csv_has_a_row_per_answer_and_profile(cli):
    result = cli.invoke(args=["report", str(ROOT / "content"), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == SHIPPED * 3 and {r["verdict"] for r in rows} == {"pass"}


def test_an_unknown_profile_is_a_usage_error(cli):
    result = cli.invoke(args=["report", str(HARD), "--profile", "nobody"])
    assert result.exit_code == 2 and "unknown profile 'nobody'" in result.output


def test_a_broken_file_fails_the_run(cli, tmp_path):
    broken = tmp_path / "broken.md"
    broken.write_text("+++\nid = \n+++\n", encoding="utf-8")
    result = cli.invoke(args=["report", str(broken), str(HARD)])
    assert result.exit_code == 1 and "1 file(s) could not be read." in result.stderr


def test_over_the_store_it_scores_what_is_missing(cli, store, source):
    store.create(source("iron-deficiency"), "ana")
    store.create(HARD.read_bytes(), "ana")
    with store._write.begin() as s:  # as a version change leaves them: scores to make again
        s.execute(delete(StoredScore))
        s.execute(delete(StoredRendition))
    result = cli.invoke(args=["report", "--format", "json", "--fail-on-violation"])
    assert result.exit_code == 1
    assert "Scoring 6 renditions" in result.stderr
    data = json.loads(result.stdout)
    assert len(data["rows"]) == 6
    assert {r["answer_id"] for r in data["rows"] if r["verdict"] == "fail"} >= {
        "hard-myelodysplasia"}
    again = cli.invoke(args=["report", "--profile", "clinician"])
    assert again.exit_code == 0 and "Scoring 0 renditions" in again.stderr
