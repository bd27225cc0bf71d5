"""Meaning invariants: what a sentence claims must survive its rewrite.

Each source sentence is compared with the sentences (and list) it became. The marker words
of data/invariants.toml are counted on both sides, group by group: a negation, a condition,
a hedge or a frequency, an evidence or recommendation word, a statistical term, a direction
or comparison, a bound on a quantity. A group with fewer words after the rewrite was lost; a
group the source did not have at all was added. Both change what the sentence claims.

Markers can also be kept and still stop governing what they governed. Where a sentence
became a list, a condition or negation left inside the first item governs that item only,
and a lead-in that ends in "that", "of" or "is" hands its claim to each item alone. A
condition split off into a sentence of its own ("If your doctor agrees.") governs nothing.
Names (genes, proteins, syndromes, anatomical names) must come through as written, a new
"she" must not appear where the source said "he or she", the answer's topic must not become
one of its own list items, and no abbreviation may appear that the source did not use.

This extends the facts check (numbers, doses, drug names, citations), it does not replace it.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "invariants.toml"
# a list's lead-in ending in one of these is not a sentence: its claim passes to each item
_OPEN_LEAD = {
    "en": {"that", "whether", "than", "of", "unless", "without", "except", "the", "a", "an",
           "and", "or", "nor", "not", "no"},
    "es": {"que", "de", "del", "sin", "salvo", "excepto", "el", "la", "los", "las", "un",
           "una", "y", "o", "ni", "no"},
}
# a lead-in ending in a copula, over a first item that starts with an adjective and its
# preposition: "Destruction is: - characteristic of A. - B." (the head went into one item)
_COPULA = {"en": {"is", "are", "was", "were", "be", "been", "being"},
           "es": {"es", "son", "era", "eran", "fue", "fueron", "ser"}}
_HEAD_ITEM = {"en": re.compile(
    r"^\W*(?:\w+(?:ic|ive|al|ous|ible|able|ent|ant|ar|ful)|due|similar|related|prone|common|"
    r"rare|typical|seen|found|present|absent|associated|linked|caused|used|needed)\s+"
    r"(?:of|to|for|with|in|by|among|than)\b", re.I)}
# a condition ending a lead-in governs every item: "... a lipid panel if: - A - B"
_GOVERNS_ITEMS = {"en": {"if", "unless", "when", "whenever"}, "es": {"si", "cuando"}}
# words that do not begin or fill a short item of a series
_NOT_ITEM = frozenset({
    "that", "which", "who", "whom", "whose", "what", "meaning", "such", "as", "including",
    "particularly", "especially", "like", "in", "on", "at", "to", "for", "by", "of", "from",
    "with", "into", "than", "is", "are", "was", "were", "be", "been", "can", "may", "will",
    "would", "could", "should", "also", "you", "it", "they", "we", "he", "she", "this", "these",
    "those", "not", "no", "have", "has", "had", "do", "does", "did", "being"
})
# a sentence that starts with one of these and has no comma is a condition with no clause
_CONDITION_START = {
    "en": re.compile(r"^\W*(if|only if|unless|provided that|as long as|except if|when|whenever)"
                     r"\b", re.I),
    "es": re.compile(r"^\W*(si|solo si|sólo si|a menos que|siempre que|salvo que|cuando)\b",
                     re.I),
}
_GENDERED = {"en": {"he or she": ("he or she", "she or he", "he/she", "s/he", "him or her",
                                  "his or her"),
                    "he": ("he", "him", "his", "himself"),
                    "she": ("she", "her", "hers", "herself"),
                    "it": ("it", "its", "itself")}}
_TOPIC_ITEM = {"en": re.compile(r"^\W*this condition\b", re.I)}
_ABBREVIATION = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]*[A-Z](?:s)?(?![\w-])")
_SCOPE = ("negation", "condition")


@dataclass(frozen=True)
class Aligned:
    """One source sentence (as the reader sees it) and what it became.

    `pieces` are the rendition's sentences in order; a list made from the sentence is a
    (lead, items) pair. `swapped` are the lexicon's swaps in it, (before, after): marker
    words a reviewed plain word brings in ("lack of periods") are not counted as added.
    """

    where: str
    source: str
    pieces: tuple
    swapped: tuple = ()

    @property
    def rendition(self) -> str:
        """What the sentence became, as one line: a list as 'lead - item - item'."""
        out = []
        for piece in self.pieces:
            if isinstance(piece, str):
                out.append(piece)
            else:
                lead, items = piece
                out.append(" ".join([lead, *(f"- {i}" for i in items)]))
        return " ".join(out)


@dataclass(frozen=True)
class Breach:
    """One invariant a rendition broke: which, where, the sentence before and after, how."""

    invariant: str
    where: str
    source: str
    rendition: str
    detail: str

    def reason(self) -> str:
        """The reason the gate gives."""
        return (f"meaning changed ({self.invariant}) at {self.where}: {self.detail}. "
                f"Source: \"{_short(self.source)}\" Rendition: \"{_short(self.rendition)}\"")

    def as_dict(self) -> dict:
        """The breach as plain data."""
        return {"invariant": self.invariant, "where": self.where, "source": self.source,
                "rendition": self.rendition, "detail": self.detail}


@dataclass(frozen=True)
class InvariantCheck:
    """The sentences checked and the invariants broken."""

    checked: int
    broken: tuple[Breach, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether every sentence keeps its meaning."""
        return not self.broken

    def as_dict(self) -> dict:
        """The check as plain data."""
        return {"ok": self.ok, "checked": self.checked,
                "broken": [b.as_dict() for b in self.broken]}


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_TOKEN = re.compile(r"\w+(?:-\w+)*")


