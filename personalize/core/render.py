"""Render one answer for one reader: select, rewrite, simplify, score, check the facts.

A pure function of (answer, profile, lexicon): the same inputs give the same Rendition.
render_all renders every profile of one answer, working out what they share only once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from personalize.core import detail as detail_mod
from personalize.core import facts as facts_mod
from personalize.core import invariants as invariants_mod
from personalize.core import jargon, readability
from personalize.core.answer import Answer
from personalize.core.markdown import Block, Item, inline_to_text
from personalize.core.profiles import Profile
from personalize.core.reading_order import bring_forward
from personalize.core.rendition_html import render_html
from personalize.core.shared import Shared
from personalize.langtag import primary
from personalize.rewriter.lexicon import Lexicon
from personalize.rewriter.splitter import MAX_WORDS, Budget, Series, count_words, simplify
from personalize.rewriter.terms import Change, Glossary, rewrite, strip_marks
from personalize.rewriter.topic import refer_plainly, topic_of

# When a rendition misses its targets, the splitter tries again with shorter sentences.
FALLBACK_LIMITS = (12, 10, 8)
# The splitting budget of one render, in rule steps (a rule tried on a sentence costs its
# words): enough for every attempt on ordinary prose many times over (the 137 content, corpus
# and clinician-level files use at most 140 steps a word), so only text built to be slow
# meets it; what it leaves unsplit is named in the rendition's reasons.
STEPS_PER_WORD = 1_000
MIN_STEPS = 50_000
_CITATION = re.compile(r"\s*\[@[^\]]+\]")
# A citation written out in the source: "[21]", "[3,4]", "[5-7]", "[Level of evidence B1]"
_NUMBERED_CITATION = re.compile(r"\s*\[(?:\d+(?:\s*[,\u2013\u2014-]\s*\d+)*|"
                                r"Level of evidence[^\]]*)\]")


@dataclass(frozen=True)
class Rendition:
    """An answer as one reader sees it, with its scores, verdict and what was changed."""

    answer_id: str
    profile: str
    language: str
    question: str
    html: str
    text: str
    scores: readability.Scores
    targets: tuple
    verdict: str
    reasons: tuple[str, ...]
    facts: facts_mod.FactCheck
    changes: tuple[Change, ...]
    versions: dict = field(default_factory=dict)
    invariants: invariants_mod.InvariantCheck = invariants_mod.InvariantCheck(0)
    # What the profile's detail level moved out of the main text (core.detail), as the
    # reader sees it in the collapsed blocks, and its scores; "" and None when nothing moved.
    detail_text: str = ""
    detail_scores: readability.Scores | None = None

    @property
    def grade(self) -> float:
        """The Flesch-Kincaid grade the reader is shown."""
        return self.scores.values.get("flesch_kincaid_grade", 0.0)

    def as_dict(self, source: str | None = None) -> dict:
        """The rendition as plain data, for JSON output."""
        data = {"source": source} if source is not None else {}
        data.update({
            "answer_id": self.answer_id, "profile": self.profile, "language": self.language,
            "question": self.question, "text": self.text, "html": self.html,
            "scores": self.scores.values, "words": self.scores.words,
            "sentences": self.scores.sentences,
            "targets": [{"metric": t.metric, "max": t.max, "min": t.min,
                         "met": t.check(self.scores.values.get(t.metric, 0.0))}
                        for t in self.targets],
            "verdict": self.verdict, "reasons": list(self.reasons),
            "facts": self.facts.as_dict(),
            "invariants": self.invariants.as_dict(),
            "changes": [c.as_dict() for c in self.changes],
            "hardest_sentences": [{"text": u.text, "grade": u.grade}
                                  | ({"fernandez_huerta": u.ease, "drag": u.drag}
                                     if u.ease is not None else {})
                                  for u in self.scores.hardest(3)],
            "versions": self.versions,
            "detail_text": self.detail_text,
            "detail_scores": self.detail_scores.values if self.detail_scores else {},
            "detail_words": self.detail_scores.words if self.detail_scores else 0,
            "detail_sentences": self.detail_scores.sentences if self.detail_scores else 0,
        })
        return data


@dataclass
class _Work:
    """Mutable state of one rendering attempt."""

    profile: Profile
    lexicon: Lexicon
    limit: int
    language: str
    shared: Shared
    topic: str = ""
    topic_seen: set = field(default_factory=set)
    glossary: Glossary = field(default_factory=Glossary)
    changes: list = field(default_factory=list)
    units: list = field(default_factory=list)
    budget: Budget = field(default_factory=Budget)
    too_long: list = field(default_factory=list)  # sentences past the splitter's MAX_WORDS
    unsplit: list = field(default_factory=list)  # sentences the spent budget left as written
    aligned: list = field(default_factory=list)  # each source sentence and what it became
    broken: list = field(default_factory=list)  # the invariants those sentences break
    question: str = ""  # the answer's question, which names its topic for the checks
    headings: list = field(default_factory=list)  # the units that are headings


def render_all(answer: Answer, profiles: Iterable[Profile], lexicon: Lexicon) -> list[Rendition]:
    """Render an answer for each profile, in order, doing what they share once.

    The same renditions as ``[render(answer, p, lexicon) for p in profiles]``.
    """
    shared = Shared()
    return [render(answer, p, lexicon, shared) for p in profiles]


def render(answer: Answer, profile: Profile, lexicon: Lexicon,
           shared: Shared | None = None) -> Rendition:
    """Render an answer for a profile; never raises on content it could parse.

    `shared` is what other renditions of the same answer worked out (see render_all).
    """
    return _render(answer, profile, lexicon, shared)[0]


def aligned_sentences(answer: Answer, profile: Profile,
                      lexicon: Lexicon) -> list[invariants_mod.Aligned]:
    """Each source sentence of the rendition and what it became, as the checker saw them."""
    return _render(answer, profile, lexicon, None)[1].aligned


def _render(answer: Answer, profile: Profile, lexicon: Lexicon,
            shared: Shared | None) -> tuple[Rendition, _Work]:
    shared = Shared() if shared is None else shared
    language = primary(answer.language)
    blocks, moves = bring_forward([b for b in answer.blocks if profile.takes(b.audiences)],
                                  profile.bring_forward)
    moved = [Change("order", f"line {m.line}", m.lead, "after the opening",
                    f"the {profile.name} profile reads '{m.kind}' before the background")
             for m in moves]
    leveled = detail_mod.apply(blocks, profile.detail, language, shared, profile.name, lexicon)
    blocks, moved = leveled.blocks, moved + leveled.changes
    targets = profile.targets_for(language)
    limits = [0]
    if profile.simplify and profile.max_sentence_words:
        limits = [profile.max_sentence_words] + [
            n for n in FALLBACK_LIMITS if n < profile.max_sentence_words]
    attempts = []
    scorer = shared.scorer(language)  # the attempts share most of their sentences
    words = sum(count_words(t) for b in blocks for t in b.inline_texts())
    budget = Budget(limit=max(MIN_STEPS, STEPS_PER_WORD * words))  # shared by the attempts
    for limit in limits:
        # "this condition" is English: the topic is referred to plainly in English only
        work = _Work(profile, lexicon, limit, language, shared,
                     topic_of(answer.question) if profile.simplify and language == "en" else "",
                     budget=budget, question=answer.question)
        out_blocks = [b for block in blocks for b in _transform(block, work)]
        scores = scorer.score(work.units).with_headings(work.headings)
        missed = [t for t in targets if not t.check(scores.values.get(t.metric, 0.0))]
        attempts.append((_shortfall(targets, scores), limit, out_blocks, work, scores, missed))
        if not missed:
            break
    # the attempt that misses its targets by the least; at a tie, the longer sentences
    _, _, out_blocks, work, scores, missed = min(attempts, key=lambda a: (a[0], -a[1]))
    before = [t for b in blocks for t in b.inline_texts()]
    after = [strip_marks(t) for b in out_blocks for t in b.inline_texts()]
    check = facts_mod.check(before, after, lexicon.drug_names, shared.facts, language)
    reasons = [_reason(t, scores) for t in missed] + leveled.reasons
    reasons += [f"fact lost in rewriting: {f.kind} '{f.value}'" for f in check.missing]
    reasons += _bound_reasons(work)
    # each sentence was checked as it was rewritten (invariants.check over work.aligned)
    meaning = invariants_mod.InvariantCheck(len(work.aligned), tuple(work.broken))
    reasons += [b.reason() for b in meaning.broken]
    html = render_html(answer, profile, out_blocks, work.glossary, shared.html)
    text = "\n".join(_visible_lines(out_blocks, shared))
    detail_units = [_visible(s, shared) for b in out_blocks if b.kind == "detail"
                    for i in b.items for s in detail_mod.sentences(i.text, language, shared)]
    if profile.terms == "plain":  # a reader who gets plain words: no jargon left (Spanish)
        reasons += jargon.gate_reasons(text, lexicon, language, answer.question)
    rendition = Rendition(
        answer_id=answer.id, profile=profile.name, language=language,
        question=answer.question, html=html, text=text, scores=scores, targets=targets,
        verdict="fail" if reasons else "pass", reasons=tuple(reasons), facts=check,
        changes=tuple(moved + work.changes), invariants=meaning,
        detail_text="\n".join(_visible(i.text, shared) for b in out_blocks
                               if b.kind == "detail" for i in b.items),
        detail_scores=scorer.score(detail_units) if detail_units else None,
        versions={"profile": profile.version, "lexicon": lexicon.version,
                  "sentence_limit": work.limit},
    )
    return rendition, work


def _bound_reasons(work: _Work) -> list[str]:
    """Sentences the splitter left as written because of its bounds, for the reasons."""
    out = [f"sentence of {size} words left as written (the splitter takes at most "
           f"{MAX_WORDS}): \"{_opening(text)}\"" for size, text in work.too_long]
    if work.unsplit:
        out.append(f"splitting budget of {work.budget.limit} steps spent: "
                   f"{len(work.unsplit)} sentence(s) left as written, the first: "
                   f"\"{_opening(work.unsplit[0])}\"")
    return out


def _opening(text: str, words: int = 12) -> str:
    """The first words of a sentence, to name it in a reason."""
    head = text.split()
    return " ".join(head[:words]) + (" ..." if len(head) > words else "")


def _shortfall(targets, scores: readability.Scores) -> float:
    """How far scores are from their targets, summed (0 when every target is met)."""
    total = 0.0
    for target in targets:
        value = scores.values.get(target.metric, 0.0)
        if target.max is not None and value > target.max:
            total += value - target.max
        if target.min is not None and value < target.min:
            total += target.min - value
    return round(total, 3)


def _reason(target, scores: readability.Scores) -> str:
    value = scores.values.get(target.metric, 0.0)
    hardest = "; ".join(f'"{u.text}" ({scores.describe(u)})' for u in scores.hardest(2))
    return f"{target.describe()} not met: {value}. Hardest sentences: {hardest}"


def _transform(block: Block, work: _Work) -> list[Block]:
    """Rewrite one block for the profile; a paragraph may become paragraphs and lists."""
    where = f"line {block.line}"
    if block.kind == "heading":
        logged = len(work.changes)
        text = _rewrite_unit(block.text, work, where)
        work.units.append(_visible(text, work.shared))
        _align(work, where, block.text, [text], work.changes[logged:])
        work.headings.append(work.units[-1])
        return [Block("heading", block.line, text, level=block.level, audiences=block.audiences)]
    if block.kind in ("paragraph", "quote"):
        out: list[Block] = []
        sentences: list[str] = []
        for piece in _pieces(block.text, work, where):
            if isinstance(piece, Series):
                sentences.append(piece.lead)
                out.append(Block(block.kind, block.line, " ".join(sentences),
                                 audiences=block.audiences))
                sentences = []
                out.append(Block("list", block.line, items=tuple(
                    Item(_end_item(i, work)) for i in piece.items), audiences=block.audiences))
            else:
                sentences.append(piece)
        if sentences:
            out.append(Block(block.kind, block.line, " ".join(sentences),
                             audiences=block.audiences))
        return out
    if block.kind == "list":
        items: list[Item] = []
        for item in block.items:
            sentences = []
            for piece in _pieces(item.text, work, where):
                if isinstance(piece, Series):
                    sentences.append(piece.lead)
                    items.append(Item(" ".join(sentences), item.depth))
                    sentences = []
                    items.extend(Item(_end_item(i, work), item.depth + 1) for i in piece.items)
                else:
                    sentences.append(piece)
            if sentences:
                items.append(Item(_end_item(" ".join(sentences), work), item.depth))
        return [Block("list", block.line, ordered=block.ordered, items=tuple(items),
                      audiences=block.audiences)]
    if block.kind == "table":
        rows = []
        for row in block.rows:
            done = []
            for cell in row:
                logged = len(work.changes)
                done.append(_rewrite_unit(cell, work, where))
                _align(work, where, cell, done[-1:], work.changes[logged:])
            rows.append(tuple(done))
        rows = tuple(rows)
        work.units.extend(_visible(c, work.shared) for row in rows for c in row if c.strip())
        return [Block("table", block.line, rows=rows, audiences=block.audiences)]
    return [block]


def _pieces(text: str, work: _Work, where: str) -> list:
    """Sentences (and bulleted series) of one inline text, rewritten for the profile.

    A rewrite never changes what a sentence claims: when the rewritten sentence breaks a
    meaning invariant, it is rewritten again without splitting, and if that still breaks one,
    left as written (the gate then names it if it is too hard to read, and the editor fixes
    it). Each step back is logged in `changes`.
    """
    masked, sentences = work.shared.sentences(text, work.language)
    out: list = []
    for sentence in sentences:
        source = masked.restore(sentence)
        for step in _STEPS:
            kept = _State.of(work, out)
            first, logged = len(out), len(work.changes)
            _rewrite_sentence(sentence, masked, work, where, out, step)
            aligned = _aligned(work, where, source, out[first:], work.changes[logged:])
            broken = _check(aligned, work)
            if not broken or step == _STEPS[-1]:
                work.aligned.append(aligned)
                work.broken.extend(broken)
                break
            kept.restore(work, out)
            work.changes.append(Change(
                "kept", where, source, step,
                f"rewriting changed what the sentence claims ({broken[0].invariant}: "
                f"{broken[0].detail}); {_NEXT[step]}"))
    return out


# What is tried for a sentence, in order: the full rewrite, the plain words without splitting,
# then the sentence as written.
_STEPS = ("split and plain words", "plain words only", "as written")
_NEXT = {"split and plain words": "tried again without splitting",
         "plain words only": "left as written"}


@dataclass
class _State:
    """What a sentence's rewrite adds to a rendering attempt, so a rewrite can be undone."""

    out: int
    changes: int
    units: int
    too_long: int
    unsplit: int
    topic_seen: frozenset
    seen: frozenset
    bracketed: frozenset
    definitions: int

    @classmethod
    def of(cls, work: _Work, out: list) -> _State:
        g = work.glossary
        return cls(len(out), len(work.changes), len(work.units), len(work.too_long),
                   len(work.unsplit), frozenset(work.topic_seen), frozenset(g.seen),
                   frozenset(g.bracketed), len(g.definitions))

    def restore(self, work: _Work, out: list) -> None:
        del out[self.out:], work.changes[self.changes:], work.units[self.units:]
        del work.too_long[self.too_long:], work.unsplit[self.unsplit:]
        work.topic_seen.clear()
        work.topic_seen.update(self.topic_seen)
        g = work.glossary
        g.seen.clear()
        g.seen.update(self.seen)
        g.bracketed.clear()
        g.bracketed.update(self.bracketed)
        del g.definitions[self.definitions:]


