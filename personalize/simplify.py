"""Split long sentences at safe points, so each sentence carries one idea.

Each rule turns one long sentence into grammatical shorter ones: semicolons, ", which"
clauses, joined clauses, trailing "-ing" phrases, "because"/"although", long asides in
parentheses, and runs of three or more items, which become a bulleted list. A rule only
fires when both halves can stand alone; a sentence no rule fits is left as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from personalize.grammar import WORDS, Grammar, grammar
from personalize.inflect import verb_forms
from personalize.sentences import is_placeholder


@dataclass(frozen=True)
class Series:
    """A lead-in sentence and the items of the list it introduces."""

    lead: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Split:
    """What one rule did to one sentence, for the rendition's change log."""

    rule: str
    before: str
    after: tuple[str, ...]


def count_words(text: str) -> int:
    """Words in text, not counting protected spans.

    >>> count_words("Filgrastim 5-10 mcg/kg daily [@ref]".replace("[@ref]", chr(0xF0000)))
    5
    """
    return sum(1 for w in WORDS.findall(text) if not is_placeholder(w))


def simplify(sentence: str, limit: int, language: str = "en") -> tuple[list, list[Split]]:
    """Split a sentence longer than ``limit`` words; returns pieces and what was done.

    Pieces are sentences (str) or Series for bulleted runs.

    >>> pieces, log = simplify("Anemia is common; it is often mild and easy to treat.", 8)
    >>> pieces
    ['Anemia is common.', 'It is often mild and easy to treat.']
    """
    log: list[Split] = []
    pieces = _simplify(sentence.strip(), limit, grammar(language), log, depth=0)
    return pieces, log


def _simplify(sentence, limit, g, log, depth):
    if depth > 6 or count_words(sentence) <= limit:
        return [sentence]
    for rule in _RULES:
        result = rule(sentence, g)
        if result and all(count_words(p if isinstance(p, str) else p.lead) for p in result):
            log.append(Split(rule.__name__.lstrip("_"), sentence,
                             tuple(p if isinstance(p, str) else p.lead + " " + "; ".join(p.items)
                                   for p in result)))
            out: list = []
            for piece in result:
                if isinstance(piece, Series):
                    out.append(piece)
                else:
                    out.extend(_simplify(piece, limit, g, log, depth + 1))
            return out
    return [sentence]


# ---- helpers ---------------------------------------------------------------------------

_END = re.compile(r"\s*([.!?]+)([\"'”’)\]]*)\s*$")


def _ending(sentence: str) -> tuple[str, str]:
    """The sentence without its final punctuation, and that punctuation ('.' if none)."""
    match = _END.search(sentence)
    if not match:
        return sentence.rstrip(" ,;:"), "."
    return sentence[: match.start()], match.group(1) + match.group(2)


def _cap(text: str) -> str:
    text = text.strip()
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1:] if i == 0 or not text[:i].strip(
                "\"'“‘(") else text
        if not (ch in "\"'“‘(" or is_placeholder(ch)):
            return text
    return text


def _close(text: str, end: str = ".") -> str:
    text = text.strip().rstrip(",;: ")
    if text.endswith(("and", "or")) and text[-4:-3] == " ":
        text = text[: text.rfind(" ")]
    return text + end if not re.search(r"[.!?][\"'”’)\]]*$", text) else text


def _top_level(sentence: str, pattern: str) -> list[re.Match]:
    """Matches of pattern that are not inside brackets."""
    out = []
    for match in re.finditer(pattern, sentence):
        before = sentence[: match.start()]
        if before.count("(") == before.count(")") and before.count("[") == before.count("]"):
            out.append(match)
    return out


def _words(text: str) -> list[str]:
    return [w for w in WORDS.findall(text) if not is_placeholder(w)]


_ADVERBS = frozenset({"often", "usually", "also", "sometimes", "rarely", "normally", "commonly",
                      "typically", "then", "still", "mainly", "mostly", "only", "not"})
_MODALS = frozenset({"can", "may", "might", "could", "will", "would", "should", "must"})


def _starts_with_verb(words: list[str], g: Grammar, base: bool = True) -> bool:
    """Whether a verb phrase starts here (after 'which', or after a closing comma)."""
    if not words:
        return False
    first = words[0].lower()
    if first in g.finite or (base and first in g.base_verbs):
        return True
    return first in _ADVERBS and len(words) > 1 and (
        words[1].lower() in g.finite or words[1].lower() in g.base_verbs)


def _plural_subject(verb: str, g: Grammar, head: str) -> bool:
    lower = verb.lower()
    if lower in ("are", "were", "have", "do", "aren't", "weren't", "don't", "haven't"):
        return True
    if lower in ("is", "was", "has", "does", "isn't", "wasn't", "doesn't", "hasn't"):
        return False
    if lower in g.base_verbs:
        return True
    if lower in g.finite and lower.endswith("s") and lower[:-1] in g.base_verbs | {
            v + "e" for v in g.base_verbs}:
        return False
    return head.lower().endswith("s") and not head.lower().endswith("ss")


