"""Jargon: hard words outside textstat's easy list and the lexicon, counted."""

from __future__ import annotations

import pytest

from personalize.core.jargon import easy_words, find_jargon, is_easy
from personalize.rewriter.lexicon import empty_lexicon


def test_easy_words_come_from_the_installed_textstat():
    words = easy_words("en")
    assert len(words) > 2000
    assert {"doctor", "blood", "wash"} <= words


def test_an_unknown_language_has_no_easy_list():
    assert easy_words("xx") == frozenset()


@pytest.mark.parametrize("word", ["doctors", "Washing", "families", "Doctor's"])
def test_regular_forms_of_easy_words_are_easy(word):
    assert is_easy(word)


def test_hard_words_are_counted_most_frequent_first():
    text = ("Prognostication is hard. Prognostication needs cytogenetic tests. "
            "Wash your hands. The doctor is here.")
    found = find_jargon(text, empty_lexicon())
    assert [(j.word, j.count) for j in found][:2] == [("prognostication", 2), ("cytogenetic", 1)]
    assert not {"wash", "doctor", "hands", "here"} & {j.word for j in found}


def test_words_the_lexicon_knows_are_not_candidates(catalog):
    lexicon = catalog.lexicon("en")
    found = {j.word for j in find_jargon(
        "Neutropenia and thrombocytopenia need prognostication.", lexicon)}
    assert "prognostication" in found
    assert not {"neutropenia", "thrombocytopenia"} & found


def test_numbers_and_short_words_are_never_jargon():
    assert find_jargon("500 mg of it, 10% of us.", empty_lexicon()) == []


def test_as_dict():
    assert find_jargon("Prognostication.", empty_lexicon())[0].as_dict() == {
        "word": "prognostication", "count": 1}


def test_everyday_words_are_not_jargon_and_medical_words_still_are():
    """Listed on a first run: research, guidelines, vitamin, status, steady, sources."""
    text = ("Research and guidelines say vitamin status stays steady; sources differ. "
            "Fewer neutrophils mean a higher risk. A short-lived fall is common. "
            "Schizophrenia drugs can cause neutropenia; prognostication needs cytogenetics.")
    found = {j.word for j in find_jargon(text, empty_lexicon())}
    assert not {"research", "guidelines", "vitamin", "status", "steady", "sources", "fewer",
                "higher", "short-lived"} & found, found
    assert {"neutrophils", "schizophrenia", "neutropenia", "prognostication"} <= found


def test_spanish_verbs_with_pronouns_joined_are_found_easy():
    found = {j.word for j in find_jargon("Puede bajarla sin gastarlos. La agranulocitosis baja.",
                                         empty_lexicon("es"), "es")}
    assert not {"bajarla", "gastarlos"} & found and "agranulocitosis" in found
