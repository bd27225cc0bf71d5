"""What a proposed lexicon entry would change: every stored answer rendered for every profile
with the lexicon in effect and with the entry added, through the real renderer.

The revisions looked at are those `flask rerender` keeps built: each answer's revision readers
see and its latest one. "Before" is the rendition readers get now (stored, or made and stored
as a reader's request would); "after" is rendered with the proposed lexicon and not stored.
An answer whose source holds no form of the entry's word cannot change and is not rendered
again. The work is bounded: at most MAX_RENDERS renders, after which the impact says it is
partial.
"""

from __future__ import annotations

import difflib
import re
import time
from dataclasses import dataclass, field

from personalize.core.render import Rendition
from personalize.core.shared import Shared
from personalize.langtag import primary
from personalize.rewriter.lexicon import Lexicon
from personalize.store.renditions import render_safely

MAX_RENDERS = 600  # renders of one impact (200 answers of three profiles): about 12 s at most


@dataclass(frozen=True)
class Changed:
    """One rendition the entry changes: its sentences before and after, and its gate."""

    answer_id: str
    revision: int
    question: str
    profile: str
    before: str  # verdict before: pass or fail
    after: str
    sentences: tuple[tuple[str, str], ...]  # (before, after) of each changed run of sentences

    @property
    def gate(self) -> str:
        """'fails' or 'passes' when the verdict turns, else ''."""
        if self.before == self.after:
            return ""
        return "fails" if self.after == "fail" else "passes"

    def as_dict(self) -> dict:
        """Plain data, for JSON."""
        return {"answer_id": self.answer_id, "revision": self.revision,
                "question": self.question, "profile": self.profile,
                "verdict_before": self.before, "verdict_after": self.after,
                "gate": self.gate, "sentences": [{"before": b, "after": a}
                                                 for b, a in self.sentences]}


@dataclass(frozen=True)
class Impact:
    """Every rendition an entry changes, with how much was looked at and how long it took."""

    word: str
    language: str
    answers: int  # answers (revisions) in the entry's language
    holding: int  # of which hold a form of the word, and were rendered again
    renders: int
    seconds: float
    partial: bool
    changed: tuple[Changed, ...] = field(default=())

    @property
    def failing(self) -> list[Changed]:
        """Renditions that passed their gate and would now fail it."""
        return [c for c in self.changed if c.gate == "fails"]

    @property
    def passing(self) -> list[Changed]:
        """Renditions that failed their gate and would now pass it."""
        return [c for c in self.changed if c.gate == "passes"]

    def as_dict(self) -> dict:
        """Plain data, for JSON."""
        return {"word": self.word, "language": self.language, "answers": self.answers,
                "answers_holding_the_word": self.holding, "renders": self.renders,
                "seconds": round(self.seconds, 3), "partial": self.partial,
                "changed": [c.as_dict() for c in self.changed],
                "now_failing": len(self.failing), "now_passing": len(self.passing)}


def surfaces(lexicon: Lexicon, word: str) -> list[str]:
    """Every surface form of an entry's word, lower-cased (plural, verb forms...)."""
    key = word.lower()
    found = [s for s, f in lexicon.forms.items() if f.entry.word.lower() == key]
    found += [s.lower() for s, f in lexicon.exact.items() if f.entry.word.lower() == key]
    return found + ([key] if key in lexicon.openers else [])


def holds(source: str, forms: list[str]) -> bool:
    """Whether a source could hold one of the forms (whitespace and apostrophes evened).

    >>> holds("Low  counts\\nof neutrophils", ["counts of neutrophils"])
    True
    """
    text = " ".join(source.lower().replace("’", "'").split())
    return any(re.search(rf"(?<!\w){re.escape(f)}(?!\w)", text) for f in forms)


def impact(store, after: Lexicon, word: str, limit: int = MAX_RENDERS) -> Impact:
    """Render the store's current revisions with `after` and list what changes."""
    started = time.perf_counter()
    language = after.language
    forms = surfaces(after, word)
    records = [r for r in store.current_revisions() if primary(r.answer.language) == language]
    profiles = list(store.catalog.profiles.values())
    changed, renders, holding, partial = [], 0, 0, False
    for record in records:
        if not holds(record.source_text, forms):
            continue
        if renders + len(profiles) > limit:
            partial = True
            break
        holding += 1
        shared = Shared()
        for profile in profiles:
            before = store.rendition(record, profile.name)
            made = render_safely(record.answer, profile, after, shared)
            renders += 1
            pairs = changed_sentences(before, made)
            if pairs or before.verdict != made.verdict:
                changed.append(Changed(record.answer.id, record.revision,
                                       record.answer.question, profile.name, before.verdict,
                                       made.verdict, tuple(pairs)))
    return Impact(word, language, len(records), holding, renders,
                  time.perf_counter() - started, partial, tuple(changed))


def changed_sentences(before: Rendition, after: Rendition) -> list[tuple[str, str]]:
    """The runs of sentences that differ between two renditions, before and after."""
    old = [u.text for u in before.scores.units]
    new = [u.text for u in after.scores.units]
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [(" ".join(old[i1:i2]), " ".join(new[j1:j2]))
            for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def marked(before: str, after: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """Both sentences as runs of words, each run marked True where the other differs.

    >>> marked("use and destruction, and", "use and breakdown, and")[1]
    [('use and ', False), ('breakdown,', True), (' ', False), ('and', False)]
    """
    old, new = _tokens(before), _tokens(after)
    sides: tuple[list, list] = ([], [])
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for side, words in ((sides[0], old[i1:i2]), (sides[1], new[j1:j2])):
            text = "".join(words)
            if tag != "equal" and text.endswith(" "):  # the space after a mark stays outside
                side += [(text[:-1], True), (" ", False)]
            elif text:
                side.append((text, tag != "equal"))
    return sides


def _tokens(sentence: str) -> list[str]:
    words = sentence.split(" ")
    return [w + " " for w in words[:-1]] + words[-1:]