def _rewrite_sentence(sentence: str, masked, work: _Work, where: str, out: list,
                      step: str) -> None:
    """Rewrite one (masked) sentence for the profile at one step, adding to out and work."""
    if step == "as written":
        done = masked.restore(sentence)
        work.units.append(_visible(done, work.shared))
        out.append(done)
        return
    if work.topic:
        before, sentence = sentence, refer_plainly(sentence, work.topic, work.topic_seen)
        if sentence != before:
            work.changes.append(Change("plain word", where, work.topic, "this condition",
                                       "the topic is named once, then referred to plainly"))
    pieces = [sentence]
    size = work.shared.words(sentence) if work.limit else 0
    if size > MAX_WORDS:
        work.too_long.append((size, masked.restore(sentence)))
    elif size > work.limit and step == "split and plain words":
        spent = len(work.budget.spent_on)
        pieces, log = simplify(sentence, work.limit, work.language, work.budget,
                               work.shared.splits)
        if len(work.budget.spent_on) > spent:
            work.unsplit.append(masked.restore(sentence))
        for split in log:
            work.changes.append(Change(
                "split", where, masked.restore(split.before),
                " | ".join(masked.restore(a) for a in split.after),
                f"sentence over {work.limit} words ({split.rule})"))
    for piece in pieces:
        if isinstance(piece, Series):
            lead = masked.restore(_lexicon(piece.lead, work, where))
            items = tuple(masked.restore(_lexicon(i, work, where)) for i in piece.items)
            work.units.append(_visible(lead, work.shared))
            work.units.extend(_visible(i, work.shared) for i in items)
            out.append(Series(lead, items))
        else:
            done = masked.restore(_lexicon(piece, work, where))
            work.units.append(_visible(done, work.shared))
            out.append(done)


