"""The check after every rule: a split that would change what a sentence claims is not made.

The shapes are the ones a clinical review found in real renditions (made up here, same shape).
"""

from __future__ import annotations

import pytest

from personalize.rewriter.grammar import grammar
from personalize.rewriter.rules.common import Series
from personalize.rewriter.rules.safety import refusal
from personalize.rewriter.splitter import simplify

G = grammar("en")


@pytest.mark.parametrize("sentence, pieces, why", [
    ("You may need treatment only if you have surgery, a tooth pulled, or an injury.",
     [Series("You may need:", ("treatment only if you have surgery", "a tooth pulled",
                               "an injury"))], "a list item carries a condition"),
    ("There was no good evidence that A, B or C changed the rate.",
     [Series("There was no good evidence that these changed the rate:", ("A", "B", "C"))],
     "a list would sit under a negation"),
    ("Destruction is characteristic of A, B, C and D.",
     [Series("Destruction is:", ("characteristic of A", "B", "C", "D"))],
     "the run starts inside the first item ('of ...')"),
    ("Women are more likely than men, children, or older adults to get it.",
     [Series("Women are:", ("more likely than men", "children", "older adults to get it"))],
     "a list item carries a comparison"),
    ("If your doctor believes you need treatment, he or she may suggest a test.",
     ["If your doctor believes you need treatment.", "He or she may suggest a test."],
     "the sentence opens with a condition that governs all of it"),
    ("Your doctor may order a test when your count is low, to see why.",
     ["When your count is low.", "Your doctor may order a test to see why."],
     "a piece is a subordinate clause with no main clause ('when ...')"),
    ("The most common side effects are pain, swelling, or bruising at the site.",
     ["The most common side effects are pain.", "This swells, or bruising at the site."],
     None),  # grammatical pieces: the participle rule itself leaves this shape (test below)
    ("The drug does not lower the count or harm the marrow in most people.",
     ["The drug does not lower the count.", "It also harms the marrow in most people."],
     "a new sentence would continue a negated one"),
    ("Death was less common with the drug, HR 0.58; 95% CI, 0.43 to 0.79.",
     ["Death was less common with the drug, HR 0.58.", "95% CI, 0.43 to 0.79."],
     "a statistic would be cut from its estimate"),
    ("The count was higher in the first group of children than in the second.",
     ["The count was higher in the first group of children.", "This was than in the second."],
     "a comparison would be cut from its 'than'"),
    ("Withhold the drug in suspected keratitis, and if ulcers are confirmed, stop the drug.",
     ["Withhold the drug in suspected keratitis, and if ulcers are confirmed.", "Stop the drug."],
     "a condition would be cut from the clause it governs"),
    ("Neither the fever nor the rash needs treatment in most of the children.",
     ["Neither the fever needs treatment.", "Nor the rash in most of the children."],
     "'neither ... nor' would be cut apart"),
])
def test_the_check_refuses_splits_that_change_a_claim(sentence, pieces, why):
    assert refusal(sentence, pieces, G, "any") == why


def test_the_check_lets_faithful_splits_through():
    sentence = "Chemotherapy often lowers the white cell count, and the risk of infection rises."
    pieces = ["Chemotherapy often lowers the white cell count.", "The risk of infection rises."]
    assert refusal(sentence, pieces, G, "joined_clauses") is None
    sentence = "If A is 200 or more, or if B is less than 40, your doctor may suggest a test."
    run = Series("Your doctor may suggest a test if:", ("A is 200 or more",
                                                          "B is less than 40"))
    assert refusal(sentence, [run], G, "conditions") is None
    assert refusal(sentence, [run], G, "verb_series") is not None  # only conditions may


@pytest.mark.parametrize("sentence", [
    "You may need treatment only if you have surgery, a tooth pulled, or an injury.",
    "There was no good evidence that aspirin, vitamin E or folic acid changed the rate.",
    "Destruction is characteristic of lymphoma, leukemia, myeloma and metastatic cancer.",
    "If your doctor believes you need treatment, he or she may suggest a test for you.",
    "The most common side effects are pain, swelling, or bruising at the injection site.",
    "He or she will examine you and will also take your medical history in detail.",
    "If you have a fever, call your doctor, and go to the nearest hospital right away.",
    "Death was less common with the new drug, HR 0.58; 95% CI, 0.43 to 0.79.",
    "Withhold GILOTRIF during evaluation of patients with suspected keratitis, and if diagnosis "
    "of ulcerative keratitis is confirmed, treatment with GILOTRIF should be interrupted.",
    # a bare comma before a phrase that is not a sentence: no "A factor ... if X is used."
    "Experiments indicate that one third of breast cancers are prolactin-dependent in vitro, a "
    "factor of potential importance if the drug is being considered for a patient.",
    "Newer inhibitors may be clinically active, while limiting off-target side effects, in "
    "patients with this cancer, and such agents are under evaluation.",
    # the "are" of a relative clause is not a definition's: no "... and also in patients. They
    # are HBsAg negative."
    "Cases have been reported in patients who are hepatitis B surface antigen (HBsAg) positive "
    "and also in patients who are HBsAg negative but are hepatitis B core antibody positive.",
    # a statistic in brackets stays with its claim, never "This means OR, 1.57; ..."
    "Age younger than 50 years raised the risk of this cancer in the study (odds ratio [OR], "
    "1.57; 95% confidence interval [CI], 1.28-1.91).",
])
def test_the_whole_chain_leaves_the_reviewed_shapes_as_written(sentence):
    assert simplify(sentence, 8) == ([sentence], [])


def test_a_closing_i_e_aside_becomes_this_means_without_the_i_e():
    pieces, log = simplify("Reactivation has occurred in patients who appear to have cleared "
                           "the virus (i.e., a blood test for the surface antigen of the virus "
                           "is negative).", 15)
    assert [s.rule for s in log] == ["parenthetical"]
    assert pieces[1] == ("This means a blood test for the surface antigen of the virus is "
                         "negative.")


def test_a_closing_i_e_run_of_test_results_stays_in_its_bracket():
    # review 2: "This means HBsAg negative, anti-HBc positive, ..." reads as a fragment
    sentence = ("Reactivation has occurred in patients who appear to have resolved the infection "
                "(i.e., HBsAg negative, anti-HBc positive, and anti-HBs positive).")
    pieces, log = simplify(sentence, 15)
    assert "parenthetical" not in [s.rule for s in log]
    assert any("(i.e., HBsAg negative" in p for p in pieces if isinstance(p, str))
