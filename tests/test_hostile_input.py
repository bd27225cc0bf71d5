"""Hostile and broken input (issue 14): nothing cut or dropped silently, no 5xx, no loops."""

from __future__ import annotations

import dataclasses
import http.client
import io
import re
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


# -- 4. every bad input is a 4xx naming what to fix ----------------------------------------

def answer_source(front: str, body: str = "Iron keeps red blood cells working.\n") -> bytes:
    return f'+++\nid = "x"\nquestion = "What is x?"\n{front}\n+++\n\n{body}'.encode()


@pytest.mark.parametrize("front, field", [
    ("aliases = " + "[" * 2000 + "]" * 2000, "front matter"),
    ("source = " + "{ a = " * 2000 + "1" + " }" * 2000, "front matter"),
    ("codes = 5", "codes"),
    ("codes = true", "codes"),
    ("codes = [{ system = 5, code = true }]", "codes"),
    ("source = 5", "source"),
    ('source = { site = ["x"] }', "source"),
    ("status = [1]", "status"),
    ('[[references]]\nid = "r"\ntitle = ["t"]', "references[0].title"),
    ('[[references]]\nid = "r"\ntitle = "t"\nyear = true', "references[0].year"),
    ('[[references]]\nid = "r"\ntitle = "t"\nurl = "javascript:alert(1)"', "references[0].url"),
    ('[[references]]\nid = "r"\ntitle = "t\u202egnp.exe"', "references[0].title"),
    ('translations = { es = "x" }', "translations"),
])
def test_bad_front_matter_is_422_naming_the_field(client, editor, front, field):
    front = front.replace('id = "x"\nquestion', "question")
    response = client.post("/api/v1/answers", data=answer_source(front), headers=editor | MD)
    assert response.status_code == 422, response.data[:300]
    problems = response.json["error"]["problems"]
    assert field in [p["field"] for p in problems], problems
    assert all(p["hint"] for p in problems)


def test_a_deep_front_matter_is_refused_at_its_line_and_column(client, editor):
    response = client.post("/api/v1/answers", headers=editor | MD,
                           data=answer_source("aliases = " + "[" * 2000 + "]" * 2000))
    [problem] = response.json["error"]["problems"]
    assert (problem["line"], problem["column"]) == (4, 27)


@pytest.mark.parametrize("text, where", [("Iron\x00 helps.", (7, 5)), ("Iron\x1b[31m.", (7, 5)),
                                         ("Fine.\nIron\x07.", (8, 5))])
def test_control_characters_in_a_source_are_422_with_line_and_column(client, editor, text,
                                                                     where):
    response = client.post("/api/v1/answers", data=answer_source("", text),
                           headers=editor | MD)
    assert response.status_code == 422
    problem = response.json["error"]["problems"][0]
    assert (problem["line"], problem["column"]) == where and "control character" in \
        problem["message"]


def test_a_question_with_a_bidi_override_is_422(client, editor):
    body = answer_source("").replace(b"What is x?", "What is \u202ex?".encode())
    response = client.post("/api/v1/answers", data=body, headers=editor | MD)
    assert response.status_code == 422
    assert response.json["error"]["problems"][0]["field"] == "question"


@pytest.mark.parametrize("length, status", [(100, 201), (101, 422), (5000, 422)])
def test_ids_are_at_most_100_characters(client, editor, length, status):
    body = answer_source("").replace(b'id = "x"', f'id = "{"a" * length}"'.encode())
    response = client.post("/api/v1/answers", data=body, headers=editor | MD)
    assert response.status_code == status
    if status == 422:
        assert "at most 100 characters" in response.json["error"]["problems"][0]["message"]


@pytest.mark.parametrize("url", ["/answers/%00", "/embed/%00", "/api/v1/answers/%00",
                                 "/answers/a%00b", "/search?q=%00", "/embed/x?lang=%00",
                                 "/oembed?url=http://localhost/answers/%00",
                                 "/answers/x%1b"])
