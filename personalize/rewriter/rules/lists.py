"""Rules that turn a run of three or more items into a lead-in and a bulleted list."""

from __future__ import annotations

import re

from personalize.rewriter.rules.common import (
    _ADVERBS,
    _MODALS,
    Series,
    _bad_items,
    _cap,
    _close,
    _ending,
    _item_text,
    _items,
    _lopsided,
    _outside_brackets,
    _split_top,
    _top_level,
    _word_class,
    _words,
    count_words,
)

_INTRODUCERS = (r"(?:,?\s+(?:including|such as|for example|include|includes|included|"
                r"involve|involves|consist of|consists of)|:)\s+")


def _series(sentence, g):
    """'... including A, B, C and D.' -> a lead-in and a bulleted list."""
    body, end = _ending(sentence)
    for match in reversed(_top_level(body, _INTRODUCERS)):
        lead, rest = body[: match.end()].rstrip(), body[match.end():]
        separator = ";" if rest.count(";") >= 2 else ","
        after = ""
        if separator == "," and _top_level(rest, r";\s+"):
            cut = _top_level(rest, r";\s+")[0]  # "... and vomiting; a second phase ..."
            rest, after = rest[: cut.start()], rest[cut.end():]
        items = _items(rest, separator)
        if len(items) < 3 or count_words(lead) < 2 or any(count_words(i) > 25 for i in items):
            continue
        if separator == "," and (re.search(r"\b(and|or)\b", items[0]) or _lopsided(items)
                                 or _bad_items(items, g)):
            continue  # "smoking and exposure to dust, fumes or ...": the run start is unclear
        if any(g.finite_at(_words(_outside_brackets(i))) >= 1 or re.search(
                r"\b(that|which|who)\b", _outside_brackets(i)) for i in items):
            continue  # an item with its own verb: the sentence goes on, or it is a clause
        lead = lead.rstrip(",") if lead.endswith(":") else lead + ":"
        done = _lead_then(lead, tuple(_item_text(i, end) for i in items), g)
        return done + ([_close(_cap(after), end)] if after.strip() else [])
    return None


_AUX = frozenset({"be", "have", "been", "is", "are", "was", "were", "has", "had", "do", "does"})


def _verb_series(sentence, g):
    """'Tests measure A, B, and C.' -> 'Tests measure:' and a list of A, B and C."""
    body, end = _ending(sentence)
    commas = _top_level(body, r",\s+")
    if len(commas) < 2:
        return None
    words = list(re.finditer(r"[^\W_]+(?:[-'’][^\W_]+)*", body[: commas[0].start()]))
    texts = [w.group() for w in words]
    # "results" may be a noun or a verb: try each verb the first clause could have
    for verb_at in range(1, len(words)):
        if not g.verb_here(texts, verb_at):
            continue
        result = _run_after(body, end, words, verb_at, g)
        if result:
            return result
    return None


def _run_after(body, end, words, verb_at, g):
    """The lead-in up to the verb at verb_at and the parallel run after it, if there is one."""
    while (verb_at + 1 < len(words) and words[verb_at].group().lower() in _MODALS | _AUX
           and words[verb_at + 1].group().lower() in g.base_verbs | _AUX):
        verb_at += 1  # "can cause", "may be": the run follows the whole verb
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
    if len(items) < 5 and sum(count_words(i) for i in items) / len(items) < 2.5:
        return None  # a few short items gain nothing as a list; five or more read better
    if items[0].startswith("to "):
        lead, items[0] = lead + " to", items[0][3:]
    kind = _word_class(items[0], g)
    if _bad_items(items, g) or kind == "adverb":
        return None  # not parallel: the commas do not separate the run's items
    if _lopsided(items) or (kind == "noun" and re.search(r"\b(and|or)\b", items[0])):
        return None
    if kind == "noun" and g.finite_at(_words(items[-1])) >= 1:
        return None  # "A, B and C can cause X": the sentence goes on after the run
    return _lead_then(lead + ":", tuple(_item_text(i, end) for i in items), g)


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
    if count_words(predicate) < 2 or _word_class(items[0], g) != "noun" or _bad_items(
            items, g, appositive=False):
        return None
    if "(" in predicate or (_words(items[0]) or [""])[0].lower().endswith("ing"):
        return None  # "Limiting foods with A, B and C can help": a gerund, not a run of subjects
    first = items[0]
    if first[:1].isupper() and first[1:2].islower():
        items[0] = first[0].lower() + first[1:]  # it started the sentence; now it is an item
    return [Series(_cap(f"These {predicate}:"), tuple(_item_text(i, end) for i in items))]


