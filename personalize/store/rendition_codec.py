"""A Rendition as plain JSON-ready data and back, so renditions can be stored and reloaded.

Unlike Rendition.as_dict (a report for readers and QA), this keeps every field, so that
from_data(to_data(r)) == r.
"""

from __future__ import annotations

import dataclasses

from personalize.core.facts import Fact, FactCheck
from personalize.core.invariants import Breach, InvariantCheck
from personalize.core.profiles import Target
from personalize.core.readability import Scores, UnitScore
from personalize.core.render import Rendition
from personalize.rewriter.terms import Change


def to_data(rendition: Rendition) -> dict:
    """Every field of a rendition as JSON-ready data."""
    return dataclasses.asdict(rendition)


def _scores(scores: dict) -> Scores:
    return Scores(dict(scores["values"]), scores["words"], scores["sentences"],
                  tuple(UnitScore(**u) for u in scores["units"]))


def from_data(data: dict) -> Rendition:
    """The rendition that to_data gave this data for.

    The stored data is one JSON column, so the detail level's fields need no migration: data
    stored before them reads as a rendition that moved nothing.
    """
    scores = data["scores"]
    detail = data.get("detail_scores")
    facts = data["facts"]
    meaning = data.get("invariants") or {"checked": 0, "broken": []}  # stored before issue 13
    return Rendition(
        answer_id=data["answer_id"], profile=data["profile"], language=data["language"],
        question=data["question"], html=data["html"], text=data["text"],
        scores=_scores(scores),
        targets=tuple(Target(**t) for t in data["targets"]),
        verdict=data["verdict"], reasons=tuple(data["reasons"]),
        facts=FactCheck(tuple(Fact(**f) for f in facts["checked"]),
                        tuple(Fact(**f) for f in facts["missing"])),
        changes=tuple(Change(**c) for c in data["changes"]),
        versions=dict(data["versions"]),
        invariants=InvariantCheck(meaning["checked"],
                                  tuple(Breach(**b) for b in meaning["broken"])),
        detail_text=data.get("detail_text", ""),
        detail_scores=_scores(detail) if detail else None,
    )
