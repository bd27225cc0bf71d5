"""The editor API under /api/v1: create answers, save revisions with If-Match, review them.

Every editor endpoint needs a bearer token (`flask tokens create NAME --role ROLE`); the
token's name is recorded as the author or reviewer, and its role says what it may do
(authors write, reviewers also review; nobody approves a revision they wrote: 403).
Errors use the JSON envelope of personalize.web.errors,
with the details a client acts on (problems with line and field, gate failures, the
current ETag). Reader endpoints (a rendition as JSON) join this blueprint and document
themselves in personalize.openapi.
"""

from __future__ import annotations

import codecs
import functools
import re

from flask import Blueprint, abort, current_app, g, jsonify, make_response, request
from werkzeug.http import HTTP_STATUS_CODES

from personalize.core.answer import STATUSES
from personalize.errors import AnswerError, Problem
from personalize.store import tokens
from personalize.store.revisions import (
    AlreadyExists,
    GateRefused,
    IllegalTransition,
    NotAllowed,
    NoteRequired,
    NotFound,
    RevisionInfo,
    StaleRevision,
)
from personalize.store.store import MAX_REVISION
from personalize.web import openapi
from personalize.web.security import csrf_exempt
from personalize.web.storage import engine, store

bp = Blueprint("api", __name__, url_prefix="/api/v1")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MARKDOWN = "text/markdown"
BODY = "request body"


@bp.before_request
def limit_body():
    """Refuse bodies over the configured size (1 MiB) with 413, however they are sent.

    Werkzeug stops a streamed (chunked) body at the limit and hands on what it read, so
    the stream is allowed one byte more than the limit: a body that reaches it was longer.
    """
    request.max_content_length = current_app.config["API_MAX_BODY"] + 1


def body_bytes() -> bytes:
    """The whole request body, or 413 when it is over the limit (counted as it streams)."""
    data = request.get_data(cache=True)
    limit = current_app.config["API_MAX_BODY"]
    if len(data) > limit:
        fail(413, f"The body is over the limit of {limit:,} bytes; nothing was stored. "
             "Send a shorter answer or split it into several.")
    return data


def fail(status: int, detail: str, headers: dict | None = None, **extra):
    """Stop the request with a JSON error body."""
    body = {"status": status, "title": HTTP_STATUS_CODES.get(status, ""), "detail": detail}
    abort(make_response(jsonify({"error": body | extra}), status, headers or {}))


def invalid(problems) -> None:
    """Stop with 422, naming the line and field of every problem."""
    fail(422, "The request cannot be used as it is; see problems.",
         problems=[p.as_dict() for p in problems])


def editor_required(view):
    """Let the request through only with a live bearer token; remember whose it is."""
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        auth = request.authorization
        token = auth.token if auth and auth.type == "bearer" else None
        found = tokens.bearer(engine(), token) if token else None
        g.editor, g.role = (found.name, found.role) if found else (None, None)
        if g.editor is None:
            fail(401, "Send a valid API token: Authorization: Bearer <token>. Create one with "
                 "`flask --app wsgi tokens create NAME --role author`.",
                 headers={"WWW-Authenticate": 'Bearer realm="personalize"'})
        return view(*args, **kwargs)
    # Bearer tokens are not sent by browsers on their own, so no CSRF token is needed.
    return csrf_exempt(wrapped)


def markdown_body() -> bytes:
    """The request's Markdown source, or 415 for any other kind of body."""
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if request.mimetype != MARKDOWN or charset not in ("utf-8", "utf8"):
        fail(415, "Send the answer's Markdown source as Content-Type: text/markdown "
             "(UTF-8).")
    return body_bytes()


def revision_response(info: RevisionInfo, status: int = 200, with_source: bool = False):
    """A revision as JSON, with its ETag."""
    response = make_response(jsonify(info.as_dict(with_source)), status)
    response.set_etag(info.etag)
    return response


def answer_path(answer_id: str) -> str:
    """Where an answer lives in this API."""
    return f"{request.script_root}{bp.url_prefix}/answers/{answer_id}"


@bp.post("/answers")
@editor_required
def create_answer():
    """Create an answer from its Markdown source: revision 1, submitted."""
    body = markdown_body()
    if not body.removeprefix(codecs.BOM_UTF8).startswith(b"+++"):
        invalid([Problem(BODY, 1, "front matter", "an answer sent to the API needs front "
                         "matter with its id and question", "Start with +++ and id = \"...\".")])
    try:
        info = store().create(body, g.editor, source=BODY)
    except AnswerError as exc:
        invalid(exc.problems)
    except AlreadyExists as exc:
        fail(409, f"{exc}; save a new revision with PUT {answer_path('<id>')}.")
    response = revision_response(info, 201)
    response.headers["Location"] = answer_path(info.answer_id)
    return response


