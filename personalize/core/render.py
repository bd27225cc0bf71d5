"""Render one answer for one reader: select, rewrite, simplify, score, check the facts.

A pure function of (answer, profile, lexicon): the same inputs give the same Rendition.
render_all renders every profile of one answer, working out what they share only once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from personalize.core import facts as facts_mod
from personalize.core import readability
from personalize.core.answer import Answer
from personalize.core.markdown import Block, Item, inline_to_text
from personalize.core.profiles import Profile
from personalize.core.rendition_html import render_html
from personalize.core.shared import Shared
from personalize.langtag import primary
from personalize.rewriter.lexicon import Lexicon
from personalize.rewriter.splitter import Series, simplify
from personalize.rewriter.terms import Change, Glossary, rewrite, strip_marks
from personalize.rewriter.topic import refer_plainly, topic_of

# When a rendition misses its targets, the splitter tries again with shorter sentences.
FALLBACK_LIMITS = (12, 10, 8)
_CITATION = re.compile(r"\s*\[@[^\]]+\]")


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
            "changes": [c.as_dict() for c in self.changes],
            "hardest_sentences": [{"text": u.text, "grade": u.grade}
                                  for u in self.scores.hardest(3)],
            "versions": self.versions,
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
    shared = Shared() if shared is None else shared
    language = primary(answer.language)
    blocks = [b for b in answer.blocks if profile.takes(b.audiences)]
    targets = profile.targets_for(language)
    limits = [0]
    if profile.simplify and profile.max_sentence_words:
        limits = [profile.max_sentence_words] + [
            n for n in FALLBACK_LIMITS if n < profile.max_sentence_words]
    attempts = []
    scorer = shared.scorer(language)  # the attempts share most of their sentences
    for limit in limits:
        # "this condition" is English: the topic is referred to plainly in English only
        work = _Work(profile, lexicon, limit, language, shared,
                     topic_of(answer.question) if profile.simplify and language == "en" else "")
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
    check = facts_mod.check(before, after, lexicon.drug_names, shared.facts)
    reasons = [_reason(t, scores) for t in missed]
    reasons += [f"fact lost in rewriting: {f.kind} '{f.value}'" for f in check.missing]
    html = render_html(answer, profile, out_blocks, work.glossary, shared.html)
    text = "\n".join(_visible_lines(out_blocks, shared))
    return Rendition(
        answer_id=answer.id, profile=profile.name, language=language,
        question=answer.question, html=html, text=text, scores=scores, targets=targets,
        verdict="fail" if reasons else "pass", reasons=tuple(reasons), facts=check,
        changes=tuple(work.changes),
        versions={"profile": profile.version, "lexicon": lexicon.version,
                  "sentence_limit": work.limit},
    )


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
    hardest = "; ".join(f'"{u.text}" (grade {u.grade})' for u in scores.hardest(2))
    return f"{target.describe()} not met: {value}. Hardest sentences: {hardest}"


def _transform(block: Block, work: _Work) -> list[Block]:
    """Rewrite one block for the profile; a paragraph may become paragraphs and lists."""
    where = f"line {block.line}"
    if block.kind == "heading":
        text = _rewrite_unit(block.text, work, where)
        work.units.append(_visible(text, work.shared))
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
        rows = tuple(tuple(_rewrite_unit(cell, work, where) for cell in row)
                     for row in block.rows)
        work.units.extend(_visible(c, work.shared) for row in rows for c in row if c.strip())
        return [Block("table", block.line, rows=rows, audiences=block.audiences)]
    return [block]


def _pieces(text: str, work: _Work, where: str) -> list:
    """Sentences (and bulleted series) of one inline text, rewritten for the profile."""
    masked, sentences = work.shared.sentences(text, work.language)
    out: list = []
    for sentence in sentences:
        if work.topic:
            before, sentence = sentence, refer_plainly(sentence, work.topic, work.topic_seen)
            if sentence != before:
                work.changes.append(Change("plain word", where, work.topic, "this condition",
                                           "the topic is named once, then referred to plainly"))
        pieces = [sentence]
        if work.limit and work.shared.words(sentence) > work.limit:
            pieces, log = simplify(sentence, work.limit, work.language)
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
    return out


def _lexicon(text: str, work: _Work, where: str) -> str:
    return rewrite(text, work.lexicon, work.profile.terms, work.profile.plain_words,
                   work.glossary, where, work.changes)


def _rewrite_unit(text: str, work: _Work, where: str) -> str:
    masked = work.shared.mask(text)
    return masked.restore(_lexicon(masked.text, work, where))


def _end_item(text: str, work: _Work) -> str:
    text = text.strip()
    if work.profile.end_list_items and text and not re.search(r"[.!?:][\"'”’)\]]*$",
                                                               _CITATION.sub("", text)):
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
            lines.extend("  " * i.depth + "- " + _visible(i.text, shared) for i in block.items)
        elif block.kind == "table":
            lines.extend(" | ".join(_visible(c, shared) for c in row) for row in block.rows)
        elif block.kind == "code":
            lines.append(block.text.rstrip("\n"))
        elif block.kind != "rule":
            lines.append(_visible(block.text, shared))
    return lines
