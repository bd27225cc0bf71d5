"""The render command: JSON Lines, text and HTML, errors per file, many files in one call."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT = sorted((ROOT / "content").glob("*.md"))


def lines(result):
    return [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]


@pytest.mark.parametrize("profile", ["clinician", "student", "patient"])
def test_json_lines_for_shipped_content(runner, profile):
    result = runner.invoke(args=["render", *map(str, CONTENT), "--profile", profile,
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    records = lines(result)
    assert len(records) == len(CONTENT)
    for record in records:
        for key in ("source", "answer_id", "profile", "text", "html", "scores", "targets",
                    "verdict", "reasons", "facts", "changes"):
            assert key in record
        assert record["verdict"] == "pass", record["reasons"]
        assert record["facts"]["missing"] == []
        assert record["profile"] == profile


def test_text_and_html_formats(runner):
    path = str(ROOT / "content" / "leukopenia-causes.md")
    text = runner.invoke(args=["render", path, "--profile", "patient"])
    assert text.exit_code == 0 and "Wash your hands" in text.output
    html = runner.invoke(args=["render", path, "--profile", "clinician", "--format", "html"])
    assert html.output.startswith('<article class="pz-rendition"')


def test_a_bad_file_is_reported_and_the_rest_still_render(runner, tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text('+++\nid = "x"\nstatus = "published"\nquestion = "Q?"\n+++\n\nText.\n')
    good = ROOT / "content" / "anemia-causes.md"
    result = runner.invoke(args=["render", str(bad), str(good), "--format", "json"])
    assert result.exit_code == 1
    first, second = lines(result)
    assert first["source"] == str(bad) and "published" in first["error"]
    assert first["problems"][0]["field"] == "status" and first["problems"][0]["line"] == 3
    assert second["answer_id"] == "anemia-causes"


def test_missing_file_and_unknown_profile(runner, tmp_path):
    result = runner.invoke(args=["render", str(tmp_path / "nope.md"), "--format", "json"])
    assert result.exit_code == 1 and "error" in lines(result)[0]
    result = runner.invoke(args=["render", str(CONTENT[0]), "--profile", "nurse"])
    assert result.exit_code != 0 and "unknown profile 'nurse'" in result.output


def test_five_hundred_files_in_one_call(runner, tmp_path):
    for n in range(500):
        shutil.copy(CONTENT[n % len(CONTENT)], tmp_path / f"a{n:03}.md")
    result = runner.invoke(args=["render", str(tmp_path), "--profile", "patient",
                                 "--format", "json"])
    assert result.exit_code == 0
    assert len(lines(result)) == 500
