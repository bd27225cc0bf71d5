"""The review workflow as data: which status changes are allowed, and what each one needs.

submitted -> under_review -> approved, and back to submitted with a note when a reviewer
rejects a revision or withdraws an approval. Approval runs the readability and facts gate.

Who may take a step is data too: authors write (a new revision is submitted as it is
saved); reviewers and admins take every review step. Nobody approves a revision they
wrote (SELF_REVIEWED names the steps that check it; the store enforces it).
"""

from __future__ import annotations

from dataclasses import dataclass

WRITERS = frozenset({"author", "reviewer", "admin"})
REVIEWERS = frozenset({"reviewer", "admin"})


@dataclass(frozen=True)
class Step:
    """One allowed status change: its name, whether a note is required, whether it is gated,
    and the roles that may take it."""

    name: str
    needs_note: bool = False
    gated: bool = False
    roles: frozenset = REVIEWERS


STEPS: dict[tuple[str, str], Step] = {
    ("submitted", "under_review"): Step("start review"),
    ("under_review", "approved"): Step("approve", gated=True),
    ("under_review", "submitted"): Step("reject", needs_note=True),
    # A recall: an approved revision found wrong goes back, and readers fall back to the
    # previous approved revision (or to the pending-review banner when there is none).
    ("approved", "submitted"): Step("withdraw approval", needs_note=True),
}

# Statuses a revision passes through to reach each status, from a new revision's "submitted".
PATHS: dict[str, tuple[str, ...]] = {
    "submitted": (),
    "under_review": ("under_review",),
    "approved": ("under_review", "approved"),
}


# Steps the revision's own author may never take: approving it (with or without override).
SELF_REVIEWED = frozenset({"approved"})


def step(current: str, target: str) -> Step | None:
    """The step that moves a revision from current to target, or None when there is none.

    >>> step("under_review", "approved").gated
    True
    >>> step("submitted", "approved") is None
    True
    """
    return STEPS.get((current, target))


def allowed(current: str) -> list[str]:
    """The statuses a revision in this status may move to.

    >>> allowed("under_review")
    ['approved', 'submitted']
    """
    return [to for (frm, to) in STEPS if frm == current]