# ---- rules, safest first -----------------------------------------------------------------

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


_INTRODUCERS = (r"(?:,?\s+(?:including|such as|for example|include|includes|included|"
                r"involve|involves|consist of|consists of)|:)\s+")


def _series(sentence, g):
    """'... including A, B, C and D.' -> a lead-in and a bulleted list."""
    body, end = _ending(sentence)
    for match in reversed(_top_level(body, _INTRODUCERS)):
        lead, rest = body[: match.end()].rstrip(), body[match.end():]
        separator = ";" if rest.count(";") >= 2 else ","
        items = _items(rest, separator)
        if len(items) < 3 or count_words(lead) < 2 or any(count_words(i) > 25 for i in items):
            continue
        if separator == "," and (re.search(r"\b(and|or)\b", items[0]) or _lopsided(items)):
            continue  # "smoking and exposure to dust, fumes or ...": where the run starts is unclear
        if g.finite_at(_words(items[-1])) >= 1 and not lead.endswith(":"):
            continue  # "A, B and C can cause X": the sentence goes on after the run
        lead = lead.rstrip(",") if lead.endswith(":") else lead + ":"
        return _lead_then(lead, tuple(_item_text(i, end) for i in items), g)
    return None


def _verb_series(sentence, g):
    """'Tests measure A, B, and C.' -> 'Tests measure:' and a list of A, B and C."""
    body, end = _ending(sentence)
    commas = _top_level(body, r",\s+")
    if len(commas) < 2:
        return None
    before = body[: commas[0].start()]
    words = list(re.finditer(r"[^\W_]+(?:[-'’][^\W_]+)*", before))
    verb_at = -1
    for i, match in enumerate(words):
        if i and (match.group().lower() in g.finite):
            verb_at = i
    if verb_at < 1:
        return None
    cut = words[verb_at].end()
    while verb_at + 1 < len(words) and words[verb_at + 1].group().lower() in _ADVERBS:
        verb_at += 1
        cut = words[verb_at].end()
    lead, rest = body[:cut], body[cut:].strip()
    if re.search(r"\b(how|what|that|which|who|whether|if|when|where|why)\b", lead, re.I):
        return None  # the run belongs to a clause inside the lead, not to its main verb
    if not g.is_clause(lead + " it") and not g.is_clause(lead):
        return None
    items = _items(rest)
    if len(items) < 3 or any(count_words(i) > 25 for i in items):
        return None
    if sum(count_words(i) for i in items) / len(items) < 2.5:
        return None  # short items gain nothing as a list
    if items[0].startswith("to "):
        lead, items[0] = lead + " to", items[0][3:]
    if len({_word_class(i, g) for i in items}) > 1 or _word_class(items[0], g) == "adverb":
        return None  # not parallel: the commas do not separate the run's items
    if _lopsided(items) or re.search(r"\b(and|or)\b", items[0]):
        return None
    if g.finite_at(_words(items[-1])) >= 1:
        return None
    return _lead_then(lead + ":", tuple(_item_text(i, end) for i in items), g)


def _word_class(item: str, g: Grammar) -> str:
    """A coarse class of an item's first word, to check that a run's items are parallel."""
    first = (_words(item) or [""])[0].lower()
    if first in g.base_verbs or first in g.finite:
        return "verb"
    if first.endswith("ly") or first in _ADVERBS or first in ("especially", "including"):
        return "adverb"
    if first in ("how", "what", "why", "when", "where", "whether", "who", "which"):
        return "question"
    return "noun"


def _subject_series(sentence, g):
    """'A, B, and C can cause X.' -> 'These can cause X:' and a list of A, B and C."""
    body, end = _ending(sentence)
    parts = _split_top(body, ",")
    if len(parts) < 3:
        return None
    last = parts[-1].strip()
    tail = re.match(r"^(and|or)\s+(.*)$", last)
    if not tail:
        return None
    last_words = _words(tail.group(2))
    at = g.finite_at(last_words)
    if at < 1:
        return None
    verb = last_words[at]
    split_at = re.search(rf"\b{re.escape(verb)}\b", tail.group(2))
    items = [p.strip() for p in parts[:-1]] + [tail.group(2)[: split_at.start()].strip()]
    predicate = tail.group(2)[split_at.start():].strip()
    if any(g.finite_at(_words(i)) >= 0 for i in items) or any(count_words(i) > 10 for i in items):
        return None
    if count_words(predicate) < 2 or _word_class(items[0], g) != "noun":
        return None
    return [Series(_cap(f"These {predicate}:"), tuple(_item_text(i, end) for i in items))]


