"""Render one answer for one reader: select, rewrite, simplify, score, check the facts.

A pure function of (answer, profile, lexicon): the same inputs give the same Rendition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from personalize import facts as facts_mod
from personalize import readability
from personalize.answer import Answer
from personalize.html import render_html
from personalize.lexicon import Lexicon
from personalize.markdown import Block, Item, inline_to_text
from personalize.profiles import Profile
from personalize.rewrite import Change, Glossary, rewrite, strip_marks
from personalize.sentences import mask, split_sentences
from personalize.simplify import Series, count_words, simplify
from personalize.topic import refer_plainly, topic_of

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
    topic: str = ""
    topic_seen: set = field(default_factory=set)
    glossary: Glossary = field(default_factory=Glossary)
    changes: list = field(default_factory=list)
    units: list = field(default_factory=list)


def render(answer: Answer, profile: Profile, lexicon: Lexicon) -> Rendition:
    """Render an answer for a profile; never raises on content it could parse."""
    language = answer.language.split("-")[0]
    blocks = [b for b in answer.blocks if profile.takes(b.audiences)]
    targets = profile.targets_for(language)
    limits = [0]
    if profile.simplify and profile.max_sentence_words:
        limits = [profile.max_sentence_words] + [
            n for n in FALLBACK_LIMITS if n < profile.max_sentence_words]
    attempts = []
    scorer = readability.Scorer(language)  # the attempts share most of their sentences
    for limit in limits:
        # "this condition" is English: the topic is referred to plainly in English only
        work = _Work(profile, lexicon, limit, language,
                     topic_of(answer.question) if profile.simplify and language == "en" else "")
        out_blocks = [b for block in blocks for b in _transform(block, work)]
        scores = scorer.score(work.units)
        missed = [t for t in targets if not t.check(scores.values.get(t.metric, 0.0))]
        attempts.append((_shortfall(targets, scores), limit, out_blocks, work, scores, missed))
        if not missed:
            break
    # the attempt that misses its targets by the least; at a tie, the longer sentences
    _, _, out_blocks, work, scores, missed = min(attempts, key=lambda a: (a[0], -a[1]))
    before = [t for b in blocks for t in b.inline_texts()]
    after = [strip_marks(t) for b in out_blocks for t in b.inline_texts()]
    check = facts_mod.check(before, after, _drugs_in(before + after, lexicon.drug_names))
    reasons = [_reason(t, scores) for t in missed]
    reasons += [f"fact lost in rewriting: {f.kind} '{f.value}'" for f in check.missing]
    html = render_html(answer, profile, out_blocks, work.glossary)
    text = "\n".join(_visible_lines(out_blocks))
    return Rendition(
        answer_id=answer.id, profile=profile.name, language=language,
        question=answer.question, html=html, text=text, scores=scores, targets=targets,
        verdict="fail" if reasons else "pass", reasons=tuple(reasons), facts=check,
        changes=tuple(work.changes),
        versions={"profile": profile.version, "lexicon": lexicon.version,
                  "sentence_limit": work.limit},
    )


def _drugs_in(texts: list[str], drug_names: frozenset[str]) -> frozenset[str]:
    """The drug names that can occur in texts: the fact check gives the same result with
    these alone, and trying each of the lexicon's names on every text was half of render().

    The haystack is what facts.extract searches (citations out, lower case); a non-ASCII name
    is always kept, since its lower case may depend on context.
    """
    seen = "\n".join(facts_mod._CITATION.sub(" ", t).lower() for t in texts)
    return frozenset(n for n in drug_names if n in seen or not n.isascii())


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
        work.units.append(_visible(text))
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
        work.units.extend(_visible(cell) for row in rows for cell in row if cell.strip())
        return [Block("table", block.line, rows=rows, audiences=block.audiences)]
    return [block]


def _pieces(text: str, work: _Work, where: str) -> list:
    """Sentences (and bulleted series) of one inline text, rewritten for the profile."""
    masked = mask(text)
    out: list = []
    for sentence in split_sentences(masked.text, work.language):
        if work.topic:
            before, sentence = sentence, refer_plainly(sentence, work.topic, work.topic_seen)
            if sentence != before:
                work.changes.append(Change("plain word", where, work.topic, "this condition",
                                           "the topic is named once, then referred to plainly"))
        pieces = [sentence]
        if work.limit and count_words(sentence) > work.limit:
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
                work.units.append(_visible(lead))
                work.units.extend(_visible(i) for i in items)
                out.append(Series(lead, items))
            else:
                done = masked.restore(_lexicon(piece, work, where))
                work.units.append(_visible(done))
                out.append(done)
    return out


def _lexicon(text: str, work: _Work, where: str) -> str:
    return rewrite(text, work.lexicon, work.profile.terms, work.profile.plain_words,
                   work.glossary, where, work.changes)


def _rewrite_unit(text: str, work: _Work, where: str) -> str:
    masked = mask(text)
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


def _visible(inline: str) -> str:
    """What the reader sees of an inline text, without citation marks."""
    return strip_marks(_as_text(_CITATION.sub("", inline)))


# Characters at which Markdown's inline rules can start (code, emphasis, strikethrough, links,
# images, autolinks, entities, escapes, line breaks) or that it normalises (CR, NUL).
_MARKUP = re.compile(r"[\\`*_~\[\]!<&\n\r\0]")
_SPACES = re.compile(r"\s+")


def _as_text(inline: str) -> str:
    """inline_to_text without the Markdown parser for text with no markup in it, which is
    most sentences: the parser was a sixth of a render (same result, tests/test_render.py).

    >>> _as_text("Low  counts (below 1,500/uL) are common. "), _as_text("a *b* c")
    ('Low counts (below 1,500/uL) are common.', 'a b c')
    """
    if _MARKUP.search(inline):
        return inline_to_text(inline)
    return _SPACES.sub(" ", inline).strip()


def _visible_lines(blocks: list[Block]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if block.kind == "list":
            lines.extend("  " * i.depth + "- " + _visible(i.text) for i in block.items)
        elif block.kind == "table":
            lines.extend(" | ".join(_visible(c) for c in row) for row in block.rows)
        elif block.kind == "code":
            lines.append(block.text.rstrip("\n"))
        elif block.kind != "rule":
            lines.append(_visible(block.text))
    return lines