def _aligned(work: _Work, where: str, source: str, pieces: list,
             changes=()) -> invariants_mod.Aligned:
    """A source sentence and what it became, as the reader sees both."""
    seen = [_visible(p, work.shared) if isinstance(p, str) else
            (_visible(p.lead, work.shared), tuple(_visible(i, work.shared) for i in p.items))
            for p in pieces]
    swapped = tuple((c.before, c.after) for c in changes if c.what in ("term", "plain word"))
    return invariants_mod.Aligned(where, _visible(source, work.shared), tuple(seen), swapped)


def _align(work: _Work, where: str, source: str, pieces: list, changes=()) -> None:
    """Keep a source sentence and what it became, as the reader sees both, and check it."""
    aligned = _aligned(work, where, source, pieces, changes)
    work.aligned.append(aligned)
    work.broken.extend(_check(aligned, work))


def _check(aligned: invariants_mod.Aligned, work: _Work) -> list:
    """The meaning invariants one rewritten sentence breaks."""
    return invariants_mod.check_sentence(aligned, work.language, work.lexicon.names,
                                         work.shared.markers, work.lexicon.known_abbreviations,
                                         work.question)


def _lexicon(text: str, work: _Work, where: str) -> str:
    return rewrite(text, work.lexicon, work.profile.terms, work.profile.plain_words,
                   work.glossary, where, work.changes, work.shared.scans)


