"""Rules that split one sentence into two where both halves can stand alone."""

from __future__ import annotations

import re

from personalize.clauses import (
    _ADVERBS,
    _cap,
    _close,
    _ending,
    _plural_subject,
    _starts_with_verb,
    _top_level,
    _words,
    count_words,
)
from personalize.grammar import Grammar
from personalize.inflect import verb_forms
from personalize.split_lists import _series


def _semicolon(sentence, g):
    body, end = _ending(sentence)
    if body.count(";") >= 2 and _series(sentence, g):
        return None  # a list written with semicolons: the series rule takes it
    for match in _top_level(body, r";\s+"):
        left, right = body[: match.start()], body[match.end():]
        right = re.sub(r"^(and|but|or)\s+", "", right)
        if count_words(left) >= 3 and (g.is_clause(right) or g.is_imperative(right)):
            return [_close(left), _close(_cap(right), end)]
        if count_words(left) >= 4 and count_words(right) >= 4 and body.count(";") == 1:
            # one semicolon between two long parts: plain style makes them two sentences
            return [_close(left), _close(_cap(right), end)]
    return None


def _relative(sentence, g):
    """', which ...' clauses become their own sentence."""
    body, end = _ending(sentence)
    whose = re.search(r",\s+the\s+([^,;:]{1,60}?)\s+of which\s+", body)
    if whose and g.is_clause(body[: whose.start()]):  # ", the rate of which was high"
        rest = f"Its {whose.group(1)} {body[whose.end():]}"
        if g.is_clause(rest):
            return [_close(body[: whose.start()]), _close(rest, end)]
    for match in _top_level(body, r",\s+(which|who)\s+"):
        left = body[: match.start()]
        rest = body[match.end():]
        head = (_words(left) or [""])[-1]
        rest_words = _words(rest)
        if not rest_words:
            continue
        if not _starts_with_verb(rest_words, g):
            continue
        verb = rest_words[1] if rest_words[0].lower() in _ADVERBS else rest_words[0]
        plural = _plural_subject(verb, g, head)
        close = [m for m in _top_level(rest, r",\s+")
                 if _starts_with_verb(_words(rest[m.end():]), g, base=False)]
        if close:  # an aside in the middle: "Cells, which carry oxygen, are made ..."
            aside, main_rest = rest[: close[0].start()], rest[close[0].end():]
            main = left + " " + main_rest
            if g.is_clause(main):
                pronoun = "They" if plural else "It"
                return [_close(main), _close(f"{pronoun} {aside}", end)]
            continue
        if "," in rest and not g.is_clause(left):
            continue
        if g.is_clause(left) or g.is_imperative(left):
            pronoun = "These" if plural and match.group(1) == "which" else (
                "They" if match.group(1) == "who" else "This")
            return [_close(left), _close(f"{pronoun} {rest}", end)]
    return None


_JOIN = {"and": "", "but": "But ", "so": "So ", "yet": "But ", "whereas": "But ",
         "although": "But ", "though": "But ", "because": "This is because ",
         "even though": "But "}


def _joined_clauses(sentence, g):
    """'A does B, and C does D.' -> 'A does B. C does D.'"""
    body, end = _ending(sentence)
    pattern = r",\s+(and|but|so|yet|whereas|although|though|even though|because)\s+"
    for match in _top_level(body, pattern):
        left, right = body[: match.start()], body[match.end():]
        word = match.group(1)
        left_ok = g.is_clause(left) or g.is_imperative(left)
        right_ok = g.is_clause(right) or (g.is_imperative(right) and g.is_imperative(left))
        if left_ok and right_ok and count_words(left) >= 3 and count_words(right) >= 3:
            return [_close(left), _close(_JOIN[word] + (right if _JOIN[word] else _cap(right)),
                                         end)]
    return None


