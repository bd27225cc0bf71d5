"""The canonical answer format: parsing, and errors that name file, line and field."""

from __future__ import annotations

import pytest

from personalize.core.answer import citation_keys, load_answer, parse_answer
from personalize.errors import AnswerError

GOOD = """+++
id = "leukopenia-causes"
question = "What causes leukopenia?"
aliases = ["What are the causes of leukopenia?"]
status = "approved"
updated = 2025-05-21
language = "en"

[[references]]
id = "cfp-1984"
kind = "research"
title = "The etiology and management of leukopenia."
container = "Canadian Family Physician"
year = 1984
+++

## From the guidelines

Viral infections can slow the bone marrow [@cfp-1984].

::: clinician student
Filgrastim 5-10 mcg/kg daily [@cfp-1984].
:::

::: patient
Wash your hands often.
:::
"""


def problem(text: str | bytes):
    with pytest.raises(AnswerError) as info:
        parse_answer(text, source="answer.md")
    return info.value.problems


def test_parses_front_matter_blocks_and_audiences():
    answer = parse_answer(GOOD, "answer.md")
    assert answer.id == "leukopenia-causes"
    assert answer.aliases == ("What are the causes of leukopenia?",)
    assert answer.references[0].container == "Canadian Family Physician"
    assert [b.kind for b in answer.blocks] == ["heading", "paragraph", "paragraph", "paragraph"]
    assert answer.blocks[2].audiences == ("clinician", "student")
    assert answer.blocks[3].audiences == ("patient",)
    assert answer.blocks[2].line == 22


def test_answers_are_frozen():
    answer = parse_answer(GOOD)
    with pytest.raises(AttributeError):
        answer.question = "changed"


@pytest.mark.parametrize("edit, field, words", [
    (("[@cfp-1984].\n\n::: clinician", "[@cfp-1948].\n\n::: clinician"), "citation",
     "unknown citation key '@cfp-1948'"),
    (("::: patient", "::: patients"), "container", "unknown audience mark 'patients'"),
    (('status = "approved"', 'status = "published"'), "status", "bad status 'published'"),
    (('question = "What causes leukopenia?"\n', ""), "question", "question is missing"),
    (('id = "cfp-1984"', 'id = "cfp-1984"\nid2 = 1'), "references[0].id2", "unknown field"),
    (("year = 1984", "year = 1984\n\n[[references]]\nid = \"cfp-1984\"\ntitle = \"Again\""),
     "references[1].id", "duplicate reference id 'cfp-1984'"),
    (('language = "en"', 'langauge = "en"'), "langauge", "unknown field"),
])
def test_errors_name_line_field_and_fix(edit, field, words):
    problems = problem(GOOD.replace(*edit))
    match = [p for p in problems if p.field == field]
    assert match, [str(p) for p in problems]
    assert words in match[0].message
    assert match[0].line and match[0].source == "answer.md"
    assert match[0].hint
    assert str(match[0]).startswith(f"answer.md:{match[0].line}:")


def test_typo_in_field_suggests_the_right_one():
    (p,) = [p for p in problem(GOOD.replace("aliases", "alaises")) if p.field == "alaises"]
    assert "Did you mean 'aliases'?" in p.hint and p.line == 4


def test_invalid_toml_names_the_line():
    (p,) = problem(GOOD.replace('status = "approved"', 'status = approved'))
    assert "invalid TOML" in p.message and p.line == 5


def test_invalid_utf8_names_the_line():
    (p,) = problem(GOOD.encode().replace(b"Wash", b"W\xffash"))
    assert "not valid UTF-8" in p.message and p.line == 26


def test_empty_body_and_unclosed_container():
    head = GOOD.split("## From")[0]
    assert any(p.field == "body" for p in problem(head))
    (p,) = problem(head + "::: patient\nText.\n")
    assert "never closed" in p.message and p.line == 17


def test_raw_html_is_not_passed_through():
    from personalize.core.markdown import render_inline

    answer = parse_answer(GOOD.replace("Wash your", "<script>alert(1)</script> Wash your"))
    assert "<script>" in answer.blocks[3].text  # kept as text in the source ...
    assert "<script>" not in render_inline(answer.blocks[3].text)  # ... never as HTML


def test_plain_prose_without_front_matter_is_a_draft(tmp_path):
    path = tmp_path / "Iron Deficiency.md"
    path.write_text("# What is iron deficiency?\n\nYour body is low on iron.\n")
    answer = load_answer(path)
    assert answer.id == "iron-deficiency"
    assert answer.question == "What is iron deficiency?"
    assert answer.status == "submitted"
    assert [b.kind for b in answer.blocks] == ["paragraph"]


def test_citation_keys_with_groups():
    assert citation_keys("A [@a; @b-2] b [@c].") == ["a", "b-2", "c"]


def test_shipped_content_parses(catalog):
    from pathlib import Path

    files = sorted(Path("content").glob("*.md"))
    assert len(files) >= 6
    ids = {load_answer(f, catalog.audiences).id for f in files}
    assert len(ids) == len(files)


def test_id_defaults_to_the_file_name(tmp_path):
    path = tmp_path / "Low Platelets.md"
    path.write_text('+++\nquestion = "Why are my platelets low?"\n+++\n\nText.\r\nMore.\r')
    answer = load_answer(path)
    assert answer.id == "low-platelets" and answer.blocks[0].text == "Text.\nMore."


def test_a_web_page_saved_as_a_draft_is_read_as_text(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<!doctype html><html><head><style>p{}</style></head><body><nav>Home</nav>"
                    "<h1>What is anemia?</h1><p>Anemia means <b>too few</b> red cells.</p>"
                    "<ul><li>Rest</li><li>Eat iron-rich food</li></ul>"
                    "<script>alert(1)</script></body></html>")
    answer = load_answer(path)
    assert answer.question == "What is anemia?"
    assert [b.kind for b in answer.blocks] == ["paragraph", "list"]
    assert answer.blocks[0].text == "Anemia means too few red cells."
    assert [i.text for i in answer.blocks[1].items] == ["Rest", "Eat iron-rich food"]
