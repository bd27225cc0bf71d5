"""Static export: approved answers only, every profile, pages, fragments and JSON, and links
that resolve to files from wherever the folder is served."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

PROFILES = ["clinician", "student", "patient"]


@pytest.fixture
def site(store_app, store, source, tmp_path):
    """An export of a store holding one approved answer and one pending review."""
    store.create(source("iron-deficiency"), "ana")
    store.transition("iron-deficiency", 1, "under_review", "rev")
    store.transition("iron-deficiency", 1, "approved", "rev")
    store.create(source("dense-claims"), "ana")
    out = tmp_path / "site"
    result = store_app.test_cli_runner().invoke(args=["export-static", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 approved answers x 3 profiles" in result.stdout
    return out


def test_every_profile_of_every_approved_answer_is_written(site, store):
    index = json.loads((site / "index.json").read_text())
    assert [a["id"] for a in index["answers"]] == ["iron-deficiency"]
    assert not (site / "answers" / "dense-claims").exists()
    record = store.get("iron-deficiency")
    for name in PROFILES:
        data = json.loads((site / "answers" / "iron-deficiency" / f"{name}.json").read_text())
        rendition = store.rendition(record, name)
        assert (data["profile"], data["verdict"], data["revision"]) == (name, "pass", 1)
        assert data["html"] == rendition.html
        fragment = site / "answers" / "iron-deficiency" / f"{name}.fragment.html"
        assert fragment.read_text() == rendition.html
        files = index["answers"][0]["profiles"][name]
        assert all((site / path).is_file() for path in files.values())


def test_pages_show_approved_answers_only(site):
    page = (site / "answers" / "iron-deficiency" / "patient.html").read_text()
    assert "What is iron deficiency?" in page
    home = (site / "index.html").read_text()
    assert "iron-deficiency" in home and "dense-claims" not in home


def test_links_between_exported_files_are_relative_and_resolve(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 1 + 3 * 2
    for page in pages:
        text = page.read_text()
        for url in re.findall(r'(?:href|src)="([^"]*)"', text):
            parts = urlsplit(url)
            if parts.scheme or url.startswith("#"):
                continue
            assert not url.startswith("/"), f"{page.relative_to(site)} links to {url}"
            target = (page.parent / unquote(parts.path)).resolve()
            assert target.is_file() and target.is_relative_to(site.resolve()), (page, url)


def test_nothing_approved_exports_nothing_and_says_so(store_app, store, source, tmp_path):
    store.create(source("iron-deficiency"), "ana")
    result = store_app.test_cli_runner().invoke(args=["export-static", str(tmp_path / "s")])
    assert result.exit_code == 0
    assert "Nothing is approved yet" in result.stderr
    assert json.loads((tmp_path / "s" / "index.json").read_text()) == {"answers": []}


def test_the_export_leaves_the_app_serving_every_answer(site, store_app):
    assert "dense-claims" in store_app.extensions["personalize.library"].ids()


def test_export_folder_is_self_contained(site):
    assert Path(site / "static").is_dir()


CONTENT = Path(__file__).resolve().parent.parent / "content"


@pytest.fixture
def bilingual(store_app, store):
    """A store with the leukopenia answer approved in English and in Spanish."""
    for name in ("leukopenia-causes", "leucopenia-causas"):
        store.create((CONTENT / f"{name}.md").read_bytes(), "ana")
        store.transition(name, 1, "under_review", "rev")
        store.transition(name, 1, "approved", "rev")
    return store_app


def test_each_language_is_exported_with_its_own_interface(bilingual, tmp_path):
    out = tmp_path / "site"
    result = bilingual.test_cli_runner().invoke(args=["export-static", str(out)])
    assert result.exit_code == 0, result.output
    index = json.loads((out / "index.json").read_text())
    assert {a["id"]: a["language"] for a in index["answers"]} == {
        "leukopenia-causes": "en", "leucopenia-causas": "es"}
    assert index["answers"][0]["translations"] or index["answers"][1]["translations"]
    spanish = (out / "answers" / "leucopenia-causas" / "patient.html").read_text()
    english = (out / "answers" / "leukopenia-causes" / "patient.html").read_text()
    assert '<html lang="es">' in spanish and '<html lang="en">' in english
    assert "Referencias" in spanish and "References" in english
    home_es = (out / "es" / "index.html").read_text()
    assert '<html lang="es">' in home_es and "leucopenia-causas" in home_es
    assert "leukopenia-causes" not in home_es  # it has its Spanish answer
    # Links in the Spanish pages resolve to exported files, relative to where they are.
    for url in re.findall(r'href="([^"#:]+\.html)"', home_es):
        assert (out / "es" / unquote(url)).resolve().is_file(), url


def test_the_export_can_be_limited_to_one_language(bilingual, tmp_path):
    out = tmp_path / "site"
    result = bilingual.test_cli_runner().invoke(
        args=["export-static", str(out), "--language", "es"])
    assert result.exit_code == 0, result.output
    index = json.loads((out / "index.json").read_text())
    assert [a["id"] for a in index["answers"]] == ["leucopenia-causas"]
    assert (out / "es" / "index.html").is_file() and not (out / "index.html").exists()
    bad = bilingual.test_cli_runner().invoke(args=["export-static", str(out), "--language",
                                                   "fr"])
    assert bad.exit_code == 2 and "fr" in bad.output
