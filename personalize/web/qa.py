"""QA pages under /qa: the readability report, its CSV and JSON, and the drill-down.

Editors sign in with an API token (`flask tokens create NAME --role ROLE`, any role); the
session keeps only the token's digest and checks it on every request, so revoking the token
signs them out. The CSV and JSON also take `Authorization: Bearer <token>`, for scripts.
QA only reads: scores are made when a revision is saved, never on a report request.
"""

from __future__ import annotations

import functools

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    g,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    session,
    stream_with_context,
    url_for,
)
from sqlalchemy.orm import Session

from personalize.core.answer import STATUSES
from personalize.core.i18n import LOCALES, N_, language_name
from personalize.core.jargon import find_jargon
from personalize.core.profiles import Target
from personalize.core.readability import METRICS
from personalize.core.rendition_html import render_html
from personalize.langtag import primary
from personalize.reports import qa_charts, qa_report
from personalize.rewriter.terms import Glossary
from personalize.store import tokens
from personalize.web import side_by_side
from personalize.web.extensions import catalog
from personalize.web.language import gettext as _
from personalize.web.language import locale
from personalize.web.urls import local_target

bp = Blueprint("qa", __name__, url_prefix="/qa")
SESSION_KEY = "qa_token"


def engine():
    """The database engine; QA reads scores and tokens from the answer store."""
    found = current_app.extensions.get("personalize.db")
    if found is None:
        abort(503, description=_("QA needs the answer store's database "
                                 "(STORE = \"database\")."))
    return found


def signed_in():
    """The live token of the editor signed in to this session (QA's sign-in), or None.

    The desk and its lexicon pages use the same session: one sign-in for all of them.
    """
    digest = session.get(SESSION_KEY)
    return tokens.by_digest(engine(), digest) if isinstance(digest, str) else None