def _conditions(sentence, g):
    """'If A, or if B, C.' -> 'C if:' and a list of A and B."""
    body, end = _ending(sentence)
    match = re.match(r"^If\s+(.+?),\s+or\s+if\s+(.+?),\s+(.+)$", body)
    if not match or not g.is_clause(match.group(3)):
        return None
    first, second, result = match.groups()
    if "," in first or count_words(first) < 3 or count_words(second) < 3:
        return None
    return [Series(_cap(f"{result} if:"), (first, second))]


def _lead_then(lead: str, items: tuple[str, ...], g) -> list:
    """A long lead-in is itself split, so only its last sentence introduces the list."""
    from personalize.rewriter.splitter import simplify  # a long lead-in is itself a sentence

    pieces, _ = simplify(lead[:-1] + ".", 12)
    pieces = [p for p in pieces if isinstance(p, str)]
    if len(pieces) > 1 and pieces[-1].endswith("."):
        return [*pieces[:-1], Series(_cap(pieces[-1][:-1] + ":"), items)]
    return [Series(_cap(lead), items)]


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
                one = not re.search(r"\b(and|or)\b|,", _outside_brackets(examples))
                if count_words(examples) >= 2 and not one and g.is_clause(main):
                    return [_close(main), _close("Examples are " + examples, end)]
                break  # one example: "Examples are the heart" reads wrong
    return None


def _one_example(left: str, examples: str, g) -> bool:
    """'problems, such as paralysis that affects the face': one example with its own clause.

    Only where agreement says whose clause it is: a plural noun before "such as" and a
    singular verb after "that"/"which", so the clause cannot belong to the plural noun.
    """
    match = re.match(r"^([\w' -]+?)\s+(?:that|which)\s+(\w+)\b", examples)
    if not match or not _outside_brackets(left).strip() or count_words(left) < 4:
        return False
    noun = _words(match.group(1))
    head = _words(_outside_brackets(left))[-1].lower()
    verb = match.group(2).lower()
    if (not noun or noun[0].lower() in g.prepositions | g.subordinators
            or noun[0].lower().endswith("ing") or g.finite_at(noun) >= 0
            or re.search(r"\b(and|or)\b", match.group(1))):
        return False
    singular_verb = verb.endswith("s") and not verb.endswith("ss") and g.finite_at([verb]) == 0
    return (_plural(head) and singular_verb and not _plural(noun[-1].lower())
            and g.is_clause(left))


def _plural(word: str) -> bool:
    """A regular plural noun by its ending: 'problems', not 'paralysis', 'virus' or 'loss'."""
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _such_as_tail(sentence, g):
    """'It controls body processes such as A and B.' -> '... processes. Examples are A and B.'

    Runs of three or more are the series rule's; this takes the short runs at the end. Not
    "including": "the amount in your blood, including LDL and HDL" names parts, not examples.
    """
    body, end = _ending(sentence)
    for match in reversed(_top_level(body, r",?\s+such as\s+")):
        left, examples = body[: match.start()], body[match.end():]
        words = _words(examples)
        if _one_example(left, examples, g):
            return [_close(left), _close("An example is " + examples, end)]
        if len(words) < 2 or not re.search(r"\b(and|or)\b|,", _outside_brackets(examples)):
            continue  # one example: "Examples are antibiotics" reads wrong
        if g.finite_at(words) >= 0 or re.search(r"\b(that|which|who|to)\b", examples):
            continue  # the sentence goes on after the run
        if (words[0].lower() in g.prepositions or words[0].lower() in g.subordinators
                or words[0].lower().endswith("ing")):
            continue  # "such as through ...", "such as when ...", "such as using ..."
        head = (_words(_outside_brackets(left)) or [""])[-1].lower()
        if head in g.prepositions or head in g.finite or head in g.base_verbs:
            continue
        if count_words(left) >= 4 and g.is_clause(left):
            return [_close(left), _close("Examples are " + examples, end)]
    return None
