"""What the editors' desk shows of a source: every profile's rendition with its gate, and
where in the source each thing to fix is.

Flask-free: a preview is parsed and rendered here without being stored, from the same
functions the store uses when a revision is saved, so what the desk shows is what saving
would store. Sentences to fix are placed on the source's lines: a change or a broken
invariant names its line; a hard sentence, rewritten for the reader, is placed on the line
that shares most of its words.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from personalize.core.answer import Answer, parse_answer
from personalize.core.catalog import Catalog
from personalize.core.jargon import find_jargon
from personalize.core.render import Rendition
from personalize.errors import AnswerError, Problem
from personalize.store.models import StoredAnswer, StoredRevision, StoredScore, StoredStep
from personalize.store.renditions import render_each

WORD = re.compile(r"[^\W_]+", re.UNICODE)
LINE = re.compile(r"\bline (\d+)\b")
# A hard sentence is placed on a line that holds at least this share of its words.
MIN_OVERLAP = 0.5
# What a rendition's changes call moving text: the reader's order, and detail levels.
MOVES = ("order", "detail")
HARDEST = 3
JARGON_SHOWN = 10


@dataclass(frozen=True)
class Spot:
    """One thing to fix for one profile, at a line of the source when it can be placed."""

    profile: str
    kind: str  # "hardest", "meaning", "fact", "problem"
    text: str
    line: int | None = None
    detail: str = ""


@dataclass(frozen=True)
class Preview:
    """A source as every profile would read it, or the problems that stop it being read."""

    source: str
    answer: Answer | None
    renditions: tuple[Rendition, ...] = ()
    problems: tuple[Problem, ...] = ()
    spots: tuple[Spot, ...] = field(default=())

    @property
    def lines(self) -> list[str]:
        """The source's lines, as numbered in problems and changes."""
        return self.source.split("\n")

    @property
    def marked(self) -> dict[int, list[Spot]]:
        """The spots on each line that has any."""
        found: dict[int, list[Spot]] = {}
        for s in self.spots:
            if s.line:
                found.setdefault(s.line, []).append(s)
        return found


def preview(source: str, catalog: Catalog, name: str = "draft.md") -> Preview:
    """Parse and render a source for every profile without storing anything.

    >>> from personalize.core.catalog import load_catalog
    >>> p = preview("+++\\nid = 'x'\\n+++\\nHello.", load_catalog("profiles"))
    >>> [(s.kind, s.line) for s in p.spots]
    [('problem', 1)]
    """
    source = source.replace("\r\n", "\n")
    try:
        answer = parse_answer(source, source=name, audiences=catalog.audiences)
    except AnswerError as exc:
        problems = tuple(exc.problems)
        return Preview(source, None, problems=problems,
                       spots=tuple(Spot("", "problem", p.message, p.line, p.hint)
                                   for p in problems))
    made = render_each(answer, catalog.profiles.values(), catalog.lexicon(answer.language))
    lines = source.split("\n")
    spots = tuple(s for r in made for s in spots_of(r, lines))
    return Preview(source, answer, tuple(made), spots=spots)


def as_dict(view: Preview) -> dict:
    """A preview as plain data: problems, or each rendition with the spots to fix."""
    return {"problems": [p.as_dict() for p in view.problems],
            "renditions": [r.as_dict() for r in view.renditions],
            "spots": [{"profile": s.profile, "kind": s.kind, "text": s.text, "line": s.line,
                       "detail": s.detail} for s in view.spots]}


def spots_of(rendition: Rendition, lines: list[str]) -> list[Spot]:
    """A rendition's hardest sentences (when it fails), broken invariants and missing facts."""
    found = [Spot(rendition.profile, "meaning", b.source, line_of(b.where),
                  f"{b.invariant}: {b.detail}") for b in rendition.invariants.broken]
    found += [Spot(rendition.profile, "fact", f.value, locate(f.value, lines), f.kind)
              for f in rendition.facts.missing]
    if rendition.verdict == "fail":
        # Sentences over the grade target, when the profile has one (English), else the
        # hardest by the language's own ranking.
        bound = next((t.max for t in rendition.targets
                      if t.metric == "flesch_kincaid_grade" and t.max is not None), None)
        found += [Spot(rendition.profile, "hardest", u.text, locate(u.text, lines),
                       rendition.scores.describe(u))
                  for u in rendition.scores.hardest(HARDEST) if bound is None or u.grade > bound]
    return found


def line_of(where: str) -> int | None:
    """The line a change or breach names ("line 12", "line 12, item 2").

    >>> line_of("line 12, item 2"), line_of("heading")
    (12, None)
    """
    found = LINE.search(where or "")
    return int(found.group(1)) if found else None


