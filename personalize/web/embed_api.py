"""The reader side of /api/v1: an approved answer's rendition as JSON, for any origin.

Its own blueprint beside the editor API (personalize.api): GET /api/v1/answers/<id> is read
by partners' pages without a token, so it takes the embed rules (approved only, gate passed,
cacheable, CORS) rather than the editor's.
"""

from __future__ import annotations

import re

from flask import Blueprint, jsonify, request

from personalize.web import embed

bp = Blueprint("embed_api", __name__, url_prefix="/api/v1")

_READ_PATH = re.compile(r"/api/v1/answers/[^/]+")


@bp.get("/answers/<answer_id>")
def answer(answer_id: str):
    """The rendition for ?profile= and ?lang=, with scores, verdict, facts and references."""
    record, rendition, profile, lang = embed.requested(answer_id)
    return embed.cacheable(jsonify(embed.embed_dict(record, rendition, profile, lang)),
                           record.updated)


@bp.after_app_request
def cross_origin_reads(response):
    """CORS for reading an answer (and its preflight, which the editor's rule may answer).

    Only GET, HEAD and OPTIONS are allowed across origins, so the editor's PUT on the same
    path stays same-origin (and needs a bearer token anyway).
    """
    if request.method in ("GET", "HEAD", "OPTIONS") and _READ_PATH.fullmatch(request.path):
        embed.allow_cross_origin(response)
    return response
