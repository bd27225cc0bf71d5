"""The answer store: revisions never overwritten, review with a gate, stored renditions.

Store implements the Library read interface over the database, so every reader surface
works on it unchanged, and adds the write side the editor API and the CLI use. It is
Flask-free: it takes an SQLAlchemy engine and the catalog.

Readers get the latest approved revision of an answer. An answer with no approved revision
is shown from its latest revision, whose status (submitted or under review) the pages show
as the "pending human review" caution banner; Record.approved says which case it is.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Iterator
from functools import lru_cache

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from personalize.core.answer import Answer, parse_answer
from personalize.core.catalog import Catalog
from personalize.core.render import Rendition
from personalize.core.shared import Shared
from personalize.errors import AnswerError, Problem
from personalize.langtag import primary
from personalize.store import changes, renditions
from personalize.store.database import writer
from personalize.store.fetch import Prepared, fetch_one
from personalize.store.library import Record
from personalize.store.lru import LRU
from personalize.store.models import StoredAnswer, StoredRevision, StoredStep, utcnow
from personalize.store.revisions import (
    AlreadyExists,
    GateRefused,
    IllegalTransition,
    NotAllowed,
    NoteRequired,
    NotFound,
    ReviewStep,
    RevisionInfo,
    StaleRevision,
)
from personalize.store.site_lexicon import SiteLexicon
from personalize.store.workflow import PATHS, SELF_REVIEWED, step

A, R = StoredAnswer, StoredRevision
MAX_REVISION = 2**31 - 1  # the largest number an INTEGER column holds on every database
# Renditions kept in this process: a few hundred answers' worth for a busy page or embed.
RENDITIONS_KEPT = 256
# Records (parsed revisions) kept in this process, under the revision, its status and date.
RECORDS_KEPT = 512
# Renditions `flask rerender` stores in one transaction.
BUILD_BATCH = 100


@lru_cache(maxsize=512)
def _parse(source: str, answer_id: str, audiences: frozenset) -> Answer:
    # Stored sources never change, so a parse can be kept; named after the id, a draft
    # without front matter gets the same id back.
    # Lenient: a revision stored before a check was added stays readable.
    return parse_answer(source, source=f"{answer_id}.md", audiences=audiences, lenient=True)


class Store:
    """Answers kept as revisions in a database; the Library readers use, and its write side."""

    def __init__(self, engine: Engine, catalog: Catalog):
        # The shipped profiles and lexicons, with the site's lexicon entries merged in.
        self.site = SiteLexicon(engine, catalog)
        self._engine = engine
        self._renditions = LRU(RENDITIONS_KEPT)
        self._records = LRU(RECORDS_KEPT)
        self._current = Prepared(_CURRENT, engine.dialect)
        self._changes = changes.watch(engine)
        self._seen = LRU(RECORDS_KEPT)  # answer id -> (version, the Record get() gave)
        self._lexicon_seen: Hashable | None = None  # the version the site entries were read at
        self._read = sessionmaker(engine, expire_on_commit=False)
        self._write = sessionmaker(writer(engine), expire_on_commit=False)

    @property
    def catalog(self) -> Catalog:
        """The catalog rendered with: the files', and the site's lexicon entries as last read."""
        return self.site.catalog

    @catalog.setter
    def catalog(self, files: Catalog) -> None:
        """New shipped files (what a restart loads): the site's entries merge on next refresh."""
        self.site = SiteLexicon(self._engine, files)

    def refresh_lexicon(self) -> Catalog:
        """Read the site's lexicon entries again if any changed: asked of the database (one
        small query) only when the store's change notices say something was written since
        the last look (personalize.store.changes), or when they cannot say."""
        seen = self._changes.version()
        if seen is not None and seen == self._lexicon_seen:
            return self.site.catalog
        catalog = self.site.refresh()
        self._lexicon_seen = seen
        return catalog

    # -- the Library interface -------------------------------------------------------------

    def ids(self) -> list[str]:
        """Ids of every answer, in question order."""
        with self._read() as s:
            rows = s.execute(_visible().with_only_columns(R.answer_id, R.question)).all()
        return [i for i, _ in sorted(rows, key=lambda r: (r.question.lower(), r.answer_id))]

    def get(self, answer_id: str) -> Record | None:
        """The latest approved revision, else the latest one (shown as pending review).

        Asked of the database again whenever the store's version has moved (or is not
        known), so a revision saved or approved by any process is what the next reader gets
        (personalize.store.changes). The question is one small SELECT (which revision, its
        status and date) sent by the driver itself; a revision's source never changes, so
        the Record made from it is kept in this process under all four and read only once.
        """
        seen = self._changes.version()  # before the SELECT: a change during it moves it on
        if seen is not None:
            kept = self._seen.get(answer_id)
            if kept is not None and kept[0] == seen:
                return kept[1]
        row = fetch_one(self._engine, self._current, {"answer_id": answer_id})
        if row is None:
            return None
        key = (answer_id, *row)
        record = self._records.get(key)
        if record is None:
            revision_id, number, status, created_at = row
            with self._read() as s:
                source = s.scalar(select(R.source).where(R.id == revision_id))
            if source is None:  # gone meanwhile (a test resetting its database)
                return None
            answer = _parse(source, answer_id, self.catalog.audiences)
            record = Record(answer, number, status, answer.updated or created_at.date(),
                            source)
            self._records.put(key, record)
        if seen is not None:
            self._seen.put(answer_id, (seen, record))
        return record

    def version(self) -> Hashable | None:
        """Moves whenever what readers see may have changed, in any process; None when this
        process cannot tell (then every get() asks the database)."""
        return self._changes.version()

    def rendition(self, record: Record, profile: str) -> Rendition:
        """The record rendered for a profile: stored once, rendered only when missing.

        Kept in this process too, by everything a rendition is made from (revision, source,
        profile, locale and versions), so a kept one is never out of date.
        """
        prof = self.catalog.profiles[profile]
        lexicon = self.catalog.lexicon(record.answer.language)
        current = renditions.versions(self.catalog, profile, record.answer.language)
        key = (record.answer.id, record.revision, record.etag, profile,
               record.answer.language, current)
        kept = self._renditions.get(key)
        if kept is not None:
            return kept
        where = (R.answer_id == record.answer.id, R.number == record.revision)
        with self._read() as s:
            found = renditions.find(s, where, profile, record.answer.language, current)
        if found is not None:
            self._renditions.put(key, found)
            return found
        rendition = renditions.render_safely(record.answer, prof, lexicon)
        with self._write.begin() as s:
            renditions.keep(s, s.scalar(select(R.id).where(*where)), record.answer.language,
                            [rendition])
        self._renditions.put(key, rendition)
        return rendition

    # -- the editor's side -----------------------------------------------------------------

    def create(self, data: bytes | str, author: str, source: str = "<request>") -> RevisionInfo:
        """Create an answer from its source as revision 1, submitted for review."""
        text, answer = self._incoming(data, source)
        made = self._scored(answer)
        try:
            with self._write.begin() as s:
                if s.get(A, answer.id) is not None:
                    raise AlreadyExists(f"an answer with id '{answer.id}' exists already")
                s.add(A(id=answer.id, head=1))
                row = self._add_revision(s, answer, 1, text, author)
                renditions.keep(s, row.id, answer.language, made)
                return self._info(s, row)
        except IntegrityError:  # created by another process at the same moment
            raise AlreadyExists(f"an answer with id '{answer.id}' exists already") from None

    def save(self, answer_id: str, data: bytes | str, author: str, expected: int,
             source: str = "<request>") -> RevisionInfo:
        """Save a new revision if the latest is still `expected`; else raise StaleRevision."""
        text, answer = self._incoming(data, source)
        if answer.id != answer_id:
            line = next((n for n, ln in enumerate(text.split("\n"), 1)
                         if re.match(r"\s*id\s*=", ln)), 1)
            raise AnswerError([Problem(source, line, "id", f"the source's id '{answer.id}' is "
                                       f"not this answer's id '{answer_id}'",
                                       "Keep the id; a new question is a new answer.")])
        made = self._scored(answer)
        with self._write.begin() as s:
            number = _advance(s, answer_id, expected)
            row = self._add_revision(s, answer, number, text, author)
            renditions.keep(s, row.id, answer.language, made)
            return self._info(s, row)

    def put(self, data: bytes | str, actor: str, source: str,
            approver: str = "") -> tuple[str, RevisionInfo]:
        """Import one source in one transaction: created, revised or unchanged.

        The new revision, written by `actor`, takes the status its front matter names
        through the review steps (and the gate, for approved). Nobody approves what they
        wrote: "approved" is reached only when `approver` names another person (who
        reviewed it elsewhere); otherwise the revision stops at under review, for a
        reviewer here to approve.
        """
        text, answer = self._incoming(data, source)
        path = PATHS[answer.status]
        if "approved" in path and (not approver.strip() or approver.strip() == actor):
            path = PATHS["under_review"]
        made = self._gate(answer, "")[0] if "approved" in path else self._scored(answer)
        try:
            return self._put(text, answer, actor, path, made, approver.strip())
        except IntegrityError:  # another process created it at the same moment
            raise AlreadyExists(f"'{answer.id}' was created meanwhile by another process; "
                                "import again") from None

    def _put(self, text, answer, actor, path, made, approver) -> tuple[str, RevisionInfo]:
        with self._write.begin() as s:
            head = s.scalar(select(A.head).where(A.id == answer.id))
            if head is None:
                s.add(A(id=answer.id, head=1))
                outcome, number = "created", 1
            else:
                latest = s.scalar(select(R).where(R.answer_id == answer.id, R.number == head))
                if latest.source == text:
                    return "unchanged", self._info(s, latest)
                outcome, number = "revised", _advance(s, answer.id, head)
            row = self._add_revision(s, answer, number, text, actor)
            for target in path:
                _record_step(s, row, target, approver if target in SELF_REVIEWED else actor)
            renditions.keep(s, row.id, answer.language, made)
            return outcome, self._info(s, row)

    def transition(self, answer_id: str, number: int, target: str, actor: str,
                   note: str = "", override: str = "", role: str = "reviewer") -> RevisionInfo:
        """Move a revision to another review status, recording who did it, when and why.

        `role` is the actor's (the API passes its token's; commands act as reviewers).
        Nobody approves a revision they wrote, whatever their role.
        """
        with self._read() as s:
            row = _revision_row(s, answer_id, number)
        if row is None:
            raise NotFound(f"{answer_id} has no revision {number}")
        rule = step(row.status, target)
        if rule is None:
            raise IllegalTransition(row.status, target)
        if role not in rule.roles:
            raise NotAllowed(f"{rule.name} needs a reviewer; {actor} is {_article(role)} "
                             f"{role}")
        if target in SELF_REVIEWED and actor == row.author:
            raise NotAllowed(f"{actor} wrote revision {number}; another reviewer must "
                             f"{rule.name} it")
        if rule.needs_note and not note.strip():
            raise NoteRequired(f"{rule.name} needs a note that tells the author why")
        made, failures = self._gate(self._record(row).answer, override) if rule.gated else ([], {})
        with self._write.begin() as s:
            row = s.merge(row, load=False)
            _record_step(s, row, target, actor, note.strip(),
                         override.strip() if failures else "", failures)
            renditions.keep(s, row.id, self._record(row).answer.language, made)
            return self._info(s, row)

    def head(self, answer_id: str) -> RevisionInfo | None:
        """The latest revision of an answer, whatever its status."""
        with self._read() as s:
            row = s.scalar(select(R).join(A).where(A.id == answer_id, R.number == A.head))
            return self._info(s, row) if row else None

    def revision(self, answer_id: str, number: int) -> RevisionInfo | None:
        """One revision of an answer."""
        with self._read() as s:
            row = _revision_row(s, answer_id, number)
            return self._info(s, row) if row else None

    def revisions(self, answer_id: str) -> list[RevisionInfo]:
        """Every revision of an answer, newest first, with its review history."""
        with self._read() as s:
            if s.get(A, answer_id) is None:
                raise NotFound(f"no answer '{answer_id}'")
            rows = s.scalars(select(R).where(R.answer_id == answer_id)
                             .order_by(R.number.desc())).all()
            steps = s.scalars(select(StoredStep).join(R).where(R.answer_id == answer_id)
                              .order_by(StoredStep.id)).all()
        return [_info(r, [st for st in steps if st.revision_id == r.id]) for r in rows]

    def heads(self) -> list[RevisionInfo]:
        """The latest revision of every answer, by id (what `content export` writes)."""
        with self._read() as s:
            rows = s.scalars(select(R).join(A).where(R.number == A.head).order_by(A.id)).all()
        return [_info(r, []) for r in rows]

    def record(self, answer_id: str, number: int) -> Record | None:
        """One revision as readers would get it (for previews, QA and rerendering)."""
        with self._read() as s:
            row = _revision_row(s, answer_id, number)
        return self._record(row) if row else None

    def stale(self) -> renditions.Staleness:
        """What a change of profile, lexicon or renderer versions left to build, and to drop.

        Wanted: every profile's rendition of each revision readers see and of each latest
        revision, under the current versions.
        """
        self.refresh_lexicon()
        with self._read() as s:
            rows = s.scalars(_wanted()).all()
            wanted = [(row.id, row.answer_id, row.number, self._record(row).answer.language)
                      for row in rows]
            return renditions.staleness(s, self.catalog, wanted)

    def build(self, items: Iterable[tuple[str, int, str]],
              batch: int = BUILD_BATCH) -> Iterator[tuple[Record, Rendition]]:
        """Render (answer id, revision, profile) items and store them, many a transaction.

        What `flask rerender` builds: stored one a transaction, as rendition() does for a
        reader, each rendition waited on the disk (SQLite syncs every commit), which made
        rendering 10,000 answers cost half again as much per answer as 100. Yields each
        record and rendition as it is made; what is yielded is stored once the batch it is
        in is written, and a batch is written whole or not at all. The profiles of one
        revision, given one after another, share what render_all shares.
        """
        self.refresh_lexicon()
        pending: list[tuple[int, str, Rendition]] = []
        row = record = shared = None
        for answer_id, number, profile in items:
            if row is None or (row.answer_id, row.number) != (answer_id, number):
                with self._read() as s:
                    row = _revision_row(s, answer_id, number)
                if row is None:
                    continue
                record, shared = self._record(row), Shared()
            language = record.answer.language
            made = renditions.render_safely(record.answer, self.catalog.profiles[profile],
                                            self.catalog.lexicon(language), shared)
            pending.append((row.id, language, made))
            if len(pending) >= batch:
                self._keep(pending)
            yield record, made
        self._keep(pending)

    def _keep(self, pending: list[tuple[int, str, Rendition]]) -> None:
        """Store renditions made for revisions (row id, language) in one transaction."""
        if pending:
            with self._write.begin() as s:
                for revision_id, language, made in pending:
                    renditions.keep(s, revision_id, language, [made])
            pending.clear()

    def current_revisions(self) -> list[Record]:
        """Each answer's revision readers see and its latest one: what rerender keeps built."""
        with self._read() as s:
            rows = s.scalars(_wanted()).all()
        return [self._record(row) for row in rows]

    def prune(self, ids: tuple[int, ...]) -> int:
        """Drop stored renditions made under versions no longer in use."""
        with self._write.begin() as s:
            return renditions.drop(s, ids)

    def overrides(self) -> list[tuple[str, int, ReviewStep]]:
        """Approvals given although the gate failed, newest first, for QA."""
        with self._read() as s:
            rows = s.execute(select(R.answer_id, R.number, StoredStep).join(StoredStep)
                             .where(StoredStep.override != "")
                             .order_by(StoredStep.at.desc())).all()
        return [(a, n, _step(st)) for a, n, st in rows]

    # -- helpers -----------------------------------------------------------------------------

    def _incoming(self, data: bytes | str, source: str) -> tuple[str, Answer]:
        answer = parse_answer(data, source=source, audiences=self.catalog.audiences)
        # Kept exactly as given (byte order mark and line ends too), so exports round-trip.
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        if "\x00" in text:
            line = text[: text.index("\x00")].count("\n") + 1
            raise AnswerError([Problem(source, line, None, "the source holds a NUL character",
                                       "Remove it; answers are plain text.")])
        self._check_translations(answer, source)
        return text, answer

    def _check_translations(self, answer: Answer, source: str) -> None:
        """A translation must be in the language it is listed under: anything else would
        send readers from one answer to the next without end."""
        problems = []
        for language, other in answer.translations:
            found = self.get(other)
            if found is not None and primary(found.answer.language) != primary(language):
                problems.append(Problem(
                    source, None, "translations", f"'{other}' is in "
                    f"'{found.answer.language}', not '{language}'",
                    f"List it under {found.answer.language}, or name the {language} answer."))
        if problems:
            raise AnswerError(problems)

    def _gate(self, answer: Answer, override: str) -> tuple[list[Rendition], dict]:
        """Render every profile; raise GateRefused on a failure unless overridden."""
        made = self._scored(answer)
        failures = {r.profile: list(r.reasons) for r in made if r.verdict == "fail"}
        if failures and not override.strip():
            raise GateRefused(failures)
        return made, failures

    def _scored(self, answer: Answer) -> list[Rendition]:
        """Every profile's rendition of a revision being saved, stored with it.

        QA reads scores and never renders on a request, so they are made here, when a
        revision is saved; a rendering that fails gives a failing rendition (stored too).
        """
        self.refresh_lexicon()
        return renditions.render_each(answer, self.catalog.profiles.values(),
                                      self.catalog.lexicon(answer.language))

    def _record(self, row: StoredRevision) -> Record:
        answer = _parse(row.source, row.answer_id, self.catalog.audiences)
        return Record(answer, row.number, row.status, answer.updated or row.created_at.date(),
                      row.source)

    def _add_revision(self, s: Session, answer: Answer, number: int, text: str,
                      author: str) -> StoredRevision:
        now = utcnow()
        row = R(answer_id=answer.id, number=number, source=text, question=answer.question,
                author=author, status="submitted", created_at=now)
        s.add(row)
        s.flush()
        s.add(StoredStep(revision_id=row.id, from_status=None, to_status="submitted",
                         actor=author, at=now, note="", override="", failures={}))
        s.flush()
        return row

    def _info(self, s: Session, row: StoredRevision) -> RevisionInfo:
        return _info(row, s.scalars(select(StoredStep).where(StoredStep.revision_id == row.id)
                                    .order_by(StoredStep.id)).all())


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _visible():
    """Each answer's revision readers see: the latest approved one, else the latest one."""
    approved = (select(func.max(R.number)).where(R.answer_id == A.id, R.status == "approved")
                .correlate(A).scalar_subquery())
    return select(R).join(A, R.answer_id == A.id).where(
        R.number == func.coalesce(approved, A.head))


