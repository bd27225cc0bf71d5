"""Question lookup: every phrasing of a question reaches its one answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from personalize.core.catalog import load_catalog
from personalize.store import lookup
from personalize.store.library import FolderLibrary

ROOT = Path(__file__).resolve().parent.parent
SEED_PHRASINGS = [
    "What causes leukopenia (low White Blood Cell count)?",
    "What are the causes of Leukopenia (Low White Blood Cell count)?",
]


@pytest.fixture(scope="module")
def entries():
    """Every shipped answer's phrasings, as the search page builds them."""
    library = FolderLibrary(ROOT / "content", load_catalog(ROOT / "profiles"))
    records = [library.get(i) for i in library.ids()]
    every = tuple(lookup.Entry(r.answer.id, r.answer.question, r.answer.aliases,
                               r.answer.language) for r in records)
    return lookup.in_language(every, "en")  # the phrasings below are English


@pytest.mark.parametrize("query", SEED_PHRASINGS + [
    "causes of leukopenia",
    "leukopenia causes",
    "what causes leukopenia",
    "what causes leukopnia",          # a letter missing
    "luekopenia",                     # two letters swapped
    "LEUKOPENIA?!",
    "low white blood cell count causes",
    "causes of low white blood cell count",
    "count low white cell blood",     # any word order
    "why is my wbc low",
    "reasons for a low white cell count",
    "what does a low white count mean",
])
def test_seed_phrasings_and_near_variants_go_to_the_one_answer(entries, query):
    result = lookup.find(query, entries)
    assert (result.kind, result.answer_id) == ("answer", "leukopenia-causes")


@pytest.mark.parametrize(("query", "answer_id"), [
    ("what causes anaemia", "anemia-causes"),
    ("why am I anemic", "anemia-causes"),
    ("low platelets", "thrombocytopenia-causes"),
    ("platelet count hihg", "thrombocytosis-causes"),
    ("high white blood cell count", "leukocytosis-causes"),
    ("thrombocytopnia causes", "thrombocytopenia-causes"),
    ("full blood count", "complete-blood-count"),
    ("low ANC", "neutropenia"),
])
def test_other_questions_resolve_too(entries, query, answer_id):
    assert lookup.find(query, entries).answer_id == answer_id


@pytest.mark.parametrize(("query", "expected"), [
    ("white blood cell count", {"leukopenia-causes", "leukocytosis-causes"}),
    ("platelets", {"thrombocytopenia-causes", "thrombocytosis-causes"}),
    ("what causes", {"anemia-causes", "leukopenia-causes", "thrombocytopenia-causes"}),
    ("low blood count", {"leukopenia-causes", "anemia-causes"}),
])
def test_an_ambiguous_query_lists_the_candidates(entries, query, expected):
    result = lookup.find(query, entries)
    assert result.kind == "choose"
    assert expected <= {m.answer_id for m in result.matches}
    assert len(result.matches) <= lookup.MAX_CANDIDATES
    scores = [m.score for m in result.matches]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("query", ["diabetes", "what causes headaches", "xyzzy", "broken arm"])
def test_no_match_says_so_and_suggests_the_closest(entries, query):
    result = lookup.find(query, entries)
    assert result.kind == "none"
    assert 0 < len(result.matches) <= lookup.MAX_SUGGESTIONS


def test_a_query_about_causes_suggests_questions_about_causes(entries):
    result = lookup.find("what causes headaches", entries)
    assert all("cause" in m.question.lower() for m in result.matches)


@pytest.mark.parametrize("query", ["", "   ", "what is the", "?!"])
def test_an_empty_query_is_not_a_search(entries, query):
    assert lookup.find(query, entries).kind == "empty"


def test_short_words_need_exact_spelling():
    # "low" and "how" differ by one letter; only longer words forgive typos.
    assert lookup.credit("how", "low") == 0.0
    assert lookup.credit("hihg", "high") > 0


def test_no_entries_finds_nothing():
    assert lookup.find("leukopenia", ()).kind == "none"
