"""Hostile and broken input (issue 14): nothing cut or dropped silently, no 5xx, no loops."""

from __future__ import annotations

import http.client
import io
import urllib.parse

import pytest

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


def test_a_chunked_body_at_the_limit_is_taken_whole(client, editor, source, store):
    body = source("iron-deficiency")
    body += b"\nMore." + b"a" * (LIMIT - len(body) - 6)
    assert len(body) == LIMIT
    response = chunked(client, "POST", "/api/v1/answers", body, editor | MD)
    assert response.status_code in (201, 422), response.json  # 422: one very long word
    if response.status_code == 201:
        assert store.head("iron-deficiency").source.encode() == body


def test_a_chunked_body_to_gunicorn_over_the_limit_is_413(live_server, tmp_path, source):
    base = live_server(f"sqlite:///{tmp_path / 'live.sqlite3'}", workers=1)
    from sqlalchemy import create_engine
    engine = create_engine(f"sqlite:///{tmp_path / 'live.sqlite3'}")
    token = tokens.create(engine, "editor", role="author")
    engine.dispose()
    body = big_source(source, 1_620_000)
    host = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
    conn.request("POST", "/api/v1/answers", body=iter([body[i:i + 65536]
                                                       for i in range(0, len(body), 65536)]),
                 headers={"Authorization": f"Bearer {token}", **MD},
                 encode_chunked=True)
    response = conn.getresponse()
    assert response.status == 413
    conn.close()
    conn = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
    conn.request("GET", "/api/v1/answers/iron-deficiency/source",
                 headers={"Authorization": f"Bearer {token}"})
    assert conn.getresponse().status == 404
