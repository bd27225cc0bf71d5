"""The OpenAPI 3.1 description of /api/v1, kept as data next to the views it describes.

A view added to the API adds its operation to PATHS (path as OpenAPI writes it, relative to
/api/v1); tests/test_api.py checks that every route of the blueprint is described here.
"""

from __future__ import annotations

from flask import Flask

from personalize.core.i18n import LOCALES

VERSION = "1.0.0"


def _error(description: str) -> dict:
    return {"description": description, "content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/Error"}}}}


def _revision(description: str, headers: tuple[str, ...] = ("ETag",)) -> dict:
    return {"description": description,
            "headers": {h: {"$ref": f"#/components/headers/{h}"} for h in headers},
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Revision"}}}}


ID = {"name": "answer_id", "in": "path", "required": True, "schema": {"type": "string"},
      "description": "The answer's id (a lower-case slug)."}
MARKDOWN_BODY = {"required": True, "description": "The answer's source: TOML front matter and "
                 "Markdown, UTF-8, at most 1 MiB.",
                 "content": {"text/markdown": {"schema": {"type": "string"}}}}
COMMON = {"400": _error("A control character (such as NUL) in the address or query."),
          "401": _error("No valid bearer token."), "413": _error("Body over 1 MiB.")}
EDITOR = [{"bearer": []}]

PATHS: dict[str, dict] = {
    "/answers": {"post": {
        "summary": "Create an answer from its Markdown source (revision 1, submitted).",
        "security": EDITOR, "requestBody": MARKDOWN_BODY,
        "responses": {"201": _revision("Created.", ("ETag", "Location")),
                      "409": _error("An answer with this id exists."),
                      "415": _error("The body is not text/markdown."),
                      "422": _error("The source has problems; each names its line and field."),
                      **COMMON}}},
    "/answers/{answer_id}": {"get": {
        "summary": "An approved answer rendered for a reader, for partners' pages (no token; "
                   "any origin may read it). Only approved revisions whose rendition passed "
                   "its readability and facts gate are served.",
        "parameters": [ID, {
            "name": "profile", "in": "query", "schema": {"type": "string"},
            "description": "The reader profile (clinician, student, patient, ...); default: "
                           "the default profile."}, {
            "name": "lang", "in": "query", "schema": {"enum": list(LOCALES)},
            "description": "The partner's language; default en. When the question has an "
                           "approved answer in that language it is served; otherwise the "
                           "answer asked for, in its own language (see `language`)."}],
        "responses": {"200": {"description": "The rendition, its scores, targets, verdict, "
                                             "facts check, revision, updated date and "
                                             "references. Cache-Control: public.",
                              "headers": {"ETag": {"$ref": "#/components/headers/ETag"},
                                          "Last-Modified": {"$ref":
                                                            "#/components/headers/LastModified"}},
                              "content": {"application/json": {"schema": {
                                  "$ref": "#/components/schemas/Rendition"}}}},
                      "304": {"description": "Not modified (If-None-Match, If-Modified-Since)."},
                      "400": _error("Unknown profile or locale; the body lists the valid ones "
                                    "(profiles, locales)."),
                      "404": _error("No such answer."),
                      "409": _error("Not embeddable: no approved revision, or this profile's "
                                    "rendition failed its gate (failing_targets, "
                                    "facts_missing).")}},
        "put": {
        "summary": "Save a new revision; If-Match must carry the ETag of the latest one.",
        "security": EDITOR, "parameters": [ID, {
            "name": "If-Match", "in": "header", "required": True, "schema": {"type": "string"},
            "description": "The ETag of the revision the edit started from."}],
        "requestBody": MARKDOWN_BODY,
        "responses": {"200": _revision("Saved as a new revision."),
                      "404": _error("No such answer."),
                      "412": _error("Another revision was saved since; the body gives its ETag."),
                      "428": _error("If-Match is missing."),
                      "415": _error("The body is not text/markdown."),
                      "422": _error("The source has problems; each names its line and field."),
                      **COMMON}}},
    "/answers/{answer_id}/source": {"get": {
        "summary": "The Markdown source of the latest revision, or of ?revision=N.",
        "security": EDITOR, "parameters": [ID, {
            "name": "revision", "in": "query", "schema": {"type": "integer"}}],
        "responses": {"200": {"description": "The source.",
                              "headers": {"ETag": {"$ref": "#/components/headers/ETag"}},
                              "content": {"text/markdown": {"schema": {"type": "string"}}}},
                      "304": {"description": "Not modified (If-None-Match)."},
                      "404": _error("No such answer or revision."), **COMMON}}},
    "/answers/{answer_id}/revisions": {"get": {
        "summary": "Every revision, newest first, with its review history.",
        "security": EDITOR, "parameters": [ID],
        "responses": {"200": {"description": "The revisions.", "content": {"application/json": {
            "schema": {"type": "object", "properties": {
                "answer_id": {"type": "string"},
                "revisions": {"type": "array",
                              "items": {"$ref": "#/components/schemas/Revision"}}}}}}},
            "404": _error("No such answer."), **COMMON}}},
    "/answers/{answer_id}/revisions/{number}": {"get": {
        "summary": "One revision, with its source.", "security": EDITOR,
        "parameters": [ID, {"name": "number", "in": "path", "required": True,
                            "schema": {"type": "integer"}}],
        "responses": {"200": _revision("The revision."), "404": _error("No such revision."),
                      **COMMON}}},
    "/answers/{answer_id}/status": {"post": {
        "summary": "Change a revision's review status. submitted -> under_review -> approved; "
                   "under_review or approved -> submitted with a note. Approval renders every "
                   "profile and is refused (422, with the failures) when one misses its "
                   "readability targets or loses a fact, unless an override reason is given.",
        "security": EDITOR, "parameters": [ID],
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "type": "object", "required": ["status"], "additionalProperties": False,
            "properties": {
                "status": {"enum": ["submitted", "under_review", "approved"]},
                "revision": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1,
                             "description": "Default: the latest."},
                "note": {"type": "string", "description": "Required to reject or withdraw."},
                "override": {"type": "string", "description": "Approve although the gate "
                             "failed: the written reason, recorded and shown in QA."}}}}}},
        "responses": {"200": _revision("The revision in its new status."),
                      "403": _error("The token's role may not take this step (authors write; "
                                    "reviewers review), or its holder wrote the revision: "
                                    "nobody approves their own."),
                      "404": _error("No such answer or revision."),
                      "409": _error("The workflow does not allow this change; the body lists "
                                    "the statuses allowed."),
                      "422": _error("Invalid body, a missing note, or approval refused by the "
                                    "gate (with each profile's failures)."),
                      **COMMON}}},
    "/openapi.json": {"get": {
        "summary": "This document.",
        "responses": {"200": {"description": "OpenAPI 3.1 JSON."}}}},
}

