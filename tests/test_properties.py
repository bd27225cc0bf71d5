"""Property tests: any answer text renders without a crash, safe HTML out, facts kept."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from personalize.core.answer import parse_answer
from personalize.core.catalog import load_catalog
from personalize.core.render import render
from personalize.errors import AnswerError

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


# -- Generated answers with the shapes real ones have: lists, containers, citations, numbers,
# unicode. Checked independently of the product's own fact check.

REFS = ("cfp-1984", "who-2020", "nice-ng12")
REF_HEAD = ('+++\nid = "gen"\nquestion = "What is this?"\n'
            + "".join(f'\n[[references]]\nid = "{r}"\nkind = "research"\ntitle = "T {r}."\n'
                      for r in REFS) + "+++\n\n")
VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area"}
plain = st.sampled_from([
    "the", "blood", "count", "is", "low", "because", "of", "infection", "and", "which",
    "individuals", "approximately", "leukopenia", "thrombocytopenia", "may", "need", "tests",
    "Grüße", "café", "naïve", "日本語", "Ωμέγα", "😀", "—", "“quoted”", "A&B", "x<y", "1 > 0",
])
number = st.one_of(st.integers(10, 99999).map(str),
                   st.integers(10, 999).map(lambda n: f"{n}.5"),
                   st.integers(1, 99).map(lambda n: f"{n},000"))
citation = st.sampled_from(REFS).map(lambda r: f"[@{r}]")
phrase = st.lists(st.one_of(plain, plain, plain, number, citation), min_size=3,
                  max_size=30).map(" ".join).map(lambda s: s + ".")
gen_block = st.one_of(
    phrase,
    st.lists(phrase, min_size=1, max_size=4).map(lambda xs: "\n".join("- " + x for x in xs)),
    st.lists(phrase, min_size=1, max_size=4).map(
        lambda xs: "\n".join(f"{i}. {x}" for i, x in enumerate(xs, 1))),
    phrase.map(lambda x: "## " + x.rstrip(".")),
    st.tuples(st.sampled_from(["patient", "clinician student", "student", "clinician"]),
              phrase).map(lambda t: f"::: {t[0]}\n{t[1]}\n:::"),
)


class _Balance(HTMLParser):
    """Tracks open elements; any mismatch makes the HTML ill-formed."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.handlers: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.handlers += [name for name, _ in attrs if name.lower().startswith("on")]
        if tag == "script":
            self.errors.append("script element")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(f"unexpected </{tag}>")


def _digits(text: str) -> Counter:
    return Counter(m.replace(",", "") for m in re.findall(r"\d+(?:,\d{3})*(?:\.\d+)?", text))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(gen_block, min_size=1, max_size=6))
def test_generated_answers_render_well_formed_and_keep_numbers_and_citations(blocks):
    answer = parse_answer(REF_HEAD + "\n\n".join(blocks) + "\n", "gen.md", CATALOG.audiences)
    for profile in CATALOG.profiles.values():
        rendition = render(answer, profile, CATALOG.lexicon("en"))
        parser = _Balance()
        parser.feed(rendition.html)
        parser.close()
        assert not parser.errors and not parser.stack, (parser.errors, parser.stack)
        assert not parser.handlers
        taken = [t for b in answer.blocks if profile.takes(b.audiences) for t in b.inline_texts()]
        source = " ".join(re.sub(r"\[@[^\]]+\]", " ", t) for t in taken)
        assert not _digits(source) - _digits(rendition.text), profile.name
        for key in {k for t in taken for k in re.findall(r"\[@([^\]\s;]+)\]", t)}:
            assert f'href="#ref-{key}"' in rendition.html or f'ref-{key}"' in rendition.html, key