def test_control_characters_in_addresses_are_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    if url.startswith(("/api", "/embed", "/oembed")):
        assert "control character" in response.json["error"]["detail"]
    else:
        assert "control character" in response.text


def test_a_status_note_with_nul_is_422(client, editor, reviewer, source):
    client.post("/api/v1/answers", data=source("iron-deficiency"), headers=editor | MD)
    response = client.post("/api/v1/answers/iron-deficiency/status", headers=reviewer,
                           json={"status": "under_review", "note": "ok\x00"})
    assert response.status_code == 422
    assert response.json["error"]["problems"][0]["field"] == "note"


@pytest.mark.parametrize("url", ["http://[::1/answers/x", "http://localhost:99999/answers/x",
                                 "http://localhost:port/answers/x"])
def test_oembed_of_a_malformed_url_is_400(client, url):
    response = client.get("/oembed", query_string={"url": url})
    assert response.status_code == 400
    assert "is not a valid URL" in response.json["error"]["detail"]


def test_an_answer_naming_itself_as_its_translation_is_refused(client, editor):
    body = answer_source('language = "en"\ntranslations = { es = "x" }')
    response = client.post("/api/v1/answers", data=body, headers=editor | MD)
    assert response.status_code == 422
    assert "names this answer itself" in response.json["error"]["problems"][0]["message"]


def test_a_translation_in_another_language_than_listed_is_refused_and_never_loops(
        client, editor, store):
    def make(answer_id, language, translations):
        body = answer_source(f'language = "{language}"\ntranslations = {translations}')
        return client.post("/api/v1/answers", headers=editor | MD,
                           data=body.replace(b'id = "x"', f'id = "{answer_id}"'.encode()))

    assert make("b", "en", '{ es = "a" }').status_code == 201  # a does not exist yet
    refused = make("a", "en", '{ es = "b" }')  # b is English, not Spanish
    assert refused.status_code == 422
    assert "'b' is in 'en', not 'es'" in refused.json["error"]["problems"][0]["message"]
    # made anyway (as a store filled before this check would hold it): no redirect loop
    store.put(answer_source('language = "en"').replace(b'id = "x"', b'id = "a"'), "x", "a.md")
    page = client.get("/answers/b?lang=es")
    assert page.status_code == 200  # b names a, which is not Spanish: b is shown


# -- fuzzing: front matter and addresses never give a 5xx -----------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from personalize.core.answer import FIELDS, REFERENCE_FIELDS  # noqa: E402

FUZZ = settings(max_examples=150, deadline=None, database=None,
                suppress_health_check=list(HealthCheck))
_TEXT = st.text(st.characters(codec="utf-8"), max_size=30)
_SCALARS = st.one_of(st.integers(-2**70, 2**70), st.booleans(), st.floats(allow_nan=False),
                     _TEXT, st.dates())


def nested(depth: int):
    """TOML values: scalars, and arrays and tables of them nested up to `depth` deep."""
    if depth == 0:
        return _SCALARS
    inner = nested(depth - 1)
    return st.one_of(_SCALARS, st.lists(inner, max_size=3),
                     st.dictionaries(st.sampled_from(REFERENCE_FIELDS + FIELDS), inner,
                                     max_size=3))


VALUES = nested(3)


