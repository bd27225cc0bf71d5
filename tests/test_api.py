"""The editor API: tokens, create, If-Match saves, revisions, review status, limits, OpenAPI."""

from __future__ import annotations

import re

import pytest

from personalize.store import tokens
from personalize.web.openapi import PATHS

MD = {"Content-Type": "text/markdown"}


@pytest.fixture
def client(store_app):
    """A test client of an app on an empty store."""
    return store_app.test_client()


def create(client, editor, text):
    """POST an answer's source; the response."""
    return client.post("/api/v1/answers", data=text, headers=editor | MD)


# -- authentication --------------------------------------------------------------------------

@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer pz_not-a-token"},
                                     {"Authorization": "Basic dXNlcjpwYXNz"}])
def test_no_valid_token_is_401(client, source, headers):
    response = client.post("/api/v1/answers", data=source("iron-deficiency"),
                           headers=headers | MD)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert "tokens create" in response.json["error"]["detail"]


def test_a_revoked_token_is_401(client, store_app, source):
    engine = store_app.extensions["personalize.db"]
    token = tokens.create(engine, "temp")
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/answers/x/revisions", headers=headers).status_code == 404
    assert tokens.revoke(engine, "temp") == 1
    assert client.get("/api/v1/answers/x/revisions", headers=headers).status_code == 401


# -- create ----------------------------------------------------------------------------------

def test_create_is_201_with_location_and_etag(client, editor, source):
    response = create(client, editor, source("iron-deficiency"))
    assert response.status_code == 201
    assert response.headers["Location"] == "/api/v1/answers/iron-deficiency"
    assert response.headers["ETag"] == f'"{response.json["etag"]}"'
    assert response.json["revision"] == 1 and response.json["status"] == "submitted"
    assert response.json["author"] == "editor"


def test_create_twice_is_409(client, editor, source):
    create(client, editor, source("iron-deficiency"))
    assert create(client, editor, source("iron-deficiency")).status_code == 409


@pytest.mark.parametrize("content_type", ["text/plain", "application/json",
                                          "text/markdown; charset=latin-1", None])
def test_only_markdown_bodies_are_taken(client, editor, source, content_type):
    headers = editor | ({"Content-Type": content_type} if content_type else {})
    response = client.post("/api/v1/answers", data=source("iron-deficiency"), headers=headers)
    assert response.status_code == 415


def test_validation_errors_are_422_naming_line_and_field(client, editor, source):
    bad = source("iron-deficiency").replace(b'status = "submitted"', b'status = "done"')
    response = create(client, editor, bad)
    assert response.status_code == 422
    [problem] = response.json["error"]["problems"]
    assert (problem["line"], problem["field"]) == (5, "status")
    assert problem["hint"]


def test_a_source_without_front_matter_is_422(client, editor):
    response = create(client, editor, b"Anemia means too few red blood cells.\n")
    assert response.status_code == 422
    assert response.json["error"]["problems"][0]["field"] == "front matter"


