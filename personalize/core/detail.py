"""Detail level: what a reader's main text drops, or moves into a block of more detail.

A profile's `[detail]` table names rules of data/en-detail.toml (with a language's additions,
data/es-detail.toml): cross-references inside a document dropped; trial statistics, dosing
written to prescribers and long lists of examples moved. "Moved" means into a collapsed block
at the end of the sentence's section, kept as written, scored apart from the main text, and
counted by the facts check. Every drop and move is a `detail` change.

Limits keep the gate honest. A sentence that warns the reader or tells them what to do (the
data's `protect` patterns) and a section's first sentence are never moved (a warning may give
up a long list of examples, not a list of signs to watch for); a list's lead-in moves only
with the whole list; a sentence moved whole never takes away the only mention of the event or
condition it names (the data's `guard`); and when more than half of a section's sentences
would move, none of them is, and the rendition fails with a reason saying so.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from personalize.core.jargon import WORD, is_easy, stems
from personalize.core.markdown import Block, Item
from personalize.rewriter.terms import Change

DATA = Path(__file__).parent / "data"
ACTIONS = ("drop", "move")
KINDS = ("span", "sentence", "enumeration")
# At most this share of a section's sentences may move (a product rule, not a profile's).
MAX_MOVED_SHARE = 0.5
# An estimate named outside the brackets: the sentence moves whole, never parted from its
# confidence interval (English and Spanish names of ratio estimates).
_ESTIMATE = re.compile(r"(?<![\w-])(?:a?HR|a?OR|RR|IRR|ratios?|raz[óo]n|cociente)(?![\w-])", re.I)
_LISTED = ("sections", "patterns", "instructions", "dosing", "markers", "sentences")


@dataclass(frozen=True)
class Level:
    """What a profile's reader's main text drops and moves: names of the data's rules."""

    drop: tuple[str, ...] = ()
    move: tuple[str, ...] = ()
    enumeration_items: int = 4  # a list of examples longer than this is moved

    @property
    def active(self) -> bool:
        """Whether this reader's main text leaves anything out."""
        return bool(self.drop or self.move)


@dataclass(frozen=True)
class Rule:
    """One rule of the data file, compiled for a language."""

    name: str
    kind: str
    actions: tuple[str, ...]
    pattern: re.Pattern | None = None  # span: the whole bracket; sentence: any pattern
    instruction: re.Pattern | None = None  # sentence rules that need an instruction too
    markers: re.Pattern | None = None  # enumeration: what opens a list of examples
    requires: re.Pattern | None = None  # sentence: what a sentence must also hold (a digit)
    whole: re.Pattern | None = None  # span: whole sentences that only point elsewhere


@dataclass
class Outcome:
    """The main blocks with detail blocks at the end of their sections, and what was done."""

    blocks: list[Block]
    changes: list[Change] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


def _read(language: str) -> dict:
    path = DATA / f"{language}-detail.toml"
    return tomllib.loads(path.read_text("utf-8")) if path.exists() else {}


@cache
def rule_actions() -> dict[str, tuple[str, ...]]:
    """Every rule's name and the actions a profile may ask of it (for profile checks)."""
    return {name: tuple(r["actions"]) for name, r in _read("en")["rules"].items()}


@cache
def rules(language: str) -> tuple[dict[str, Rule], re.Pattern]:
    """The rules and the never-moved pattern for a language: English data and its additions."""
    base, extra = _read("en"), _read(language) if language != "en" else {}
    out = {}
    for name, raw in base["rules"].items():
        more = extra.get("rules", {}).get(name, {})
        listed = {k: list(raw.get(k, [])) + list(more.get(k, [])) for k in _LISTED}
        openers = [raw.get("opener", ""), more.get("opener", "")]
        out[name] = _compile(name, raw, listed, openers)
    protect = base["protect"]["patterns"] + extra.get("protect", {}).get("patterns", [])
    return out, _any(protect)


@dataclass(frozen=True)
class Guard:
    """What finds the event a trial statistic reports and the words never taken for it."""

    subject: re.Pattern
    object: re.Pattern
    incidence: re.Pattern
    opening: re.Pattern
    condition: re.Pattern
    ignore: frozenset[str]
    qualifiers: tuple[str, ...] = ()


@cache
def guard(language: str) -> Guard | None:
    """The only-mention guard of a language's data (English only for now)."""
    raw = _read(language).get("guard") if language == "en" else None
    if not raw:
        return None
    return Guard(*(re.compile(raw[k], re.I) for k in ("subject", "object", "incidence",
                                                      "opening")),
                 _any(raw["condition"]), frozenset(w.lower() for w in raw["ignore"]),
                 tuple(raw.get("qualifier_endings", ())))