def _wanted():
    """Each answer's revision readers see and its latest one, in answer order."""
    heads = select(R.id).join(A).where(R.number == A.head)
    shown = _visible().with_only_columns(R.id)
    return select(R).where(R.id.in_(heads.union(shown))).order_by(R.answer_id, R.number)


# What get() asks on every call: which revision readers see, with its status and date.
_CURRENT = (_visible().with_only_columns(R.id, R.number, R.status, R.created_at)
           .where(A.id == bindparam("answer_id")).limit(1))


def _revision_row(s: Session, answer_id: str, number: int) -> StoredRevision | None:
    """One revision's row; None for a number no revision can have."""
    if not 1 <= number <= MAX_REVISION:
        return None
    return s.scalar(select(R).where(R.answer_id == answer_id, R.number == number))


def _advance(s: Session, answer_id: str, expected: int) -> int:
    """Compare and set the answer's head: only one writer moves it from `expected`."""
    done = s.execute(update(A).where(A.id == answer_id, A.head == expected)
                     .values(head=expected + 1).execution_options(synchronize_session=False))
    if done.rowcount != 1:
        head = s.scalar(select(A.head).where(A.id == answer_id))
        if head is None:
            raise NotFound(f"no answer '{answer_id}'")
        raise StaleRevision(answer_id, head)
    return expected + 1


def _record_step(s: Session, row: StoredRevision, target: str, actor: str, note: str = "",
                 override: str = "", failures: dict | None = None) -> None:
    """Move a revision on if its status is still the one checked, and record the step."""
    current = row.status
    done = s.execute(update(R).where(R.id == row.id, R.status == current)
                     .values(status=target).execution_options(synchronize_session=False))
    if done.rowcount != 1:  # another reviewer moved it in the meantime
        s.refresh(row)
        raise IllegalTransition(row.status, target)
    s.add(StoredStep(revision_id=row.id, from_status=current, to_status=target, actor=actor,
                     at=utcnow(), note=note, override=override, failures=failures or {}))
    s.flush()
    s.refresh(row)


def _info(row: StoredRevision, steps: list[StoredStep]) -> RevisionInfo:
    return RevisionInfo(row.answer_id, row.number, row.status, row.author, row.created_at,
                        row.source, tuple(_step(st) for st in steps))


def _step(row: StoredStep) -> ReviewStep:
    return ReviewStep(row.from_status, row.to_status, row.actor, row.at, row.note,
                      row.override, dict(row.failures or {}))