@bp.put("/answers/<answer_id>")
@editor_required
def save_revision(answer_id):
    """Save a new revision if If-Match names the latest one."""
    head = store().head(answer_id)
    if head is None:
        fail(404, f"There is no answer '{answer_id}'; create it with POST {bp.url_prefix}"
             "/answers.")
    if "If-Match" not in request.headers:
        fail(428, "Send If-Match with the ETag of the revision you edited.", etag=head.etag)
    if not (request.if_match.star_tag or request.if_match.contains(head.etag)):
        fail(412, "The answer changed since you fetched it; merge with the latest revision.",
             etag=head.etag)
    body = markdown_body()
    try:
        info = store().save(answer_id, body, g.editor, expected=head.number, source=BODY)
    except AnswerError as exc:
        invalid(exc.problems)
    except StaleRevision as exc:  # another writer won between our check and our save
        fail(412, f"The answer changed since you fetched it: {exc}.",
             etag=store().head(answer_id).etag)
    response = revision_response(info)
    response.headers["Content-Location"] = f"{answer_path(answer_id)}/revisions/{info.number}"
    return response


@bp.get("/answers/<answer_id>/source")
@editor_required
def source(answer_id):
    """The Markdown source of the latest revision (or ?revision=N), with its ETag."""
    number = request.args.get("revision", type=int)
    info = store().revision(answer_id, number) if number else store().head(answer_id)
    if info is None:
        fail(404, f"There is no answer '{answer_id}'" + (f" revision {number}." if number
                                                          else "."))
    response = make_response(info.source.encode("utf-8"))
    response.mimetype = MARKDOWN
    response.set_etag(info.etag)
    return response.make_conditional(request)


@bp.get("/answers/<answer_id>/revisions")
@editor_required
def revisions(answer_id):
    """Every revision, newest first, with its review history."""
    try:
        found = store().revisions(answer_id)
    except NotFound:
        fail(404, f"There is no answer '{answer_id}'.")
    return jsonify({"answer_id": answer_id, "revisions": [i.as_dict() for i in found]})


@bp.get("/answers/<answer_id>/revisions/<int:number>")
@editor_required
def revision(answer_id, number):
    """One revision with its source and review history."""
    info = store().revision(answer_id, number)
    if info is None:
        fail(404, f"There is no revision {number} of '{answer_id}'.")
    return revision_response(info, with_source=True)


@bp.post("/answers/<answer_id>/status")
@editor_required
def change_status(answer_id):
    """Move a revision (the latest, or "revision") to another review status."""
    body_bytes()  # over the limit: 413, whether sent with Content-Length or in chunks
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        invalid([Problem(BODY, None, "body", "send a JSON object",
                         '{"status": "approved", "revision": 2, "note": "...", '
                         '"override": "..."}')])
    problems = _status_problems(data)
    if problems:
        invalid(problems)
    number = data.get("revision")
    if number is None:
        head = store().head(answer_id)
        number = head.number if head else 0
    try:
        info = store().transition(answer_id, number, data["status"], g.editor,
                                  note=data.get("note", ""), override=data.get("override", ""),
                                  role=g.role)
    except NotFound as exc:
        fail(404, f"{exc}.")
    except NotAllowed as exc:
        fail(403, f"{exc}.", role=g.role)
    except IllegalTransition as exc:
        fail(409, f"Revision {number} is {exc.current}: {exc}.", current=exc.current,
             allowed=exc.allowed)
    except NoteRequired as exc:
        invalid([Problem(BODY, None, "note", str(exc), "Say what the author should change.")])
    except GateRefused as exc:
        fail(422, "Approval refused: a profile misses its readability targets or loses a "
             "fact. Fix the source, or approve with \"override\" giving a written reason.",
             failures=exc.failures)
    return revision_response(info)


def _status_problems(data: dict) -> list[Problem]:
    problems = []
    if data.get("status") not in STATUSES:
        problems.append(Problem(BODY, None, "status", f"unknown status {data.get('status')!r}",
                                f"Use one of: {', '.join(STATUSES)}."))
    number = data.get("revision")
    if number is not None and (not isinstance(number, int) or isinstance(number, bool)
                               or not 1 <= number <= MAX_REVISION):
        problems.append(Problem(BODY, None, "revision", "must be a revision number",
                                'Write e.g. "revision": 2, or leave it out for the latest.'))
    for name in ("note", "override"):
        if not isinstance(data.get(name, ""), str):
            problems.append(Problem(BODY, None, name, "must be a string", ""))
        elif CONTROL.search(data.get(name, "")):
            problems.append(Problem(BODY, None, name, "holds a control character (such as "
                                    "NUL)", "Write plain text; line breaks and tabs are fine."))
    unknown = set(data) - {"status", "revision", "note", "override"}
    problems.extend(Problem(BODY, None, name, "unknown field",
                            "Known fields: status, revision, note, override.")
                    for name in sorted(unknown))
    return problems


@bp.get("/openapi.json")
def openapi_document():
    """The OpenAPI description of the whole API."""
    return jsonify(openapi.document(current_app))
