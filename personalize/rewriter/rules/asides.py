"""Rules that move an aside out of a sentence: appositives, brackets, dashes, "especially"."""

from __future__ import annotations

import re

from personalize.rewriter.rules.clauses import _PERSONS, _head_noun
from personalize.rewriter.rules.common import (
    _ADVERBS,
    _MODALS,
    _close,
    _ending,
    _outside_brackets,
    _plural_subject,
    _starts_with_verb,
    _top_level,
    _words,
    count_words,
)


def _appositive(sentence, g):
    """'Neutropenia, a type of leukopenia, can ...' -> 'Neutropenia can .... It is a type ...'

    Also 'X, also called Y, is ...' -> 'X is .... It is also called Y.'
    """
    body, end = _ending(sentence)
    match = re.match(r"^([^,;:()]{2,60}?),\s+((?:a|an|the|another|also called|also known as|or)\s+"
                     r"[^,;:]+?),\s+(.+)$", body)
    if not match:
        return None
    subject, aside, rest = match.groups()
    rest_words = _words(rest)
    if not _starts_with_verb(rest_words, g, base=False) or g.finite_at(_words(aside)) >= 0:
        return None
    if count_words(subject) > 6 or count_words(rest) < 3:
        return None
    verb = rest_words[1] if rest_words[0].lower() in _ADVERBS else rest_words[0]
    plural = _plural_subject(verb, g, _words(subject)[-1] if _words(subject) else "")
    be = "They are" if plural else "It is"
    if aside.startswith("or "):
        aside = "also called " + aside[3:]
    from personalize.rewriter.splitter import (
        simplify,  # the aside goes right after the first sentence
    )

    pieces, _ = simplify(_close(f"{subject} {rest}", end), 12)
    if not pieces or not isinstance(pieces[0], str):
        return None
    return [pieces[0], _close(f"{be} {aside}"), *pieces[1:]]


# "..., a few days later", "..., a lot more": measures of time or amount, not a description
_NOT_DESCRIPTION = frozenset({"few", "little", "lot", "bit", "day", "week", "month", "year",
                              "hour", "minute", "time", "total", "number", "while"})


def _final_appositive(sentence, g):
    """'Men may have X, a flow of semen into the bladder.' -> '... have X. This is a flow ...'

    A closing description of the noun just before it becomes a sentence of its own.
    """
    body, end = _ending(sentence)
    commas = _top_level(body, r",\s+(?=(?:a|an)\s)")
    if not commas:
        return None
    match = commas[-1]
    left, aside = body[: match.start()], body[match.end():]
    aside_words = _words(aside)
    if len(aside_words) < 3 or aside_words[1].lower() in _NOT_DESCRIPTION:
        return None
    if re.search(r"[,;:]|\bof (which|whom)\b", _outside_brackets(aside)):
        return None  # the sentence goes on after the aside, or the aside is a clause
    before_relative = re.split(r"\b(?:that|which|who)\b", aside)[0]
    if g.finite_at(_words(before_relative)) >= 0:
        return None  # "..., a doctor will check": a clause, not a description
    head = (_words(_outside_brackets(left)) or [""])[-1]
    lower = head.lower()
    if (lower in g.finite or lower in g.base_verbs or lower in g.prepositions
            or lower.endswith("ly") or not head.isalpha()):
        return None  # the comma does not follow a noun
    inner = _top_level(left, r",\s+")
    if inner and (len(inner) > 1 or g.finite_at(_words(left[: inner[0].start()])) >= 0):
        return None  # "fever, cough, a rash": a run of items; only an opening phrase may have one
    if count_words(left) < 4 or not g.is_clause(left):
        return None
    be = "These are" if _plural_subject("", g, head) else "This is"
    return [_close(left), _close(f"{be} {aside}", end)]



def _especially(sentence, g):
    """'A raises the risk of B, especially in women.' -> '... of B. This is most true in women.'"""
    body, end = _ending(sentence)
    for match in _top_level(body, r",\s+(?:especially|particularly)\s+"):
        left, rest = body[: match.start()], body[match.end():]
        words = _words(rest)
        if not words or count_words(left) < 4 or not g.is_clause(left):
            continue
        if _top_level(rest, r"[,;:]"):
            return None  # "..., especially emphysema, without a clear cause": an aside inside
        first = words[0].lower()
        if first in ("when", "if", "after", "before", "during", "while"):
            return [_close(left), _close(f"This is most true {rest}", end)]
        if g.finite_at(words) >= 0:
            continue  # "..., especially X, can ...": the sentence goes on after the aside
        joiner = "" if first in g.prepositions else "of "
        return [_close(left), _close(f"This is most true {joiner}{rest}", end)]
    return None

