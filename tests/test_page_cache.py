"""Answer pages kept per process: never a stale revision, profile or lexicon; no reader's
token or query in what is kept."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT

from personalize import create_app
from personalize.core.catalog import load_catalog

URL = "/answers/iron-deficiency"


def pages_kept(app) -> int:
    """How many answer pages the app's process keeps."""
    return len(app.extensions["personalize.pages"])


def approve(store, answer_id, number):
    """Take a revision from submitted to approved."""
    store.transition(answer_id, number, "under_review", "reviewer")
    store.transition(answer_id, number, "approved", "reviewer", override="test")


def test_a_saved_revision_is_served_at_once(store_app, store, source):
    client = store_app.test_client()
    text = source("iron-deficiency")
    store.create(text, "ana")
    assert b"too little iron" in client.get(URL).data
    assert b"too little iron" in client.get(URL).data and pages_kept(store_app) == 1
    store.save("iron-deficiency", text.replace(b"too little", b"not enough"), "ben", expected=1)
    page = client.get(URL).data
    assert b"not enough iron" in page and b"too little iron" not in page


def test_another_process_sees_a_save_and_an_approval_on_its_next_request(
        store_app, store, source, database_url, tmp_path):
    other = create_app({"TESTING": True, "INSTANCE_PATH_FOR_TESTS": str(tmp_path / "other"),
                        "DATABASE_URL": database_url, "SEED_CONTENT": False})
    try:
        client = other.test_client()
        text = source("iron-deficiency")
        store.create(text, "ana")
        first = client.get(URL).data
        assert b"too little iron" in first and b"Pending review" in first
        store.save("iron-deficiency", text.replace(b"too little", b"not enough"), "ben",
                   expected=1)
        assert b"not enough iron" in client.get(URL).data
        approve(store, "iron-deficiency", 2)
        approved = client.get(URL).data
        assert b"not enough iron" in approved and b"Pending review" not in approved
    finally:
        other.extensions["personalize.db"].dispose()


@pytest.fixture
def profiles_app(tmp_path, source):
    """An app on a copy of the shipped profiles, with one answer stored."""
    shutil.copytree(ROOT / "profiles", tmp_path / "profiles")
    app = create_app({"TESTING": True, "INSTANCE_PATH_FOR_TESTS": str(tmp_path),
                      "PROFILES_DIR": str(tmp_path / "profiles"), "SEED_CONTENT": False})
    app.extensions["personalize.store"].create(source("iron-deficiency"), "ana")
    yield app
    app.extensions["personalize.db"].dispose()


def reload_catalog(app, folder) -> None:
    """What a restart on edited profile files gives: a new catalog for every reader."""
    fresh = load_catalog(folder)
    app.extensions["personalize.catalog"] = fresh
    app.extensions["personalize.store"].catalog = fresh


def test_a_changed_profile_is_not_served_stale(profiles_app, tmp_path):
    client = profiles_app.test_client()
    assert b"Patient or caregiver" in client.get(URL + "?profile=student").data
    path = tmp_path / "profiles" / "patient.toml"
    path.write_text(path.read_text().replace("Patient or caregiver", "Patient or carer"))
    reload_catalog(profiles_app, tmp_path / "profiles")
    page = client.get(URL + "?profile=student").data
    assert b"Patient or carer" in page and b"Patient or caregiver" not in page


def test_a_changed_lexicon_is_not_served_stale(profiles_app, tmp_path):
    client = profiles_app.test_client()
    assert b"feel tired" in client.get(URL + "?profile=patient").data
    path = tmp_path / "profiles" / "lexicon" / "en-plain.toml"
    path.write_text(path.read_text() + '\n[[swaps]]\nword = "feel tired"\n'
                    'plain = "feel worn out"\npos = "phrase"\n')
    reload_catalog(profiles_app, tmp_path / "profiles")
    page = client.get(URL + "?profile=patient").data
    assert b"feel worn out" in page and b"feel tired" not in page


def test_every_reader_gets_the_kept_page_and_no_cookie(client):
    url = "/answers/leukopenia-causes?profile=patient"
    one, two = client.application.test_client(), client.application.test_client()
    first, second = one.get(url), two.get(url)
    assert first.get_data() == second.get_data() and pages_kept(client.application) == 1
    assert "Set-Cookie" not in first.headers and "Set-Cookie" not in second.headers
    # The kept page's form still works for each of them.
    for reader in (one, two):
        posted = reader.post("/profile", data={"profile": "student", "next": url})
        assert posted.status_code == 303


def test_the_query_and_an_unknown_name_are_not_kept(client):
    base = "/answers/leukopenia-causes"
    page = client.get(base + "?profile=%3Cb%3Efirst-name&from=%22x").get_data(as_text=True)
    assert "“&lt;b&gt;first-name”" in page
    assert 'value="/answers/leukopenia-causes?from=%22x"' in page
    again = client.get(base + "?profile=second-name").get_data(as_text=True)
    assert "“second-name”" in again and "first-name" not in again and "from=" not in again
    assert pages_kept(client.application) == 1


def test_an_unchanged_page_is_a_304_for_any_reader_of_the_same_version(client):
    url = "/answers/leukopenia-causes?profile=clinician"
    first = client.get(url)
    etag = first.headers["ETag"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert "Cookie" in again.headers["Vary"] and "no-cache" in again.headers["Cache-Control"]
    assert client.get(url.replace("clinician", "student"),
                      headers={"If-None-Match": etag}).status_code == 200
    stranger = client.application.test_client()
    assert stranger.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert stranger.get(url.replace("clinician", "clinician&lang=en"),
                        headers={"If-None-Match": etag}).status_code == 200


def test_the_cache_is_bounded(tmp_path):
    app = create_app({"TESTING": True, "INSTANCE_PATH_FOR_TESTS": str(tmp_path),
                      "PAGE_CACHE_SIZE": 2})
    client = app.test_client()
    for profile in ("patient", "student", "clinician", "patient"):
        assert client.get(f"/answers/leukopenia-causes?profile={profile}").status_code == 200
    assert pages_kept(app) == 2
