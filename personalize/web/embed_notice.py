"""Where an embed cannot show its answer: the notice a partner's reader sees instead.

Pending review, a rendition that failed its gate, an unknown answer or a version we do not
have: said in the partner's language (?lang=), with a link to the answer's own page, as a
whole page for an iframe or a fragment for embed.js and server-side includes. Scripts that
ask for JSON get the error as data (personalize.web.api.fail).
"""

from __future__ import annotations

from flask import Response, make_response, render_template, request, url_for
from werkzeug.exceptions import HTTPException

from personalize.web.extensions import library
from personalize.web.language import locale


def unavailable(answer_id: str, error: HTTPException, whole_page: bool) -> Response:
    """What a reader sees where an embed cannot show the answer: a notice in the partner's
    language (?lang=) that says why, with a link to the answer's own page; never raw JSON.
    A whole page for a frame (the caller lets partners frame it), else a fragment."""
    response = error.get_response()
    body = (response.get_json(silent=True) or {}).get("error", {})
    status = response.status_code
    record = library().get(answer_id) if status != 404 else None
    lang = locale()
    if record is not None:
        page = url_for("pages.answer", answer_id=answer_id, lang=lang, _external=True)
    else:
        page = url_for("pages.index", lang=lang, _external=True)
    why = ("pending" if "revision_status" in body else "gate" if status == 409
           else "missing" if status == 404 else "request")
    html = render_template("embed/unavailable.html" if whole_page else "embed/_unavailable.html",
                           why=why, record=record, page=page, detail=body.get("detail", ""),
                           whole_page=whole_page, status=status,
                           stylesheet=url_for("static", filename="css/embed.css",
                                              _external=True)
                           if request.args.get("stylesheet") != "0" else None)
    notice = make_response(html, status)
    # An answer may be approved at any moment: the notice is checked again on every view.
    notice.cache_control.no_cache = True
    return notice


def wants_json_error() -> bool:
    """Whether a fragment request asked for errors as JSON rather than a notice to show."""
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and request.accept_mimetypes[best] > \
        request.accept_mimetypes["text/html"]
