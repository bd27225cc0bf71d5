"""Stored renditions: one per (revision, profile, locale, profile, lexicon and renderer
versions).

A change to a profile file or a lexicon changes its version, and so does a change to the
rendering code (a deploy that fixes a rewrite must not keep serving what the old code made):
what was stored under the old versions no longer matches. Readers get a fresh rendition
(made and stored on first read), and `flask rerender` builds the rest ahead of them and
drops the old rows.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markupsafe import escape
from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from personalize.core.answer import Answer
from personalize.core.catalog import Catalog
from personalize.core.facts import FactCheck
from personalize.core.markdown import inline_to_text
from personalize.core.profiles import Profile
from personalize.core.readability import Scores
from personalize.core.render import Rendition, render
from personalize.core.rendition_html import render_html
from personalize.core.shared import Shared
from personalize.langtag import primary
from personalize.rewriter.lexicon import Lexicon
from personalize.rewriter.terms import Glossary
from personalize.store.models import StoredRendition, StoredRevision, StoredScore, utcnow
from personalize.store.rendition_codec import from_data, to_data

S = StoredRendition
SCORED = ("flesch_kincaid_grade", "smog_index", "flesch_reading_ease", "gunning_fog",
          "coleman_liau_index", "dale_chall_readability_score", "fernandez_huerta",
          "szigriszt_pazos", "reading_time_s")
PACKAGE = Path(__file__).resolve().parents[1]
RENDERING_LAYERS = ("core", "rewriter")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Staleness:
    """Renditions to build (answer id, revision, profile) and stored ones to drop (row ids)."""

    missing: tuple[tuple[str, int, str], ...]
    outdated: tuple[int, ...]


@lru_cache(maxsize=1)
def renderer_version() -> str:
    """A digest of the rendering layers' code and data: any change may change a rendition.

    Coarse on purpose: every file under core/ and rewriter/ counts, so a new module in the
    rendering path cannot be forgotten, and rendering everything again costs milliseconds per
    rendition. The store, reports, web and commands cannot change a rendition.
    """
    digest = hashlib.sha256()
    files = (p for layer in RENDERING_LAYERS for p in (PACKAGE / layer).rglob("*")
             if p.is_file() and "__pycache__" not in p.parts)
    for path in sorted(files):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def render_safely(answer: Answer, profile: Profile, lexicon: Lexicon,
                  shared: Shared | None = None) -> Rendition:
    """render(), except that an error in rendering gives a failing rendition saying so.

    Such a rendition is stored like any other, so a request never starts the failed work
    again; it shows the answer as written (not rewritten for this reader), and its reason
    tells QA and the reviewer what happened. A fix to the rendering code changes the
    renderer version, and so renders it again.
    """
    try:
        return render(answer, profile, lexicon, shared)
    except Exception as exc:  # noqa: BLE001 - any failure is reported in the rendition
        log.exception("rendering %s for %s failed", answer.id, profile.name)
        return failed_rendition(answer, profile, lexicon, exc)


def render_each(answer: Answer, profiles: Iterable[Profile], lexicon: Lexicon) -> list[Rendition]:
    """render_safely for each profile, sharing what render_all shares."""
    shared = Shared()
    return [render_safely(answer, p, lexicon, shared) for p in profiles]


def failed_rendition(answer: Answer, profile: Profile, lexicon: Lexicon,
                     error: BaseException) -> Rendition:
    """The failing rendition of an answer whose rendering raised `error`: the text as written."""
    language = primary(answer.language)
    blocks = [b for b in answer.blocks if profile.takes(b.audiences)]
    text = "\n".join(inline_to_text(t) for b in blocks for t in b.inline_texts())
    try:
        html = render_html(answer, profile, blocks, Glossary())
    except Exception:  # noqa: BLE001 - the plain text, escaped, is still something to show
        html = "".join(f"<p>{escape(line)}</p>" for line in text.split("\n"))
    reason = (f"rendering failed ({type(error).__name__}); the answer is shown as written, "
              "not rewritten for this reader. Shorten or split the sentences that are "
              "unusually long or repetitive, or report it if the text is ordinary.")
    return Rendition(
        answer_id=answer.id, profile=profile.name, language=language,
        question=answer.question, html=html, text=text, scores=Scores({}, 0, 0, ()),
        targets=profile.targets_for(language), verdict="fail", reasons=(reason,),
        facts=FactCheck((), ()), changes=(),
        versions={"profile": profile.version, "lexicon": lexicon.version,
                  "sentence_limit": 0, "failed": type(error).__name__})


def versions(catalog: Catalog, profile: str, locale: str) -> tuple[str, str, str] | None:
    """The current (profile, lexicon, renderer) versions; None for an unknown profile."""
    found = catalog.profiles.get(profile)
    if found is None:
        return None
    return found.version, catalog.lexicon(locale).version, renderer_version()


def find(s: Session, revision_where: tuple, profile: str, locale: str,
         current: tuple[str, str, str]) -> Rendition | None:
    """The stored rendition of the revision matching `revision_where`, if there is one."""
    data = s.scalar(select(S.data).join(StoredRevision).where(
        *revision_where, S.profile == profile, S.locale == locale,
        S.profile_version == current[0], S.lexicon_version == current[1],
        S.renderer_version == current[2]))
    return from_data(data) if data is not None else None


def keep(s: Session, revision_id: int, locale: str, made: list[Rendition]) -> None:
    """Store renditions and their scores; one stored by another process meanwhile is kept."""
    insert = pg_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert
    for r in made:
        key = dict(revision_id=revision_id, profile=r.profile, locale=locale,
                   profile_version=r.versions["profile"], lexicon_version=r.versions["lexicon"],
                   renderer_version=renderer_version(), verdict=r.verdict, created_at=utcnow())
        s.execute(insert(S).values(**key, data=to_data(r)).on_conflict_do_nothing())
        s.execute(insert(StoredScore).values(**key, **score_columns(r)).on_conflict_do_nothing())


def score_columns(r: Rendition) -> dict:
    """A rendition's scores as the columns of the scores table (QA sorts and filters on them)."""
    values = r.scores.values
    return {**{m: values.get(m, 0.0) for m in SCORED}, "words": r.scores.words,
            "sentences": r.scores.sentences, "facts_checked": len(r.facts.checked),
            "facts_missing": len(r.facts.missing), "reasons": list(r.reasons),
            "hardest": [{"text": u.text, "grade": u.grade} for u in r.scores.hardest(3)],
            "detail_words": r.detail_scores.words if r.detail_scores else 0,
            "detail_grade": r.detail_scores.values.get("flesch_kincaid_grade")
            if r.detail_scores else None}


def staleness(s: Session, catalog: Catalog, wanted: list[tuple[int, str, int, str]]) -> Staleness:
    """For revisions (row id, answer id, number, locale): what to build and what to drop."""
    stored = s.execute(select(S.id, S.revision_id, S.profile, S.locale, S.profile_version,
                              S.lexicon_version, S.renderer_version)).all()
    have = {tuple(r[1:]) for r in stored}
    missing = tuple((answer_id, number, name)
                    for row_id, answer_id, number, locale in wanted
                    for name in catalog.profiles
                    if (row_id, name, locale, *versions(catalog, name, locale)) not in have)
    outdated = tuple(r.id for r in stored if versions(catalog, r.profile, r.locale)
                     != (r.profile_version, r.lexicon_version, r.renderer_version))
    return Staleness(missing, outdated)


def drop(s: Session, ids: tuple[int, ...]) -> int:
    """Delete stored renditions by row id; return how many went."""
    return s.execute(delete(S).where(S.id.in_(ids))).rowcount if ids else 0
