"""The readability report as data: one row per answer and profile, filtered, sorted, paged.

Rows come from the scores table (one row per stored rendition, under the current profile,
lexicon and renderer versions) for each answer's latest revision, so filters, sorting and
paging run in SQL and a page of a 10,000-answer report costs one page of rows. Rows for
files (the `report PATH` command) are built from renditions with the same keys: one dict,
rendered as HTML, JSON, CSV or a table by whoever asked.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace

from sqlalchemy import Integer, and_, case, cast, exists, func, or_, select
from sqlalchemy.orm import Session

from personalize.core.answer import STATUSES
from personalize.core.catalog import Catalog
from personalize.core.readability import METRICS
from personalize.core.render import Rendition
from personalize.langtag import primary
from personalize.store.models import StoredAnswer, StoredRevision, StoredScore, StoredStep
from personalize.store.renditions import SCORED, renderer_version, score_columns

A, R, Sc = StoredAnswer, StoredRevision, StoredScore
METRIC_COLUMNS = SCORED[:-1]  # the formulas; reading time is listed with the counts
CSV_FIELDS = ("answer_id", "question", "language", "revision", "status", "profile",
              *METRIC_COLUMNS,
              "words", "sentences", "reading_time_s", "targets", "verdict", "facts_checked",
              "facts_missing", "detail_words", "detail_grade", "override", "previous_grade",
              "reasons")


def _in_languages(languages) -> object:
    """SQL condition: a score's locale is one of these languages (or a region of one)."""
    return or_(*(c for code in languages
                 for c in (Sc.locale == code, Sc.locale.like(f"{code}-%"))))


def _metric_column(metric: str):
    """A metric's column, NULL where the metric does not apply to the row's language
    (the table keeps 0 there), so sorting puts those rows last rather than first."""
    column = getattr(Sc, metric)
    found = METRICS.get(metric)
    return column if found is None else case((_in_languages(found.languages), column))


SORTS = {
    "answer": R.answer_id, "question": func.lower(R.question), "revision": R.number,
    "status": R.status, "profile": Sc.profile, "language": Sc.locale, "verdict": Sc.verdict,
    **{m: _metric_column(m) for m in SCORED},
    "words": Sc.words, "sentences": Sc.sentences, "facts": Sc.facts_missing,
    "detail": Sc.detail_words,
}
PER_PAGE, MAX_PER_PAGE = 50, 500
SHORT = {"flesch_kincaid_grade": "FK", "smog_index": "SMOG", "flesch_reading_ease": "Ease",
         "gunning_fog": "Fog", "coleman_liau_index": "CL", "dale_chall_readability_score": "DC",
         "fernandez_huerta": "FH", "szigriszt_pazos": "SzP"}


@dataclass(frozen=True)
class Query:
    """What the reader of a report asked for: filters, sort order and page."""

    profile: str = ""
    status: str = ""
    language: str = ""  # an answer language ("en", "es"); "" for every language
    failing: bool = False
    sort: str = "answer"
    descending: bool = False
    page: int = 1
    per_page: int = PER_PAGE

    @classmethod
    def from_args(cls, args: Mapping, profiles: Iterable[str]) -> Query:
        """A query from request arguments; anything unknown falls back to the default.

        >>> Query.from_args({"sort": "-smog_index", "page": "x", "failing": "1"}, ["patient"])
        Query(profile='', status='', language='', failing=True, sort='smog_index', \
descending=True, page=1, per_page=50)
        >>> Query.from_args({"language": "es-MX"}, []).language, Query.from_args({"language": \
"x'"}, []).language
        ('es', '')
        """
        sort = str(args.get("sort", "answer"))
        descending = sort.startswith("-")
        sort = sort.lstrip("-")
        profile, status = str(args.get("profile", "")), str(args.get("status", ""))
        return cls(
            profile=profile if profile in set(profiles) else "",
            status=status if status in STATUSES else "",
            language=language_code(args.get("language")),
            failing=str(args.get("failing", "")) in ("1", "true", "on", "yes"),
            sort=sort if sort in SORTS else "answer", descending=descending and sort in SORTS,
            page=max(1, _int(args.get("page"), 1)),
            per_page=min(MAX_PER_PAGE, max(1, _int(args.get("per_page"), PER_PAGE))))

    def args(self, **changes) -> dict:
        """Request arguments for this query with some changed, defaults left out."""
        q = replace(self, **changes)
        out = {"profile": q.profile, "status": q.status, "language": q.language,
               "failing": "1" if q.failing else "",
               "sort": ("-" if q.descending else "") + q.sort if q.sort != "answer"
               or q.descending else "", "page": q.page if q.page != 1 else "",
               "per_page": q.per_page if q.per_page != PER_PAGE else ""}
        return {k: v for k, v in out.items() if v != ""}

    def sorted_by(self, key: str) -> dict:
        """Arguments to sort by a column: ascending first, descending when already so."""
        return self.args(sort=key, descending=self.sort == key and not self.descending,
                         page=1)


