"""Sentence simplification: splits at safe points only, and says what it did."""

from __future__ import annotations

import pytest

from personalize.sentences import split_sentences
from personalize.simplify import Series, simplify


@pytest.mark.parametrize("sentence, expected, rule", [
    ("Anemia is common in older adults; it is often mild and easy to treat with iron.",
     ["Anemia is common in older adults.", "It is often mild and easy to treat with iron."],
     "semicolon"),
    ("Red blood cells, which carry oxygen, are made in the bone marrow of the long bones.",
     ["Red blood cells are made in the bone marrow of the long bones.", "They carry oxygen."],
     "relative"),
    ("The test measures the amount of hemoglobin in your blood, which carries oxygen to "
     "the organs.",
     ["The test measures the amount of hemoglobin in your blood.",
      "This carries oxygen to the organs."], "relative"),
    ("Chemotherapy often lowers the white cell count, and the risk of infection rises "
     "for several weeks.",
     ["Chemotherapy often lowers the white cell count.",
      "The risk of infection rises for several weeks."], "joined_clauses"),
    ("The disease damages the liver over many years, causing scarring and liver failure "
     "in some people.",
     ["The disease damages the liver over many years.",
      "This causes scarring and liver failure in some people."], "participle"),
    ("Although the condition is rare, it can be serious and needs care from a specialist.",
     ["The condition is rare.", "But it can be serious and needs care from a specialist."],
     "leading_clause"),
    ("Viral infections, such as influenza, HIV, and COVID-19, can slow the bone marrow "
     "for a while.",
     ["Viral infections can slow the bone marrow for a while.",
      "Examples are influenza, HIV, and COVID-19."], "such_as_aside"),
])
def test_rules(sentence, expected, rule):
    pieces, log = simplify(sentence, 12)
    assert pieces == expected
    assert log[0].rule == rule and log[0].before == sentence


def test_a_run_of_causes_becomes_a_list():
    pieces, log = simplify("Low counts can be caused by several factors, including viral "
                           "infections, certain medicines, bone marrow disorders, and "
                           "autoimmune diseases.", 12)
    (series,) = pieces
    assert isinstance(series, Series)
    assert series.lead == "Low counts can be caused by several factors, including:"
    assert series.items == ("viral infections", "certain medicines", "bone marrow disorders",
                            "autoimmune diseases")
    assert log[0].rule == "series"


@pytest.mark.parametrize("sentence", [
    "Infections such as flu and HIV and hepatitis can lower the count in many people.",
    "If you have a fever of 38 degrees or more, call your doctor or nurse right away today.",
    "People with severe neutropenia who also have a fever need to be seen in hospital today.",
])
def test_sentences_without_a_safe_point_are_left_alone(sentence):
    pieces, log = simplify(sentence, 10)
    assert pieces == [sentence] and log == []


def test_short_sentences_are_not_touched():
    assert simplify("Rest, and drink fluids.", 12) == (["Rest, and drink fluids."], [])


def test_numbers_survive_splits():
    pieces, _ = simplify("The normal count is 4,500 to 11,000 cells per microliter; counts "
                         "below 1,500 are low and below 500 are severe.", 8)
    joined = " ".join(pieces)
    for number in ("4,500", "11,000", "1,500", "500"):
        assert number in joined


def test_sentence_splitting_respects_abbreviations_and_decimals():
    assert split_sentences("Take 2.5 mg, e.g. at night. Dr. Ray agrees. Hepatitis B. Next.") \
        == ["Take 2.5 mg, e.g. at night.", "Dr. Ray agrees.", "Hepatitis B.", "Next."]
