"""What the store hands out: revisions with their review history, and the errors it raises."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from personalize.store.workflow import allowed


class StoreError(Exception):
    """A request the store cannot carry out as asked."""


class NotFound(StoreError):
    """No such answer or revision."""


class AlreadyExists(StoreError):
    """An answer with this id exists already."""


class StaleRevision(StoreError):
    """The revision a save was based on is no longer the latest."""

    def __init__(self, answer_id: str, head: int):
        self.head = head
        super().__init__(f"{answer_id} is at revision {head}; fetch it and edit that")


class IllegalTransition(StoreError):
    """A status change the review workflow does not allow from the current status."""

    def __init__(self, current: str, target: str):
        self.current, self.target, self.allowed = current, target, allowed(current)
        super().__init__(f"cannot go from {current} to {target}; allowed: "
                         f"{', '.join(self.allowed) or 'none'}")


class NotAllowed(StoreError):
    """The actor's role may not take this step, or the actor wrote the revision."""


class NoteRequired(StoreError):
    """Rejecting or withdrawing needs a note that tells the author why."""


class GateRefused(StoreError):
    """Approval refused: some profile misses its readability targets or loses a fact."""

    def __init__(self, failures: dict[str, list[str]]):
        self.failures = failures
        super().__init__("; ".join(f"{p}: {' '.join(r)}" for p, r in failures.items()))


@dataclass(frozen=True)
class ReviewStep:
    """One recorded status change of a revision."""

    from_status: str | None
    to_status: str
    actor: str
    at: dt.datetime
    note: str = ""
    override: str = ""
    failures: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        """The step as plain data."""
        return {"from": self.from_status, "to": self.to_status, "by": self.actor,
                "at": self.at.isoformat(), "note": self.note, "override": self.override,
                "failures": self.failures}


@dataclass(frozen=True)
class RevisionInfo:
    """One revision as editors see it: who saved it when, its status and its history."""

    answer_id: str
    number: int
    status: str
    author: str
    created: dt.datetime
    source: str
    steps: tuple[ReviewStep, ...] = ()

    @property
    def etag(self) -> str:
        """A strong validator naming this revision and its content."""
        return f"r{self.number}-{digest(self.source)}"

    def as_dict(self, with_source: bool = False) -> dict:
        """The revision as plain data."""
        data = {"answer_id": self.answer_id, "revision": self.number, "status": self.status,
                "author": self.author, "created": self.created.isoformat(), "etag": self.etag,
                "history": [s.as_dict() for s in self.steps]}
        if with_source:
            data["source"] = self.source
        return data


def digest(source: str) -> str:
    """The content part of validators, as Record.etag computes it."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:20]
