"""The editors' desk under /desk: write an answer, preview it for every reader, save, review.

Editors sign in with their token on QA's sign-in page (the same session); the token's role
says what the desk offers: authors write and save (a saved revision is submitted for
review), reviewers also start reviews, approve, reject with a note and approve over a
failing gate with a written reason. Nobody approves a revision they wrote: the store
refuses it, and the desk disables the button and says why. Pages work without JavaScript
(a Preview button, a form to save); desk.js updates the preview as the editor types.
"""

from __future__ import annotations

import functools

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from sqlalchemy.orm import Session

from personalize.errors import AnswerError
from personalize.reports import desk_view
from personalize.store.revisions import (
    AlreadyExists,
    GateRefused,
    IllegalTransition,
    NotAllowed,
    NoteRequired,
    NotFound,
    StaleRevision,
)
from personalize.store.workflow import SELF_REVIEWED, allowed, step
from personalize.web.extensions import catalog
from personalize.web.language import gettext as _
from personalize.web.language import locale
from personalize.web.qa import engine, signed_in
from personalize.web.storage import store

bp = Blueprint("desk", __name__, url_prefix="/desk")
NEW_SOURCE = """+++
id = ""
question = ""
language = "en"
+++

"""


def editor_required(view):
    """Let signed-in editors through, with their role in g.role; others sign in first."""
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        found = signed_in()
        if found is None:
            return redirect(url_for("qa.sign_in", next=request.full_path.rstrip("?")))
        g.editor, g.role = found.name, found.role
        return view(*args, **kwargs)
    return wrapped


@bp.before_request
def limit_body():
    """A source is at most as long as the API takes (1 MiB)."""
    request.max_content_length = current_app.config["API_MAX_BODY"]


@bp.after_request
def private(response):
    """Drafts are for editors: never stored by shared caches or the browser."""
    response.cache_control.private = True
    response.cache_control.no_store = True
    response.vary.add("Cookie")
    return response


@bp.get("/")
@editor_required
def index():
    """Every answer with its status, last editor and each profile's gate."""
    with Session(engine()) as s:
        rows = desk_view.answers(s)
    return render_template("desk/index.html", rows=rows, profiles=_profiles())


@bp.route("/new", methods=["GET", "POST"])
@editor_required
def new():
    """Write an answer from scratch: preview it, then save it as revision 1."""
    text = _source(NEW_SOURCE)
    refused = ()
    if request.method == "POST" and request.form.get("action") == "save":
        try:
            info = store().create(text, g.editor, source="draft.md")
        except AnswerError as exc:
            refused = exc.problems
            flash(_("Not saved: the source has problems, listed with their lines."), "error")
        except AlreadyExists:
            flash(_("Not saved: an answer with this id exists already. Choose another id, "
                    "or open that answer and save a new revision of it."), "error")
        else:
            flash(_("Saved as revision %(number)s and submitted for review.",
                    number=info.number), "done")
            return redirect(url_for(".editor", answer_id=info.answer_id), 303)
    view = desk_view.preview(text, catalog())
    status = 422 if request.method == "POST" and request.form.get("action") == "save" else 200
    return render_template("desk/editor.html", answer_id=None, head=None, base=0, text=text,
                           view=view, refused=refused, **_panes(view)), status


@bp.route("/answers/<answer_id>", methods=["GET", "POST"])
@editor_required
def editor(answer_id):
    """One answer: its source, every reader's version, its review and history."""
    head = store().head(answer_id)
    if head is None:
        abort(404, description=_("There is no answer “%(answer)s”.", answer=answer_id))
    text, base, status, theirs, refused = head.source, head.number, 200, None, ()
    if request.method == "POST":
        text = _source()
        base = request.form.get("base", 0, type=int)
        if request.form.get("action") == "save":
            if text == head.source and base == head.number:
                flash(_("Nothing to save: the text is revision %(number)s’s.",
                        number=head.number), "done")
                return redirect(url_for(".editor", answer_id=answer_id), 303)
            saved, theirs, status, refused = _save(answer_id, text, base)
            if saved:
                return redirect(url_for(".editor", answer_id=answer_id), 303)
            if theirs is not None:
                # The editor has now seen what the other save holds: the next save is
                # theirs to make on top of it, with their own text kept in the box.
                base = theirs.number
    view = desk_view.preview(text, catalog(), f"{answer_id}.md")
    return render_template(
        "desk/editor.html", answer_id=answer_id, head=store().head(answer_id), base=base,
        text=text, view=view, theirs=theirs, refused=refused,
        conflict=desk_view.diff_lines(theirs.source, text) if theirs else None,
        history=store().revisions(answer_id), actions=_actions(store().head(answer_id)),
        **_panes(view)), status


def _source(default: str = "") -> str:
    """The form's source with the line ends browsers send from a text box (CR LF) made the
    line feeds answer files use, so a revision saved here exports as the files do."""
    return request.form.get("source", default).replace("\r\n", "\n")