def _including(sentence, g):
    """'X is the amount in your blood, including A and B.' -> '... blood. This includes A and B.'

    Only a closing run of nouns: left when the sentence goes on after it ("Organs, including
    the heart, may enlarge"), when it says where or when ("including where ..."), or when the
    clause before it is negated ("not in plant foods, including ...": what is included?).
    """
    body, end = _ending(sentence)
    matches = _top_level(body, r",\s+including\s+")
    if len(matches) != 1:
        return None
    left, rest = body[: matches[0].start()], body[matches[0].end():]
    words = _words(rest)
    if len(words) < 2 or count_words(left) < 4 or not g.is_clause(left):
        return None
    first = words[0].lower()
    if (first in g.prepositions or first in g.subordinators or first in _EMBEDS
            or g.finite_at(words) >= 0 or _NEGATION.search(left) or _NEGATION.search(rest)):
        return None
    return [_close(left), _close(f"This includes {rest}", end)]


_EXAMPLE = re.compile(r"^(?:such as|e\.g\.,?|for example,?|including)\s+(.*)$", re.I)


def _parenthetical(sentence, g):
    """A long aside in brackets or dashes moves to a sentence of its own, right after."""
    body, end = _ending(sentence)
    for match in re.finditer(r"\s*\(([^()]{12,})\)|\s+[—–]\s+([^—–]{12,}?)\s+[—–]\s+", body):
        inner = (match.group(1) or match.group(2)).strip()
        example = _EXAMPLE.match(inner)
        if count_words(inner) < 5 or not _examples_ok(example, g):
            continue  # only runs of examples move; an explanation stays beside its word
        main = (body[: match.start()] + (" " if match.group(2) else "") + body[match.end():])
        main = re.sub(r"\s+([,.;:])", r"\1", main)
        if g.is_clause(main) or g.is_imperative(main):
            return [_close(main), _close("Examples are " + example.group(1), end)]
    final = re.search(r"\s*\(([^()]{12,})\)$", body)  # "AD is familial (2 or more people ...)"
    if final and count_words(final.group(1)) >= 8 and count_words(body[: final.start()]) >= 2:
        inner = final.group(1).strip()
        example = _EXAMPLE.match(inner)
        if example and not _examples_ok(example, g):
            return None
        extra = f"Examples are {example.group(1)}" if example else f"This means {inner}"
        return [_close(body[: final.start()]), _close(extra, end)]
    return None


def _examples_ok(example, g) -> bool:
    """'(such as A, B or C)' names examples; '(such as through ...)', '(such as using ...)' not."""
    if not example:
        return False
    first = (_words(example.group(1)) or [""])[0].lower()
    return not (first in g.prepositions or first in g.subordinators or first.endswith("ing")
                or first in ("by", "when", "if", "while"))


def _quantified_relative(sentence, g):
    """'A or B, both of which can cause stroke, can happen.' -> '... can happen. Both of these ...'

    Also at the end: 'It has two forms, both of which are rare.' -> '... forms. Both of these ...'
    """
    body, end = _ending(sentence)
    for match in _top_level(body, r",\s+(both|all|each) of (which|whom)\s+"):
        left, rest = body[: match.start()], body[match.end():]
        if not _starts_with_verb(_words(rest), g, base=False):
            continue
        them = "these" if match.group(2) == "which" else "them"
        lead = f"{match.group(1).capitalize()} of {them}"
        close = [m for m in _top_level(rest, r",\s+")
                 if _starts_with_verb(_words(rest[m.end():]), g, base=False)]
        if close:  # an aside in the middle: the sentence goes on after it
            main = f"{left} {rest[close[0].end():]}"
            if g.is_clause(main) and not _top_level(rest[close[0].end():], r",\s+"):
                return [_close(main), _close(f"{lead} {rest[: close[0].start()]}", end)]
            continue
        if "," not in rest and count_words(left) >= 4 and g.is_clause(left):
            return [_close(left), _close(f"{lead} {rest}", end)]
    return None