@dataclass(frozen=True)
class _Category:
    """One category's words, ready to look up token by token."""

    name: str
    label: str
    lost: str
    added: str
    phrases: dict  # first word -> [(words, group, last word is a prefix)], longest first
    prefixes: tuple  # (prefix, group) of one-word entries ending in "*"
    patterns: tuple  # (compiled "re:" entry, group)


@cache
def _data() -> dict:
    with DATA.open("rb") as f:
        return tomllib.load(f)


@cache
def categories(language: str) -> tuple[_Category, ...]:
    """The marker categories of a language (see the header of data/invariants.toml)."""
    data = _data()
    table = data.get(language, {})
    out = []
    for name in data["categories"]["order"]:
        groups = table.get(name)
        if not groups:
            continue
        phrases: dict[str, list] = {}
        prefixes, patterns = [], []
        for key, words in groups.items():
            for word in words:
                if word.startswith("re:"):
                    patterns.append((re.compile(word[3:], re.I), key))
                    continue
                star = word.endswith("*")
                parts = tuple(word.rstrip("*").lower().split())
                if star and len(parts) == 1:
                    prefixes.append((parts[0], key))
                else:
                    phrases.setdefault(parts[0], []).append((parts, key, star))
        for entries in phrases.values():
            # longest first, so "only if" is taken before "if"
            entries.sort(key=lambda e: (-len(e[0]), -len(" ".join(e[0]))))
        prefixes.sort(key=lambda e: -len(e[0]))
        rule = data["rules"][name]
        out.append(_Category(name, data["categories"]["labels"][name], rule["lost"],
                             rule["added"], phrases, tuple(prefixes), tuple(patterns)))
    return tuple(out)


def markers(text: str, language: str) -> dict[tuple[str, str], list[str]]:
    """The marker words of a text: (category, group) -> the words as written, in order.

    >>> markers("You may need treatment only if you have surgery.", "en")
    {('condition', 'only if'): ['only if'], ('hedge', 'possible'): ['may'], \
('quantity', 'only'): ['only']}
    """
    return {key: list(words) for key, words in _markers(text, language)}