@dataclass(frozen=True)
class Page:
    """One page of report rows, how many rows match, and renditions not yet scored."""

    rows: tuple[dict, ...]
    total: int
    query: Query
    unscored: int = 0

    @property
    def pages(self) -> int:
        """How many pages the matching rows fill (at least one)."""
        return max(1, -(-self.total // self.query.per_page))

    def as_dict(self, link: Callable[[dict], str]) -> dict:
        """The page as JSON-ready data; `link` turns query arguments into a URL."""
        q = self.query
        return {"rows": list(self.rows), "total": self.total, "page": q.page,
                "pages": self.pages, "per_page": q.per_page, "unscored": self.unscored,
                "filters": {"profile": q.profile, "status": q.status, "language": q.language,
                            "failing": q.failing},
                "sort": ("-" if q.descending else "") + q.sort,
                "next": link(q.args(page=q.page + 1)) if q.page < self.pages else None,
                "prev": link(q.args(page=q.page - 1)) if q.page > 1 else None}


def current(catalog: Catalog):
    """SQL condition: a score made under the current profile, lexicon and renderer versions."""
    # Lexicon versions are digests of their files, so matching any current one is exact.
    lexicons = {lex.version for lex in catalog.lexicons.values()} | {"none"}
    profiles = [and_(Sc.profile == name, Sc.profile_version == p.version)
                for name, p in catalog.profiles.items()]
    return and_(or_(*profiles), Sc.lexicon_version.in_(lexicons),
                Sc.renderer_version == renderer_version())


def _scored(catalog: Catalog, query: Query):
    """Latest revisions joined to their current scores, with the query's filters."""
    stmt = (select(R.id, R.answer_id, R.number, R.status, R.question, Sc)
            .join(A, and_(A.id == R.answer_id, A.head == R.number))
            .join(Sc, and_(Sc.revision_id == R.id, current(catalog))))
    if query.profile:
        stmt = stmt.where(Sc.profile == query.profile)
    if query.status:
        stmt = stmt.where(R.status == query.status)
    if query.language:
        stmt = stmt.where(or_(Sc.locale == query.language, Sc.locale.like(f"{query.language}-%")))
    if query.failing:
        stmt = stmt.where(Sc.verdict == "fail")
    return stmt


def page(s: Session, catalog: Catalog, query: Query) -> Page:
    """One page of the report, with the total and the count of renditions still unscored."""
    stmt = _scored(catalog, query)
    total = s.scalar(select(func.count()).select_from(stmt.subquery()))
    found = s.execute(_ordered(stmt, query).limit(query.per_page)
                      .offset((query.page - 1) * query.per_page)).all()
    rows = _with_context(s, catalog, found)
    return Page(tuple(rows), total, query, unscored_count(s, catalog, query.profile))


def every_row(s: Session, catalog: Catalog, query: Query, chunk: int = 1000) -> Iterator[dict]:
    """Every matching row in the query's order, streamed a chunk at a time (CSV, CLI)."""
    result = s.execute(_ordered(_scored(catalog, query), query),
                       execution_options={"yield_per": chunk})
    for part in result.partitions():
        yield from _with_context(s, catalog, part)


def _ordered(stmt, query: Query):
    column = SORTS[query.sort]
    order = (column.desc() if query.descending else column.asc()).nulls_last()
    return stmt.order_by(order, R.answer_id, Sc.profile)


def _with_context(s: Session, catalog: Catalog, found) -> list[dict]:
    """Rows with their approval overrides and the grade each had before."""
    ids = [r.id for r in found]
    overrides = dict(s.execute(select(StoredStep.revision_id, StoredStep.override)
                               .where(StoredStep.revision_id.in_(ids), StoredStep.override != "")
                               .order_by(StoredStep.id)).all()) if ids else {}
    before = _previous(s, found)
    return [_row(r.answer_id, r.question, r.number, r.status, r.StoredScore, catalog,
                 overrides.get(r.id, ""), before.get((r.answer_id, r.StoredScore.id)))
            for r in found]


def _previous(s: Session, found) -> dict:
    """For each row: the grade of the score made before it for the same answer and profile."""
    if not found:
        return {}
    answers = {r.answer_id for r in found}
    history = s.execute(select(R.answer_id, Sc.profile, Sc.id, Sc.flesch_kincaid_grade)
                        .join(Sc, Sc.revision_id == R.id).where(R.answer_id.in_(answers))
                        .order_by(R.number, Sc.created_at, Sc.id)).all()
    out, last = {}, {}
    for answer_id, profile, score_id, grade in history:
        out[(answer_id, score_id)] = last.get((answer_id, profile))
        last[(answer_id, profile)] = grade
    return out


def applies(metric: str, language: str) -> bool:
    """Whether a metric is computed for text in a language (reading time is for every one).

    >>> applies("flesch_kincaid_grade", "es-MX"), applies("fernandez_huerta", "es")
    (False, True)
    >>> applies("reading_time_s", "es")
    True
    """
    found = METRICS.get(metric)
    return found is None or primary(language) in found.languages


def chart_metric(language: str) -> str:
    """The metric a language's charts draw: the first one scored in it.

    >>> chart_metric("en"), chart_metric("es-MX")
    ('flesch_kincaid_grade', 'fernandez_huerta')
    """
    return next(name for name in METRICS if applies(name, language))


def _values(source: Mapping, language: str) -> dict:
    """The row's metric values; None (a blank cell) where the metric does not apply."""
    return {m: source[m] if applies(m, language) else None for m in SCORED}


def _row(answer_id, question, number, status, sc: StoredScore, catalog: Catalog,
         override: str = "", previous: float | None = None) -> dict:
    values = _values({m: getattr(sc, m) for m in SCORED}, sc.locale)
    prof = catalog.profiles.get(sc.profile)
    targets = prof.targets_for(sc.locale) if prof else ()
    return {"answer_id": answer_id, "question": question, "language": sc.locale,
            "revision": number, "status": status, "profile": sc.profile, **values,
            "words": sc.words,
            "sentences": sc.sentences, "targets": target_report(targets, values),
            "verdict": sc.verdict, "facts_checked": sc.facts_checked,
            "facts_missing": sc.facts_missing, "reasons": list(sc.reasons),
            "hardest": list(sc.hardest), "override": override,
            "detail_words": sc.detail_words, "detail_grade": sc.detail_grade,
            "previous_grade": previous if applies("flesch_kincaid_grade", sc.locale) else None,
            "scored_at": sc.created_at.isoformat(timespec="seconds")}


def target_report(targets, values: Mapping, locale: str = "en") -> list[dict]:
    """Each target with the value it was checked against and whether it was met."""
    return [{"metric": t.metric, "target": t.describe(locale), "short": _short(t),
             "max": t.max, "min": t.min, "value": values.get(t.metric),
             "met": values.get(t.metric) is not None and t.check(values[t.metric])}
            for t in targets]


def rendition_row(r: Rendition, revision: int, status: str, source: str = "") -> dict:
    """A report row for a rendition made outside the database (answer files)."""
    cols = score_columns(r)
    values = _values(cols, r.language)
    row = {"answer_id": r.answer_id, "question": r.question, "language": r.language,
           "revision": revision,
           "status": status, "profile": r.profile, **values, "words": cols["words"],
           "sentences": cols["sentences"], "targets": target_report(r.targets, values),
           "verdict": r.verdict, "facts_checked": cols["facts_checked"],
           "facts_missing": cols["facts_missing"], "reasons": cols["reasons"],
           "hardest": cols["hardest"], "override": "", "previous_grade": None,
           "detail_words": cols["detail_words"], "detail_grade": cols["detail_grade"]}
    return {"source": source, **row} if source else row


def language_code(value) -> str:
    """A language filter's primary subtag, or "" for anything that is not one.

    >>> language_code("es-MX"), language_code("x'"), language_code(None)
    ('es', '', '')
    """
    code = primary(str(value or ""))
    return code if len(code) == 2 and code.isalpha() else ""


def _short(target) -> str:
    name = SHORT.get(target.metric, target.metric)
    bounds = [f"≥ {target.min:g}"] if target.min is not None else []
    bounds += [f"≤ {target.max:g}"] if target.max is not None else []
    return f"{name} {' '.join(bounds)}"


def violations(row: dict) -> list[str]:
    """What fails in a row, each naming answer, profile, target, value and worst sentences."""
    where = f"{row['answer_id']} ({row['profile']})"
    worst = "; ".join(f'"{h["text"]}" (grade {h["grade"]})' for h in row["hardest"][:2])
    out = [f"{where}: {t['target']} not met, value {t['value']}; worst sentences: {worst}"
           for t in row["targets"] if not t["met"]]
    out += [f"{where}: {r}" for r in row["reasons"] if r.startswith("fact lost")]
    return out


def csv_lines(rows: Iterable[dict]) -> Iterator[str]:
    """The rows as CSV, a line at a time; text cells cannot start a spreadsheet formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_FIELDS)
    for row in rows:
        writer.writerow([_cell(row, f) for f in CSV_FIELDS])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def _cell(row: dict, name: str):
    value = row.get(name)
    if name == "targets":
        value = "; ".join(f"{t['target']}: {t['value']} ({'met' if t['met'] else 'missed'})"
                          for t in value)
    elif name == "reasons":
        value = " | ".join(value)
    elif value is None:
        value = ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        value = "'" + value
    return value


def unscored(s: Session, catalog: Catalog, limit: int | None = None,
             profile: str = "") -> list[tuple[str, int, str]]:
    """Latest revisions with no score under current versions: (answer id, number, profile)."""
    out: list[tuple[str, int, str]] = []
    for name in [profile] if profile else list(catalog.profiles):
        stmt = _unscored(catalog, name).with_only_columns(R.answer_id, R.number)
        stmt = stmt.order_by(R.answer_id)
        if limit is not None:
            stmt = stmt.limit(limit - len(out))
        out.extend((a, n, name) for a, n in s.execute(stmt).all())
        if limit is not None and len(out) >= limit:
            break
    return out


def unscored_count(s: Session, catalog: Catalog, profile: str = "") -> int:
    """How many latest revisions x profiles have no score under current versions."""
    return sum(s.scalar(_unscored(catalog, name).with_only_columns(func.count())) or 0
               for name in ([profile] if profile else catalog.profiles))


def _unscored(catalog: Catalog, profile: str):
    scored = exists().where(Sc.revision_id == R.id, Sc.profile == profile, current(catalog))
    return select(R.id).join(A, and_(A.id == R.answer_id, A.head == R.number)).where(~scored)


def languages(s: Session, catalog: Catalog, query: Query) -> list[str]:
    """The answer languages among the rows a query matches (the filter's, when it has one)."""
    if query.language:
        return [query.language]
    found = s.scalars(_scored(catalog, replace(query, page=1)).with_only_columns(
        Sc.locale).distinct()).all()
    return sorted({primary(code) for code in found})


def score_bins(s: Session, catalog: Catalog, profile: str, status: str = "",
               language: str = "en", width: int = 1) -> dict[int, int]:
    """How many latest revisions in a language score each bin of its chart metric for a
    profile: whole Flesch-Kincaid grades, or Fernandez Huerta scores in tens (width=10)."""
    value = getattr(Sc, chart_metric(language)) / width
    # SQLite's CAST truncates; PostgreSQL's rounds, so it is given the floor to cast
    value = cast(value if s.get_bind().dialect.name == "sqlite" else func.floor(value), Integer)
    stmt = _scored(catalog, Query(profile=profile, status=status, language=language)
                   ).with_only_columns(value, func.count()).group_by(value)
    bins: dict[int, int] = {}
    for found, count in s.execute(stmt).all():
        low = max(0, found * width)
        bins[low] = bins.get(low, 0) + count
    return bins


def history(s: Session, catalog: Catalog, answer_id: str, profile: str) -> list[dict]:
    """Every score kept for an answer and profile, oldest first, with what changed.

    `score` is the answer language's chart metric (the Flesch-Kincaid grade, or Fernandez
    Huerta for Spanish); a regression is a score half a grade harder (five points on an ease
    scale) or a pass turned fail.
    """
    rows = s.execute(select(R.number, R.status, Sc).join(Sc, Sc.revision_id == R.id)
                     .where(R.answer_id == answer_id, Sc.profile == profile)
                     .order_by(R.number, Sc.created_at, Sc.id)).all()
    live = set(s.scalars(select(Sc.id).join(R, Sc.revision_id == R.id)
                         .where(R.answer_id == answer_id, current(catalog))).all())
    out: list[dict] = []
    for number, status, sc in rows:
        prev = out[-1] if out else None
        why = []
        if prev and prev["revision"] != number:
            why.append("edit")
        if prev and prev["profile_version"] != sc.profile_version:
            why.append("profile")
        if prev and prev["lexicon_version"] != sc.lexicon_version:
            why.append("lexicon")
        if prev and prev["renderer_version"] != sc.renderer_version:
            why.append("rendering code")
        metric = chart_metric(sc.locale)
        score = getattr(sc, metric)
        harder = METRICS[metric].harder_when_higher
        worse = prev is not None and ((score - prev["score"]) * (1 if harder else -1)
                                      > (0.5 if harder else 5))
        values = _values({m: getattr(sc, m) for m in SCORED}, sc.locale)
        out.append({
            "revision": number, "status": status, "scored_at": sc.created_at.isoformat(
                timespec="seconds"), "profile_version": sc.profile_version,
            "lexicon_version": sc.lexicon_version, "renderer_version": sc.renderer_version,
            "language": sc.locale, "metric": metric, "score": score,
            "grade": values["flesch_kincaid_grade"], "smog_index": values["smog_index"],
            "fernandez_huerta": values["fernandez_huerta"], "verdict": sc.verdict,
            "current": sc.id in live, "changed": why,
            "regression": worse or (prev is not None and prev["verdict"] == "pass"
                                    and sc.verdict == "fail")})
    return out


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
