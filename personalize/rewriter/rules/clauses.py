"""Rules that split one sentence into two where both halves can stand alone."""

from __future__ import annotations

import re

from personalize.rewriter.grammar import Grammar
from personalize.rewriter.inflect import verb_forms
from personalize.rewriter.rules.common import (
    _ADVERBS,
    _cap,
    _close,
    _ending,
    _plural_subject,
    _split_top,
    _starts_with_verb,
    _top_level,
    _words,
    count_words,
)
from personalize.rewriter.rules.lists import _series


def _semicolon(sentence, g):
    body, end = _ending(sentence)
    if body.count(";") >= 2 and _series(sentence, g):
        return None  # a list written with semicolons: the series rule takes it
    parts = [re.sub(r"^(and|but|or)\s+", "", p.strip()) for p in _split_top(body, ";")]
    if len(parts) > 2 and all(count_words(p) >= 3 and (g.is_clause(p) or g.is_imperative(p))
                              for p in parts):
        # "A; B; C", each a clause: one sentence each, in one step
        return [_close(_cap(p)) for p in parts[:-1]] + [_close(_cap(parts[-1]), end)]
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
            if match.group(1) == "who":
                pronoun = "They"
            elif (head.lower() in g.finite or head.lower() in g.base_verbs or head.endswith("ly")
                  or verb.lower() in _CAUSAL):
                # "X happens, which means Y", "A disrupts B, which causes C": which points
                # at the whole clause, not at its last noun
                pronoun = "This"
            else:
                pronoun = "They" if plural else "It"  # "... the nervous system, which controls"
            return [_close(left), _close(f"{pronoun} {rest}", end)]
    return None


_CAUSAL = frozenset({"causes", "caused", "leads", "led", "results", "resulted", "means",
                     "meant", "explains", "makes", "made"})

_JOIN = {"and": "", "but": "But ", "so": "So ", "yet": "But ", "whereas": "But ",
         "although": "But ", "though": "But ", "because": "This is because ",
         "even though": "But ", "while": "But "}


def _joined_clauses(sentence, g):
    """'A does B, and C does D.' -> 'A does B. C does D.'"""
    body, end = _ending(sentence)
    # ", while" between two clauses sets them against each other ("A can live into adulthood,
    # while B may live into his 50s"); a "while" of time takes no comma
    pattern = r",\s+(and|but|so|yet|whereas|although|though|even though|because|while)\s+"
    for match in _top_level(body, pattern):
        left, right = body[: match.start()], body[match.end():]
        word = match.group(1)
        left_ok = g.is_clause(left) or g.is_imperative(left)
        right_ok = g.is_clause(right) or (g.is_imperative(right) and g.is_imperative(left))
        if left_ok and right_ok and count_words(left) >= 3 and count_words(right) >= 3:
            return [_close(left), _close(_JOIN[word] + (right if _JOIN[word] else _cap(right)),
                                         end)]
    return None


_EMBEDDING = frozenset({"that", "which", "who", "whom", "until", "if", "when", "because",
                        "whether", "requires", "require", "unless", "while"})
_PERSONS = frozenset({"person", "patient", "parent", "child", "doctor", "woman", "man", "baby",
                      "adult", "mother", "father", "nurse", "provider", "someone", "anyone",
                      "everyone", "individual", "infant"})


def _head_noun(subject: list[str]) -> str:
    """The first word of a subject after its determiners: 'each parent' -> 'parent'."""
    skip = {"a", "an", "the", "each", "every", "this", "that", "these", "those", "your", "their",
            "his", "her", "its", "our", "any", "some", "most", "many"}
    return next((w.lower() for w in subject if w.lower() not in skip), "")


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
        left_words = [w.lower() for w in _words(left)]
        main_at = g.finite_at(_words(left))
        if left_words[0] in g.subordinators or any(
                w in _EMBEDDING for w in left_words[max(0, main_at):]):
            continue  # "... infections that are severe and can be ...": whose verb is it?
        subject = _words(left)[: max(1, main_at)]
        if _head_noun(subject) in _PERSONS:
            continue  # "the patient has been tired ... but does not have": not an "it"
        plural = _plural_subject(verb, g, subject[0] if subject else "")
        pronoun = "They" if plural else "It"
        joiner = "But " + pronoun.lower() if match.group(1) == "but" else pronoun
        return [_close(left), _close(f"{joiner} {right}", end)]
    return None


