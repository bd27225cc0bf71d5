"""The answer store's tables: answers, revisions, review steps, renditions, API tokens and
the site's lexicon entries.

The schema is owned by the Alembic migrations in personalize/migrations; a test checks that
these models and the migrations agree.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    DateTime,
    Float,
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Named constraints, so later migrations can alter them on SQLite (batch mode) too.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    """The current time, timezone-aware in UTC."""
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC and read back timezone-aware on every database."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use an aware one in UTC")
        return value.astimezone(dt.UTC) if value is not None else None

    def process_result_value(self, value, dialect):
        # SQLite keeps no zone: what it gives back was written in UTC.
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value


class Base(DeclarativeBase):
    """Declarative base with the naming convention and UTC timestamps."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dt.datetime: UTCDateTime}


class StoredAnswer(Base):
    """One question's canonical answer; `head` is the number of its latest revision."""

    __tablename__ = "answers"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    # Saving compares and sets this counter, so two writers can never both win one revision.
    head: Mapped[int]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class StoredRevision(Base):
    """One saved source of an answer; never updated except for its review status."""

    __tablename__ = "revisions"
    __table_args__ = (
        UniqueConstraint("answer_id", "number"),
        Index("ix_revisions_answer_status", "answer_id", "status", "number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[str] = mapped_column(ForeignKey("answers.id"))
    number: Mapped[int]
    source: Mapped[str] = mapped_column(Text)
    # Parsed from the source at save time, for listing answers without parsing each one.
    question: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    status: Mapped[str] = mapped_column(String(20))


class StoredStep(Base):
    """One review step of a revision: who moved it from which status to which, and when."""

    __tablename__ = "review_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("revisions.id"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(200))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")
    # An approval given although the gate failed: the written reason, and what failed.
    override: Mapped[str] = mapped_column(Text, default="")
    failures: Mapped[dict] = mapped_column(JSON, default=dict)


class _RenditionKey:
    """What a rendition is keyed by: a revision, a profile and locale, and the versions of the
    profile, lexicon and rendering code that produced it; and its verdict."""

    id: Mapped[int] = mapped_column(primary_key=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("revisions.id"))
    profile: Mapped[str] = mapped_column(String(100))
    locale: Mapped[str] = mapped_column(String(20))
    profile_version: Mapped[str] = mapped_column(String(64))
    lexicon_version: Mapped[str] = mapped_column(String(64))
    renderer_version: Mapped[str] = mapped_column(String(64))
    verdict: Mapped[str] = mapped_column(String(10))


class StoredRendition(_RenditionKey, Base):
    """A revision rendered for one profile and locale by given profile, lexicon and code."""

    __tablename__ = "renditions"
    __table_args__ = (
        UniqueConstraint("revision_id", "profile", "locale", "profile_version",
                         "lexicon_version", "renderer_version", name="uq_renditions_key"),
    )

    data: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class StoredScore(_RenditionKey, Base):
    """A rendition's readability scores as columns: kept when renditions are pruned, for QA.

    Keyed like renditions, so each revision keeps a row per profile, lexicon and renderer
    version it was scored under: a regression after an edit or a version change shows.
    """

    __tablename__ = "scores"
    __table_args__ = (
        UniqueConstraint("revision_id", "profile", "locale", "profile_version",
                         "lexicon_version", "renderer_version", name="uq_scores_key"),
        Index("ix_scores_profile_verdict", "profile", "verdict"),
        Index("ix_scores_grade", "flesch_kincaid_grade"),
    )

    flesch_kincaid_grade: Mapped[float] = mapped_column(Float)
    smog_index: Mapped[float] = mapped_column(Float)
    flesch_reading_ease: Mapped[float] = mapped_column(Float)
    gunning_fog: Mapped[float] = mapped_column(Float)
    coleman_liau_index: Mapped[float] = mapped_column(Float)
    dale_chall_readability_score: Mapped[float] = mapped_column(Float)
    fernandez_huerta: Mapped[float] = mapped_column(Float, server_default="0")  # Spanish
    szigriszt_pazos: Mapped[float] = mapped_column(Float, server_default="0")  # Spanish
    reading_time_s: Mapped[float] = mapped_column(Float)
    words: Mapped[int]
    sentences: Mapped[int]
    facts_checked: Mapped[int]
    facts_missing: Mapped[int]
    reasons: Mapped[list] = mapped_column(JSON)
    hardest: Mapped[list] = mapped_column(JSON)  # the three hardest sentences and grades
    # what the profile's detail level moved out of the main text (core.detail)
    detail_words: Mapped[int] = mapped_column(server_default="0")
    detail_grade: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ApiToken(Base):
    """A bearer token of the editor API, kept only as its SHA-256 digest."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    # What the holder may do: author (write), reviewer (and review), admin (everything).
    role: Mapped[str] = mapped_column(String(20), server_default="admin")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[dt.datetime | None]


class SiteEntry(Base):
    """One version of a lexicon entry written on the desk (personalize.store.site_lexicon).

    Never edited but for its status (proposed, accepted, rejected), each change a step with
    who and when; a changed entry is a new version (number) of the same word.
    """

    __tablename__ = "site_lexicon"
    __table_args__ = (UniqueConstraint("language", "key", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    language: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(200))  # the word lower-cased: its versions share it
    number: Mapped[int]
    section: Mapped[str] = mapped_column(String(10))  # "terms" or "swaps", as in the files
    entry: Mapped[dict] = mapped_column(JSON)  # the entry's fields, as a file writes them
    author: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    status: Mapped[str] = mapped_column(String(20))


class SiteEntryStep(Base):
    """One review step of a site lexicon entry: who moved it to which status, when and why."""

    __tablename__ = "site_lexicon_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("site_lexicon.id"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(200))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")
