"""Lexicon entries whose plain word changed the sense (clinical review 1 of 30 patient
renditions): a stronger verb, a number for a kind, a cause for a state, an adjective inside a
named term, a neutral verb for a harmful one. Each case the review found, and the same entry
still made plain where it reads right (profiles/lexicon/REVIEW.md)."""

from __future__ import annotations

import pytest

from personalize.rewriter.terms import Glossary, rewrite

# (sentence, what must not appear, what must)
CHANGED_SENSE = [
    # MC-5: a stomach-lining change named for the tissue it resembles, not "the bowel"
    ("There were 11 cases of intestinal metaplasia.", "bowel", "intestinal metaplasia"),
    ("Squamous metaplasia was seen.", "(squamous)", "metaplasia"),
    # MC-10: dehydration is the state, not the loss ("replace lost fluids to prevent fluid loss")
    ("Replace lost fluids to prevent dehydration.", "fluid loss", "lack of water in the body"),
    # MC-4: inhibit lessens, stimulate increases; neither stops nor sets off
    ("Silymarin inhibits the growth of certain cancer cell lines.", "blocks", "reduces the growth"),
    ("They can stimulate increases in the activity of immune cells.", "trigger",
     "boost increases"),
    # MC-3: a kind, not a number
    ("It was seen in children with various stages of MDS.", "many", "different stages"),
    # BR-13: "spread infection" also reads as a verb and its object
    ("Conditions that increase the risk for disseminated infection include:", " spread",
     "widespread infection"),
    ("The cancer has disseminated to the liver.", "widespread", "has disseminated to"),
    # BR-16: harm kept, and no plain phrase that cannot govern a second "with"
    ("It can interfere with fertility in women.", "affect", "get in the way of fertility"),
    ("It can interfere with fertility in women or with sex drive in men.", "get in the way",
     "interfere with fertility in women or with sex drive"),
    # c015, BR-4: "fake" reads as a deceit; "placebo treated patients" is one phrase
    ("Blood pressure rose 1 mm Hg more than with placebo.", "fake", "inactive treatment"),
    ("Anemia was seen in SABRIL and placebo treated patients.", "treatment treated",
     "placebo treated patients"),
    # r016: a named type of aphasia is not the same-named language disorder (review 3)
    ("Expressive aphasia makes it hard to say what you mean.", "language disorder",
     "Expressive aphasia"),
    # c052: after a noun "like" reads as "such as": "reactions like placebo" are not a rate
    ("It had an incidence of adverse reactions similar to placebo.", " like ",
     "similar to"),
    # c063: NCI's supportive care is broader than symptom relief (treating infection is in it)
    ("Supportive care involves treating cytopenias and infection.", "symptom relief",
     "Supportive care involves"),
]


@pytest.mark.parametrize("sentence,wrong,kept", CHANGED_SENSE,
                         ids=[c[1].strip() for c in CHANGED_SENSE])
def test_a_plain_word_keeps_the_sense(patient_words, sentence, wrong, kept):
    out = patient_words(sentence)
    assert wrong not in out, out
    assert kept in out, out


@pytest.mark.parametrize("sentence,plain", [
    ("It causes intestinal bleeding.", "bowel (intestinal) bleeding"),
    ("The infection is disseminated.", "is widespread"),
    ("The rate was 2% in the placebo group.", "inactive treatment (placebo) group"),
    ("Stress interfered with her sleep.", "got in the way of her sleep"),
])
def test_the_same_entries_still_apply_where_they_read_right(patient_words, sentence, plain):
    assert plain in patient_words(sentence)


def test_supportive_care_is_kept_and_defined(catalog):
    lexicon, profile = catalog.lexicon("en"), catalog.profiles["patient"]
    glossary = Glossary()
    rewrite("Supportive care helps.", lexicon, profile.terms, profile.plain_words, glossary,
            "line 1", [])
    assert any("side effects" in d for d in glossary.definitions)


# Broken sentences of the same review (no meaning change, but a patient stumbles on them)
@pytest.mark.parametrize("sentence,broken,written", [
    # BR-7, BR-11: a gloss inside a bracket nests a bracket in a bracket
    ("It shows varying degrees of leukopenia (sometimes leukocytosis).",
     "(leukocytosis))", "(sometimes leukocytosis)"),
    ("Six of nine patients (those with marked thrombocytosis [RARS-T]) had the variant.",
     "(thrombocytosis)", "marked thrombocytosis [RARS-T]"),
    # BR-15: each name of an "also called" run is the definition, none is swapped
    ("This procedure is also called computed tomography, computerized tomography, or "
     "computerized axial tomography.", "CT scan (", "computed tomography, computerized "
     "tomography, or computerized axial tomography"),
    # BR-14: the words after the term already say where
    ("A needle is placed into the CSF around the spinal cord.", "spinal cord (CSF) around",
     "the CSF around the spinal cord"),
    # BR-17: an abbreviation keeps its capitals in the bracket
    ("Hgb and hematocrit carry the same information.", "(hgb)", "(Hgb)"),
])
def test_no_broken_gloss_in_brackets_runs_or_abbreviations(patient_words, sentence, broken,
                                                            written):
    out = patient_words(sentence)
    assert broken not in out, out
    assert written in out, out


@pytest.mark.parametrize("sentence,plain", [
    ("Leukocytosis can follow an infection.", "High white blood cell count (leukocytosis)"),
    ("A sample of CSF is taken.", "fluid around the brain and spinal cord (CSF)"),
    ("Tumors called gastrinomas can cause stomach or intestinal ulcers.", "bowel (intestinal)"),
    ("Children with a form called Hurler syndrome often die before age 10 from airway disease, "
     "respiratory "
     "infections, or heart problems.", "breathing (respiratory)"),
])
def test_the_same_terms_are_still_glossed_outside(patient_words, sentence, plain):
    assert plain in patient_words(sentence)
