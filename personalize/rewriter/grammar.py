"""Closed word lists (data/<language>-grammar.toml) and the small clause tests the splitter uses."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from functools import cached_property, lru_cache
from pathlib import Path

from personalize.langtag import primary
from personalize.rewriter.inflect import verb_forms

DATA = Path(__file__).with_name("data")
# A heading's short label before a sentence: "Molecular features: An analysis ..."
_LABEL = re.compile(r"^\s*([A-Z][^\W\d_]*(?:\s+[^\W\d_]+){0,4}):\s+(?=[A-Z])")
MAX_OPENERS = 12  # opening phrases or subjects before the verb ("In 2020, in the US, ...")
WORDS = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|[\U000F0000-\U000FFFFD]")


@dataclass(frozen=True)
class Grammar:
    """Closed word lists of one language, as sets (data/<language>-grammar.toml)."""

    abbreviations: frozenset[str]
    finite: frozenset[str]
    base_verbs: frozenset[str]
    subordinators: frozenset[str]
    subject_starters: frozenset[str]
    prepositions: frozenset[str]
    adverbs: frozenset[str]
    modals: frozenset[str]
    auxiliary_verbs: frozenset[str]
    be_have: frozenset[str]
    clause_openers: frozenset[str]
    relatives: frozenset[str]
    determiners: frozenset[str]
    subject_determiners: frozenset[str]
    before_verb: frozenset[str]
    quantifiers: frozenset[str]
    persons: frozenset[str]
    generic_nouns: frozenset[str]
    causal_verbs: frozenset[str]
    not_item_start: frozenset[str]
    not_description: frozenset[str]
    not_means: frozenset[str]
    state_verbs: frozenset[str]
    negations: frozenset[str]
    conditions: frozenset[str]
    comparatives: frozenset[str]
    statistic_terms: frozenset[str]
    referring: frozenset[str]
    instructions: frozenset[str]
    pairs: tuple[tuple[str, str], ...]
    joiners: tuple[tuple[str, str], ...]

    @cached_property
    def ing_bases(self) -> dict[str, str]:
        """Each base verb by its -ing form: 'causing' -> 'cause'."""
        return {verb_forms(base)[3]: base for base in sorted(self.base_verbs, reverse=True)}

    def finite_at(self, words: list[str]) -> int:
        """Index of the first finite verb among the words, or -1.

        >>> g = grammar("en")
        >>> g.finite_at("red blood cells carry oxygen".split())
        3
        >>> g.finite_at("viral infections such as influenza".split())
        -1
        """
        return next((i for i in range(len(words)) if self.verb_here(words, i)), -1)

    def verb_here(self, words: list[str], i: int) -> bool:
        """Whether words[i] reads as a finite verb where it stands.

        >>> grammar("en").verb_here("lung function tests measure air".split(), 3)
        True
        """
        lower = words[i].lower()
        if lower in self.finite:
            # "an increased risk", "affected women have": an -ed word after a determiner,
            # or first and before a noun, is an adjective, not the verb of a clause
            return not (lower.endswith("ed") and (
                (i and words[i - 1].lower() in self.determiners)
                # "nerves pressed by bone", "tumors called X": participles
                or ((lower in ("called", "named", "termed") or (
                    i + 1 < len(words) and words[i + 1].lower() == "by"))
                    and words[i - 1].lower() not in self.be_have)
                or (i == 0 and len(words) > 1 and words[1].lower() not in
                    self.prepositions | self.determiners | {"to", "that", "and"})))
        return lower in self.base_verbs and i > 0 and (
            words[i - 1].lower() in self.before_verb or _plural_noun(words[i - 1])
            or _plural_of_phrase(words[max(0, i - 5):i], self))

    def is_clause(self, text: str) -> bool:
        """Whether text can stand alone as a sentence: a subject, then a finite verb.

        >>> g = grammar("en")
        >>> g.is_clause("this can lead to infections"), g.is_clause("such as flu and HIV")
        (True, False)
        >>> g.is_clause("which carry oxygen")
        False
        >>> g.is_clause("Incidence and mortality: Kidney cancer accounts for 2% of cancers")
        True
        """
        plain = re.sub(r"\([^()]*\)", " ", text)
        start = 0
        if ":" in text[:48]:
            # "Incidence and mortality: Transitional cell cancer accounts for ...": a heading's
            # label before the sentence, judged without it
            label = _LABEL.match(plain)
            if label and self.finite_at(WORDS.findall(label.group(1))) < 0:
                plain, text = plain[label.end():], text[label.end():]
        words = _first_words(text, 3)
        # "In about a third of cases, people ...": judge what follows each opening phrase. A
        # loop, not recursion, and a bounded one: past a few verbless phrases the text is a
        # run of items, not a clause, and a sentence of a thousand commas costs no more.
        for _ in range(MAX_OPENERS + 1):
            if len(words) < 3:
                return False
            cut = plain.find(",", start)
            if cut < 0:
                break
            head_words = [w for w in WORDS.findall(plain, start, cut) if not _is_placeholder(w)]
            if self.finite_at(head_words) >= 0 or words[0].lower() in self.relatives:
                break
            start = cut + 1
            words = _first_words(plain[start: start + 400], 3)
        else:
            return False
        plain = plain[start:]
        first = words[0].lower()
        if (first in self.subordinators or first in self.prepositions) and \
                first not in self.quantifiers:
            return False
        # the verb must come early, before any comma or bracket: a subject is short
        head = re.split(r"[,;:]", plain, maxsplit=1)[0]
        head_words = [w for w in WORDS.findall(head) if not _is_placeholder(w)][:16]
        at = self.finite_at(head_words)
        if at >= 1 and any(w.lower() in ("which", "whom", "whose", "who") or (
                n and w.lower() == "that") for n, w in enumerate(head_words[:at])):
            # "the tube that carries food": a noun and its relative clause; but "cases that are
            # found early have ...": a subject with its relative clause, then the main verb
            return self._main_verb_after(head_words, at)
        if words[0].lower() in self.base_verbs and words[1].lower() not in ("of", "in"):
            return False  # "say what you mean": a command or a verb phrase, not a clause
        return at >= 1 and head_words[at - 1].lower() not in self.prepositions

    def _main_verb_after(self, words: list[str], at: int) -> bool:
        """Whether, after the relative clause whose verb is words[at], a later word is the
        main clause's verb: a present or an auxiliary ("have", "is", "may"), not an -ed word
        ("a protein needed for ...") nor a verb joined by "and"/"or" to the clause's own.

        >>> g = grammar("en")
        >>> g.is_clause("patients who are HBsAg negative have a lower risk")
        True
        >>> g.is_clause("the cells that line the gut and absorb food")
        False
        >>> g.is_clause("the gene that makes a protein needed for growth")
        False
        >>> g.is_clause("the treatment that follows is often short")
        True
        >>> g.is_clause("people with conditions that cause high acid levels may have it")
        True
        """
        rel = max(n for n in range(at) if words[n].lower() in self.relatives)
        if rel + 1 < at and words[at - 1].lower() not in ("and", "or") and (
                words[rel + 1].lower() in self.base_verbs or words[rel + 1].lower() in self.finite):
            return True  # "people with conditions that cause X may have ...": the clause's
            # own verb came first, so the verb found is the main one
        for i in range(at + 1, len(words)):
            lower, before = words[i].lower(), words[i - 1].lower()
            if lower in self.relatives or lower in self.subordinators:
                return False  # a second clause inside the subject: whose verb is it?
            if not self.verb_here(words, i) or before in ("and", "or", "to") or (
                    before in self.be_have or before in self.modals
                    or before in self.auxiliary_verbs):
                continue  # "that is given", "that may cause": still the relative's verb
            return not lower.endswith("ed") or lower in self.auxiliary_verbs
        return False

    def is_imperative(self, text: str) -> bool:
        """Whether text starts with a plain command verb ("wash your hands", "wash and dry it").

        >>> g = grammar("en")
        >>> g.is_imperative("Install and repair screens"), g.is_imperative("Change and growth")
        (True, False)
        """
        words = WORDS.findall(text)
        if len(words) > 3 and words[1].lower() in ("and", "or"):
            if words[0].lower() not in self.base_verbs:
                return False
            words = words[2:]  # "install and repair screens": two commands with one object
        return (len(words) > 1 and words[0].lower() in self.base_verbs
                and words[1].lower() not in ("of", "and", "or", "is", "are", "by"))


def _plural_noun(word: str) -> bool:
    """A word that looks like a plural noun ("tests", "cells"), so a base verb may follow."""
    lower = word.lower()
    return (len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is"))
            and lower[0].isalpha())


def _plural_of_phrase(before: list[str], g: Grammar) -> bool:
    """'cases of Alzheimer disease' (then 'begin'): a plural noun, 'of', then nouns only.

    >>> g = grammar("en")
    >>> _plural_of_phrase("all cases of Alzheimer disease".split(), g)
    True
    >>> _plural_of_phrase("the risk of heart disease".split(), g)
    False
    """
    lower = [w.lower() for w in before]
    if "of" not in lower[1:-1]:
        return False
    at = len(lower) - 1 - lower[::-1].index("of")
    tail = lower[at + 1:]
    return (_plural_noun(lower[at - 1]) and lower[at - 1] not in g.finite
            and not any(w in g.finite or w in g.base_verbs or w in g.prepositions
                        or w in g.relatives or w in ("and", "or") for w in tail))


def _first_words(text: str, n: int) -> list[str]:
    """The first n words of text, without protected spans; reads no further than it needs."""
    out: list[str] = []
    for match in WORDS.finditer(text):
        if not _is_placeholder(match.group()):
            out.append(match.group())
            if len(out) == n:
                break
    return out


def _is_placeholder(word: str) -> bool:
    return len(word) == 1 and ord(word) >= 0xF0000


@lru_cache(maxsize=4)
def grammar(language: str) -> Grammar:
    """The word lists for a language; a list its file leaves out is read from English."""
    english = tomllib.loads((DATA / "en-grammar.toml").read_text(encoding="utf-8"))
    path = DATA / f"{primary(language)}-grammar.toml"
    data = {**english, **(tomllib.loads(path.read_text(encoding="utf-8"))
                          if path.exists() else {})}
    finite = set(data["auxiliaries"]) | set(data["irregular_finite"])
    for verb in data["verbs"]:
        third, past, _, _ = verb_forms(verb)
        finite.update((third, past))
    lists = {f.name: frozenset(data[f.name]) for f in fields(Grammar)
             if f.name not in ("finite", "base_verbs", "joiners", "pairs")}
    return Grammar(finite=frozenset(finite), base_verbs=frozenset(data["verbs"]),
                   joiners=tuple(data["joiners"].items()),
                   pairs=tuple(tuple(pair) for pair in data["pairs"]), **lists)


@lru_cache(maxsize=4)
def _defining(language: str) -> tuple[re.Pattern, re.Pattern] | None:
    path = DATA / f"{language}-grammar.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    if "defining_before" not in data:
        return None
    return (re.compile(data["defining_before"], re.I), re.compile(data["defining_after"], re.I))


def defines(text: str, start: int, end: int, language: str) -> bool:
    """Whether text[start:end] is the term a sentence defines, by the language's word lists.

    >>> defines("La leucopenia quiere decir que hay pocos glóbulos.", 3, 13, "es")
    True
    >>> defines("La leucopenia puede deberse a un medicamento.", 3, 13, "es")
    False
    >>> defines("Leukopenia means few white cells.", 0, 10, "en")  # English: see terms.py
    False
    """
    found = _defining(language)
    return bool(found and found[0].match(text[:start]) and found[1].match(text[end:]))