def _closing_when(sentence, g):
    """'It can be removed if found early, when it is small.' -> '... early. This is when ...'

    A "when" after a comma at the end names the time just spoken of, so "This is when" keeps
    it; one with more commas after it may open the next clause instead, and is left.
    """
    body, end = _ending(sentence)
    matches = _top_level(body, r",\s+when\s+")
    if not matches:
        return None
    left, rest = body[: matches[-1].start()], body[matches[-1].end():]
    if re.search(r"[,;:]", rest) or count_words(rest) < 3 or not g.is_clause(rest):
        return None
    if count_words(left) < 4 or not g.is_clause(left):
        return None
    return [_close(left), _close(f"This is when {rest}", end)]


# "-ing" words that are not verbs ("by morning"); verbs that make the "by" an agent or a
# state ("is spread by", "become infected ... by")
_NOT_MEANS = frozenset({"morning", "evening", "nothing", "something", "anything", "everything",
                        "spring", "string", "ring", "thing", "king", "ceiling", "during",
                        "being", "building", "bleeding", "swelling", "clothing", "bedding",
                        "feeling", "hearing", "training", "screening", "testing", "timing"})
_STATE_VERBS = frozenset({"is", "are", "was", "were", "be", "been", "being", "become",
                          "becomes", "became", "get", "gets", "got", "seem", "seems", "remain",
                          "remains", "stay", "stays", "appear", "appears", "feel", "feels"})
_NEGATION = re.compile(r"\b(?:not|never|no|cannot|can't|don't|doesn't|won't|without)\b", re.I)
_EMBEDS = frozenset({"that", "which", "who", "whom", "if", "when", "whether", "because",
                     "until", "unless", "while", "where", "so"})


def _means(sentence, g):
    """'Doctors find it by checking the blood.' -> 'Doctors find it. They do this by ...'

    A closing "by <verb>ing" phrase says how the main verb is done; it becomes its own sentence
    with the same subject and tense ("Do this by ..." after a command). Left as it is when the
    "by" could belong to something else: a passive or linking verb, a clause inside the object,
    a negation, or a participle just before it ("infections caused by eating").
    """
    body, end = _ending(sentence)
    matches = _top_level(body, r",?\s+by\s+([a-z]+ing)\b")
    if len(matches) != 1 or matches[0].group(1) in _NOT_MEANS:
        return None
    match = matches[0]
    left, rest = body[: match.start()], body[match.start():].lstrip(" ,")
    if count_words(left) < 4 or count_words(rest) < 3 or re.search(r"[;:]", rest):
        return None
    if _NEGATION.search(left) or re.search(r"(?:ed|en)$|^this$", _words(left)[-1]):
        return None  # a participle owns the "by"; "... do this by ...": already split
    if g.is_imperative(left):
        return [_close(left), _close(f"Do this {rest}", end)]
    main = left
    opener = re.match(r"^(?:If|When|Once|After|Before|As|Although|Though|Because)\s", left)
    if opener:  # "If the cancer has spread, treatment can ...": the main clause follows
        commas = _top_level(left, r",\s+")
        if not commas:
            return None
        main = left[commas[0].end():]
    words = _words(main)
    at = g.finite_at(words)
    if at < 1 or not g.is_clause(main):
        return None
    subject, verb = words[:at], words[at].lower()
    if verb in _STATE_VERBS or any(w.lower() in _EMBEDS for w in words[at:]):
        return None
    if verb in _MODALS:
        after = [w.lower() for w in words[at + 1:] if w.lower() not in _ADVERBS]
        if not after or after[0] in _STATE_VERBS:
            return None  # "can be controlled by ...": a passive
        does = f"{verb} do"
    elif verb.endswith("ed") or verb in g.finite and verb not in g.base_verbs and not (
            verb.endswith("s")):
        does = "did"
    else:
        does = None
    pronoun = _doer(subject, verb, g)
    if not pronoun:
        return None
    if does is None:
        does = "do" if pronoun in ("They", "You", "We", "I") else "does"
    return [_close(left), _close(f"{pronoun} {does} this {rest}", end)]


def _doer(subject: list[str], verb: str, g) -> str:
    """Who does it, for the second sentence: the pronoun, the short person, or It/They."""
    if len(subject) == 1 and subject[0].lower() in ("you", "we", "they", "it", "he", "she", "i"):
        return subject[0].capitalize()
    if _head_noun(subject) in _PERSONS:
        return " ".join(subject)[:1].upper() + " ".join(subject)[1:] if len(subject) <= 3 else ""
    if any(w.lower() in _EMBEDS for w in subject):
        return "They" if _plural_subject(verb, g, subject[0]) else "It"
    return "They" if _plural_subject(verb, g, subject[-1]) else "It"
