"""Rules that move an aside out of a sentence: appositives, brackets, dashes, "especially"."""

from __future__ import annotations

import re

from personalize.clauses import (
    _ADVERBS,
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
    from personalize.simplify import simplify  # the aside goes right after the first sentence

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
