"""The desk's lexicon pages under /desk/lexicon: propose an entry, see its impact, review it.

Editors sign in as for QA (the same session: /qa/sign-in with their token). Any editor may
propose an entry (term, plain words, where it does not apply); before it is kept the page
shows every rendition it changes and every gate it turns. A reviewer or admin who did not
propose it accepts or rejects it (personalize.store.site_lexicon). Each page is one dict,
shown as HTML or, with `.json`, as JSON; the JSON side also takes
`Authorization: Bearer <token>`.
"""

from __future__ import annotations

import functools

from flask import (
    Blueprint,
    abort,
    g,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from sqlalchemy.orm import Session
from werkzeug.http import HTTP_STATUS_CODES

from personalize.errors import Problem
from personalize.rewriter.lexicon import KINDS, POS
from personalize.store import lexicon_impact, lexicon_review, site_lexicon, tokens
from personalize.store.revisions import StoreError
from personalize.store.workflow import REVIEWERS, WRITERS
from personalize.web import qa
from personalize.web.qa import engine
from personalize.web.storage import store

bp = Blueprint("desk_lexicon", __name__, url_prefix="/desk")
STATUS_CODES = {"NotFound": 404, "NotAllowed": 403, "IllegalTransition": 409,
                "NoteRequired": 422}


def _json(fmt: str) -> bool:
    return fmt == "json"


def fail(status: int, detail: str, **extra):
    """Stop a JSON request with the error envelope of personalize.web.errors."""
    body = {"status": status, "title": HTTP_STATUS_CODES.get(status, ""), "detail": detail}
    abort(make_response(jsonify({"error": body | extra}), status))


def editor_required(view):
    """Signed-in editors (the QA session), or a bearer token for `.json`; others sign in."""
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        found = qa.signed_in()
        auth = request.authorization
        data = request.path.endswith(".json")
        if found is None and data and auth and auth.type == "bearer" and auth.token:
            found = tokens.bearer(engine(), auth.token)
        if found is None:
            if data:
                fail(401, "Sign in at /qa/sign-in, or send Authorization: Bearer <token>.")
            return redirect(url_for("qa.sign_in", next=request.full_path.rstrip("?")))
        g.editor, g.role = found.name, found.role
        if g.role not in WRITERS:
            abort(403)
        return view(*args, **kwargs)
    # Forms carry the session's CSRF token (personalize.web.security checks it before the
    # view); a JSON body cannot come from another site's page without a CORS preflight.
    return wrapped


@bp.context_processor
def words_marked() -> dict:
    """The impact's sentences with the words that differ marked."""
    return {"marked": lexicon_impact.marked}


# Proposals and drafts' renditions are for editors: never kept by any cache (as QA's pages).
bp.after_request(qa.private)


def _languages() -> list[str]:
    return sorted(store().catalog.lexicons)


def _impact(proposal: site_lexicon.Proposal) -> lexicon_impact.Impact:
    """What the proposal would change, rendered with the lexicon in effect plus it."""
    with Session(engine()) as s:
        after = site_lexicon.check(store().site.files, s, proposal)
    return lexicon_impact.impact(store(), after, proposal.word)


@bp.get("/lexicon/", defaults={"fmt": "html"})
@bp.get("/lexicon.<any(json):fmt>")
@editor_required
def index(fmt):
    """Site entries in effect, proposals waiting for review, and every decision."""
    entries = lexicon_review.listing(engine())
    data = {"proposed": [e.as_dict() for e in entries if e.status == "proposed"],
            "decided": [e.as_dict() for e in entries if e.status != "proposed"],
            "left_out": store().site.left_out,
            "lexicon_versions": {k: v.version for k, v in store().catalog.lexicons.items()}}
    if _json(fmt):
        return jsonify(data)
    return render_template("desk/lexicon.html", data=data, entries=entries)


@bp.route("/lexicon/new", methods=["GET", "POST"])
@editor_required
def new():
    """The proposal form: Check shows problems or the impact; Propose keeps it for review."""
    form = request.form if request.method == "POST" else request.args
    problems, impact, proposal = [], None, None
    if request.method == "POST":
        try:
            proposal = site_lexicon.proposal_from(form, _languages())
            if form.get("action") == "propose":
                info = lexicon_review.propose(engine(), store().site.files, proposal, g.editor)
                return redirect(url_for(".entry", entry_id=info.id), 303)
            impact = _impact(proposal)
        except site_lexicon.LexiconRefused as exc:
            problems = list(exc.problems)
        except StoreError as exc:  # the same word proposed at the same moment
            problems = [Problem("proposal", None, None, str(exc))]
    status = 422 if problems else 200
    return render_template("desk/lexicon_form.html", form=form, problems=problems,
                           impact=impact, proposal=proposal, kinds=KINDS, pos=POS,
                           languages=_languages(), senses=_senses(form)), status


def _senses(form) -> list[str]:
    language = form.get("language") or "en"
    lexicon = store().catalog.lexicons.get(language)
    return list(lexicon.senses) if lexicon else []


@bp.post("/lexicon/impact.json")
@editor_required
def impact_json():
    """The impact of an entry given as JSON, without keeping it (422: what is refused)."""
    proposal = _proposal_json()
    return jsonify({"proposal": proposal.fields, "impact": _impact(proposal).as_dict()})


@bp.post("/lexicon/proposals.json")
@editor_required
def propose_json():
    """Keep an entry given as JSON as a proposal, for a reviewer (201)."""
    proposal = _proposal_json()
    try:
        info = lexicon_review.propose(engine(), store().site.files, proposal, g.editor)
    except site_lexicon.LexiconRefused as exc:
        _refused(exc)
    except StoreError as exc:
        fail(409, str(exc))
    response = make_response(jsonify(info.as_dict()), 201)
    response.headers["Location"] = url_for(".entry", entry_id=info.id, fmt="json")
    return response


def _proposal_json() -> site_lexicon.Proposal:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        fail(415, "Send the entry as a JSON object (Content-Type: application/json).")
    try:
        proposal = site_lexicon.proposal_from(data, _languages())
        with Session(engine()) as s:
            site_lexicon.check(store().site.files, s, proposal)
        return proposal
    except site_lexicon.LexiconRefused as exc:
        _refused(exc)


def _refused(exc: site_lexicon.LexiconRefused):
    fail(422, "The lexicon refuses this entry; see problems.",
         problems=[p.as_dict() for p in exc.problems])


@bp.get("/lexicon/<int:entry_id>", defaults={"fmt": "html"})
@bp.get("/lexicon/<int:entry_id>.<any(json):fmt>")
@editor_required
def entry(entry_id, fmt):
    """One proposal or decision, its steps, and (while proposed) its impact now."""
    info = lexicon_review.get_entry(engine(), entry_id)
    if info is None:
        if _json(fmt):
            fail(404, f"No site lexicon entry {entry_id}.")
        abort(404)
    return _entry_page(info, fmt)


def _entry_page(info: lexicon_review.EntryInfo, fmt: str, error: str = "", status: int = 200):
    impact, problems = None, []
    if info.status == "proposed":
        try:
            impact = _impact(info.proposal)
        except site_lexicon.LexiconRefused as exc:  # the lexicon moved on since
            problems = list(exc.problems)
    data = info.as_dict() | {"impact": impact.as_dict() if impact else None,
                             "problems": [p.as_dict() for p in problems]}
    if _json(fmt):
        return jsonify(data)
    may_review = g.role in REVIEWERS and g.editor != info.author
    return render_template("desk/lexicon_entry.html", info=info, impact=impact,
                           problems=problems, may_review=may_review, data=data,
                           error=error), status


@bp.post("/lexicon/<int:entry_id>/review", defaults={"fmt": "html"})
@bp.post("/lexicon/<int:entry_id>/review.<any(json):fmt>")
@editor_required
def review(entry_id, fmt):
    """Accept or reject a proposal (a reviewer who did not propose it; reject with a note)."""
    body = (request.get_json(silent=True) or {}) if _json(fmt) else request.form
    try:
        info = lexicon_review.review(engine(), store().site.files, entry_id,
                                   str(body.get("decision", "")), g.editor, g.role,
                                   str(body.get("note", "")))
    except (StoreError, site_lexicon.LexiconRefused, ValueError) as exc:
        status = STATUS_CODES.get(type(exc).__name__, 422)
        if _json(fmt):
            fail(status, str(exc), problems=[p.as_dict() for p in getattr(exc, "problems", ())])
        info = lexicon_review.get_entry(engine(), entry_id)
        if info is None:
            abort(404)
        return _entry_page(info, fmt, str(exc), status)
    store().refresh_lexicon()
    if _json(fmt):
        return jsonify(info.as_dict())
    return redirect(url_for(".entry", entry_id=entry_id), 303)