def locate(text: str, lines: list[str]) -> int | None:
    """The 1-based line of the source that holds most of a sentence's words, if any does.

    >>> locate("Wash your hands often.", ["+++", "Until then, wash your hands often [@a].", ""])
    2
    >>> locate("Nothing here", ["Wash."]) is None
    True
    """
    words = {w.lower() for w in WORD.findall(text)}
    if not words:
        return None
    best, where = 0.0, None
    for number, line in enumerate(lines, 1):
        share = len(words & {w.lower() for w in WORD.findall(line)}) / len(words)
        if share > best:
            best, where = share, number
    return where if best >= MIN_OVERLAP else None


def profile_view(rendition: Rendition, catalog: Catalog) -> dict:
    """What the desk shows of one rendition beside the rendition itself."""
    values = rendition.scores.values
    lexicon = catalog.lexicon(rendition.language)
    return {
        "profile": rendition.profile, "verdict": rendition.verdict,
        "reasons": list(rendition.reasons), "words": rendition.scores.words,
        "targets": [{"metric": t.metric, "max": t.max, "min": t.min,
                     "value": values.get(t.metric, 0.0),
                     "met": t.check(values.get(t.metric, 0.0))} for t in rendition.targets],
        # A profile that keeps medical terms (the clinician's) has no jargon to explain.
        "jargon": [] if catalog.profiles[rendition.profile].terms == "keep" else
        [j.as_dict() for j in find_jargon(rendition.text, lexicon,
                                          rendition.language)][:JARGON_SHOWN],
        "moved": [c.as_dict() | {"line": line_of(c.where)}
                  for c in rendition.changes if c.what in MOVES],
        "changed": len(rendition.changes),
    }


def lexicon_entry(word: str) -> str:
    """A lexicon entry to fill in for a word, as TOML.

    >>> print(lexicon_entry("leukopenia"))
    [[terms]]
    term = "leukopenia"
    kind = ""
    plain = ""
    definition = ""
    """
    quoted = word.replace("\\", "\\\\").replace('"', '\\"')
    return f'[[terms]]\nterm = "{quoted}"\nkind = ""\nplain = ""\ndefinition = ""'


def diff_lines(before: str, after: str, context: int = 3) -> list[tuple[str, str]]:
    """A unified diff of two sources as (kind, line): kind is "head" (where a run of lines
    starts, as @@ -from +to @@), "del", "add" or "same".

    >>> diff_lines("a\\nb", "a\\nc")[1:]
    [('same', 'a'), ('del', 'b'), ('add', 'c')]
    """
    out = []
    lines = difflib.unified_diff(before.replace("\r\n", "\n").split("\n"),
                                 after.replace("\r\n", "\n").split("\n"), lineterm="", n=context)
    for number, line in enumerate(lines):
        # The first two lines name the texts (the page says which is which); a source line
        # "+++" added reads "++++", so only they are skipped by their place.
        if number < 2:
            continue
        if line.startswith("@@"):
            out.append(("head", line))
        else:
            out.append(({"-": "del", "+": "add"}.get(line[:1], "same"), line[1:]))
    return out


def answers(s: Session) -> list[dict]:
    """Every answer's latest revision: question, status, author, the last step taken on it
    (who and when) and each profile's latest verdict, in question order."""
    A, R, St, Sc = StoredAnswer, StoredRevision, StoredStep, StoredScore
    heads = s.execute(select(R.id, R.answer_id, R.number, R.question, R.status, R.author,
                             R.created_at).join(A, R.answer_id == A.id)
                      .where(R.number == A.head)).all()
    ids = [h.id for h in heads]
    last: dict[int, tuple] = {}
    for row in s.execute(select(St.revision_id, St.actor, St.at, St.to_status)
                         .where(St.revision_id.in_(ids)).order_by(St.id)):
        last[row.revision_id] = (row.actor, row.at, row.to_status)
    gates: dict[int, dict[str, str]] = {}
    for row in s.execute(select(Sc.revision_id, Sc.profile, Sc.verdict)
                         .where(Sc.revision_id.in_(ids)).order_by(Sc.id)):
        gates.setdefault(row.revision_id, {})[row.profile] = row.verdict  # the newest wins
    return [{"id": h.answer_id, "revision": h.number, "question": h.question,
             "status": h.status, "author": h.author, "created": h.created_at,
             "last_by": last.get(h.id, (h.author,))[0],
             "last_at": last.get(h.id, (None, h.created_at))[1],
             "gates": gates.get(h.id, {})}
            for h in sorted(heads, key=lambda h: (h.question.lower(), h.answer_id))]