def _rewrite_unit(text: str, work: _Work, where: str) -> str:
    masked = work.shared.mask(text)
    return masked.restore(_lexicon(masked.text, work, where))


def _end_item(text: str, work: _Work) -> str:
    text = text.strip()
    if work.profile.end_list_items and text and not re.search(
            r"[.!?:][\"'”’)\]]*$", _NUMBERED_CITATION.sub("", _CITATION.sub("", text))):
        # "... chemo.[21]" and "... B1.[23][Level of evidence B1]" already end
        match = _CITATION.search(text + " ")
        trailing = re.search(r"(\s*\[@[^\]]+\])+$", text)
        if trailing:
            return text[: trailing.start()] + "." + text[trailing.start():]
        return text + "." if match is None or trailing is None else text
    return text


def _visible(inline: str, shared: Shared) -> str:
    """What the reader sees of an inline text, without citation marks."""
    seen = shared.visible.get(inline)
    if seen is None:
        seen = shared.visible[inline] = strip_marks(inline_to_text(_CITATION.sub("", inline)))
    return seen


def _visible_lines(blocks: list[Block], shared: Shared) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if block.kind == "list":
            lines.extend(_list_lines(block, shared))
        elif block.kind == "table":
            lines.extend(" | ".join(_visible(c, shared) for c in row) for row in block.rows)
        elif block.kind == "code":
            lines.append(block.text.rstrip("\n"))
        elif block.kind not in ("rule", "detail"):  # detail: Rendition.detail_text
            lines.append(_visible(block.text, shared))
    return lines


def _list_lines(block: Block, shared: Shared) -> list[str]:
    """A list's items as lines, indented by depth; an ordered list's numbered per level."""
    lines, counts = [], []
    for item in block.items:
        del counts[item.depth + 1:]
        counts.extend([0] * (item.depth + 1 - len(counts)))
        counts[item.depth] += 1
        mark = f"{counts[item.depth]}." if block.ordered else "-"
        lines.append("  " * item.depth + f"{mark} " + _visible(item.text, shared))
    return lines
