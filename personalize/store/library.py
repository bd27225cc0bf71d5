"""Where reader-facing surfaces get answers from: a read interface over stored answers.

Pages, embeds, QA reports and exports read through a Library and never care where the
answers live. FolderLibrary reads a folder of Markdown files (tests, `report PATH`, static
export of a content repository); the database store implements the same interface.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Hashable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Protocol

from personalize.core.answer import Answer, load_answer
from personalize.core.catalog import Catalog
from personalize.core.render import Rendition
from personalize.errors import SourceError
from personalize.store.renditions import render_safely


@dataclass(frozen=True)
class Record:
    """One revision of an answer as readers get it."""

    answer: Answer
    revision: int
    status: str
    updated: dt.date | None
    source_text: str

    @cached_property
    def etag(self) -> str:
        """A strong validator for this revision's source (computed once per record)."""
        return hashlib.sha256(self.source_text.encode("utf-8")).hexdigest()[:20]

    @property
    def approved(self) -> bool:
        """Whether a reviewer has approved this revision."""
        return self.status == "approved"


class Library(Protocol):
    """The read side every surface uses."""

    catalog: Catalog  # the profiles and lexicons it renders with

    def ids(self) -> list[str]:
        """Ids of every answer readers can see, in display order."""

    def get(self, answer_id: str) -> Record | None:
        """The revision readers see: the latest approved one, else the latest one."""

    def rendition(self, record: Record, profile: str) -> Rendition:
        """The record rendered for a profile (cached or materialized by the library)."""

    def version(self) -> Hashable | None:
        """A value that moves whenever what readers see may have changed; None when the
        library cannot tell (then nothing may be kept on its word)."""


class FolderLibrary:
    """Answers read from a folder of Markdown files; files that fail to parse are skipped."""

    def __init__(self, folder: str | Path, catalog: Catalog):
        self.folder = Path(folder)
        self.catalog = catalog
        self.errors: list[SourceError] = []
        self._records: dict[str, Record] = {}
        self._renditions: dict[tuple[str, str], Rendition] = {}
        for path in sorted(self.folder.glob("*.md")):
            try:
                answer = load_answer(path, catalog.audiences)
            except SourceError as exc:
                self.errors.append(exc)
                continue
            self._records[answer.id] = Record(answer, 1, answer.status, answer.updated,
                                              path.read_text(encoding="utf-8"))

    def ids(self) -> list[str]:
        """Ids in question order."""
        return sorted(self._records, key=lambda i: self._records[i].answer.question.lower())

    def get(self, answer_id: str) -> Record | None:
        """The one revision a file holds."""
        return self._records.get(answer_id)

    def version(self) -> int:
        """Always the same: the folder is read once."""
        return 0

    def rendition(self, record: Record, profile: str) -> Rendition:
        """Render once per (answer, profile) and keep it."""
        key = (record.answer.id, profile)
        if key not in self._renditions:
            self._renditions[key] = render_safely(record.answer,
                                                  self.catalog.profiles[profile],
                                                  self.catalog.lexicon(record.answer.language))
        return self._renditions[key]
