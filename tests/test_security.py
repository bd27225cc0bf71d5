"""Security: headers, no inline script, autoescaping, no raw HTML from Markdown, CSRF."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from flask import jsonify

from personalize import create_app
from personalize.web.security import CSP, TOKEN_FIELD, csrf_exempt

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["/", "/search", "/search?q=platelets", "/search?q=diabetes", "/editorial-policy",
         "/answers/leukopenia-causes", "/answers/leukopenia-causes?profile=clinician",
         "/answers/leukopenia-causes?profile=student", "/answers/no-such-answer"]
HOSTILE = '''+++
id = "hostile"
question = "Is <script>alert('q')</script> safe?"
status = "submitted"
updated = 2025-05-21
language = "en"

[[references]]
id = "ref-1"
kind = "research"
title = "A <b onmouseover=alert(1)>bold</b> title"
container = "Journal"
year = 2020
url = "https://example.org/?q=\\"onmouseover=alert(1)"
+++

## Heading <img src=x onerror=alert(2)>

Plain text with <script>alert("body")</script> and <em onclick="x()">a tag</em> [@ref-1].

<div onclick="evil()">A raw HTML block.</div>

[A link](javascript:alert(3)) and ![an image](x.png "<svg onload=alert(4)>").
'''


def make_app(tmp_path: Path, **config):
    """An app on test settings with its own instance folder and database."""
    config = {"TESTING": True, "INSTANCE_PATH_FOR_TESTS": str(tmp_path / "instance"), **config}
    return create_app(config)


class _Markup(HTMLParser):
    """Every element, with its attributes, for checks on markup."""

    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.script_text = ""
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.script_text += data


@pytest.mark.parametrize("path", PAGES)
def test_every_page_sends_the_security_headers(client, path):
    response = client.get(path)
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("path", PAGES)
def test_pages_have_no_inline_script_style_or_handlers(client, path):
    parser = _Markup()
    parser.feed(client.get(path).get_data(as_text=True))
    scripts = [attrs for tag, attrs in parser.elements if tag == "script"]
    assert all(attrs.get("src", "").startswith("/static/") for attrs in scripts)
    assert not parser.script_text.strip()
    for tag, attrs in parser.elements:
        assert "style" not in attrs, tag
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        assert not (attrs.get("href") or "").lower().startswith("javascript:")


def test_a_view_may_set_its_own_policy(tmp_path):
    app = make_app(tmp_path)

    @app.get("/embed-test")
    def framed():
        response = jsonify(ok=True)
        response.headers["Content-Security-Policy"] = "frame-ancestors *"
        return response

    response = app.test_client().get("/embed-test")
    assert response.headers["Content-Security-Policy"] == "frame-ancestors *"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_content_markdown_never_passes_raw_html(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "hostile.md").write_text(HOSTILE, encoding="utf-8")
    client = make_app(tmp_path, CONTENT_DIR=str(content)).test_client()
    for profile in ("clinician", "student", "patient"):
        response = client.get(f"/answers/hostile?profile={profile}")
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        parser = _Markup()
        parser.feed(html)
        assert [a.get("src") for t, a in parser.elements if t == "script"] == \
            ["/static/js/reader.js"]
        for tag, attrs in parser.elements:
            assert tag not in ("img", "svg", "div") or "onerror" not in attrs
            assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
            for name in ("href", "src"):
                assert not (attrs.get(name) or "").lower().startswith("javascript:"), attrs
        assert "&lt;script&gt;" in html
    index = client.get("/").get_data(as_text=True)
    assert "<script>alert" not in index and "&lt;script&gt;alert" in index


SIGN_IN = "/qa/sign-in"


def session_token(client) -> str:
    """The CSRF token the editors' sign-in form carries for this client's session."""
    html = client.get(SIGN_IN).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_editors_forms_carry_a_token_and_readers_pages_need_no_session(client):
    html = client.get(SIGN_IN).get_data(as_text=True)
    form = re.search(r'<form[^>]*action="/qa/sign-in[^"]*".*?</form>', html, re.S).group()
    assert f'name="{TOKEN_FIELD}"' in form
    reader = client.application.test_client()
    for path in ("/", "/answers/leukopenia-causes", "/search?q=anemia", "/editorial-policy"):
        response = reader.get(path, follow_redirects=True)
        assert "Set-Cookie" not in response.headers, path
        assert TOKEN_FIELD not in response.get_data(as_text=True), path


@pytest.mark.parametrize("sent", [None, "", "forged-token"])
def test_an_editors_post_without_the_session_token_is_refused(client, sent):
    session_token(client)  # the session gets its token
    data = {"token": "not-checked-before-the-form-is"}
    if sent is not None:
        data[TOKEN_FIELD] = sent
    response = client.post(SIGN_IN, data=data)
    assert response.status_code == 400
    assert "security token" in response.get_data(as_text=True)


def test_a_token_from_another_session_is_refused(app):
    first, second = app.test_client(), app.test_client()
    stolen = session_token(first)
    session_token(second)
    assert second.post(SIGN_IN, data={"token": "x", TOKEN_FIELD: stolen}).status_code == 400
    # Accepted as a form (the editor token itself is then wrong: 401).
    assert first.post(SIGN_IN, data={"token": "x", TOKEN_FIELD: stolen}).status_code == 401


def test_the_token_may_come_in_a_header(client):
    response = client.post(SIGN_IN, data={"token": "x"},
                           headers={"X-CSRF-Token": session_token(client)})
    assert response.status_code == 401


@pytest.mark.parametrize("headers", [{"Sec-Fetch-Site": "cross-site"},
                                     {"Sec-Fetch-Site": "same-site"},
                                     {"Origin": "https://evil.example"}, {"Origin": "null"},
                                     {"Origin": "http://localhost.evil.example"}])
def test_a_preference_sent_from_another_site_is_refused(client, headers):
    response = client.post("/profile", data={"profile": "student", "next": "/"},
                           headers=headers)
    assert response.status_code == 400
    assert "security token" in response.get_data(as_text=True)
    assert "pz_profile" not in response.headers.get("Set-Cookie", "")


@pytest.mark.parametrize("headers", [{"Sec-Fetch-Site": "same-origin"},
                                     {"Sec-Fetch-Site": "none"},
                                     {"Origin": "http://localhost"}, {}])
def test_a_preference_sent_from_this_site_is_kept(client, headers):
    response = client.post("/profile", data={"profile": "student", "next": "/"},
                           headers=headers)
    assert response.status_code == 303 and "pz_profile=student" in response.headers["Set-Cookie"]


def test_json_bodies_and_exempt_views_are_not_form_posts(tmp_path):
    app = make_app(tmp_path)

    @app.post("/json-test")
    def json_view():
        return jsonify(ok=True)

    @app.post("/exempt-test")
    @csrf_exempt
    def exempt_view():
        return jsonify(ok=True)

    client = app.test_client()
    # A page on another site cannot send a JSON body without a CORS preflight.
    assert client.post("/json-test", json={"a": 1}).status_code == 200
    assert client.post("/json-test", data={"a": 1}).status_code == 400
    assert client.post("/exempt-test", data={"a": 1}).status_code == 200


def test_secret_key_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("PERSONALIZE_SECRET_KEY", "from-the-environment")
    assert make_app(tmp_path).config["SECRET_KEY"] == "from-the-environment"


def test_the_session_cookie_is_not_readable_by_script_or_other_sites(client):
    client.get(SIGN_IN)
    cookie = client.get_cookie("session")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"


def test_csp_allows_no_inline_script():
    directives = dict(part.strip().split(" ", 1) for part in CSP.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'"


def test_session_cookies_are_flasks_own(app):
    """The kept serializer and keys sign exactly as Flask's default session interface does."""
    from flask.sessions import SecureCookieSessionInterface

    ours, flasks = app.session_interface, SecureCookieSessionInterface()
    assert type(ours) is not SecureCookieSessionInterface
    data = {"csrf_token": "abc-DEF_123", "n": 1, "t": ("x", b"y")}
    with app.test_request_context():
        for _ in range(2):
            made = ours.get_signing_serializer(app).dumps(data)
            assert flasks.get_signing_serializer(app).loads(made) == data
            assert ours.get_signing_serializer(app).loads(made) == data
        # same payload, same second, same signature
        assert made.split(".")[0] == flasks.get_signing_serializer(app).dumps(data).split(".")[0]
    app.secret_key = "another-key"
    with app.test_request_context():
        other = ours.get_signing_serializer(app).dumps(data)
        assert flasks.get_signing_serializer(app).loads(other) == data
