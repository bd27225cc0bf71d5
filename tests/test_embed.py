"""Embeds: the fragment, the iframe page, embed.js, the reader JSON API and their rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from personalize import create_app
from personalize.core.catalog import load_catalog

ROOT = Path(__file__).resolve().parent.parent
STORE_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "store"
CATALOG = load_catalog(ROOT / "profiles")
PROFILES = list(CATALOG.profiles)
ID = "leukopenia-causes"
PENDING = "neutropenia"        # shipped content: under review, never approved here
DENSE = "dense-claims"         # approved with an override: student and patient fail the gate
DOSE = "6 mcg/kg"
HAND_WASHING = "Wash your hands"
READS = [f"/embed/{ID}", f"/embed/{ID}/frame", f"/api/v1/answers/{ID}",
         f"/oembed?url=http://localhost/answers/{ID}",
         "/infobutton?mainSearchCriteria.v.c=D72.819"
         "&mainSearchCriteria.v.cs=2.16.840.1.113883.6.90", "/embed.js"]


def approve(store, answer_id: str, override: str = "") -> None:
    """Take an answer's latest revision to approved, as a reviewer would."""
    head = store.head(answer_id)
    if head.status == "submitted":
        store.transition(answer_id, head.number, "under_review", "reviewer")
    store.transition(answer_id, head.number, "approved", "reviewer", override=override)


def embed_app(instance: Path, **config):
    """The shipped content with leukopenia-causes approved, and dense-claims overridden."""
    app = create_app({"TESTING": True, "INSTANCE_PATH_FOR_TESTS": str(instance), **config})
    store = app.extensions["personalize.store"]
    approve(store, ID)
    store.create((STORE_FIXTURES / f"{DENSE}.md").read_bytes(), "author")
    approve(store, DENSE, override="Reviewed by the clinical lead; plain version to follow.")
    return app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """A client of an app with approved answers (SQLite)."""
    return embed_app(tmp_path_factory.mktemp("embed")).test_client()


# -- the fragment ---------------------------------------------------------------------------

@pytest.mark.parametrize("profile", PROFILES)
def test_the_fragment_is_the_rendition_with_what_a_partner_needs(client, profile):
    response = client.get(f"/embed/{ID}?profile={profile}&lang=en")
    assert response.status_code == 200 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert not html.lstrip().startswith("<!doctype")
    for classes in re.findall(r'class="([^"]*)"', html):
        assert all(c.startswith("pz-") for c in classes.split()), classes
    assert 'rel="stylesheet" href="http://localhost/static/css/embed.css"' in html
    assert '<sup class="pz-cite">' in html and 'class="pz-references"' in html
    assert CATALOG.profiles[profile].disclaimer.title in html
    assert "Reading level: about grade" in html
    assert f'href="http://localhost/answers/{ID}?profile={profile}&amp;lang=en"' in html
    assert (DOSE in html) == (profile != "patient")
    assert html.count("aria-current") == 1


def test_the_stylesheet_link_is_optional(client):
    html = client.get(f"/embed/{ID}?stylesheet=0").get_data(as_text=True)
    assert "stylesheet" not in html and "pz-rendition" in html


def test_the_default_profile_is_the_catalogs(client):
    html = client.get(f"/embed/{ID}").get_data(as_text=True)
    assert f'data-pz-profile="{CATALOG.default.name}"' in html


# -- the iframe page ------------------------------------------------------------------------

def test_the_frame_is_a_page_with_the_switch_and_the_height_script(client):
    response = client.get(f"/embed/{ID}/frame?profile=clinician")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and html.startswith("<!doctype html>")
    assert "data-pz-frame" in html and '<script src="/embed.js" defer>' in html
    for name in PROFILES:
        assert f"/embed/{ID}/frame?profile={name}&amp;lang=en" in html
    assert response.headers["Content-Security-Policy"].endswith("frame-ancestors *")
    assert response.headers["X-Frame-Options"] != "DENY"


def test_the_frame_ancestors_allowlist_is_a_setting(tmp_path):
    app = create_app({"TESTING": True, "INSTANCE_PATH_FOR_TESTS": str(tmp_path),
                      "EMBED_FRAME_ANCESTORS": "'self' https://portal.example"})
    approve(app.extensions["personalize.store"], ID)
    response = app.test_client().get(f"/embed/{ID}/frame")
    assert "frame-ancestors 'self' https://portal.example" in \
        response.headers["Content-Security-Policy"]
    with pytest.raises(ValueError, match="EMBED_FRAME_ANCESTORS"):
        create_app({"TESTING": True, "INSTANCE_PATH_FOR_TESTS": str(tmp_path),
                    "EMBED_FRAME_ANCESTORS": "https://a.example; script-src *"})


