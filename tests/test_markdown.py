"""Markdown: the blocks of an answer, and inline text read or rendered without the parser."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from personalize.core import markdown
from personalize.core.markdown import _MD, _parsed_text, inline_to_text, parse_blocks, render_inline

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "content").glob("*.md")) + sorted(
    (ROOT / "tests" / "corpus" / "real").glob("*.md")) + sorted(
    (ROOT / "tests" / "fixtures").rglob("*.md"))

MARKDOWN_BITS = st.sampled_from(
    list("ab Z1 .,;:()-#$%+=@^{}|\"'/?\t\u00a0\u3000é\ue000\ue100\uf8f0>&")
    + ["*", "_", "`", "[x](y)", "&amp;", "\\", "\n", "\r", "\0", "<a>", "~~", "!", "]",
       "  ", " \n", "<https://a.org>"])
INLINE = st.one_of(st.lists(MARKDOWN_BITS, max_size=25).map("".join), st.text(max_size=30))


@settings(max_examples=500, deadline=None)
@given(INLINE)
def test_plain_text_is_read_without_the_parser_as_the_parser_reads_it(inline):
    assert inline_to_text(inline) == _parsed_text(inline)


@settings(max_examples=500, deadline=None)
@given(INLINE)
def test_plain_text_is_rendered_without_the_parser_as_the_parser_renders_it(inline):
    assert render_inline(inline) == _MD.renderInline(inline)


@pytest.mark.parametrize("path", SOURCES, ids=[p.stem for p in SOURCES])
def test_blocks_are_those_of_a_parser_that_parses_inline_text_too(path, monkeypatch):
    source = path.read_text(encoding="utf-8")
    fast = parse_blocks(source)
    monkeypatch.setattr(markdown, "_BLOCKS", _MD)
    assert fast == parse_blocks(source)


# Review 1, MC-8: "either 1. (criteria a-d, numbered 1-4) or 2. ..." written as one flat
# Markdown list; read flat, the second alternative became a fifth criterion.
EITHER_OR = """Criteria can be either:

1. The combination of four sets of criteria (a-d):
1. Features of one kind.
2. Features of another kind.
3. No history of a disorder.
4. No gene fusion.
2. Mixed features that cannot be assigned to any other category.
"""


def test_a_flat_list_numbered_as_nested_is_nested_as_numbered():
    block = parse_blocks(EITHER_OR)[1]
    assert block.ordered
    assert [i.depth for i in block.items] == [0, 1, 1, 1, 1, 0]


@pytest.mark.parametrize(("source", "depths"), [
    ("1. one\n2. two\n3. three\n", [0, 0, 0]),                  # counted
    ("1. one:\n1. two\n1. three\n", [0, 0, 0]),                 # all 1 (lazy numbering)
    ("1. one\n2. two\n1. three\n2. four\n", [0, 0, 0, 0]),      # a restart with no lead-in
    ("1. one:\n   1. two\n   2. three\n2. four\n", [0, 1, 1, 0]),  # nested as written
])
def test_other_numberings_are_read_as_markdown_reads_them(source, depths):
    assert [i.depth for i in parse_blocks(source)[0].items] == depths