def toml_value(value) -> str:
    """A value written as TOML (inline tables and arrays)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + "".join(c if c.isprintable() and c not in '"\\' else f"\\u{ord(c):04x}"
                             if ord(c) < 0x10000 else f"\\U{ord(c):08x}" for c in value) + '"'
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + " }"
    return str(value).replace("inf", "inf")


FRONT = st.one_of(
    st.dictionaries(st.sampled_from(FIELDS), VALUES, max_size=5).map(
        lambda d: "\n".join(f"{k} = {toml_value(v)}" for k, v in d.items())),
    st.text(max_size=200),
    st.integers(1, 3000).map(lambda n: "aliases = " + "[" * n + "]" * n),
)
BODY = st.one_of(st.just("Iron helps.\n"), st.text(max_size=200),
                 st.lists(st.sampled_from(["[@", "]", "@r1", ", p. 5", ";", "`", ":::",
                                           "patient", "\n", " ", "x", "\x00", "\u202e"]),
                          max_size=30).map("".join))


@FUZZ
@given(front=FRONT, body=BODY)
def test_fuzzed_front_matter_and_bodies_never_give_a_5xx(client, editor, front, body):
    data = f"+++\n{front}\n+++\n\n{body}".encode("utf-8", "surrogatepass")
    response = client.post("/api/v1/answers", data=data, headers=editor | MD)
    assert response.status_code < 500, (front[:300], body[:300], response.data[:500])


SEGMENT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
PATHS = st.sampled_from(["/answers/", "/embed/", "/embed/frame/", "/api/v1/answers/",
                         "/search?q=", "/oembed?url=http://localhost/answers/",
                         "/oembed?url=", "/infobutton?mainSearchCriteria.v.c=",
                         "/answers/iron-deficiency?profile=", "/answers/iron-deficiency?lang=",
                         "/qa/readability?sort=", "/embed.js?x="])


@FUZZ
@given(prefix=PATHS, segment=SEGMENT)
def test_fuzzed_addresses_never_give_a_5xx(client, editor, prefix, segment):
    url = prefix + urllib.parse.quote(segment, safe="[]:/@?=&")
    response = client.get(url, headers=editor)
    assert response.status_code < 500, (url, response.data[:500])


# -- 5. embeds are safe in someone else's page ----------------------------------------------

PICTURES = (b'+++\nid = "pictures"\nquestion = "What do the signs look like?"\n\n'
            b'[[references]]\nid = "r1"\nkind = "research"\ntitle = "A study."\n'
            b'url = "https://doi.org/10.1000/x"\n+++\n\n'
            b'See [the guide [@r1]](https://example.org "title [@r1]") and '
            b'![a rash [@r1]](/static/rash.png "rash"), '
            b'![a pixel](https://elsewhere.example/pixel.png) and '
            b'![a chart](https://images.example/chart.png).\n\n'
            b'Neutropenia is ![neutropenia](/static/n.png "neutropenia") common.\n')


@pytest.fixture
def pictures(store_app, store):
    store.create(PICTURES, "author")
    store.transition("pictures", 1, "under_review", "chief")
    store.transition("pictures", 1, "approved", "chief", override="pictures test")
    return store_app.test_client()


def test_embeds_carry_images_only_from_the_site_or_the_allowed_hosts(pictures, store_app):
    store_app.config["EMBED_IMAGE_HOSTS"] = "images.example"
    for url in ("/embed/pictures", "/embed/pictures/frame", "/api/v1/answers/pictures"):
        response = pictures.get(url)
        assert response.status_code == 200, url
        html = response.json["html"] if url.startswith("/api") else response.text
        images = re.findall(r'<img src="([^"]+)"', html)
        assert images == ["http://localhost/static/rash.png",
                          "https://images.example/chart.png", "http://localhost/static/n.png"]
        assert "elsewhere.example" not in html and "a pixel" in html


def test_attribute_values_never_receive_markup(pictures):
    for profile in ("clinician", "patient"):
        html = pictures.get(f"/embed/pictures?profile={profile}").text
        for value in re.findall(r'(?:title|alt)="([^"]*)"', html):
            assert "<" not in value and ">" not in value, value
        assert 'title="title"' in html and 'alt="a rash"' in html


def test_a_stored_javascript_reference_url_is_never_handed_out(store, store_app):
    # A revision saved before urls were checked: the API gives no such address.
    from personalize.store.models import StoredRevision
    store.create(PICTURES, "author")
    with store._write.begin() as s:
        row = s.query(StoredRevision).one()
        row.source = row.source.replace("https://doi.org/10.1000/x", "javascript:alert(1)")
    store.transition("pictures", 1, "under_review", "chief")
    store.transition("pictures", 1, "approved", "chief", override="test")
    data = store_app.test_client().get("/api/v1/answers/pictures").json
    assert [r["url"] for r in data["references"]] == [""]
    assert "javascript:" not in str(data)


# -- 7. production defaults ----------------------------------------------------------------

import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from personalize import create_app  # noqa: E402
from personalize.web.security import MissingSecretKey  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def no_key_env(tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PERSONALIZE_", "FLASK_"))}
    return env | {"PERSONALIZE_DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite3'}",
                  "PERSONALIZE_SEED_CONTENT": "false"}


def test_serving_without_a_secret_key_is_an_error_that_says_how_to_set_one(tmp_path,
                                                                          monkeypatch):
    monkeypatch.delenv("PERSONALIZE_SECRET_KEY", raising=False)
    monkeypatch.delenv("FLASK_RUN_FROM_CLI", raising=False)
    for key in ("", "dev"):
        with pytest.raises(MissingSecretKey, match="set PERSONALIZE_SECRET_KEY"):
            create_app({"INSTANCE_PATH_FOR_TESTS": str(tmp_path), "SECRET_KEY": key,
                        "DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite3'}"})
    app = create_app({"INSTANCE_PATH_FOR_TESTS": str(tmp_path), "SECRET_KEY": "a" * 64,
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite3'}"})
    assert app.secret_key == "a" * 64
    app.extensions["personalize.db"].dispose()


def test_flask_run_without_a_key_stops_with_the_message(tmp_path):
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "run", "--port",
                           "1"], cwd=ROOT, env=no_key_env(tmp_path), capture_output=True,
                          text=True, timeout=120)
    assert done.returncode != 0
    assert "set PERSONALIZE_SECRET_KEY" in done.stderr


def test_commands_that_use_no_session_run_without_a_key_and_say_nothing_of_it(tmp_path):
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "render",
                           str(ROOT / "content" / "anemia-causes.md"), "--profile", "patient"],
                          cwd=ROOT, env=no_key_env(tmp_path), capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "SECRET_KEY" not in done.stderr and "secret" not in done.stderr.lower()


def test_hsts_and_secure_cookies_over_https_only(tmp_path):
    app = create_app({"TESTING": True, "INSTANCE_PATH_FOR_TESTS": str(tmp_path)})
    plain = app.test_client().get("/qa/sign-in")
    assert "Strict-Transport-Security" not in plain.headers
    assert "Secure" not in plain.headers["Set-Cookie"]
    secure = app.test_client().get("/qa/sign-in", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert "Secure" in secure.headers["Set-Cookie"]


def test_behind_a_proxy_the_forwarded_scheme_counts_only_when_configured(tmp_path):
    forwarded = {"X-Forwarded-Proto": "https"}
    direct = create_app({"TESTING": True, "INSTANCE_PATH_FOR_TESTS": str(tmp_path / "a")})
    assert "Strict-Transport-Security" not in direct.test_client().get(
        "/qa/sign-in", headers=forwarded).headers
    proxied = create_app({"TESTING": True, "INSTANCE_PATH_FOR_TESTS": str(tmp_path / "b"),
                          "PROXY_FIX": 1})
    response = proxied.test_client().get("/qa/sign-in", headers=forwarded)
    assert "max-age=" in response.headers["Strict-Transport-Security"]
    assert "Secure" in response.headers["Set-Cookie"]


# -- 1. a failed render is stored, and QA never renders on a request -----------------------

from sqlalchemy import delete, func, select  # noqa: E402

from personalize.store.models import StoredRendition, StoredScore  # noqa: E402
from personalize.store.store import Store  # noqa: E402


def stored(store, model=StoredRendition) -> int:
    with store._read() as s:
        return s.scalar(select(func.count()).select_from(model))


def forget_renditions(store) -> None:
    """As a change of profile, lexicon or rendering code leaves them: to be made again."""
    with store._write.begin() as s:
        s.execute(delete(StoredRendition))
        s.execute(delete(StoredScore))


def test_a_render_that_raises_is_stored_as_a_failing_rendition_and_never_repeated(store, source):
    store.create(source("iron-deficiency"), "ana")
    forget_renditions(store)
    record = store.get("iron-deficiency")
    # A real exception in the real renderer: the patient profile carries a value its file
    # loader would refuse (same name and version), so rendering raises TypeError.
    patient = store.catalog.profiles["patient"]
    broken = dataclasses.replace(store.catalog, profiles={
        **store.catalog.profiles, "patient": dataclasses.replace(patient,
                                                                 max_sentence_words="15")})
    made = Store(store._engine, broken).rendition(record, "patient")
    assert made.verdict == "fail"
    assert made.reasons == ("rendering failed (TypeError); the answer is shown as written, "
                            "not rewritten for this reader. Shorten or split the sentences "
                            "that are unusually long or repetitive, or report it if the text "
                            "is ordinary.",)
    assert "too little iron" in made.text and "too little iron" in made.html  # as written
    assert stored(store) == 1 and stored(store, StoredScore) == 1
    # Any process (a fresh store, even one whose renderer would now succeed under the same
    # versions) gets the stored failure: the failed work is not started again.
    again = Store(store._engine, store.catalog).rendition(record, "patient")
    assert again == made and stored(store) == 1


def test_qa_reads_scores_and_never_renders_on_a_request(store_app, store, source, reviewer):
    store.create(source("iron-deficiency"), "ana")
    assert stored(store, StoredScore) == 3  # scored as it was saved
    client = store_app.test_client()
    data = client.get("/qa/readability.json", headers=reviewer).json
    assert data["total"] == 3 and data["unscored"] == 0
    forget_renditions(store)
    data = client.get("/qa/readability.json", headers=reviewer).json
    assert data["total"] == 0 and data["unscored"] == 3
    assert stored(store) == 0 and stored(store, StoredScore) == 0  # nothing rendered


# -- 4. import reads only the folder it is given ---------------------------------------------

def test_import_refuses_links_and_what_lies_outside_and_says_so(store_app, store, source,
                                                                tmp_path):
    folder, outside = tmp_path / "in", tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    (folder / "good.md").write_bytes(source("iron-deficiency"))
    secret = outside / "secret.md"
    secret.write_bytes(source("dense-claims"))
    (folder / "linked.md").symlink_to(secret)
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "sub").symlink_to(outside, target_is_directory=True)
    result = store_app.test_cli_runner().invoke(args=["content", "import", str(folder)])
    assert result.exit_code == 1
    assert "1 created" in result.stdout and "failed." in result.stdout
    report = result.stderr
    for name in ("linked.md", "passwd.txt", "sub"):
        assert f"refused: {folder / name} is a symbolic link" in report, report
    assert store.ids() == ["iron-deficiency"]
    assert store.get("dense-claims") is None


def test_import_of_approved_files_needs_another_reviewer_and_says_so(store_app, store, source,
                                                                     tmp_path):
    (tmp_path / "a.md").write_bytes(source("iron-deficiency").replace(
        b'status = "submitted"', b'status = "approved"'))
    runner = store_app.test_cli_runner()
    held = runner.invoke(args=["content", "import", str(tmp_path), "--actor", "ana"])
    assert held.exit_code == 0
    assert "UNDER REVIEW" in held.stderr and "--approved-by" in held.stderr
    assert store.head("iron-deficiency").status == "under_review"
    (tmp_path / "a.md").write_bytes((tmp_path / "a.md").read_bytes() + b"\nMore.\n")
    done = runner.invoke(args=["content", "import", str(tmp_path), "--actor", "ana",
                               "--approved-by", "Dr Lee"])
    assert done.exit_code == 0, done.output
    head = store.head("iron-deficiency")
    assert head.status == "approved" and head.author == "ana"
    assert head.steps[-1].actor == "Dr Lee"


def test_a_form_with_a_control_character_is_400(client):
    response = client.post("/language", data={"lang": "es\x00", "next": "/"},
                           headers={"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 400
    assert "control character" in response.text