@cache
def lists_kept(language: str) -> re.Pattern:
    """What keeps a protected sentence's list of examples in the main text (signs to watch
    for, what to do at once)."""
    base, extra = _read("en"), _read(language) if language != "en" else {}
    return _any(base["protect"]["lists"] + extra.get("protect", {}).get("lists", []))


def _any(patterns: list[str]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


def _compile(name: str, raw: dict, listed: dict, openers: list[str]) -> Rule:
    kind, actions = raw["kind"], tuple(raw["actions"])
    if kind == "span":
        sections = _any(listed["sections"]).pattern
        ref = rf"(?:(?:{sections})\s*)?(?:[\[(]\s*\d+(?:\.\d+)*(?:\s*,\s*\d+(?:\.\d+)*)*\s*[\])])?"
        joined = rf"(?:{'|'.join(o for o in openers if o)})"
        whole = rf"^{joined}(?:the\s+)?{ref}(?:\s*(?:,|;|and|or)\s*(?:the\s+)?{ref})*\s*\.?$"
        return Rule(name, kind, actions, re.compile(whole, re.I),
                    markers=re.compile(rf"^{joined}", re.I),
                    whole=_any(listed["sentences"]) if listed["sentences"] else None)
    if kind == "sentence":
        pattern = listed["dosing"] if listed["instructions"] else listed["patterns"]
        return Rule(name, kind, actions, _any(pattern),
                    _any(listed["instructions"]) if listed["instructions"] else None,
                    requires=re.compile(raw["requires"]) if raw.get("requires") else None)
    if kind == "enumeration":
        return Rule(name, kind, actions,
                    markers=re.compile(rf"^\s*(?:{'|'.join(listed['markers'])})\s+", re.I))
    raise ValueError(f"detail rule {name}: unknown kind {kind!r}")


def brackets(text: str):
    """Each outermost (...) or [...] of a text: (start, end) with end past the closer.

    >>> text = "a (b [c] d) e [f]"
    >>> [text[s:e] for s, e in brackets(text)]
    ['(b [c] d)', '[f]']
    """
    if "(" not in text and "[" not in text:
        return
    depth, start = 0, 0
    for n, char in enumerate(text):
        if char in "([":
            if depth == 0:
                start = n
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
            if depth == 0:
                yield start, n + 1


def drop_spans(text: str, rule: Rule) -> tuple[str, list[str]]:
    """The text without the brackets the span rule matches, and the brackets taken out.

    >>> rule = rules("en")[0]["cross-references"]
    >>> drop_spans("Restart at 250 mg [see Dosage and Administration (2.3)].", rule)
    ('Restart at 250 mg.', ['[see Dosage and Administration (2.3)]'])
    >>> drop_spans("Bleeding (see below) occurs.", rule)[1]
    []
    """
    taken: list[tuple[int, int]] = []
    for start, end in brackets(text):
        inner = text[start + 1:end - 1].strip()
        if rule.markers.match(inner) and rule.pattern.match(inner):
            while start and text[start - 1] in " \t":
                start -= 1
            taken.append((start, end))
    if not taken:
        return text, []
    out, last = [], 0
    for start, end in taken:
        out.append(text[last:start])
        last = end
    out.append(text[last:])
    return "".join(out), [text[s:e].strip() for s, e in taken]


def enumeration(sentence: str, rule: Rule, most: int,
                plain=lambda item: False) -> tuple[int, int] | None:
    """Where a parenthesis of more than `most` examples with no plain form (`plain(item)` is
    false) sits in a sentence, if one does.

    >>> rule = rules("en")[0]["long-enumerations"]
    >>> s = "Avoid drugs that slow the heart (e.g., A, B, C and D) if you can."
    >>> span = enumeration(s, rule, 3)
    >>> s[span[0]:span[1]]
    ' (e.g., A, B, C and D)'
    >>> enumeration(s, rule, 4) is None
    True
    """
    for start, end in brackets(sentence):
        if sentence[start] != "(":
            continue
        inner = sentence[start + 1:end - 1]
        opened = rule.markers.match(inner)
        if not opened:
            continue
        items = [i.strip() for i in re.split(r",|;|\band\b|\bor\b",
                                             _flat(inner[opened.end():])) if i.strip()]
        items = [i for i in items if not plain(i)]
        if len(items) > most:
            while start and sentence[start - 1] in " \t":
                start -= 1
            return start, end
    return None


def _flat(text: str) -> str:
    """A text with what its inner brackets hold blanked out, so their commas do not count."""
    for start, end in reversed(list(brackets(text))):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def apply(blocks: list[Block], level: Level, language: str, shared, who: str = "",
          lexicon=None) -> Outcome:
    """The main blocks for a detail level, with a detail block closing each section it moved
    sentences from; `shared` splits sentences (core.shared.Shared), `who` names the reader,
    and an example the `lexicon` has a plain word for does not count towards a long list.
    """
    if not level.active:
        return Outcome(list(blocks))
    found, protect = rules(language)
    plan = _Plan(level, found, protect, language, shared, who, lexicon)
    out = Outcome([])
    sections = list(_sections(blocks))
    planned = [_units(section, plan, out) for section in sections]
    _guard(planned, plan, [b.text for b in blocks if b.kind == "heading"])
    for section, units in zip(sections, planned, strict=True):
        _section(section, units, plan, out)
    return out


@dataclass(frozen=True)
class _Plan:
    level: Level
    rules: dict
    protect: re.Pattern
    language: str
    shared: object
    who: str
    lexicon: object = None

    def plain(self, item: str) -> bool:
        """Whether the lexicon has a plain word for a whole list item."""
        words = re.findall(r"[\w’'-]+", item)
        form = self.lexicon.lookup(words) if self.lexicon and words else None
        return form is not None and form.plain.lower() != form.surface.lower()

    def sentences(self, text: str) -> list[str]:
        return sentences(text, self.language, self.shared)

    def pointer(self, text: str, where: str, changes: list[Change]) -> bool:
        """Whether the level drops a whole sentence that only points to another section (the
        drop logged); every such pattern names a section, so others are passed over cheaply."""
        low = text.lower()
        if "section" not in low and "secci" not in low:
            return False
        for name in self.level.drop:
            whole = self.rules[name].whole
            if whole is not None and whole.search(text):
                changes.append(Change("detail", where, text, "", f"{name}: dropped for the "
                                      f"{self.who} reader (it points to another section, "
                                      "which this answer does not hold)"))
                return True
        return False

    def drop(self, text: str, where: str, changes: list[Change]) -> str:
        """The text without what the level drops, each drop logged."""
        for name in self.level.drop:
            text, taken = drop_spans(text, self.rules[name])
            changes.extend(Change("detail", where, span, "", f"{name}: dropped for the "
                                  f"{self.who} reader (it points to another part of the "
                                  "source document)") for span in taken)
        return text

    def fate(self, text: str, head: str | None = None,
             item: bool = False) -> tuple[str, str] | None:
        """(rule, what stays in the main text) for a unit the level moves; None to keep it.

        A sentence that warns or tells the reader what to do never moves; its long list of
        examples may, the category staying ("Avoid other agents known to slow the heart"),
        unless the sentence names what to watch for or act on (the data's `lists`). A list
        item of several sentences moves by what its first sentence, its `head`, says."""
        protected = self.protect.search(text)
        head = text if head is None else head  # an item's stub stays: "T2 disease."
        if protected and lists_kept(self.language).search(text):
            return None
        for name in () if protected else self.level.move:
            rule = self.rules[name]
            if rule.kind != "sentence" or (rule.requires and not rule.requires.search(head)):
                continue
            if rule.pattern.search(head) and (
                    rule.instruction is None or rule.instruction.search(head)):
                stays = "" if rule.instruction else _outside(text, rule.pattern,
                                                            1 if item else 4)
                if stays is None:
                    continue  # nothing may leave: a result that may be chance, or no test
                return name, stays
        for name in self.level.move:
            rule = self.rules[name]
            if rule.kind == "enumeration":
                span = enumeration(text, rule, self.level.enumeration_items, self.plain)
                if span:
                    return name, text[:span[0]] + text[span[1]:]
        return None


def sentences(text: str, language: str, shared) -> list[str]:
    """The sentences of an inline text, as written (shared: core.shared.Shared)."""
    masked, found = shared.sentences(text, language)
    return [masked.restore(s) for s in found]


def _outside(text: str, pattern: re.Pattern, least: int = 4) -> str | None:
    """The sentence without the test statistics (P value, confidence interval, estimate) of
    the brackets that hold every match of a pattern, when they do and words are left; "" to
    move the whole sentence; None to leave it as written. At least `least` words stay, or
    the whole sentence moves (a list item keeps a stub of one: "T2 disease (OR, 1.88; 95% CI,
    1.60-2.20)" leaves "T2 disease"). Rates and counts beside a test
    stay with the claim (a bracket of counts alone leaves whole), and a result that may be
    chance (P of .05 or more, an interval across no difference) never leaves: without it
    the claim reads as a finding.

    >>> _outside("Survival at 5 years improved (68% vs. 46%, P < .001).", re.compile(r"P <"))
    'Survival at 5 years improved (68% vs. 46%).'
    >>> _outside("Survival improved in the group (P < .001; HR, 0.6).", re.compile(r"P <"))
    'Survival improved in the group.'
    >>> _outside("There was one case of gastritis (0.62%; 1 of 161 patients; P < .05).",
    ...          re.compile(r"P <"))
    'There was one case of gastritis (0.62%; 1 of 161 patients).'
    >>> _outside("Allogeneic HSCT appeared to improve survival (P = .08).", re.compile(r"P ="))
    >>> _outside("Survival was longer with it (HR, 0.85; 95% CI, 0.70-1.02).",
    ...          re.compile(r"CI"))
    >>> _outside("The hazard ratio was 0.30 (95% CI, 0.18-0.51).", re.compile(r"CI"))
    ''
    >>> _outside("P < .001 for survival (both arms).", re.compile(r"P <"))
    ''
    """
    if _chance(text):
        return None
    spans = list(brackets(text))
    holding = set()
    for match in pattern.finditer(text):
        found = next((s for s in spans if s[0] < match.start() and match.end() <= s[1]), None)
        if found is None:
            return ""
        holding.add(found)
    out, last = [], 0
    for start, end in sorted(holding):
        inner = text[start + 1:end - 1]
        left = _untested(inner)
        if left and left != inner.strip():
            out.append(text[last:start + 1] + left + text[end - 1])
            last = end
            continue
        while start and text[start - 1] in " \t":
            start -= 1
        out.append(text[last:start])
        last = end
    out.append(text[last:])
    kept = "".join(out)
    if _ESTIMATE.search(kept) or len(re.findall(r"[^\W\d_]{2,}", kept)) < least:
        return ""  # an estimate never stays without its uncertainty, nor a stub of a sentence
    return kept


# One test statistic as a whole bracket part: a P value, a confidence interval or a ratio
# estimate (English and Spanish), with its figure.
_NUMBER = r"[-−–]?\d*[.,]?\d+\s?%?"
_RANGE = rf"(?P<low>{_NUMBER})\s*(?:to|a|[-–—−]|,)\s*(?P<high>{_NUMBER})"
_P_NAME = r"(?:(?:two|one)-sided\s+)?(?:p|valor(?:es)? de p)(?:[- ]?values?)?"
_P = rf"{_P_NAME}\s*[<=>≤≥]"
_CI = (r"(?:(?:90|95|99)\s?%\s?)?(?:CI|IC|confidence intervals?|intervalos? de confianza)"
       r"(?:\s*\[(?:CI|IC)\])?(?:\s*(?:del\s*)?(?:90|95|99)\s?%)?\s*[:,=]?\s*[\[(]?\s*")
_RATIO = (r"(?:a?HR|a?OR|RR|IRR|SIR|(?:[^\W\d_][\w-]*\s+){0,3}ratio|relative risk"
          r"|(?:cociente|raz[óo]n) de (?:riesgos|momios|probabilidades|tasas)|riesgo relativo)")
_TEST = re.compile(
    rf"^\s*(?:{_P}\s*(?:0?[.,]\d+|NS)|{_CI}{_RANGE}[\])]?"
    rf"|{_RATIO}(?:\s*\[\w+\])?\s*[:,=]?\s*\d+(?:[.,]\d+)?(?:\s*\([^()]*\))?)\s*$", re.I)
_PART = re.compile(rf"\s*(?:;|,(?=\s*(?:{_P}|{_CI}\d|{_RATIO}\b)))\s*", re.I)
_P_VALUE = re.compile(rf"(?<![\w.]){_P_NAME}\s*(?P<op>[<=>≤≥])\s*(?P<value>0?[.,]\d+|NS\b)",
                      re.I)
_INTERVAL = re.compile(rf"(?<![\w-]){_CI}{_RANGE}", re.I)
_NOT_SIGNIFICANT = re.compile(r"(?-i:\bNS\b)|\bn\.s\.|\bnot (?:statistically )?significant"
                              r"|\bnon-?significant|\bno (?:fue |es )?significativ", re.I)


def _untested(inner: str) -> str:
    """What a bracket holds without its test statistics, parts joined as they were.

    >>> _untested("68% vs. 46%, P < .001")
    '68% vs. 46%'
    >>> _untested("HR, 0.10; 95% CI, 0.06−0.17; P < .0001")
    ''
    >>> _untested("odds ratio [OR], 1.57; 95% confidence interval [CI], 1.28–1.91")
    ''
    >>> _untested("68 % frente a 46 %; valor de p < 0,001")
    '68 % frente a 46 %'
    """
    parts, seps, last = [], [], 0
    for cut in _PART.finditer(inner):
        parts.append(inner[last:cut.start()])
        seps.append(cut.group())
        last = cut.end()
    parts.append(inner[last:])
    kept = [(n, part) for n, part in enumerate(parts) if part.strip() and not _TEST.match(part)]
    return "".join((seps[n - 1] if i else "") + part for i, (n, part) in enumerate(kept))


def _chance(text: str) -> bool:
    """Whether a sentence reports a result that may be chance: a P value of .05 or more, an
    interval that holds no difference (1 for a ratio, 0 otherwise), or "not significant".

    >>> _chance("It improved survival (P = .08)."), _chance("It did (P < .05).")
    (True, False)
    >>> _chance("HR, 0.85; 95% CI, 0.70-1.02"), _chance("HR, 0.49; 95% CI, 0.26−0.95")
    (True, False)
    >>> _chance("a difference of 4% (95% CI, -1 to 9)"), _chance("(valor de p = 0,21)")
    (True, True)
    >>> _chance("The rate was 2% (95% CI, 0%-5%)")
    False
    """
    if _NOT_SIGNIFICANT.search(text):
        return True
    for p in _P_VALUE.finditer(text):
        value = p.group("value").replace(",", ".")
        if value.upper() == "NS":
            return True
        op, value = p.group("op") or "=", float(value)
        if op in "<≤" and value <= 0.05 or op in "=" and value < 0.05:
            continue
        return True
    ratio = re.search(rf"(?<![\w-]){_RATIO}(?![\w-])|\bratios?\b", text, re.I)
    for ci in _INTERVAL.finditer(text):
        low, high = (float(re.sub(r"[−–]", "-", ci.group(g)).replace(",", ".").rstrip(" %"))
                     for g in ("low", "high"))
        if (low <= 1.0 <= high) if ratio else (low < 0.0 < high):
            return True  # a rate's interval from 0 ("0%-5%") is no difference crossed
    return False


def _sections(blocks: list[Block]):
    """The blocks cut at each heading: the opening, then each heading with what follows."""
    current: list[Block] = []
    for block in blocks:
        if block.kind == "heading" and current:
            yield current
            current = []
        current.append(block)
    if current:
        yield current


def _units(section: list[Block], plan: _Plan, out: Outcome) -> list[list]:
    """Per block of a section: [text, fate, pinned] per sentence or list item, after the
    level's drops; pinned units (a section's first sentence, a list's lead-in) stay unless
    the whole list they lead into moves."""
    units: list[list] = []
    first = True
    for n, block in enumerate(section):
        where = f"line {block.line}"
        if block.kind in ("paragraph", "quote"):
            texts = [t for t in plan.sentences(plan.drop(block.text, where, out.changes))
                     if not plan.pointer(t, where, out.changes)]
            lead_in = n + 1 < len(section) and section[n + 1].kind == "list"
        elif block.kind == "list":
            texts = [plan.drop(i.text, where, out.changes) for i in block.items]
            heads = [(plan.sentences(t)[:1] or [t]) if ". " in t else [t] for t in texts]
            lead_in = False
        else:
            units.append([])
            continue
        row = []
        for m, text in enumerate(texts):
            pinned = first or (lead_in and m == len(texts) - 1 and text.rstrip().endswith(":"))
            head = heads[m][0] if block.kind == "list" else None
            row.append([text, None if pinned else plan.fate(text, head, head is not None),
                        pinned and not first])
            first = False
        units.append(row)
    return units


def _guard(planned: list[list[list]], plan: _Plan, headings: list[str]) -> None:
    """Keep each whole-sentence move that would take away the only mention of the event or
    condition it names (see the data's [guard])."""
    rules_guard = guard(plan.language)
    if rules_guard is None:
        return
    known: set[str] | None = None
    for units in planned:
        for row in units:
            for unit in row:
                fate = unit[1]
                if not fate or fate[1]:
                    continue
                words = _named(unit[0], plan.rules[fate[0]], rules_guard)
                if not words:
                    continue
                if known is None:
                    known = _known_stems(planned, headings)
                if any(not (_word_stems(w) & known) for w in words):
                    unit[1] = None


def _named(text: str, rule: Rule, rules_guard: Guard) -> list[str]:
    """The technical words naming the event a moved sentence reports or the condition an
    order is given under: what the main text must still name for the sentence to move."""
    if rule.instruction is not None:  # an order: the condition it is given under
        spans = [m.group(g) for m in rules_guard.condition.finditer(text)
                 for g, v in m.groupdict().items() if v]
    else:  # a trial statistic: the event it reports
        spans = []
        head = rules_guard.subject.search(text)
        if head:
            words = head.group("words")
            opening = rules_guard.opening.match(words)
            spans.append(words[opening.end():] if opening else words)
        spans += [m.group("words") for m in rules_guard.object.finditer(text)]
        spans += [m.group("words") for m in rules_guard.incidence.finditer(text)]
    named = []
    for span in spans:
        for word in WORD.findall(span):
            low = word.lower()
            if len(word) < 4 or word.isupper() or low in rules_guard.ignore:
                continue
            if not is_easy(low, "en"):
                named.append(low)
    heads = [w for w in named if not w.endswith(rules_guard.qualifiers)]
    return heads or named


def _word_stems(word: str) -> set[str]:
    return stems(word.lower().replace("’", "'"), "en")


def _known_stems(planned: list[list[list]], headings: list[str]) -> set[str]:
    """The stems of every word the main text keeps: its headings, its sentences (a partly
    moved sentence's rest too)."""
    kept = list(headings)
    for units in planned:
        for row in units:
            for text, fate, _ in row:
                kept.append(fate[1] if fate else text)
    stems: set[str] = set()
    for word in set(WORD.findall(" ".join(kept))):
        stems |= _word_stems(word)
    return stems


def _section(section: list[Block], units: list[list], plan: _Plan, out: Outcome) -> None:
    """Move within one section, or nothing when too much would move."""
    for n, (block, row) in enumerate(zip(section, units, strict=True)):
        if block.kind != "list" or not row or not all(f and not f[1] for _, f, _ in row):
            continue
        lead = units[n - 1][-1] if n and units[n - 1] else None
        if lead and lead[2] and not plan.protect.search(lead[0]):
            lead[1] = (row[0][1][0], "")  # the whole list moves, and its lead-in with it
        else:
            for unit in row:  # a list is never emptied under its lead-in
                unit[1] = None
    counted = sum(len(r) for r in units)
    moving = sum(1 for r in units for _, f, _ in r if f)
    if moving > MAX_MOVED_SHARE * counted:
        heading = next((b.text for b in section if b.kind == "heading"), "the opening")
        out.reasons.append(
            f"detail limit: {moving} of {counted} sentences of the section '{heading}' would "
            f"move to the detail block (at most half may); none was moved, so the main text "
            "shows them all")
        units = [[[t, None, p] for t, _, p in r] for r in units]
    units = [[(t, f) for t, f, _ in r] for r in units]
    moved: list[Item] = []
    for block, row in zip(section, units, strict=True):
        if block.kind not in ("paragraph", "quote", "list"):
            out.blocks.append(block)
            continue
        where = f"line {block.line}"
        for text, fate in row:
            if fate:
                out.changes.append(Change(
                    "detail", where, text, fate[1],
                    f"{fate[0]}: moved to the detail block for the {plan.who} reader"
                    + ("; the sentence, without it, stays" if fate[1] else "")))
        stays = [fate[1] if fate else text for text, fate in row if not fate or fate[1]]
        gone = [text for text, fate in row if fate]
        if block.kind == "list":
            moved.extend(Item(t) for t in gone)
            if stays:
                items = [Item(t, i.depth) for t, i in
                         zip(stays, [i for (_, f), i in zip(row, block.items, strict=True)
                                     if not f or f[1]], strict=True)]
                out.blocks.append(replace(block, items=tuple(items)))
            continue
        if gone:
            moved.append(Item(" ".join(gone)))
        if stays:
            same = not gone and " ".join(stays) == block.text
            out.blocks.append(block if same else replace(block, text=" ".join(stays)))
    if moved:
        out.blocks.append(Block("detail", section[-1].line, items=tuple(moved)))