COMPONENTS = {
    "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description":
                                   "Made with `flask --app wsgi tokens create NAME --role ROLE` "
                                   "(author, reviewer or admin)."}},
    "headers": {
        "ETag": {"schema": {"type": "string"}, "description": "Names the revision; send it "
                 "back in If-Match to save the next one."},
        "Location": {"schema": {"type": "string"}, "description": "The new answer's URL."},
        "LastModified": {"schema": {"type": "string"}, "description": "The answer's updated "
                         "date (HTTP date); send it back in If-Modified-Since."}},
    "schemas": {
        "Step": {"type": "object", "properties": {
            "from": {"type": ["string", "null"]}, "to": {"type": "string"},
            "by": {"type": "string"}, "at": {"type": "string", "format": "date-time"},
            "note": {"type": "string"}, "override": {"type": "string"},
            "failures": {"type": "object", "additionalProperties": {
                "type": "array", "items": {"type": "string"}}}}},
        "Revision": {"type": "object", "properties": {
            "answer_id": {"type": "string"}, "revision": {"type": "integer"},
            "status": {"enum": ["submitted", "under_review", "approved"]},
            "author": {"type": "string"}, "created": {"type": "string", "format": "date-time"},
            "etag": {"type": "string"}, "source": {"type": "string"},
            "history": {"type": "array", "items": {"$ref": "#/components/schemas/Step"}}}},
        "Rendition": {"type": "object", "properties": {
            "answer_id": {"type": "string"}, "question": {"type": "string"},
            "language": {"type": "string"}, "locale": {"type": "string"},
            "translations": {"type": "object", "additionalProperties": {"type": "string"}},
            "profile": {"type": "object", "properties": {"name": {"type": "string"},
                                                         "label": {"type": "string"}}},
            "profiles": {"type": "array", "items": {"type": "object"}},
            "revision": {"type": "integer"}, "status": {"enum": ["approved"]},
            "updated": {"type": ["string", "null"], "format": "date"},
            "html": {"type": "string"}, "text": {"type": "string"},
            "detail_text": {"type": "string", "description": (
                "What the profile's detail level moved out of the main text, into the "
                "collapsed 'More detail' blocks of the HTML, one block a line ('' if nothing).")},
            "reading_level": {"type": "object", "properties": {
                "grade": {"type": "integer"}, "metric": {"type": "string"},
                "value": {"type": "number"}, "flesch_kincaid_grade": {"type": "number"}}},
            "scores": {"type": "object", "additionalProperties": {"type": "number"}},
            "targets": {"type": "array", "items": {"type": "object", "properties": {
                "metric": {"type": "string"}, "max": {"type": ["number", "null"]},
                "min": {"type": ["number", "null"]}, "met": {"type": "boolean"}}}},
            "verdict": {"enum": ["pass"]},
            "facts": {"type": "object", "properties": {
                "ok": {"type": "boolean"}, "checked": {"type": "integer"},
                "kept": {"type": "array"}, "missing": {"type": "array"}}},
            "references": {"type": "array", "items": {"type": "object", "properties": {
                "id": {"type": "string"}, "kind": {"type": "string"},
                "title": {"type": "string"}, "container": {"type": "string"},
                "year": {"type": ["integer", "null"]}, "authors": {"type": "string"},
                "volume": {"type": "string"}, "pages": {"type": "string"},
                "url": {"type": "string"}, "doi": {"type": "string"},
                "pmid": {"type": "string"}, "link": {"type": "string"}}}},
            "disclaimer": {"type": "object", "properties": {"title": {"type": "string"},
                                                            "text": {"type": "string"}}},
            "codes": {"type": "array", "items": {"type": "object"}},
            "links": {"type": "object", "properties": {
                k: {"type": "string", "format": "uri"}
                for k in ("page", "frame", "fragment", "json")}}}},
        "Problem": {"type": "object", "properties": {
            "source": {"type": "string"}, "line": {"type": ["integer", "null"]},
            "column": {"type": ["integer", "null"]},
            "field": {"type": ["string", "null"]}, "message": {"type": "string"},
            "hint": {"type": "string"}}},
        "Error": {"type": "object", "properties": {"error": {"type": "object", "properties": {
            "status": {"type": "integer"}, "title": {"type": "string"},
            "detail": {"type": "string"}, "etag": {"type": "string"},
            "problems": {"type": "array", "items": {"$ref": "#/components/schemas/Problem"}},
            "failures": {"type": "object"}, "current": {"type": "string"},
            "allowed": {"type": "array", "items": {"type": "string"}},
            "profiles": {"type": "array", "items": {"type": "string"}},
            "role": {"type": "string"},
            "locales": {"type": "array", "items": {"type": "string"}},
            "failing_targets": {"type": "array", "items": {"type": "object"}},
            "facts_missing": {"type": "array", "items": {"type": "object"}}}}}},
    },
}


def document(app: Flask) -> dict:
    """The OpenAPI document for this app."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "personalize API", "version": VERSION,
                 "description": "One canonical medical answer per question: the editor API "
                                "(revisions, If-Match, review) and reader endpoints."},
        "servers": [{"url": (app.config.get("APPLICATION_ROOT") or "/").rstrip("/") + "/api/v1"}],
        "paths": PATHS,
        "components": COMPONENTS,
    }
