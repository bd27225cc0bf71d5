"""Property tests: any answer text renders without a crash, safe HTML out, facts kept."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from personalize.answer import parse_answer
from personalize.catalog import load_catalog
from personalize.errors import AnswerError
from personalize.render import render

ROOT = Path(__file__).resolve().parent.parent
CATALOG = load_catalog(ROOT / "profiles")

words = st.sampled_from([
    "leukopenia", "anemia", "the", "a", "an", "cells", "which", "can", "cause", "and",
    "including", "such as", "because", "although", ",", ";", ":", "(", ")", "infection",
    "approximately", "individuals", "utilize", "5-10 mcg/kg", "500/uL", "2.5%", "1,000",
    "e.g.", "Dr.", "U.S.", "[@ref]", "**bold**", "`code`", "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>", "[link](javascript:alert(1))", "https://example.org/a",
    "ñandú", "日本", "—", "\u200b", "filgrastim", "clozapine", "It is", "they are", ".",
])
sentence = st.lists(words, min_size=1, max_size=40).map(" ".join)
block = st.one_of(
    sentence,
    st.lists(sentence, min_size=1, max_size=5).map(lambda xs: "\n".join("- " + x for x in xs)),
    sentence.map(lambda x: "## " + x),
    st.tuples(st.sampled_from(["patient", "clinician student", "student"]), sentence).map(
        lambda t: f"::: {t[0]}\n{t[1]}\n:::"),
    st.text(max_size=80),
)
HEAD = ('+++\nid = "fuzz"\nquestion = "Q?"\n\n[[references]]\nid = "ref"\nkind = "research"\n'
        'title = "T."\n+++\n\n')


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(block, min_size=1, max_size=6))
def test_any_answer_renders_safely_for_every_profile(blocks):
    source = HEAD + "\n\n".join(blocks) + "\n"
    try:
        answer = parse_answer(source, "fuzz.md", CATALOG.audiences)
    except AnswerError:
        return  # a clear error is a fine answer to bad input; a crash is not
    for profile in CATALOG.profiles.values():
        rendition = render(answer, profile, CATALOG.lexicon("en"))
        html = rendition.html
        assert "<script" not in html.lower()
        assert not re.search(r"<[^>]+\son\w+\s*=", html, re.I)
        assert 'href="javascript:' not in html.lower()
        assert html.count("<article") == html.count("</article>") == 1
        assert rendition.facts.ok, rendition.facts.missing