def _lead_then(lead: str, items: tuple[str, ...], g) -> list:
    """A long lead-in is itself split, so only its last sentence introduces the list."""
    pieces, _ = simplify(lead[:-1] + ".", 12)
    pieces = [p for p in pieces if isinstance(p, str)]
    if len(pieces) > 1 and pieces[-1].endswith("."):
        return [*pieces[:-1], Series(_cap(pieces[-1][:-1] + ":"), items)]
    return [Series(_cap(lead), items)]


_ADJECTIVE_END = re.compile(r"(?:ful|ous|ive|less|able|ible)$")


def _items(text: str, separator: str = ",") -> list[str]:
    parts = [p.strip() for p in _split_top(text, separator)]
    if separator == ",":
        # "painful, itchy rash": a lone adjective belongs to the item after it
        merged: list[str] = []
        for part in parts:
            if merged and merged[-1].endswith(",") and not part.startswith(("and ", "or ")):
                merged[-1] = f"{merged[-1]} {part}"
            elif " " not in part and _ADJECTIVE_END.search(part):
                merged.append(part + ",")
            else:
                merged.append(part)
        parts = [p.rstrip(",") for p in merged]
    if len(parts) == 1:
        parts = [p.strip() for p in re.split(r"\s+(?:and|or)\s+", text)]
        return parts if len(parts) >= 3 else []
    last = parts[-1]
    tail = re.match(r"^(and|or)\s+(.*)$", last)
    if separator == ";" and not tail and "," in last:
        head = _split_top(last, ",")
        if re.match(r"^\s*(and|or)\s+", head[-1]):
            parts[-1:] = [", ".join(head[:-1]).strip(), head[-1].strip()]
            last = parts[-1]
            tail = re.match(r"^(and|or)\s+(.*)$", last)
    if tail:
        parts[-1] = tail.group(2)
    elif separator == ";":
        pass  # "A; B; C": the last item stands as written
    else:
        head = re.split(r"\s+(?:and|or)\s+", last)
        if len(head) == 2:
            parts[-1:] = head
        else:
            return []
    return [p for p in parts if p]


def _lopsided(items) -> bool:
    """A first item far longer than the rest: the run starts inside it, not at its start."""
    sizes = sorted(count_words(i) for i in items[1:])
    return count_words(items[0]) > 2 * max(3, sizes[len(sizes) // 2])


def _item_text(item: str, end: str) -> str:
    return item.strip().rstrip(".;,")


def _split_top(text: str, sep: str) -> list[str]:
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch == sep and depth == 0:
            out.append(text[start:i])
            start = i + 1
    out.append(text[start:])
    return out


def _such_as_aside(sentence, g):
    """'Infections, such as A and B, can ...' -> 'Infections can .... Examples are A and B.'"""
    body, end = _ending(sentence)
    for match in _top_level(body, r",\s+(?:such as|including|like)\s+"):
        after = body[match.end():]
        parts = _split_top(after, ",")
        for n in range(1, len(parts)):
            rest = ",".join(parts[n:]).strip()
            if g.finite_at(_words(rest)[:2]) == 0:
                examples = ",".join(parts[:n]).strip()
                main = body[: match.start()] + " " + rest
                if count_words(examples) >= 2 and g.is_clause(main):
                    return [_close(main), _close("Examples are " + examples, end)]
                break
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
        if "," not in match.group() and (right_words[0].lower() not in g.finite
                                          or right_words[0].lower().endswith("ed")):
            continue  # without a comma, only a plain present verb: "... and includes"
        if count_words(left) < 4 or count_words(right) < 3:
            continue
        subject = _words(left)[: max(1, g.finite_at(_words(left)))]
        plural = _plural_subject(right_words[0], g, subject[0] if subject else "")
        pronoun = "They" if plural else "It"
        joiner = "But " + pronoun.lower() if match.group(1) == "but" else pronoun
        return [_close(left), _close(f"{joiner} {right}", end)]
    return None


def _defining(sentence, g):
    """'X is a disorder that causes Y.' -> 'X is a disorder. It causes Y.'"""
    body, end = _ending(sentence)
    for match in _top_level(body, r"\b(is|are|was|were)\s+(?:a|an|the|one)\s+[^,;:]*?"
                                  r"\s+(that|which|who)\s+"):
        left, rest = body[: match.end()].rsplit(" ", 1)[0], body[match.end():]
        left = re.sub(r"\s+(that|which|who)$", "", left)
        rest_words = _words(rest)
        if not _starts_with_verb(rest_words, g, base=False) or count_words(rest) < 3:
            continue
        if count_words(left) < 4 or not g.is_clause(left):
            continue
        pronoun = "They" if match.group(1) in ("are", "were") else "It"
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


_RULES = (_series, _verb_series, _subject_series, _semicolon, _such_as_aside, _appositive, _relative, _joined_clauses,
          _shared_subject, _defining, _leading_clause,
          _participle, _parenthetical, _colon, _comma_clauses)
