"""Lexicon rewriting: longest match, capitals, a/an, plurals, protected spans, logged changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from personalize.rewriter.lexicon import load_lexicon
from personalize.rewriter.sentences import mask
from personalize.rewriter.terms import Glossary, rewrite, strip_marks

LEXICON = load_lexicon(Path(__file__).parent / "fixtures" / "lexicon" / "en.toml")


def run(text, policy="plain", plain_words=True, glossary=None):
    changes = []
    masked = mask(text)
    out = rewrite(masked.text, LEXICON, policy, plain_words, glossary or Glossary(), "test",
                  changes)
    return strip_marks(masked.restore(out)), changes


def test_plain_term_with_the_medical_word_once():
    glossary = Glossary()
    first, _ = run("Leukopenia is common.", glossary=glossary)
    second, _ = run("Leukopenia can pass.", glossary=glossary)
    assert first == "Low white blood cell count (leukopenia) is common."
    assert second == "Low white blood cell count can pass."


def test_longest_match_and_plurals():
    out, _ = run("The bone marrow makes erythrocytes.")
    assert out == ("The spongy tissue inside bones (bone marrow) makes "
                   "red blood cells (erythrocytes).")


def test_article_agrees_with_the_new_word():
    out, _ = run("It is an erythrocyte.")
    assert out == "It is a red blood cell (erythrocyte)."


def test_verb_forms_and_participles():
    assert run("They administered it.")[0] == "They gave it."
    assert run("It was administered daily.")[0] == "It was given daily."
    assert run("Administering it helps.")[0] == "Giving it helps."
    assert run("Approximately 20 individuals")[0] == "About 20 people"


def test_phrases_and_deletions_keep_a_capital():
    out, _ = run("It is important to note that rest helps in order to heal.")
    assert out == "Rest helps to heal."


def test_acronyms_match_case_sensitively():
    assert run("A WBC test")[0] == "A white blood cell (WBC) test"
    assert run("wbc")[0] == "wbc"


def test_protected_spans_are_never_touched():
    text = ("Leukopenia [@leukopenia-1984] see [hepatic](https://x.org/hepatic) "
            "`hepatic` https://example.org/leukopenia 5 mg")
    out, _ = run(text)
    assert "[@leukopenia-1984]" in out
    assert "[hepatic](https://x.org/hepatic)" in out
    assert "`hepatic`" in out and "https://example.org/leukopenia" in out


def test_terms_already_named_are_kept():
    assert run("A low count, called leukopenia, is common.")[0] == (
        "A low count, called leukopenia, is common.")
    assert run("a low white cell count (leukopenia)")[0] == "a low white cell count (leukopenia)"


def test_drug_names_are_never_replaced():
    assert run("Filgrastim helps.")[0] == "Filgrastim helps."


@pytest.mark.parametrize("policy, plain_words, expected", [
    ("keep", False, "Leukopenia was administered approximately daily."),
    ("define", True, "Leukopenia was given about daily."),
    ("plain", True, "Low white blood cell count (leukopenia) was given about daily."),
])
def test_policies(policy, plain_words, expected):
    assert run("Leukopenia was administered approximately daily.", policy, plain_words)[0] == \
        expected


def test_every_change_is_logged():
    _, changes = run("Leukopenia was administered.")
    assert [(c.what, c.before, c.after) for c in changes] == [
        ("term", "Leukopenia", "Low white blood cell count (leukopenia)"),
        ("plain word", "administered", "given")]
    assert all(c.where == "test" and c.why for c in changes)


def test_define_policy_glosses_first_use_only():
    glossary = Glossary()
    masked = mask("Leukopenia and leukopenia.")
    out = rewrite(masked.text, LEXICON, "define", False, glossary, "t", [])
    assert out.count("\ue000") == 1
    assert glossary.definitions == ["A lower than normal number of white blood cells."]


def test_linking_words_at_the_start_become_plain():
    assert run("However, women can have higher counts.")[0] == "But women can have higher counts."
    assert run("In addition, rest helps.")[0] == "Also, rest helps."
    assert run("It is, however, rare.")[0] == "It is, however, rare."


def test_a_sentence_that_defines_the_term_keeps_it():
    glossary = Glossary()
    first, _ = run("Leukopenia is a drop in white cells.", glossary=glossary)
    later, _ = run("Leukopenia can pass.", glossary=glossary)
    assert first == "Leukopenia is a drop in white cells."
    # the first swap still names the term, so the reader can connect the two
    assert later == "Low white blood cell count (leukopenia) can pass."


def test_names_quotes_and_echoes_are_left_alone():
    assert run('It is called "hepatic failure" by doctors.')[0] == (
        'It is called "hepatic failure" by doctors.')
    assert run("The MYH9 leukopenia gene.")[0] == "The MYH9 leukopenia gene."
    assert run("Leukopenia hyper-IgE syndrome.")[0] == "Leukopenia hyper-IgE syndrome."
    assert run("A red blood cell, or erythrocyte, carries oxygen.")[0] == (
        "A red blood cell, or erythrocyte, carries oxygen.")


def test_a_name_two_words_long_is_left_whole():
    assert run("No vaccine exists for Eastern equine leukopenia virus.")[0] == (
        "No vaccine exists for Eastern equine leukopenia virus.")
    assert run("In Africa, leukopenia is common.")[0] == (
        "In Africa, low white blood cell count (leukopenia) is common.")


def test_a_hyphenated_acronym_two_words_back_is_not_part_of_a_name():
    # "AR-HIES have leukopenia": an abbreviation then a verb, not "Eastern equine X"
    assert run("People with AR-HIES have leukopenia problems.")[0] == (
        "People with AR-HIES have low white blood cell count (leukopenia) problems.")
    assert run("The Tay-Sachs leukopenia gene.")[0] == "The Tay-Sachs leukopenia gene."


def test_verbs_and_adverbs_beside_a_name_are_still_plain_words():
    # a name next to a noun makes one name ("MYH9 leukopenia"); next to a verb it does not
    assert run("Doctors at McGill administered it.")[0] == "Doctors at McGill gave it."


@pytest.mark.parametrize("text, expected", [
    ("It is a epithelial cancer.", "It is an epithelial cancer."),
    ("It lasts a hour.", "It lasts an hour."),
    ("It is an one-time dose for an user.", "It is a one-time dose for a user."),
    ("It is a urinary problem, not an unusual one.",
     "It is a urinary problem, not an unusual one."),
    ("Vitamin A is low in a SEER study, an herb and an x-ray.",
     "Vitamin A is low in a SEER study, an herb and an x-ray."),
])
def test_every_article_agrees_after_rewriting(text, expected):
    assert run(text)[0] == expected


def test_a_comma_separated_run_of_capitalised_words_is_a_name():
    text = "It used the Surveillance, Leukopenia, and End Results database."
    assert run(text)[0] == text
    assert run("In Africa, leukopenia is common.")[0] == (
        "In Africa, low white blood cell count (leukopenia) is common.")


def test_general_plain_phrases_in_the_shipped_lexicon():
    root = Path(__file__).parent.parent / "profiles" / "lexicon"
    shipped = load_lexicon(root / "en.toml", root / "en-plain.toml")

    def plain(text):
        masked = mask(text)
        out = rewrite(masked.text, shipped, "plain", True, Glossary(), "test", [])
        return strip_marks(masked.restore(out))

    assert plain("A hallmark feature of the condition is repeated infections.") == (
        "A key feature of the condition is repeated infections.")
    assert plain("Hallmark signs include a rash.") == "Key signs include a rash."
    # 'hallmark' alone is left: "the hallmark of X" has no one plain word
    assert plain("Fever is the hallmark of the disease.") == "Fever is the hallmark of the disease."
    # "an abnormally functioning" -> "a faulty": a/an agrees; "a variety of" stays "many"
    assert plain("It makes an abnormally functioning protein.") == "It makes a faulty protein."
    assert plain("This causes the wide variety of problems.") == (
        "This causes the wide range of problems.")
    assert plain("It may occur in a variety of conditions.") == (
        "It may happen in many conditions.")
