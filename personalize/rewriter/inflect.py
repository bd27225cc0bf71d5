"""Regular English inflection for lexicon entries: plurals, verb forms, a/an.

Small rules, not a dictionary: irregular forms are given in the lexicon file.
"""

from __future__ import annotations

import re

_VOWELS = "aeiou"


def plural(word: str) -> str:
    """The regular plural of a noun, or of the head noun of a phrase.

    >>> plural("platelet"), plural("biopsy"), plural("virus"), plural("test of the blood")
    ('platelets', 'biopsies', 'viruses', 'tests of the blood')
    >>> plural("low white blood cell count")
    'low white blood cell counts'
    """
    if " of " in word:
        head, _, tail = word.partition(" of ")
        return f"{plural(head)} of {tail}"
    head, space, last = word.rpartition(" ")
    return head + space + _plural_word(last)


def _plural_word(word: str) -> str:
    lower = word.lower()
    if re.search(r"(s|x|z|ch|sh)$", lower):
        return word + "es"
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in _VOWELS:
        return word[:-1] + "ies"
    return word + "s"


def verb_forms(verb: str) -> tuple[str, str, str, str]:
    """Regular forms of a verb: (third person, past, participle, -ing).

    >>> verb_forms("utilize")
    ('utilizes', 'utilized', 'utilized', 'utilizing')
    >>> verb_forms("stop"), verb_forms("carry")[:2]
    (('stops', 'stopped', 'stopped', 'stopping'), ('carries', 'carried'))
    >>> verb_forms("sign up")
    ('signs up', 'signed up', 'signed up', 'signing up')
    """
    head, space, rest = verb.partition(" ")
    third, past, part, ing = _verb_word_forms(head)
    return tuple(f"{form}{space}{rest}" for form in (third, past, part, ing))


def _verb_word_forms(verb: str) -> tuple[str, str, str, str]:
    third = _plural_word(verb) if not verb.endswith("o") else verb + "es"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return third, verb + "d", verb + "d", verb[:-1] + "ing"
    if verb.endswith("ie"):
        return third, verb + "d", verb + "d", verb[:-2] + "ying"
    if verb.endswith("y") and len(verb) > 1 and verb[-2] not in _VOWELS:
        return third, verb[:-1] + "ied", verb[:-1] + "ied", verb + "ing"
    if _doubles(verb):
        double = verb + verb[-1]
        return third, double + "ed", double + "ed", double + "ing"
    return third, verb + "ed", verb + "ed", verb + "ing"


def _doubles(verb: str) -> bool:
    """Short consonant-vowel-consonant verbs double their last letter (stop, plan)."""
    if verb in ("open", "edit", "exit", "vomit", "limit", "visit", "happen", "develop"):
        return False
    if verb in ("begin", "occur", "refer", "prefer", "admit", "permit", "commit", "control",
                "transfer", "regret", "forget", "upset", "submit", "omit", "transmit", "recur",
                "concur", "emit", "compel", "expel", "propel", "excel", "deter", "incur"):
        return True
    return (len(verb) <= 4 and re.search(r"[^aeiou][aeiou][bdfgklmnprt]$", verb) is not None)


def article_for(word: str) -> str:
    """'a' or 'an' for the word that follows.

    >>> article_for("infection"), article_for("blood"), article_for("hour"), article_for("unit")
    ('an', 'a', 'an', 'a')
    >>> article_for("MRI"), article_for("HIV test"), article_for("one-time")
    ('an', 'an', 'a')
    >>> article_for("urinary"), article_for("uterus"), article_for("unusual"), article_for("user")
    ('a', 'a', 'an', 'a')
    """
    lower = word.lower()
    if re.match(r"(hour|honest|honor|heir)", lower):
        return "an"
    # a "you" sound: uni-, use, uro-, eu-, and u + one consonant + vowel (urinary, uterus,
    # usual), but not the prefix un- (unusual, uneven); a "w" sound: one, once
    if re.match(r"(uni|eu|ewe|one\b|one-|once|u[^\Wnaeiou\d][aeiouy])", lower):
        return "a"
    if re.match(r"[a-z]-", word):
        word = word.upper()  # "an x-ray", "an e-mail": the letter's name
    if word[:1].isupper() and len(word) > 1 and word[:2].isupper() or re.match(r"[A-Z]\b", word):
        return "an" if word[0] in "AEFHILMNORSX" else "a"
    return "an" if lower[:1] in _VOWELS else "a"


_ARTICLE = re.compile(r"\b([Aa]n?)(\s+)([^\W\d_][\w'’-]*)")


def agree_articles(text: str, marks: str = "") -> str:
    """Make every 'a'/'an' agree with the sound of the word after it.

    Left as written where the sound is not clear from the spelling: a word starting with h
    ("an herb", "a history"), and an abbreviation with a vowel, which may be read as a word
    ("a SEER database", "an MRI"). Characters of the class marks (a regex class body, for
    markers in the text) may stand between the article and its word.

    >>> agree_articles("It is a epithelial cancer, an user guide and a hour.")
    'It is an epithelial cancer, a user guide and an hour.'
    >>> agree_articles("A one-time dose, a SEER study, an herb, a LDL test, an A1C test.")
    'A one-time dose, a SEER study, an herb, an LDL test, an A1C test.'
    >>> agree_articles("Vitamin A is low. Hepatitis A or B. A x-ray. An user.")
    'Vitamin A is low. Hepatitis A or B. An x-ray. A user.'
    """
    pattern = _ARTICLE if not marks else re.compile(
        rf"\b([Aa]n?)(\s+[{marks}]*)([^\W\d_][\w'’-]*)")

    def agree(match: re.Match) -> str:
        article, gap, word = match.groups()
        lower = word.lower()
        if article[0] == "A" and re.search(r"[^\s.!?:\"“(\[]\s*$", match.string[:match.start()]):
            return match.group()  # "vitamin A is", "hepatitis A and B": a letter, not 'a'
        if lower.startswith("h") and not re.match(r"(hour|honest|honor|heir)", lower):
            return match.group()
        if word[:2].isupper() and re.search(r"[AEIOU]", word.split("-")[0][1:]):
            return match.group()
        wanted = article_for(word)
        if wanted == article.lower():
            return match.group()
        return (wanted.capitalize() if article[0].isupper() else wanted) + gap + word

    return pattern.sub(agree, text)