def _shared_subject(sentence, g):
    """'Neutropenia has many causes, and can be mild.' -> '... causes. It can be mild.'"""
    body, end = _ending(sentence)
    for match in _top_level(body, r",?\s+(and|but)\s+"):
        left, right = body[: match.start()], body[match.end():]
        right_words = _words(right)
        if not (g.is_clause(left) and _starts_with_verb(right_words, g, base=False)):
            continue
        adverb = right_words[0].lower() in _ADVERBS and len(right_words) > 1
        verb = right_words[1] if adverb else right_words[0]
        if "," not in match.group() and (verb.lower().endswith("ed") or not (
                verb.lower() in g.finite or (adverb and verb.lower() in g.base_verbs))):
            continue  # without a comma: "... and includes", "... and mainly affect"
        if count_words(left) < 4 or count_words(right) < 3:
            continue
        subject = _words(left)[: max(1, g.finite_at(_words(left)))]
        plural = _plural_subject(verb, g, subject[0] if subject else "")
        pronoun = "They" if plural else "It"
        joiner = "But " + pronoun.lower() if match.group(1) == "but" else pronoun
        return [_close(left), _close(f"{joiner} {right}", end)]
    return None


def _defining(sentence, g):
    """'X is a disorder that causes Y.' -> 'X is a disorder. It causes Y.'"""
    body, end = _ending(sentence)
    for match in _top_level(body, r"\b(?:(is|was)\s+(?:a|an|the|one)|(are|were)(?:\s+(?:the|a))?)"
                                  r"\s+[^,;:]*?\s+(that|which|who)\s+"):
        left, rest = body[: match.end()].rsplit(" ", 1)[0], body[match.end():]
        left = re.sub(r"\s+(that|which|who)$", "", left)
        rest_words = _words(rest)
        plural = bool(match.group(2))
        if not _starts_with_verb(rest_words, g, base=plural) or count_words(rest) < 3:
            continue
        if count_words(left) < 4 or not g.is_clause(left):
            continue
        pronoun = "They" if plural else "It"
        return [_close(left), _close(f"{pronoun} {rest}", end)]
    return None