def editor_required(bearer: bool = False):
    """Let signed-in editors through (and bearer tokens, for data); others sign in or get 401."""
    def decorate(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            found = signed_in()
            g.editor = found.name if found else None
            auth = request.authorization
            data = bearer and kwargs.get("fmt", "html") != "html"
            if g.editor is None and data and auth and auth.type == "bearer" and auth.token:
                g.editor = tokens.holder(engine(), auth.token)
            if g.editor is None:
                if data:
                    # Data is for scripts: the JSON error envelope of web.errors, not a page.
                    body = {"status": 401, "title": "Unauthorized", "detail": "Sign in at "
                            "/qa/sign-in, or send Authorization: Bearer <token>."}
                    abort(make_response(jsonify({"error": body}), 401))
                return redirect(url_for(".sign_in", next=request.full_path.rstrip("?")))
            return view(*args, **kwargs)
        return wrapped
    return decorate


@bp.after_request
def private(response):
    """Drafts and scores are for editors: never stored by shared caches or the browser."""
    response.cache_control.private = True
    response.cache_control.no_store = True
    response.vary.update(("Cookie", "Authorization"))
    if response.status_code == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="personalize QA"'
    return response


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    """Sign in with an editor API token."""
    target = local_target(request.values.get("next")) or url_for(".report")
    error = ""
    if request.method == "POST":
        token = request.form.get("token", "").strip()
        name = tokens.holder(engine(), token) if token else None
        if name:
            session.clear()  # a new session for the signed-in editor
            session[SESSION_KEY] = tokens.token_digest(token)
            return redirect(target, 303)
        error = _("That token is not valid or has been revoked.")
    status = 401 if error else 200
    return render_template("qa/sign_in.html", error=error, next=target), status


@bp.post("/sign-out")
def sign_out():
    """Forget the signed-in editor."""
    session.pop(SESSION_KEY, None)
    return redirect(url_for(".sign_in"), 303)


@bp.get("/")
def home():
    """The report is QA's front page."""
    return redirect(url_for(".report"))


@bp.get("/readability", defaults={"fmt": "html"})
@bp.get("/readability.<any(json, csv):fmt>")
@editor_required(bearer=True)
def report(fmt):
    """Every answer x profile: scores, targets, verdicts; filtered, sorted and paged."""
    cat = catalog()
    query = qa_report.Query.from_args(request.args, cat.profiles)
    # Only reads: scores are made when a revision is saved (Store._scored), never here.
    if fmt == "csv":
        return _csv(query)
    with Session(engine()) as s:
        found = qa_report.page(s, cat, query)
        data = found.as_dict(lambda args: url_for(".report", fmt=fmt, **args))
        if fmt == "json":
            return jsonify(data)
        charts = [_distribution(s, name, query.status, code)
                  for code in qa_report.languages(s, cat, query) for name in cat.profiles
                  if not query.profile or name == query.profile]
        overrides = current_app.extensions["personalize.store"].overrides()[:20]
    return render_template("qa/report.html", data=data, page=found, query=query,
                           profiles=list(cat.profiles.values()), statuses=STATUSES,
                           charts=charts, overrides=overrides, languages=_languages(),
                           columns=_columns(found, query),
                           link=lambda args: url_for(".report", **args))


def _csv(query):
    cat, eng = catalog(), engine()

    def rows():
        with Session(eng) as s:
            yield from qa_report.csv_lines(qa_report.every_row(s, cat, query))

    response = Response(stream_with_context(rows()), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="readability.csv"'
    return response


@bp.app_template_global()
def describe_target(t: dict) -> str:
    """A report row's target in the reader's language ("Grado de Flesch-Kincaid <= 8")."""
    return Target(t["metric"], t["max"], t["min"]).describe(locale())


def _columns(found: qa_report.Page, query: qa_report.Query) -> list[str]:
    """The metric columns that apply to the languages of the rows shown."""
    shown = {primary(r["language"]) for r in found.rows} or {query.language or "en"}
    return [m for m in qa_report.METRIC_COLUMNS
            if any(qa_report.applies(m, code) for code in shown)]


def _languages() -> list[str]:
    """The answer languages the report can be filtered by: the catalog's lexicons'."""
    return sorted({primary(code) for code in catalog().lexicons} | set(LOCALES))


def _distribution(s: Session, name: str, status: str, language: str):
    prof = catalog().profiles[name]
    band = score_band(prof, language)
    bins = qa_report.score_bins(s, catalog(), name, status, language, band.step)
    here = locale()
    metric = qa_report.chart_metric(language)
    title = _("%(profile)s, %(language)s: %(metric)s against the target (%(band)s)",
              profile=prof.wording(here).label, language=language_name(language, here),
              metric=_(METRIC_LABELS[metric]), band=band.describe(here))
    return {"profile": prof, "band": band, "total": sum(bins.values()), "language": language,
            "svg": qa_charts.distribution(bins, band, title, f"dist-{name}-{language}", here,
                                          METRIC_LABELS[metric])}


# Each chart metric's name as a message (the charts translate it in the reader's language).
METRIC_LABELS = {"flesch_kincaid_grade": N_("Flesch-Kincaid grade"),
                 "fernandez_huerta": N_("Fernández Huerta score (higher is easier)")}


def _detail(rendition) -> dict:
    """What the profile's detail level moved out of the main text, with its own scores."""
    found = rendition.detail_scores
    return {"text": rendition.detail_text, "scores": found.values if found else {},
            "words": found.words if found else 0,
            "sentences": [{"text": u.text, "words": u.words, "grade": u.grade}
                          for u in (found.units if found else ())],
            "moves": sum(1 for c in rendition.changes if c.what == "detail" and not c.after
                         and "moved" in c.why)}


def score_band(profile, language: str = "en") -> qa_charts.Band:
    """The profile's target on its language's chart metric, as a band on the chart."""
    metric = qa_report.chart_metric(language)
    grade = METRICS[metric].harder_when_higher
    unit, step = ("grade", 1) if grade else ("score", 10)
    for target in profile.targets_for(language):
        if target.metric == metric:
            return qa_charts.Band(target.min, target.max, unit, step)
    return qa_charts.Band(unit=unit, step=step)

@bp.get("/readability/<answer_id>/<profile>", defaults={"fmt": "html"})
@bp.get("/readability/<answer_id>/<profile>.<any(json):fmt>")
@editor_required(bearer=True)
def detail(answer_id, profile, fmt):
    """One answer for one profile: sentences, jargon, changes, facts, history, side by side."""
    cat = catalog()
    store = current_app.extensions["personalize.store"]
    prof = cat.profiles.get(profile)
    head = store.head(answer_id)
    if prof is None or head is None:
        abort(404, description=_("There is no answer “%(answer)s” or no profile “%(profile)s”.",
                                 answer=answer_id, profile=profile))
    number = request.args.get("revision", head.number, type=int)
    record = store.record(answer_id, number)
    if record is None:
        abort(404, description=_("“%(answer)s” has no revision %(number)s.", answer=answer_id,
                                 number=number))
    rendition = store.rendition(record, profile)
    hardest = {u.text for u in rendition.scores.hardest(3)}  # sentences, never headings
    lexicon = cat.lexicon(record.answer.language)
    with Session(engine()) as s:
        kept = qa_report.history(s, cat, answer_id, profile)
    info = store.revision(answer_id, number)
    language = rendition.language
    data = {
        "answer_id": answer_id, "question": record.answer.question, "revision": number,
        "status": record.status, "latest": head.number, "profile": profile,
        "language": language, "scores": rendition.scores.values,
        "words": rendition.scores.words,
        "sentences": [{"text": u.text, "words": u.words, "grade": u.grade,
                       "polysyllables": u.polysyllables, "heading": u.heading,
                       "hardest": u.text in hardest}
                      for u in rendition.scores.units],
        "targets": qa_report.target_report(rendition.targets, rendition.scores.values),
        "verdict": rendition.verdict, "reasons": list(rendition.reasons),
        "jargon": [j.as_dict() for j in find_jargon(rendition.text, lexicon, language)],
        "changes": [c.as_dict() for c in rendition.changes],
        "facts": {"checked": [f.as_dict() for f in rendition.facts.checked],
                  "missing": [f.as_dict() for f in rendition.facts.missing]},
        "invariants": rendition.invariants.as_dict(),
        "overrides": [st.as_dict() for st in info.steps if st.override] if info else [],
        "history": kept,
        "detail": _detail(rendition),
    }
    if fmt == "json":
        return jsonify(data)
    blocks = [b for b in record.answer.blocks if prof.takes(b.audiences)]
    band = score_band(prof, language)
    metric = qa_report.chart_metric(language)
    chart = qa_charts.trend(
        [(f"r{h['revision']}" + (f" ({', '.join(h['changed'])})"
                                 if h["changed"] and h["changed"] != ["edit"] else ""),
          h["score"], h["verdict"] == "pass") for h in kept], band,
        _("%(answer)s for %(profile)s: %(metric)s by revision", answer=answer_id,
          profile=prof.wording(locale()).label, metric=_(METRIC_LABELS[metric])),
        "trend", locale())
    canonical, shown = side_by_side.marked(
        render_html(record.answer, prof, blocks, Glossary()), rendition.html,
        f"pz-{answer_id}-{profile}-", _("Changed: "), _("Not shown as written: "))
    applicable = [m for m in qa_report.METRIC_COLUMNS if m in rendition.scores.values]
    return render_template(
        "qa/detail.html", data=data, profile=prof, rendition=rendition, chart=chart,
        canonical=canonical, shown=shown, band=band, metric=metric, metrics=applicable,
        revisions=store.revisions(answer_id), profiles=list(cat.profiles.values()))