def test_only_the_frame_pages_may_be_framed(client):
    assert client.get(f"/embed/{ID}").headers["X-Frame-Options"] == "DENY"
    assert client.get(f"/answers/{ID}").headers["X-Frame-Options"] == "DENY"


# -- embed.js -------------------------------------------------------------------------------

def test_embed_js_is_one_small_script_with_one_global(client):
    response = client.get("/embed.js")
    script = response.get_data(as_text=True)
    assert response.mimetype == "text/javascript" and len(script) < 12_000
    assert "import " not in script and "require(" not in script
    assert re.findall(r"window\[NS\] = ", script) == ["window[NS] = "]
    assert 'var NS = "personalize"' in script


# -- the JSON API ---------------------------------------------------------------------------

def test_the_json_api_gives_the_rendition_and_its_checks(client):
    response = client.get(f"/api/v1/answers/{ID}?profile=student&lang=en")
    data = response.json
    assert response.status_code == 200
    assert data["answer_id"] == ID and data["profile"]["name"] == "student"
    assert "<article" in data["html"] and DOSE in data["text"]
    assert data["verdict"] == "pass" and data["facts"]["ok"] is True
    assert {t["metric"] for t in data["targets"]} <= set(data["scores"])
    assert all(t["met"] for t in data["targets"])
    assert data["revision"] == 1 and data["status"] == "approved"
    assert data["updated"] == "2026-12-03"
    assert data["references"] and {"id", "title", "kind"} <= set(data["references"][0])
    assert data["links"]["page"] == f"http://localhost/answers/{ID}?profile=student&lang=en"


def test_the_embed_json_gives_each_reference_its_link(client):
    """References come with what a reader needs to check them in one click."""
    refs = client.get("/api/v1/answers/leukopenia-causes?profile=clinician").json["references"]
    assert refs and all(r["link"].startswith("https://") for r in refs)
    doi = next(r for r in refs if r["doi"])
    assert doi["link"] == f"https://doi.org/{doi['doi']}"
    assert {"authors", "volume", "pages", "pmid"} <= set(doi)


def test_the_json_api_is_described_in_openapi(client):
    operation = client.get("/api/v1/openapi.json").json["paths"]["/answers/{answer_id}"]["get"]
    assert set(operation["responses"]) >= {"200", "304", "400", "404", "409"}
    assert "security" not in operation


def test_the_editors_put_on_the_same_path_still_needs_a_token(client):
    response = client.put(f"/api/v1/answers/{ID}", data="x",
                          headers={"Content-Type": "text/markdown"})
    assert response.status_code == 401


# -- caching and CORS -------------------------------------------------------------------------