def _appositive(sentence, g):
    """'Neutropenia, a type of leukopenia, can ...' -> 'Neutropenia can .... It is a type ...'

    Also 'X, also called Y, is ...' -> 'X is .... It is also called Y.'
    """
    body, end = _ending(sentence)
    match = re.match(r"^([^,;:()]{2,60}?),\s+((?:a|an|the|also called|also known as|or)\s+"
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
    return [_close(f"{subject} {rest}"), _close(f"{be} {aside}", end)]


_MODAL_VERB = re.compile(r"\b(can|may|might|could|will|would|should|must)\s+(?:(?:also|often|"
                         r"usually|sometimes|not)\s+)?([a-z]+)\b")


def _modal_coordination(sentence, g):
    """'Tumors can cause A or harm B.' -> 'Tumors can cause A. They can also harm B.'"""
    body, end = _ending(sentence)
    modal = _MODAL_VERB.search(body)
    if not modal or modal.group(2) not in g.base_verbs:
        return None
    subject = body[: modal.start()].strip()
    subject_words = _words(subject)
    if not subject_words or g.finite_at(subject_words) >= 0:
        return None
    for match in _top_level(body[modal.end():], r",?\s+(and|or)\s+([a-z]+)\b"):
        verb = match.group(2)
        if verb not in g.base_verbs or verb in ("and", "or"):
            continue
        cut = modal.end() + match.start()
        left, right = body[:cut], body[modal.end() + match.start(2):]
        if count_words(left) < 5 or count_words(right) < 3:
            continue
        head = subject_words[-1].lower()
        if head in ("they", "it", "you", "we", "he", "she"):
            pronoun = subject_words[-1].capitalize() if head != "i" else "I"
        else:
            pronoun = "They" if (" and " in subject or _plural_subject("", g, head)) else "It"
        return [_close(left), _close(f"{pronoun} {modal.group(1)} also {right}", end)]
    return None


def _leading_clause(sentence, g):
    """'Although A, B.' -> 'A. But B.'; 'Because A, B.' -> 'A. So B.'"""
    body, end = _ending(sentence)
    match = re.match(r"^(Although|Though|Even though|While|Because|Since|Whereas)\s+", body)
    if not match or match.group(1) in ("While", "Since"):
        return None
    for comma in _top_level(body, r",\s+"):
        first, second = body[match.end(): comma.start()], body[comma.end():]
        if g.is_clause(first) and g.is_clause(second):
            joiner = "So " if match.group(1) == "Because" else "But "
            return [_close(_cap(first)), _close(joiner + second, end)]
    return None


def _participle(sentence, g):
    """'A lowers B, causing C.' -> 'A lowers B. This causes C.'"""
    body, end = _ending(sentence)
    for match in _top_level(body, r",\s+([a-z]+ing)\b"):
        base = _base_of(match.group(1), g)
        left = body[: match.start()]
        if base and g.is_clause(left):
            third = verb_forms(base)[0]
            rest = re.sub(r"\b(and|or)\s+([a-z]+ing)\b",
                          lambda m: f"{m.group(1)} {verb_forms(b)[0]}"
                          if (b := _base_of(m.group(2), g)) else m.group(), body[match.end():])
            return [_close(left), _close(f"This {third}{rest}", end)]
    return None


def _base_of(ing: str, g: Grammar) -> str:
    for base in g.base_verbs:
        if verb_forms(base)[3] == ing:
            return base
    return ""


def _parenthetical(sentence, g):
    """A long aside in brackets or dashes moves to a sentence of its own."""
    body, end = _ending(sentence)
    for match in re.finditer(r"\s*\(([^()]{12,})\)|\s+[—–]\s+([^—–]{12,}?)\s+[—–]\s+", body):
        inner = (match.group(1) or match.group(2)).strip()
        if count_words(inner) < 5:
            continue
        main = (body[: match.start()] + (" " if match.group(2) else "") + body[match.end():])
        main = re.sub(r"\s+([,.;:])", r"\1", main)
        example = re.match(r"^(?:such as|e\.g\.,?|for example,?|including)\s+(.*)$", inner, re.I)
        if example and (_words(example.group(1)) or [""])[0].lower() in g.prepositions | {
                "when", "if", "while", "by"}:
            continue  # "(such as through a barium swallow)": not a list of examples
        if example:
            extra = "Examples are " + example.group(1)
        elif g.is_clause(inner):
            extra = _cap(inner)
        else:
            continue
        if g.is_clause(main) or g.is_imperative(main):
            return [_close(main), _close(extra, end)]
    final = re.search(r"\s*\(([^()]{12,})\)$", body)  # "The stage (the size of ...)"
    if final and count_words(final.group(1)) >= 8 and count_words(body[: final.start()]) >= 2:
        inner = final.group(1).strip()
        clause = g.finite_at(_words(inner)[:5]) >= 1 and g.is_clause(inner)
        extra = _cap(inner) if clause else f"This means {inner}"
        return [_close(body[: final.start()]), _close(extra, end)]
    return None


def _colon(sentence, g):
    body, end = _ending(sentence)
    for match in _top_level(body, r":\s+"):
        left, right = body[: match.start()], body[match.end():]
        if re.search(r"\b(include|includes|including|are|is|as|following|these|of|were)$",
                     left.strip(), re.I):
            continue  # "... may include: A" introduces a run, not a second sentence
        if count_words(left) >= 3 and (g.is_clause(right) or g.is_imperative(right)):
            return [_close(left), _close(_cap(right), end)]
    return None


def _comma_clauses(sentence, g):
    """Last resort: two clauses joined by a bare comma."""
    body, end = _ending(sentence)
    for match in _top_level(body, r",\s+"):
        left, right = body[: match.start()], body[match.end():]
        first = (_words(right) or [""])[0].lower()
        if first in g.subordinators or first in g.prepositions:
            continue
        if (count_words(left) >= 4 and count_words(right) >= 4 and g.is_clause(left)
                and g.is_clause(right) and first in g.subject_starters):
            return [_close(left), _close(_cap(right), end)]
    return None