def test_bodies_over_one_mebibyte_are_413(client, editor, source):
    big = source("iron-deficiency") + b"\nMore words here.\n" * (1024 * 1024 // 17 + 1)
    assert len(big) > 1024 * 1024
    assert create(client, editor, big).status_code == 413


# -- save with If-Match ----------------------------------------------------------------------

def test_put_needs_if_match_and_refuses_stale_etags(client, editor, source):
    text = source("iron-deficiency")
    first = create(client, editor, text).headers["ETag"]
    url = "/api/v1/answers/iron-deficiency"
    edited = text.replace(b"too little", b"not enough")
    missing = client.put(url, data=edited, headers=editor | MD)
    assert missing.status_code == 428
    assert missing.json["error"]["etag"] == first.strip('"')
    saved = client.put(url, data=edited, headers=editor | MD | {"If-Match": first})
    assert saved.status_code == 200
    assert saved.json["revision"] == 2
    assert saved.headers["ETag"] != first
    assert saved.headers["Content-Location"] == f"{url}/revisions/2"
    stale = client.put(url, data=text, headers=editor | MD | {"If-Match": first})
    assert stale.status_code == 412
    assert f'"{stale.json["error"]["etag"]}"' == saved.headers["ETag"]
    anyone = client.put(url, data=text, headers=editor | MD | {"If-Match": "*"})
    assert anyone.status_code == 200 and anyone.json["revision"] == 3


def test_put_errors(client, editor, source):
    text = source("iron-deficiency")
    etag = create(client, editor, text).headers["ETag"]
    url = "/api/v1/answers/iron-deficiency"
    unknown = client.put("/api/v1/answers/nope", data=text, headers=editor | MD | {"If-Match": "*"})
    assert unknown.status_code == 404
    renamed = text.replace(b'id = "iron-deficiency"', b'id = "iron"')
    wrong_id = client.put(url, data=renamed, headers=editor | MD | {"If-Match": etag})
    assert wrong_id.status_code == 422
    assert wrong_id.json["error"]["problems"][0]["field"] == "id"


def test_revisions_and_sources_can_be_read_back(client, editor, source):
    text = source("iron-deficiency")
    etag = create(client, editor, text).headers["ETag"]
    url = "/api/v1/answers/iron-deficiency"
    client.put(url, data=text.replace(b"too little", b"not enough"),
               headers=editor | MD | {"If-Match": etag})
    listed = client.get(f"{url}/revisions", headers=editor).json["revisions"]
    assert [r["revision"] for r in listed] == [2, 1]
    assert listed[1]["history"][0] == {**listed[1]["history"][0], "to": "submitted",
                                       "by": "editor", "from": None}
    one = client.get(f"{url}/revisions/1", headers=editor)
    assert one.json["source"] == text.decode() and one.headers["ETag"] == etag
    latest = client.get(f"{url}/source", headers=editor)
    assert latest.mimetype == "text/markdown" and b"not enough" in latest.data
    assert client.get(f"{url}/source?revision=1", headers=editor).data == text
    cached = client.get(f"{url}/source", headers=editor | {"If-None-Match": latest.headers["ETag"]})
    assert cached.status_code == 304
    assert client.get(f"{url}/revisions/9", headers=editor).status_code == 404
    assert client.get(f"{url}/revisions/{2**70}", headers=editor).status_code == 404
    assert client.get(f"{url}/source?revision={2**70}", headers=editor).status_code == 404
    assert client.get("/api/v1/answers/nope/revisions", headers=editor).status_code == 404


# -- review status ---------------------------------------------------------------------------

def status(client, editor, answer_id, **body):
    """POST a status change; the response."""
    return client.post(f"/api/v1/answers/{answer_id}/status", json=body, headers=editor)


def test_review_through_the_api(client, editor, reviewer, source, store_app):
    create(client, editor, source("iron-deficiency"))
    illegal = status(client, reviewer, "iron-deficiency", status="approved")
    assert illegal.status_code == 409
    assert illegal.json["error"]["allowed"] == ["under_review"]
    assert status(client, reviewer, "iron-deficiency", status="under_review").status_code == 200
    no_note = status(client, reviewer, "iron-deficiency", status="submitted")
    assert no_note.status_code == 422
    assert no_note.json["error"]["problems"][0]["field"] == "note"
    ok = status(client, reviewer, "iron-deficiency", status="approved", revision=1)
    assert ok.status_code == 200 and ok.json["status"] == "approved"
    with store_app.app_context():
        from personalize.web.extensions import library

        assert library().get("iron-deficiency").approved


def test_the_gate_refuses_with_reasons_and_an_override_is_recorded(client, editor, reviewer,
                                                                   source):
    create(client, editor, source("dense-claims"))
    status(client, reviewer, "dense-claims", status="under_review")
    refused = status(client, reviewer, "dense-claims", status="approved")
    assert refused.status_code == 422
    assert set(refused.json["error"]["failures"]) == {"student", "patient"}
    overridden = status(client, reviewer, "dense-claims", status="approved",
                        override="Terms checked by the clinical lead.")
    assert overridden.status_code == 200
    last = overridden.json["history"][-1]
    assert last["override"] == "Terms checked by the clinical lead."
    assert last["by"] == "reviewer" and set(last["failures"]) == {"student", "patient"}


@pytest.mark.parametrize("body, field", [
    ({"status": "done"}, "status"),
    ({"status": "approved", "revision": "2"}, "revision"),
    ({"status": "approved", "revision": 2**70}, "revision"),
    ({"status": "approved", "note": 3}, "note"),
    ({"status": "approved", "reason": "x"}, "reason"),
])
def test_bad_status_bodies_are_422_naming_the_field(client, editor, source, body, field):
    create(client, editor, source("iron-deficiency"))
    response = status(client, editor, "iron-deficiency", **body)
    assert response.status_code == 422
    assert field in [p["field"] for p in response.json["error"]["problems"]]


def test_status_needs_a_json_object(client, editor, source):
    create(client, editor, source("iron-deficiency"))
    response = client.post("/api/v1/answers/iron-deficiency/status", data="status=approved",
                           headers=editor | {"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 422
    assert status(client, editor, "nope", status="under_review").status_code == 404


# -- OpenAPI ---------------------------------------------------------------------------------

def test_openapi_describes_every_route(client, store_app):
    document = client.get("/api/v1/openapi.json").json
    assert document["openapi"].startswith("3.1")
    assert document["paths"] == PATHS
    for rule in store_app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/"):
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule.removeprefix("/api/v1"))
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert method.lower() in document["paths"].get(path, {}), (method, path)


def test_openapi_references_resolve(client):
    document = client.get("/api/v1/openapi.json").json
    text = str(document)
    for ref in set(re.findall(r"#/components/(\w+)/(\w+)", text)):
        assert ref[1] in document["components"][ref[0]], ref
