"""Review of the site's lexicon entries: proposed by an editor, accepted or rejected by a
reviewer who did not propose them, each version a row never edited but for its status and
each status change a step with who, when and why (see personalize.store.site_lexicon)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from personalize.core.catalog import Catalog
from personalize.store.database import writer
from personalize.store.models import SiteEntry, SiteEntryStep, utcnow
from personalize.store.revisions import (
    AlreadyExists,
    IllegalTransition,
    NotAllowed,
    NoteRequired,
    NotFound,
)
from personalize.store.site_lexicon import Proposal, as_proposal, check
from personalize.store.workflow import REVIEWERS

E, ST = SiteEntry, SiteEntryStep
DECISIONS = {"accept": "accepted", "reject": "rejected"}


@dataclass(frozen=True)
class Step:
    """One recorded status change of a site entry."""

    from_status: str | None
    to_status: str
    actor: str
    at: dt.datetime
    note: str


@dataclass(frozen=True)
class EntryInfo:
    """One version of a site entry with its review steps."""

    id: int
    proposal: Proposal
    number: int
    author: str
    created_at: dt.datetime
    status: str
    steps: tuple[Step, ...] = ()

    def as_dict(self) -> dict:
        """The entry as plain data, for JSON."""
        return {"id": self.id, "language": self.proposal.language,
                "section": self.proposal.section, "word": self.proposal.word,
                "entry": self.proposal.fields, "number": self.number, "author": self.author,
                "created_at": self.created_at.isoformat(), "status": self.status,
                "steps": [dataclasses.asdict(st) | {"at": st.at.isoformat()}
                          for st in self.steps]}


def propose(engine: Engine, files: Catalog, proposal: Proposal, author: str) -> EntryInfo:
    """Check a proposal and keep it as the word's next version, proposed."""
    try:
        return _propose(engine, files, proposal, author)
    except IntegrityError:  # the same word proposed by another request at the same moment
        raise AlreadyExists(f"'{proposal.word}' was proposed meanwhile; check again") from None


def _propose(engine: Engine, files: Catalog, proposal: Proposal, author: str) -> EntryInfo:
    with Session(writer(engine)) as s, s.begin():
        number = (s.scalar(select(func.max(E.number)).where(
            E.language == proposal.language, E.key == proposal.key)) or 0) + 1
        check(files, s, proposal, number)
        now = utcnow()
        row = E(language=proposal.language, key=proposal.key, number=number,
                section=proposal.section, entry=proposal.fields, author=author,
                created_at=now, status="proposed")
        s.add(row)
        s.flush()
        s.add(ST(entry_id=row.id, from_status=None, to_status="proposed", actor=author, at=now,
                 note=""))
        s.flush()
        return _info(s, row)


def review(engine: Engine, files: Catalog, entry_id: int, decision: str, actor: str,
           role: str, note: str = "") -> EntryInfo:
    """Accept or reject a proposed entry: a reviewer's, never its author's."""
    target = DECISIONS.get(decision)
    if target is None:
        raise ValueError(f"decision must be one of {', '.join(DECISIONS)}")
    if role not in REVIEWERS:
        raise NotAllowed(f"deciding on a lexicon entry needs a reviewer; {actor} is "
                         f"{'an' if role[:1] in 'aeiou' else 'a'} {role}")
    with Session(writer(engine)) as s, s.begin():
        row = s.get(E, entry_id)
        if row is None:
            raise NotFound(f"no site lexicon entry {entry_id}")
        if row.status != "proposed":
            raise IllegalTransition(row.status, target)
        if actor == row.author:
            raise NotAllowed(f"{actor} proposed this entry; another reviewer must {decision} it")
        if target == "rejected" and not note.strip():
            raise NoteRequired("reject needs a note that tells the author why")
        if target == "accepted":
            newer = s.scalar(select(func.max(E.number)).where(
                E.language == row.language, E.key == row.key, E.status == "accepted"))
            if newer and newer > row.number:
                raise IllegalTransition(f"superseded by version {newer}", target)
            check(files, s, as_proposal(row), row.number)  # the files may have moved on
        done = s.execute(update(E).where(E.id == row.id, E.status == "proposed")
                         .values(status=target).execution_options(synchronize_session=False))
        if done.rowcount != 1:  # another reviewer decided meanwhile
            s.refresh(row)
            raise IllegalTransition(row.status, target)
        s.add(ST(entry_id=row.id, from_status="proposed", to_status=target, actor=actor,
                 at=utcnow(), note=note.strip()))
        s.flush()
        s.refresh(row)
        return _info(s, row)


def get_entry(engine: Engine, entry_id: int) -> EntryInfo | None:
    """One version of a site entry with its steps."""
    with Session(engine) as s:
        row = s.get(E, entry_id)
        return _info(s, row) if row else None


def listing(engine: Engine) -> list[EntryInfo]:
    """Every version of every site entry, newest first."""
    with Session(engine) as s:
        rows = s.scalars(select(E).order_by(E.id.desc())).all()
        steps = s.scalars(select(ST).order_by(ST.id)).all()
    by_entry: dict[int, list] = {}
    for st in steps:
        by_entry.setdefault(st.entry_id, []).append(_step(st))
    return [_info_of(r, by_entry.get(r.id, [])) for r in rows]


def _step(st: SiteEntryStep) -> Step:
    return Step(st.from_status, st.to_status, st.actor, st.at, st.note)


def _info_of(row: SiteEntry, steps) -> EntryInfo:
    return EntryInfo(row.id, as_proposal(row), row.number, row.author, row.created_at,
                     row.status, tuple(steps))


def _info(s: Session, row: SiteEntry) -> EntryInfo:
    steps = s.scalars(select(ST).where(ST.entry_id == row.id).order_by(ST.id)).all()
    return _info_of(row, [_step(st) for st in steps])
