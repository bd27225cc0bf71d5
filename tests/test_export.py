"""Static export: approved answers only, every profile, pages, fragments and JSON, and links
that resolve to files from wherever the folder is served."""

from __future__ import annotations

import functools
import json
import re
import threading
import urllib.error
import urllib.request
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from conftest import PUBLIC_URL

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
    assert (out / "es" / "index.html").is_file()
    # index.html leads to the Spanish list (a reader at the site's root is not left at a 404)
    root = (out / "index.html").read_text()
    assert 'href="es/index.html"' in root and 'url=es/index.html' in root
    assert not (out / "editorial-policy.html").exists()
    assert "is not exported" not in result.stderr
    # the Spanish pages link to no English page (none is exported) and search nothing
    for page in (out / "es").rglob("*.html"):
        text = page.read_text()
        assert "<form" not in text and 'href="../index.html"' not in text, page
    bad = bilingual.test_cli_runner().invoke(args=["export-static", str(out), "--language",
                                                   "fr"])
    assert bad.exit_code == 2 and "fr" in bad.output


# The static site as a reader finds it: served from a sub-path by a real HTTP server

class _Page(HTMLParser):
    """A page's links (tag, attributes), forms and ids."""

    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, dict]] = []
        self.forms: list[dict] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "form":
            self.forms.append(attrs)
        for name in ("href", "src", "action"):
            if attrs.get(name) is not None:
                self.links.append((tag, attrs | {"url": attrs[name]}))


def parse(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    return page


@pytest.fixture
def served(static_site):
    """The export's parent folder on a real HTTP server on 127.0.0.1; the site is /health/."""
    handler = functools.partial(_Quiet, directory=str(static_site.parent))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/health/"
    server.shutdown()
    thread.join(timeout=5)
    server.server_close()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""


def test_every_exported_page_is_reachable_from_index_html_with_no_broken_link(static_site,
                                                                              served):
    pages: dict[str, _Page] = {}
    queue, fragments = [served + "index.html"], []
    while queue:
        url = queue.pop()
        if url in pages:
            continue
        status, text = fetch(url)
        assert status == 200, url
        pages[url] = page = parse(text)
        assert not page.forms, f"{url} has a form: {page.forms}"
        for _tag, attrs in page.links:
            target = urljoin(url, attrs["url"])
            if attrs.get("rel") == "canonical":
                # where the page will be served: --base-url and the page's own file
                assert target.startswith(PUBLIC_URL), (url, target)
                assert (static_site / target[len(PUBLIC_URL):]).is_file(), (url, target)
                continue
            if not target.startswith(served):
                # only references' own addresses leave the site; nothing points at an app
                assert urlsplit(target).netloc not in ("127.0.0.1", "answers.example.org",
                                                       "localhost"), (url, attrs)
                continue
            address, _, fragment = target.partition("#")
            if fragment:
                fragments.append((url, address, fragment))
            if address.endswith(".html"):
                queue.append(address)
            else:
                assert fetch(address)[0] == 200, (url, attrs)
    for url, address, fragment in fragments:
        assert fragment in pages[address].ids, (url, address, fragment)
    exported = {served + str(p.relative_to(static_site)) for p in static_site.rglob("*.html")
                if not p.name.endswith(".fragment.html")}
    assert set(pages) == exported
    assert len(exported) == 8 * 3 + 4  # 8 answers x 3 profiles, 2 site pages x 2 languages


def test_the_selector_and_switcher_are_links_to_the_sibling_files(static_site):
    folder = static_site / "answers" / "leukopenia-causes"
    page = parse((folder / "student.html").read_text())
    hrefs = {attrs["url"] for tag, attrs in page.links if tag == "a"}
    assert {"clinician.html", "student.html", "patient.html"} <= hrefs
    assert "../leucopenia-causas/student.html" in hrefs  # Español: the same version, translated
    spanish = parse((static_site / "answers" / "leucopenia-causas" / "patient.html").read_text())
    assert "../leukopenia-causes/patient.html" in {a["url"] for t, a in spanish.links}
    # hreflang alternates name exported files; no oEmbed discovery on a static site
    text = (folder / "patient.html").read_text()
    assert '<link rel="alternate" hreflang="es" href="../leucopenia-causas/patient.html">' in text
    assert "oembed" not in text
    assert f'Printed from <span class="print-url__address">{PUBLIC_URL}answers/' in text
    # a Spanish page's way to other questions is the Spanish list, not the English one
    spanish_links = {a["url"] for t, a in spanish.links if t == "a"}
    assert "../../es/index.html" in spanish_links and "../../index.html" not in spanish_links
