"""Hostile and broken input (issue 14): nothing cut or dropped silently, no 5xx, no loops."""

from __future__ import annotations

import http.client
import io
import urllib.parse

import pytest
import sqlalchemy

from personalize.store import tokens

MD = {"Content-Type": "text/markdown"}
LIMIT = 1024 * 1024


@pytest.fixture
def client(store_app):
    """A test client of an app on an empty store."""
    return store_app.test_client()


def chunked(client, method, url, body: bytes, headers: dict):
    """Send a body as a server that decodes chunked transfer (gunicorn) hands it on."""
    return client.open(url, method=method, input_stream=io.BytesIO(body),
                       headers=headers | {"Transfer-Encoding": "chunked"},
                       environ_overrides={"wsgi.input_terminated": True})


def big_source(source, size: int) -> bytes:
    text = source("iron-deficiency")
    return text + b"\nIron keeps red blood cells working well.\n" * (size // 40)


# -- 2. chunked bodies -----------------------------------------------------------------------

def test_a_chunked_body_over_the_limit_is_413_and_nothing_is_stored(client, editor, source,
                                                                    store):
    body = big_source(source, 1_620_000)
    assert len(body) > 1_600_000
    response = chunked(client, "POST", "/api/v1/answers", body, editor | MD)
    assert response.status_code == 413
    assert "limit" in response.json["error"]["detail"]
    assert store.head("iron-deficiency") is None


def test_a_chunked_put_over_the_limit_is_413(client, editor, source, store):
    created = client.post("/api/v1/answers", data=source("iron-deficiency"), headers=editor | MD)
    body = big_source(source, 1_620_000)
    response = chunked(client, "PUT", "/api/v1/answers/iron-deficiency", body,
                       editor | MD | {"If-Match": created.headers["ETag"]})
    assert response.status_code == 413
    assert store.head("iron-deficiency").number == 1


def test_a_chunked_body_at_the_limit_is_taken_whole_and_one_byte_more_is_413(
        client, editor, source, store, store_app):
    store_app.config["API_MAX_BODY"] = limit = 4096
    body = source("iron-deficiency")
    body += b"\nIron helps." * ((limit - len(body)) // 12) + b"\n"
    body += b" " * (limit - len(body))
    assert len(body) == limit
    over = chunked(client, "POST", "/api/v1/answers", body + b" ", editor | MD)
    assert over.status_code == 413 and store.head("iron-deficiency") is None
    response = chunked(client, "POST", "/api/v1/answers", body, editor | MD)
    assert response.status_code == 201, response.json
    assert store.head("iron-deficiency").source.encode() == body


def test_a_chunked_body_to_gunicorn_over_the_limit_is_413(live_server, tmp_path, source):
    base = live_server(f"sqlite:///{tmp_path / 'live.sqlite3'}", workers=1)
    engine = sqlalchemy.create_engine(f"sqlite:///{tmp_path / 'live.sqlite3'}")
    token = tokens.create(engine, "editor", role="author")
    engine.dispose()
    body = big_source(source, 1_620_000)
    host = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
    conn.request("POST", "/api/v1/answers", body=iter([body[i:i + 65536]
                                                       for i in range(0, len(body), 65536)]),
                 headers={"Authorization": f"Bearer {token}", **MD},
                 encode_chunked=True)
    try:
        response = conn.getresponse()
        assert response.status == 413
        assert b"nothing was stored" in response.read()
    finally:
        conn.close()
    conn = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
    try:
        conn.request("GET", "/api/v1/answers/iron-deficiency/source",
                     headers={"Authorization": f"Bearer {token}"})
        response = conn.getresponse()
        response.read()
        assert response.status == 404
    finally:
        conn.close()


# -- 3. text inside [@...] -------------------------------------------------------------------

DOSE = (b"+++\nid = \"dose\"\nquestion = \"What dose?\"\n\n[[references]]\nid = \"r1\"\n"
        b"kind = \"drug-label\"\ntitle = \"A label.\"\n+++\n\n")


def test_text_inside_a_citation_and_unknown_keys_are_422_naming_line_and_column(client, editor):
    body = DOSE + (b"Give 10 mg/kg daily [@r1, p. 5: max 40 mg/kg] and "
                   b"[@nosuchkey, see also].\n")
    response = client.post("/api/v1/answers", data=body, headers=editor | MD)
    assert response.status_code == 422
    problems = [(p["line"], p["column"], p["message"])
                for p in response.json["error"]["problems"]]
    assert problems == [
        (11, 21, "'p. 5: max 40 mg/kg' is not a locator; text inside [@...] is not shown to "
                 "readers"),
        (11, 51, "'see also' is not a locator; text inside [@...] is not shown to readers"),
        (11, 51, "unknown citation key '@nosuchkey'"),
    ]


def test_a_locator_is_kept_and_shown(store, editor, client):
    body = DOSE + b"Give 10 mg/kg daily [@r1, p. 5] and no more [@r1, pp. 7-9].\n"
    assert client.post("/api/v1/answers", data=body, headers=editor | MD).status_code == 201
    rendition = store.rendition(store.get("dose"), "clinician")
    assert rendition.verdict == "pass"
    assert rendition.text == "Give 10 mg/kg daily and no more."
    assert '<sup class="pz-cite"><a href="#pz-dose-clinician-ref-r1"' in rendition.html
    assert '>1</a>, p. 5</sup>' in rendition.html and '>1</a>, pp. 7-9</sup>' in rendition.html
    assert "<sup class=\"pz-cite\"></sup>" not in rendition.html
    assert [f.value for f in rendition.facts.checked if f.kind == "citation"] == ["r1"]