_GENERIC = frozenset({"condition", "conditions", "disease", "diseases", "disorder", "disorders",
                      "problem", "problems", "steps", "syndrome", "type", "form", "group"})


def _defining(sentence, g):
    """'X is a disorder that causes Y.' -> 'X is a disorder. It causes Y.'"""
    body, end = _ending(sentence)
    if sentence.rstrip().endswith(":"):
        return None  # "The following are steps that ...:" introduces a list
    for match in _top_level(body, r"\b(?:(is|was)\s+(?:a|an|the|one)|(are|were)(?:\s+(?:the|a))?)"
                                  r"\s+[^,;:]*?\s+(that|which|who)\s+"):
        left, rest = body[: match.end()].rsplit(" ", 1)[0], body[match.end():]
        left = re.sub(r"\s+(that|which|who)$", "", left)
        rest_words = _words(rest)
        plural = bool(match.group(2))
        after_be = (_words(body[match.start():]) + ["", ""])[1].lower()
        if plural and (after_be.endswith(("ed", "en")) or after_be in g.finite | {"born"}):
            continue  # "are born with ... that": a passive, not a definition
        predicate = _words(left[left.rfind(match.group(1) or match.group(2)):])
        if len(predicate) <= 4 and predicate[-1].lower() in _GENERIC:
            continue  # "X is a condition. It ...": the first half would say nothing
        if not _starts_with_verb(rest_words, g, base=plural) or count_words(rest) < 3:
            continue
        if count_words(left) < 4 or not g.is_clause(left):
            continue
        pronoun = "They" if plural else "It"
        return [_close(left), _close(f"{pronoun} {rest}", end)]
    return None


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
    if any(w.lower() in _EMBEDDING | {"both"} for w in subject_words) or _head_noun(
            subject_words) in _PERSONS:
        return None  # the modal belongs to a relative clause, or the subject is a person
    for match in _top_level(body[modal.end():], r",?\s+(and|or)\s+([a-z]+)\b(?![-'’])"):
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
    for comma in reversed(_top_level(body, r",\s+")):  # the last comma: not one in a run
        first, second = body[match.end(): comma.start()], body[comma.end():]
        if g.is_clause(first) and g.is_clause(second) and not re.match(r"(or|and)\s", second):
            joiner = "So " if match.group(1) == "Because" else "But "
            return [_close(_cap(first)), _close(joiner + second, end)]
    return None


def _participle(sentence, g):
    """'A lowers B, causing C.' -> 'A lowers B. This causes C.'"""
    body, end = _ending(sentence)
    for match in _top_level(body, r",\s+([a-z]+ing)\b"):
        if match.group(1) == "including":
            continue  # a run of examples, for the list rules
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


def _colon(sentence, g):
    body, end = _ending(sentence)
    for match in _top_level(body, r":\s+"):
        left, right = body[: match.start()], body[match.end():]
        if re.search(r"\b(include|includes|including|are|is|as|following|these|of|were)$",
                     left.strip(), re.I):
            continue  # "... may include: A" introduces a run, not a second sentence
        if not (g.is_clause(right) or g.is_imperative(right) or _opened_command(right, g)):
            continue
        if (count_words(left) >= 3 and g.is_clause(left)) or (
                count_words(left) >= 2 and g.is_imperative(left)):
            # "Use repellent: when outdoors, use ..." -> "Use repellent. When outdoors, use ..."
            return [_close(left), _close(_cap(right), end)]
    return None


def _opened_command(text: str, g) -> bool:
    """A command after a short opening phrase: 'When outdoors, use repellent'."""
    head, comma, rest = text.partition(",")
    return bool(comma) and count_words(head) <= 4 and g.finite_at(_words(head)) < 0 and (
        g.is_imperative(rest.strip()))


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
