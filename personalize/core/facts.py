"""The facts a rewrite must keep: numbers, doses with their units, drug names, citations.

Facts are counted in the blocks a profile takes in before rewriting and in the rendition
after; any fact seen fewer times after than before is missing, and fails the verdict.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from personalize.core.answer import citation_keys

UNITS = (r"mcg/kg(?:/day)?|mg/kg(?:/day)?|mg/dL|g/dL|g/L|mmol/L|µmol/L|umol/L|mEq/L|IU/L|U/L"
         r"|ng/mL|pg/mL|cells?/(?:µL|uL|mm3|mm³|L)|/µL|/uL|/mm3|/mm³|x\s?10\^?\d+/L|×\s?10\^?\d+/L"
         r"|mm\s?Hg|mmHg|mg|mcg|µg|ug|kg|g|mL|ml|dL|L|IU|units?|%|percent|per\s?cent"
         r"|°[CF]|bpm|mm|cm|m|hours?|days?|weeks?|months?|years?|minutes?")
NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
_DOSE = re.compile(rf"(?<![\w.])({NUMBER}(?:\s*(?:-|–|to)\s*{NUMBER})?)\s*({UNITS})(?![\w])")
_NUMBER = re.compile(rf"(?<![\w.]){NUMBER}(?![\d])")
# Spanish writes a decimal comma and groups thousands with a point or a (thin, no-break)
# space: "38,3 °C" is one number, "1.500/µL" is 1500. A point before one or two digits is
# a decimal point, as US Spanish writes it ("100.4 °F"); before three, it groups thousands.
_THOUSANDS_ES = r"\d{1,3}(?:[.\u00a0\u202f]\d{3})+(?![\d.])"
NUMBER_ES = rf"(?:{_THOUSANDS_ES}|\d+)(?:,\d+|\.\d{{1,2}}(?![\d.]))?"
_DOSE_ES = re.compile(rf"(?<![\w.,])({NUMBER_ES}(?:\s*(?:-|–)\s*{NUMBER_ES})?)\s*({UNITS})"
                      r"(?![\w])")
_NUMBER_ES = re.compile(rf"(?<![\w.,]){NUMBER_ES}(?![\d])")
_CITATION = re.compile(r"\[@[^\]]+\]")
# Suffixes of generic drug names (WHO INN stems), so unknown drugs in imported text count too.
_DRUG_STEMS = ("mab", "nib", "tinib", "ciclib", "parib", "pril", "sartan", "olol", "dipine",
               "statin", "azole", "conazole", "cillin", "cycline", "mycin", "micin", "floxacin",
               "penem", "vir", "navir", "tidine", "prazole", "parin", "gliptin", "gliflozin",
               "glutide", "azepam", "zolam", "oxetine", "triptan", "platin", "rubicin", "taxel",
               "trexate", "sone", "olone", "lukast", "tadine", "fenac", "profen", "oxacin",
               "semide", "thiazide", "grastim", "poetin", "kinra", "cept", "ximab", "zumab",
               "umab")
_DRUG = re.compile(rf"\b[a-z]{{2,}}(?:{'|'.join(_DRUG_STEMS)}|cef[a-z]*)\b", re.I)
_WORD = re.compile(r"\w+")
_STEM_ENDS = frozenset(stem[-3:] for stem in _DRUG_STEMS)
assert min(map(len, _DRUG_STEMS)) >= 3, "_STEM_ENDS takes each stem's last three letters"
_DIGIT = re.compile(r"\d")


def _drug_words(text: str):
    """What _DRUG.finditer finds, without trying its 50 stems at every word.

    A match is a whole word (it starts and ends at a word boundary and holds only letters),
    so each word is tried alone, and only when its ending could be a stem.

    >>> list(_drug_words("Filgrastim and losartan, not grastim or ibuprofen2."))
    ['Filgrastim', 'losartan']
    """
    for word in _WORD.findall(text):
        if word.isascii():
            lower = word.lower()
            # the last three letters first: a word that ends in a stem ends in one of these
            if (lower[-3:] not in _STEM_ENDS or not lower.endswith(_DRUG_STEMS)) \
                    and "cef" not in lower[2:]:
                continue
        if _DRUG.fullmatch(word):
            yield word


_SPELLED = {"0": "zero", "1": "one", "2": "two", "3": "three", "4": "four", "5": "five",
            "6": "six", "7": "seven", "8": "eight", "9": "nine", "10": "ten", "11": "eleven",
            "12": "twelve", "20": "twenty", "30": "thirty", "50": "fifty", "100": "hundred"}


@dataclass(frozen=True, order=True)
class Fact:
    """One fact: its kind (number, dose, drug, citation) and its value as written."""

    kind: str
    value: str

    def as_dict(self) -> dict:
        """The fact as plain data."""
        return {"kind": self.kind, "value": self.value}


@dataclass(frozen=True)
class FactCheck:
    """The facts found before rewriting, and those missing after."""

    checked: tuple[Fact, ...]
    missing: tuple[Fact, ...]

    @property
    def ok(self) -> bool:
        """Whether every fact survived."""
        return not self.missing

    def as_dict(self) -> dict:
        """The check as plain data."""
        return {"ok": self.ok, "checked": len(self.checked),
                "kept": [f.as_dict() for f in self.checked if f not in self.missing],
                "missing": [f.as_dict() for f in self.missing]}


def extract(texts: list[str], drug_names: frozenset[str] = frozenset(),
            made: dict | None = None, language: str = "en") -> Counter:
    """Count the facts in inline Markdown texts, numbers written as the language writes them.

    `made` keeps each text's facts (under the text and the drug names) for another call.

    >>> sorted(f.value for f in extract(["38,3 °C; 1.500/µL; 100.4 °F"], language="es"))
    ['100.4', '100.4 °F', '1500', '1500 /µL', '38,3', '38,3 °C']

    >>> sorted(extract(["Filgrastim 5-10 mcg/kg daily [@a]; below 1,500/uL."]).elements())
    [Fact(kind='citation', value='a'), Fact(kind='dose', value='1500 /uL'), \
Fact(kind='dose', value='5-10 mcg/kg'), Fact(kind='drug', value='filgrastim'), \
Fact(kind='number', value='10'), Fact(kind='number', value='1500'), Fact(kind='number', value='5')]
    """
    made = {} if made is None else made
    by_word = made.get(drug_names)
    if by_word is None:
        by_word = made[drug_names] = _by_first_word(drug_names)
    facts: Counter = Counter()
    spanish = language == "es"
    for text in texts:
        key = (text, drug_names, "es") if spanish else (text, drug_names)
        found = made.get(key)
        if found is None:
            found = made[key] = _extract(text, drug_names, by_word, spanish)
        if found:  # most sentences hold no fact
            facts.update(found)
    return facts


def _by_first_word(drug_names: frozenset[str]) -> dict[str, list[str]]:
    """Drug names by their first word ("" for a name that starts with no letter or digit).

    Where a name is found (after neither a word character nor a hyphen), the text's run of
    word characters that starts there is the name's first word: so a name whose first word
    is not among the text's words is not in it, and is not tried.
    """
    by_word: dict[str, list[str]] = {}
    for name in drug_names:
        first = _WORD.match(name)
        by_word.setdefault(first.group() if first else "", []).append(name)
    return by_word


def _extract(text: str, drug_names: frozenset[str], by_word: dict[str, list[str]],
             spanish: bool = False) -> Counter:
    """The facts of one text (by_word: the drug names by their first word)."""
    facts: Counter = Counter()
    plain = text
    if "[@" in text:  # every citation opens so
        for key in citation_keys(text):
            facts[Fact("citation", key)] += 1
        plain = _CITATION.sub(" ", text)
    if _DIGIT.search(plain):  # every dose and number starts with a digit
        dose, number = (_DOSE_ES, _NUMBER_ES) if spanish else (_DOSE, _NUMBER)
        for match in dose.finditer(plain):
            amount = re.sub(r"\s*(-|–|to)\s*", "-", match.group(1))
            unit = re.sub(r"\s+", "", match.group(2))
            facts[Fact("dose", f"{_ungrouped(amount, spanish)} {unit}")] += 1
        for match in number.finditer(plain):
            facts[Fact("number", _ungrouped(match.group(), spanish))] += 1
    lower = plain.lower()
    for word in {"", *_WORD.findall(lower)}:
        for name in by_word.get(word, ()):
            count = len(re.findall(rf"(?<![\w-]){re.escape(name)}(?![\w-])", lower))
            if count:
                facts[Fact("drug", name)] += count
    for word in _drug_words(plain):
        if word.lower() not in drug_names:
            facts[Fact("drug", word.lower())] += 1
    return facts


def _ungrouped(amount: str, spanish: bool) -> str:
    """A number without its thousands separators ("1,500" in English, "1.500" in Spanish).

    >>> _ungrouped("1,500", False), _ungrouped("1.500", True), _ungrouped("38,3", True)
    ('1500', '1500', '38,3')
    """
    if not spanish:
        return amount.replace(",", "")
    return re.sub(_THOUSANDS_ES, lambda m: re.sub(r"[.\u00a0\u202f]", "", m.group()), amount)


def check(before: list[str], after: list[str], drug_names: frozenset[str] = frozenset(),
          made: dict | None = None, language: str = "en") -> FactCheck:
    """Compare the facts of the source blocks with those of the rendition.

    `made` is passed to extract, to share the facts of texts another check has counted.
    Numbers are read as the language writes them (see extract).

    >>> check(["Take 5 mg twice"], ["Take five mg twice"]).ok
    True
    >>> [f.value for f in check(["Below 500/uL"], ["Below 50/uL"]).missing]
    ['500 /uL', '500']
    """
    want = extract(before, drug_names, made, language)
    if after == before:  # a rendition that kept every text as it was (the clinician's)
        return FactCheck(tuple(sorted(want)), ())
    have = extract(after, drug_names, made, language)
    spelled = " ".join(after).lower()
    missing = []
    for fact, count in want.items():
        if have[fact] >= count:
            continue
        if fact.kind in ("number", "dose") and _spelled_out(fact, spelled):
            continue
        missing.append(fact)
    return FactCheck(tuple(sorted(want)), tuple(sorted(missing, key=lambda f: (f.kind, f.value))))


def _spelled_out(fact: Fact, text: str) -> bool:
    number = fact.value.split(" ")[0]
    word = _SPELLED.get(number)
    if not word or not re.search(rf"\b{word}\b", text):
        return False
    if fact.kind == "dose":
        unit = fact.value.split(" ", 1)[1]
        return re.search(rf"\b{word}\s*{re.escape(unit)}", text) is not None
    return True