@pytest.mark.parametrize("url", READS)
def test_every_embed_is_cacheable_with_validators(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=300"
    etag, modified = response.headers["ETag"], response.headers["Last-Modified"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200


def test_etags_differ_by_profile(client):
    tags = {client.get(f"/embed/{ID}?profile={p}").headers["ETag"] for p in PROFILES}
    assert len(tags) == len(PROFILES)


@pytest.mark.parametrize("url", [f"/embed/{ID}", f"/api/v1/answers/{ID}", "/embed/nope",
                                 "/api/v1/answers/nope"])
def test_the_fragment_and_the_json_are_readable_from_any_origin(client, url):
    response = client.get(url, headers={"Origin": "https://partner.example"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response.headers["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in response.headers


def test_a_preflight_allows_reads_only(client):
    response = client.options(f"/api/v1/answers/{ID}", headers={
        "Origin": "https://partner.example", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "if-none-match"})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "If-None-Match" in response.headers["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Origin" not in client.get(
        f"/api/v1/answers/{ID}/revisions").headers


# -- what may be embedded ---------------------------------------------------------------------

JSON = {"Accept": "application/json"}  # how a script asks the fragment for errors as data


@pytest.mark.parametrize("url", [f"/embed/{PENDING}", f"/api/v1/answers/{PENDING}"])
def test_an_answer_without_an_approved_revision_is_not_embedded(client, url):
    response = client.get(url, headers=JSON)
    assert response.status_code == 409
    error = response.json["error"]
    assert "no approved revision" in error["detail"] and error["revision_status"] == "under_review"


@pytest.mark.parametrize("url", [f"/embed/{DENSE}?profile=patient",
                                 f"/api/v1/answers/{DENSE}?profile=patient"])
def test_a_rendition_that_failed_its_gate_is_never_embedded(client, url):
    response = client.get(url, headers=JSON)
    assert response.status_code == 409
    error = response.json["error"]
    assert error["failing_targets"], error
    metrics = {t["metric"] for t in error["failing_targets"]}
    assert metrics <= {"flesch_kincaid_grade", "smog_index", "flesch_reading_ease"}
    for target in error["failing_targets"]:
        assert target["describe"] in error["detail"]
        assert target["value"] > target["max"]


def test_the_profile_that_passed_is_embedded_although_others_failed(client):
    assert client.get(f"/embed/{DENSE}?profile=clinician").status_code == 200


# -- what a reader sees where an answer cannot be embedded --------------------------------------

NOTICES = [  # (path, status, why, a sentence of the notice in English)
    (f"/embed/{PENDING}", 409, "pending", "A clinical reviewer has not approved it"),
    (f"/embed/{DENSE}?profile=student", 409, "gate", "It did not pass our checks"),
    ("/embed/nope", 404, "missing", "We have no answer at this address"),
    (f"/embed/{ID}?profile=pharmacist", 400, "request", "asks for a version we do not have"),
]


@pytest.mark.parametrize(("path", "status", "why", "said"), NOTICES)
@pytest.mark.parametrize("kind", ["frame", "fragment"])
def test_an_embed_that_cannot_show_the_answer_shows_a_notice(client, path, status, why, said,
                                                              kind):
    if kind == "frame":
        base, _, query = path.partition("?")
        path = f"{base}/frame" + (f"?{query}" if query else "")
    response = client.get(path)  # as a browser or an iframe asks: never raw JSON
    assert response.status_code == status and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert f'data-pz-unavailable="{why}"' in html and said in html
    answer = path.split("/")[2].split("?")[0]
    if why in ("pending", "gate", "request"):
        assert f'href="http://localhost/answers/{answer}?lang=en"' in html
    else:
        assert 'href="http://localhost/?lang=en"' in html
    assert "no-cache" in response.headers["Cache-Control"]
    if kind == "frame":  # a page any partner may frame, with a main landmark and a heading
        assert html.lstrip().startswith("<!doctype html>")
        assert "frame-ancestors *" in response.headers["Content-Security-Policy"]
        assert "<main" in html and "<h1" in html and 'rel="icon"' in html
        assert 'target="_blank"' in html
    else:
        assert "<html" not in html and "<main" not in html


def test_the_notice_speaks_the_partners_language(client):
    html = client.get(f"/embed/{PENDING}/frame?lang=es").get_data(as_text=True)
    assert '<html lang="es"' in html and "Esta respuesta" in html
    assert f'href="http://localhost/answers/{PENDING}?lang=es"' in html


# -- bad input ------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["/embed/nope", "/api/v1/answers/nope"])
def test_an_unknown_answer_is_a_json_404(client, url):
    response = client.get(url, headers=JSON)
    assert response.status_code == 404 and response.is_json
    assert "nope" in response.json["error"]["detail"]


@pytest.mark.parametrize("base", [f"/embed/{ID}", f"/api/v1/answers/{ID}"])
def test_an_unknown_profile_or_locale_is_a_400_listing_the_valid_ones(client, base):
    response = client.get(f"{base}?profile=pharmacist", headers=JSON)
    assert response.status_code == 400 and response.json["error"]["profiles"] == PROFILES
    assert all(name in response.json["error"]["detail"] for name in PROFILES)
    response = client.get(f"{base}?lang=fr", headers=JSON)
    assert response.status_code == 400 and response.json["error"]["locales"] == ["en", "es"]


def test_markup_in_a_bad_profile_name_is_not_reflected_as_html(client):
    response = client.get(f"/embed/{ID}?profile=<script>x</script>")
    assert response.status_code == 400 and "<script>x" not in response.get_data(as_text=True)
    assert client.get(f"/embed/{ID}?profile=<script>x</script>", headers=JSON).is_json


def test_the_json_api_on_each_database(store_app, store, source):
    store.create(source("iron-deficiency"), "author")
    approve(store, "iron-deficiency")
    client = store_app.test_client()
    data = client.get("/api/v1/answers/iron-deficiency?profile=clinician").json
    assert data["verdict"] == "pass" and "15 mcg/L" in data["text"]
    assert client.get("/embed/iron-deficiency?profile=patient").status_code == 200