def _save(answer_id: str, text: str, base: int):
    """Save a revision on `base`: (saved, the newer revision when stale, status, problems)."""
    try:
        info = store().save(answer_id, text, g.editor, expected=base, source=f"{answer_id}.md")
    except AnswerError as exc:
        # Some problems only saving finds (a changed id, a translation in another language).
        flash(_("Not saved: the source has problems, listed with their lines."), "error")
        return False, None, 422, exc.problems
    except StaleRevision:
        newer = store().head(answer_id)
        flash(_("Not saved: %(editor)s saved revision %(number)s since you opened this page. "
                "Your text is still in the box; the difference is below.",
                editor=newer.author, number=newer.number), "error")
        return False, newer, 409, ()
    flash(_("Saved as revision %(number)s and submitted for review.", number=info.number),
          "done")
    return True, None, 200, ()


@bp.post("/preview")
@editor_required
def preview():
    """A source's renditions, rendered without saving: the preview pane as HTML (what
    desk.js asks for), or as JSON for Accept: application/json."""
    view = desk_view.preview(_source(), catalog(),
                             f"{request.form.get('answer_id') or 'draft'}.md")
    if request.accept_mimetypes.best_match(["text/html", "application/json"]) == \
            "application/json":
        return jsonify(desk_view.as_dict(view))
    return render_template("desk/_preview.html", view=view, **_panes(view))


@bp.post("/answers/<answer_id>/status")
@editor_required
def change_status(answer_id):
    """Take a review step on a revision, as the signed-in editor."""
    number = request.form.get("revision", 0, type=int)
    target = request.form.get("status", "")
    try:
        store().transition(answer_id, number, target, g.editor,
                           note=request.form.get("note", ""),
                           override=request.form.get("override", ""), role=g.role)
    except NotAllowed:
        flash(_("Not done: your role or authorship does not allow this step."), "error")
    except NoteRequired:
        flash(_("Not done: write a note that tells the author why."), "error")
    except IllegalTransition:
        flash(_("Not done: the revision’s status changed meanwhile. Look at its history."),
              "error")
    except GateRefused as exc:
        flash(_("Not approved: some versions miss their targets or lose a fact (%(profiles)s). "
                "Fix the source, or approve with a written reason for the override.",
                profiles=", ".join(_label(p) for p in exc.failures)), "error")
    except NotFound:
        abort(404, description=_("“%(answer)s” has no such revision.", answer=answer_id))
    else:
        flash(_("Done: revision %(number)s is now %(status)s.", number=number,
                status=_status_label(target)), "done")
    return redirect(url_for(".editor", answer_id=answer_id, _anchor="review"), 303)


@bp.get("/answers/<answer_id>/diff")
@editor_required
def diff(answer_id):
    """The difference between two revisions (?from=N&to=M; the latest two by default)."""
    revisions = {i.number: i for i in _revisions(answer_id)}
    latest = max(revisions)
    to = request.args.get("to", latest, type=int)
    frm = request.args.get("from", max(to - 1, 1), type=int)
    if frm not in revisions or to not in revisions:
        abort(404, description=_("“%(answer)s” has no such revision.", answer=answer_id))
    return render_template("desk/diff.html", answer_id=answer_id, frm=revisions[frm],
                           to=revisions[to], numbers=sorted(revisions, reverse=True),
                           lines=desk_view.diff_lines(revisions[frm].source,
                                                      revisions[to].source))


def _revisions(answer_id: str):
    try:
        return store().revisions(answer_id)
    except NotFound:
        abort(404, description=_("There is no answer “%(answer)s”.", answer=answer_id))


def _actions(head) -> list[dict]:
    """The review steps from the latest revision's status, each with why it is unavailable."""
    found = []
    for target in allowed(head.status):
        rule = step(head.status, target)
        why = ""
        if g.role not in rule.roles:
            why = _("A reviewer takes this step; you are signed in as an author.")
        elif target in SELF_REVIEWED and g.editor == head.author:
            why = _("You wrote revision %(number)s: another reviewer must approve it.",
                    number=head.number)
        found.append({"target": target, "name": rule.name, "note": rule.needs_note,
                      "gated": rule.gated, "why": why})
    return found


def _panes(view: desk_view.Preview) -> dict:
    """What the preview pane shows beside each rendition."""
    return {"panes": [(r, desk_view.profile_view(r, catalog())) for r in view.renditions],
            "entry": desk_view.lexicon_entry, "profiles": _profiles()}


def _profiles() -> dict:
    return catalog().profiles


def _label(profile: str) -> str:
    found = catalog().profiles.get(profile)
    return found.wording(locale()).label if found else profile


def _status_label(status: str) -> str:
    return {"submitted": _("Submitted"), "under_review": _("Under review"),
            "approved": _("Approved")}.get(status, status)