@lru_cache(maxsize=8192)  # swaps and sentences repeat across profiles and answers
def _markers(text: str, language: str) -> tuple:
    tokens = [(m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    found: dict[tuple[str, str], list] = {}
    for cat in categories(language):
        taken: list[tuple[int, int]] = []
        i = 0
        while i < len(tokens):
            word, start, end = tokens[i]
            hit = _phrase_at(tokens, i, text, cat)
            if hit is None and not (word == "can" and text[end:end + 2] in ("'t", "’t")):
                hit = next(((key, 1) for prefix, key in cat.prefixes
                            if word.startswith(prefix)), None)
            if hit is None:
                i += 1
                continue
            key, n = hit
            stop = tokens[i + n - 1][2]
            found.setdefault((cat.name, key), []).append((start, text[start:stop]))
            taken.append((start, stop))
            i += n
        for pattern, key in cat.patterns:
            for match in pattern.finditer(text):
                if not any(a < match.end() and match.start() < b for a, b in taken):
                    found.setdefault((cat.name, key), []).append((match.start(), match.group()))
    return tuple((key, tuple(w for _, w in sorted(words))) for key, words in sorted(found.items()))


def _phrase_at(tokens: list, i: int, text: str, cat: _Category):
    """The group and length of the longest phrase of the category starting at token i."""
    word = tokens[i][0]
    for words, key, star in cat.phrases.get(word, ()):
        n = len(words)
        if i + n > len(tokens):
            continue
        if word == "can" and n == 1 and text[tokens[i][2]:tokens[i][2] + 2] in ("'t", "’t"):
            continue  # "can't" is a negation, not a hedge
        ok = True
        for k in range(1, n):
            got, want = tokens[i + k][0], words[k]
            gap = text[tokens[i + k - 1][2]:tokens[i + k][1]]
            if (gap.strip() or
                    not (got.startswith(want) if star and k == n - 1 else got == want)):
                ok = False
                break
        if ok and (n > 1 or not star or word.startswith(words[0])):
            return key, n
    return None


def check_sentence(aligned: Aligned, language: str, names: Iterable[str] = (),
                   made: dict | None = None, known: Iterable[str] = (),
                   topic: str = "") -> list[Breach]:
    """The invariants one rewritten sentence breaks (none when it was left as it was)."""
    if aligned.pieces == (aligned.source,):
        return []
    made = {} if made is None else made
    key = (aligned.source, language)
    before = made.get(key)
    if before is None:
        before = made[key] = markers(aligned.source, language)
    text = aligned.rendition
    after = markers(_governed(aligned.pieces, language), language)
    brought: Counter = Counter()
    for was, now in aligned.swapped:
        had = markers(was, language)
        for group, words in markers(now, language).items():
            brought[group] += max(0, len(words) - len(had.get(group, ())))
    out: list[Breach] = []

    def breach(invariant: str, detail: str) -> None:
        out.append(Breach(invariant, aligned.where, aligned.source, text, detail))

    for cat in categories(language):
        lost, added = [], []
        for (name, group), words in before.items():
            if name == cat.name and cat.lost == "count" and \
                    len(after.get((name, group), ())) < len(words):
                lost.append(f"'{words[0].lower()}'")
        for (name, group), words in after.items():
            if name == cat.name and cat.added == "presence" and (name, group) not in before \
                    and len(words) > brought[name, group]:
                added.append(f"'{words[0].lower()}'")
        if lost or added:
            parts = ([f"{', '.join(lost)} lost"] if lost else []) + \
                    ([f"{', '.join(added)} added"] if added else [])
            breach(cat.label, "; ".join(parts))
    _lists(aligned, language, breach)
    _series_kept(aligned, breach)
    _cut_conditions(aligned, language, breach)
    _fragments(aligned, language, breach)
    _gendered(aligned, language, breach)
    _names(aligned, names, topic, breach)
    new = sorted(set(_ABBREVIATION.findall(text)) - set(_ABBREVIATION.findall(aligned.source))
                 - set(known))
    if new:
        breach("abbreviation", f"{', '.join(repr(a) for a in new)} added, which the source "
                               "does not use")
    return out


def _lists(aligned: Aligned, language: str, breach) -> None:
    """A list made from the sentence must leave each marker governing what it governed."""
    for piece in aligned.pieces:
        if isinstance(piece, str):
            continue
        lead, items = piece
        if len(items) < 2:
            continue
        first = markers(items[0], language)
        others = None
        for (name, _group), words in first.items():
            scoped = name in _SCOPE or (name, _group) in (("direction", "than"),
                                                          ("quantity", "only"))
            if not (scoped and _words_after(items[0], words[-1])):
                continue
            # "(1) A in women compared with men and (2) B among women compared with men": a
            # marker every item carries governs each item, not the series from the first
            others = others if others is not None else [markers(i, language) for i in items[1:]]
            if not all((name, _group) in other for other in others):
                breach("scope", f"'{words[-1].lower()}' governed the whole series; in the list "
                                f"it governs only the first item ('{_short(items[0], 60)}')")
                break
        tail = re.findall(r"[\w’']+", lead.lower())
        if tail and tail[-1] in _OPEN_LEAD.get(language, ()):
            breach("scope", f"the list's lead-in ('{_short(lead, 60)}') does not stand as a "
                            "sentence, so each item reads as a claim of its own")
        head = _HEAD_ITEM.get(language)
        if tail and tail[-1] in _COPULA.get(language, ()) and head and head.match(items[0]) \
                and not any(head.match(i) for i in items[1:]):
            breach("scope", f"'{head.match(items[0]).group().strip()}' governed the whole "
                            f"series; in the list it belongs to the first item only")
        topic = _TOPIC_ITEM.get(language)
        if topic and any(topic.match(i) for i in items) and not topic.search(aligned.source):
            breach("topic", "the answer's topic became one of the items of its own list "
                            "('this condition')")


# a run of three or more short items: "pain, swelling, or bruising"
_ITEM = r"[^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*){0,2}"
_SERIES = re.compile(rf"(?<![\w-])({_ITEM}(?:,\s+{_ITEM}){{1,}},?\s+(?:and|or|y|o|e|u)\s+{_ITEM})")


def _trim_items(items: list[str]) -> list[str]:
    """The items of a series without the words around it: "you to read" -> "read".

    [] when a middle item holds a function word (then it is no series of short items).
    """
    first = items[0].split()
    while first and first[0].lower() not in _NOT_ITEM and any(
            w.lower() in _NOT_ITEM for w in first):
        first = first[1:]
    while first and first[0].lower() in _NOT_ITEM:
        first = first[1:]
    last = []
    for word in items[-1].split():
        if word.lower() in _NOT_ITEM:
            break
        last.append(word)
    middle = items[1:-1]
    if not first or not last or any(w.lower() in _NOT_ITEM for it in middle for w in it.split()):
        return []
    return [" ".join(first), *middle, " ".join(last)]


def _series_kept(aligned: Aligned, breach) -> None:
    """The items of a short series stay in one sentence (or one list).

    "The most common side effects are pain, swelling, or bruising." must not become "...
    are pain. This swells, or bruising ...": the items would belong to different claims.
    """
    if len(aligned.pieces) < 2:
        return
    texts = [p if isinstance(p, str) else " ".join([p[0], *p[1]]) for p in aligned.pieces]
    lowered = [t.lower() for t in texts]
    for match in _SERIES.finditer(aligned.source):
        items = re.split(r",\s+", match.group(1))
        tail = re.match(r"(?:and|or|y|o|e|u)\s+(.*)", items[-1])
        if tail:
            items[-1] = tail.group(1)
        else:
            items[-1:] = re.split(r"\s+(?:and|or|y|o|e|u)\s+", items[-1])[-2:]
        if len(items) < 3:
            continue
        items = _trim_items(items)
        if not items:
            continue
        # each item by its last word: a plain word may have replaced the ones before it
        heads = [it.split()[-1].lower() for it in items]

        def found(word, text):
            return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None
        where = [i for i, t in enumerate(lowered) if found(heads[-1], t)]
        if not where:
            continue
        home = lowered[where[0]]
        apart = [w for w in heads[:-1] if not found(w, home)]
        if any(found(w, t) for w in apart for t in lowered):
            breach("series", f"the series '{_short(', '.join(items), 80)}' was split across "
                             "sentences, so its items no longer share one claim")
            return


def _governed(pieces: tuple, language: str) -> str:
    """The rendition for counting markers: a condition ending a lead-in is counted once per
    item it governs ("... if: - A - B" keeps the two "if"s of "if A, or if B")."""
    out = []
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
            continue
        lead, items = piece
        last = re.findall(r"[\w’']+", lead.lower())
        word = last[-1] if last and last[-1] in _GOVERNS_ITEMS.get(language, ()) else ""
        out.append(" ".join([lead, *(f"- {word} {i}" if word and n else f"- {i}"
                                     for n, i in enumerate(items))]))
    return " ".join(out)


def _words_after(item: str, marker: str) -> bool:
    index = item.lower().rfind(marker.lower())
    return index >= 0 and re.search(r"\w", item[index + len(marker):]) is not None


_BOUNDARY = re.compile(r"(?<=[.!?])(?:\[[^\]]*\])*\.?\s+(?=[A-Z])")
_ASIDE = re.compile(r"^(\W*\w+)\s*,\s*(?:however|though|therefore|then|in addition|of course)\s*,",
                    re.I)
_NEGATIVE_START = {"en": re.compile(r"^\W*(no|none|neither)\b", re.I),
                   "es": re.compile(r"^\W*(ningún|ninguna|ninguno|ni)\b", re.I)}
_RELATIVE = {"en": re.compile(r"\b(that|which|who)\b"), "es": re.compile(r"\b(que)\b")}
_PRONOUN_START = {"en": re.compile(r"^\W*(they|it|these|this|those)\b", re.I),
                  "es": re.compile(r"^\W*(ellos|ellas|esto|estos|estas)\b", re.I)}


def _sentences(pieces: tuple) -> list[str]:
    """The rendition's sentences, a list's lead and items each one."""
    out = []
    for piece in pieces:
        for part in ([piece] if isinstance(piece, str) else [piece[0], *piece[1]]):
            out.extend(p for p in _BOUNDARY.split(part) if p.strip())
    return out


def _cut_conditions(aligned: Aligned, language: str, breach) -> None:
    """A condition split into a sentence of its own no longer governs anything; nor does a
    negation whose relative clause became a sentence ("No findings are available. They are
    specific for ...")."""
    pattern = _CONDITION_START.get(language)
    if pattern is None or len(aligned.pieces) < 2:
        return
    said = _sentences(aligned.pieces)
    for piece in said:
        match = pattern.match(piece)
        body = _ASIDE.sub(r"\1", piece)
        if match and "," not in body and not re.search(r"\bthen\b", body, re.I):
            breach("condition", f"'{match.group(1)}' was split from the clause it governs "
                                f"('{_short(piece, 80)}')")
    negative, relative = _NEGATIVE_START[language], _RELATIVE[language]
    if not any(negative.match(s) and relative.search(s)
               for s in _BOUNDARY.split(aligned.source)):
        return
    for first, then in zip(said, said[1:], strict=False):
        if negative.match(first) and _PRONOUN_START[language].match(then):
            breach("negation", f"'{negative.match(first).group(1)}' no longer governs what "
                               f"became a sentence of its own ('{_short(then, 80)}')")


# a sentence the rewrite made that opens like an adverbial and has no verb: "In 1995.",
# "While rare.", "In view of these findings." (the clause it belonged to went on without it)
_OPENER_START = {"en": re.compile(r"^\W*(in|while|although|though|when|if|because|after|before|"
                                  r"for|with|without|during|since|unlike|despite|as)\b", re.I),
                 "es": re.compile(r"^\W*(en|aunque|mientras|cuando|si|porque|después|antes|"
                                  r"para|con|sin|durante|desde)\b", re.I)}
_VERBISH = {"en": re.compile(r"\b(is|are|was|were|be|been|being|has|have|had|can|could|may|"
                             r"might|will|would|shall|should|must|do|does|did|\w+ed)\b", re.I),
            "es": re.compile(r"\b(es|son|fue|fueron|era|eran|está|están|ha|han|había|puede|"
                             r"pueden|debe|deben|\w+(?:ado|ido|ó|aron|ieron))\b", re.I)}


_RESTATED = re.compile(r"^\W*this means\s+(?:i\.\s?e\.|e\.\s?g\.)", re.I)


def _fragments(aligned: Aligned, language: str, breach) -> None:
    """A sentence the split left without a verb is not a sentence: its words lost their
    clause ("In 1995. A large series showed ...")."""
    opener, verbish = _OPENER_START.get(language), _VERBISH.get(language)
    if opener is None or len(_sentences(aligned.pieces)) < 2:
        return
    source = aligned.source.lower()
    # a list's lead-in that ends in a colon ("In the lung cancer study:") is not a sentence
    # cut from its clause: the items that follow are that clause, each under the lead
    leads = {p[0] for p in aligned.pieces if not isinstance(p, str) and p[1]
             and p[0].rstrip().endswith(":")}
    for said in _sentences(aligned.pieces):
        if said in leads:
            continue
        if _RESTATED.match(said) and not _RESTATED.search(aligned.source):
            breach("whole sentence", f"'{_short(said, 60)}' restates an abbreviation "
                                     "('i.e.', 'e.g.') as a sentence of its own")
            continue
        words = re.findall(r"[^\W\d_][\w'-]*|\d+", said)
        bare = said.strip().rstrip(".").strip()
        if (len(words) <= 6 and opener.match(said) and not verbish.search(said)
                and f"{bare.lower()}." not in source):
            breach("whole sentence", f"'{_short(said, 60)}' has no verb: its words were "
                                     "split from the clause they belong to")


@cache
def _gendered_patterns(language: str) -> tuple:
    """Each gendered group of a language and the pattern of its words, in order."""
    return tuple((key, _words_pattern(words))
                 for key, words in _GENDERED.get(language, {}).items())


@cache
def _person_pattern(language: str) -> re.Pattern | None:
    """Any word of a group that names a person ("he or she", "he", "she"), in one pattern."""
    words = [w for key, group in _GENDERED.get(language, {}).items() if key != "it"
             for w in group]
    return _words_pattern(words) if words else None


def _words_pattern(words) -> re.Pattern:
    return re.compile(r"(?<![\w/])(?:" + "|".join(map(re.escape, words)) + r")(?![\w/])")


def _gendered(aligned: Aligned, language: str, breach) -> None:
    """'He or she' must not become 'she': a rewrite does not choose a gender."""
    table = _gendered_patterns(language)
    if not table:
        return
    person = _person_pattern(language)
    if not person.search(aligned.source.lower()) and not person.search(
            aligned.rendition.lower()):
        return  # no one named on either side: nothing to add or lose
    counts = []
    for text in (aligned.source, aligned.rendition):
        seen: Counter = Counter()
        rest = text.lower()
        for key, pattern in table:  # "he or she" first, then what is left
            rest, seen[key] = pattern.subn(" ", rest)
        counts.append(seen)
    person = counts[0]["he or she"] or counts[0]["he"] or counts[0]["she"]
    added = [k for k in ("he", "she") if counts[1][k] and not counts[0][k]]
    if person and counts[1]["it"] and not counts[0]["it"]:
        added.append("it")
    if added:
        said = "“he or she”" if counts[0]["he or she"] else "neither" if not person else \
            "“he”" if counts[0]["he"] else "“she”"
        breach("who is meant", f"'{added[0]}' added where the source says {said}")


def _names(aligned: Aligned, names: Iterable[str], topic: str, breach) -> None:
    """A name in the source (a gene, a syndrome, a duct) comes through as written.

    The answer's own topic is exempt: it is named once, then referred to plainly.
    """
    source, text = aligned.source.lower(), aligned.rendition.lower()
    for name in names:
        if name in source and name not in topic.lower():
            pattern = rf"(?<!\w){re.escape(name)}(?!\w)"
            want = len(re.findall(pattern, source))
            if want and len(re.findall(pattern, text)) < want:
                breach("name", f"the name '{name}' was changed")


def check(aligned: Iterable[Aligned], language: str, names: Iterable[str] = (),
          made: dict | None = None, known: Iterable[str] = (), topic: str = "") -> InvariantCheck:
    """Check every source sentence against what it became.

    `names` must come through as written; `known` are the abbreviations a plain word may
    bring in. `made` keeps each source sentence's markers for another check of the answer.

    >>> bad = Aligned("line 1", "It has been shown to be effective.", ("It can be effective.",))
    >>> for b in check([bad], "en").broken:
    ...     print(b.invariant, "|", b.detail)
    hedge | 'can' added
    evidence or certainty | 'shown' lost
    """
    names, known = tuple(names), frozenset(known)
    broken: list[Breach] = []
    count = 0
    for item in aligned:
        count += 1
        broken.extend(check_sentence(item, language, names, made, known, topic))
    return InvariantCheck(count, tuple(broken))
