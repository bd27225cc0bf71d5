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
from personalize.core.jargon import find_jargon
from personalize.core.profiles import Target
from personalize.core.rendition_html import render_html
from personalize.reports import qa_charts, qa_report
from personalize.rewriter.terms import Glossary
from personalize.store import tokens
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


def _live(digest: str | None) -> str | None:
    found = tokens.by_digest(engine(), digest) if isinstance(digest, str) else None
    return found.name if found else None


def editor_required(bearer: bool = False):
    """Let signed-in editors through (and bearer tokens, for data); others sign in or get 401."""
    def decorate(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            g.editor = _live(session.get(SESSION_KEY))
            auth = request.authorization
            data = bearer and kwargs.get("fmt", "html") != "html"
            if g.editor is None and data and auth and auth.type == "bearer" and auth.token:
                g.editor = tokens.holder(engine(), auth.token)
            if g.editor is None:
                if data:
                    # Data is for scripts: the JSON error envelope of web_errors, not a page.
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
        charts = [_distribution(s, name, query.status) for name in cat.profiles
                  if not query.profile or name == query.profile]
        overrides = current_app.extensions["personalize.store"].overrides()[:20]
    return render_template("qa/report.html", data=data, page=found, query=query,
                           profiles=list(cat.profiles.values()), statuses=STATUSES,
                           charts=charts, overrides=overrides,
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


def _distribution(s: Session, name: str, status: str):
    prof = catalog().profiles[name]
    band = grade_band(prof)
    bins = qa_report.grade_bins(s, catalog(), name, status)
    here = locale()
    title = _("%(profile)s: Flesch-Kincaid grades against the target (%(band)s)",
              profile=prof.wording(here).label, band=band.describe(here))
    return {"profile": prof, "band": band, "total": sum(bins.values()),
            "svg": qa_charts.distribution(bins, band, title, f"dist-{name}", here)}


def grade_band(profile) -> qa_charts.Band:
    """The profile's Flesch-Kincaid target as a band on the chart."""
    for target in profile.targets:
        if target.metric == "flesch_kincaid_grade":
            return qa_charts.Band(target.min, target.max)
    return qa_charts.Band()


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
    hardest = {u.text for u in rendition.scores.hardest(3)}
    lexicon = cat.lexicon(record.answer.language)
    with Session(engine()) as s:
        kept = qa_report.history(s, cat, answer_id, profile)
    info = store.revision(answer_id, number)
    data = {
        "answer_id": answer_id, "question": record.answer.question, "revision": number,
        "status": record.status, "latest": head.number, "profile": profile,
        "scores": rendition.scores.values, "words": rendition.scores.words,
        "sentences": [{"text": u.text, "words": u.words, "grade": u.grade,
                       "polysyllables": u.polysyllables, "hardest": u.text in hardest}
                      for u in rendition.scores.units],
        "targets": qa_report.target_report(rendition.targets, rendition.scores.values),
        "verdict": rendition.verdict, "reasons": list(rendition.reasons),
        "jargon": [j.as_dict() for j in find_jargon(rendition.text, lexicon,
                                                      rendition.language)],
        "changes": [c.as_dict() for c in rendition.changes],
        "facts": {"checked": [f.as_dict() for f in rendition.facts.checked],
                  "missing": [f.as_dict() for f in rendition.facts.missing]},
        "overrides": [st.as_dict() for st in info.steps if st.override] if info else [],
        "history": kept,
    }
    if fmt == "json":
        return jsonify(data)
    blocks = [b for b in record.answer.blocks if prof.takes(b.audiences)]
    band = grade_band(prof)
    chart = qa_charts.trend(
        [(f"r{h['revision']}" + (f" ({', '.join(h['changed'])})"
                                 if h["changed"] and h["changed"] != ["edit"] else ""),
          h["grade"], h["verdict"] == "pass") for h in kept], band,
        _("%(answer)s for %(profile)s: Flesch-Kincaid grade by revision", answer=answer_id,
          profile=prof.wording(locale()).label), "trend", locale())
    return render_template(
        "qa/detail.html", data=data, profile=prof, rendition=rendition, chart=chart,
        canonical=render_html(record.answer, prof, blocks, Glossary()), band=band,
        revisions=store.revisions(answer_id), profiles=list(cat.profiles.values()))
