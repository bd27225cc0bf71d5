"""A partner's page on another origin embeds answers with embed.js and with the iframe."""

from __future__ import annotations

from pathlib import Path

import pytest

from personalize import create_app
from personalize.core.catalog import load_catalog

from .conftest import DESKTOP

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CATALOG = load_catalog(ROOT / "profiles")
ID = "leukopenia-causes"
QUESTION = "What causes leukopenia (low white blood cell count)?"
DOSE = "6 mcg/kg"
HAND_WASHING = "Wash your hands"
TIMEOUT = 30_000  # generous: a loaded two-core machine


def partner_page(app_url: str) -> bytes:
    """A clinic's page that uses both ways of embedding."""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Partner clinic</title></head>
<body>
  <h1>Partner clinic: your blood test</h1>
  <section id="snippet-host">
    <div id="snippet" data-personalize="{ID}" data-profile="patient"></div>
  </section>
  <iframe id="frame" title="{QUESTION}" width="600" height="150" style="border:0"
          src="{app_url}/embed/{ID}/frame?profile=clinician"></iframe>
  <script src="{app_url}/embed.js" async></script>
</body></html>""".encode()


def static_site(body: bytes):
    """A WSGI app serving one page: the third party's own server."""
    def site(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return [body]
    return site


@pytest.fixture(scope="module")
def sites(serve_app, tmp_path_factory):
    """The answers app and a partner page, each on its own loopback port."""
    app = create_app({"TESTING": True,
                      "INSTANCE_PATH_FOR_TESTS": str(tmp_path_factory.mktemp("embed-app"))})
    store = app.extensions["personalize.store"]
    store.transition(ID, store.head(ID).number, "approved", "reviewer")
    app_url = serve_app(app)
    partner_url = serve_app(static_site(partner_page(app_url)))
    assert app_url.split(":")[-1] != partner_url.split(":")[-1]
    return app_url, partner_url


@pytest.fixture
def page(browser):
    """A page with JavaScript on, in a fresh context."""
    ctx = browser.new_context(viewport=DESKTOP)
    ctx.set_default_timeout(TIMEOUT)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors
    yield page
    ctx.close()


def snippet_shows(page, profile: str) -> str:
    """Wait until the snippet shows a profile's rendition; its text."""
    page.locator(f'#snippet .pz-embed[data-pz-profile="{profile}"]').wait_for()
    return page.locator("#snippet").inner_text()


def test_embed_js_renders_the_snippet_and_switches_profile_inside_it(page, sites):
    app_url, partner_url = sites
    page.goto(partner_url)
    text = snippet_shows(page, "patient")
    assert QUESTION in text and "Reading level: about grade" in text
    assert CATALOG.profiles["patient"].disclaimer.title in text
    assert HAND_WASHING in text and DOSE not in text and "References" in text
    assert page.locator("#snippet iframe").count() == 0          # fetched, not framed
    assert page.evaluate("typeof window.personalize.load") == "function"

    page.locator('#snippet a[data-pz-profile="student"]').click()
    text = snippet_shows(page, "student")
    assert CATALOG.profiles["student"].disclaimer.title in text
    assert DOSE in text and HAND_WASHING not in text
    assert page.url == partner_url + "/"                          # the reader stayed here
    current = page.locator('#snippet a[aria-current="true"]')
    assert current.get_attribute("data-pz-profile") == "student"
    assert page.evaluate("document.activeElement.getAttribute('data-pz-profile')") == "student"
    assert page.locator("#snippet .pz-embed__status").inner_text() == \
        f"Showing the version for {CATALOG.profiles['student'].label}."

    page.locator('#snippet a[data-pz-profile="clinician"]').click()
    assert CATALOG.profiles["clinician"].disclaimer.title in snippet_shows(page, "clinician")
    # the embed stylesheet applies to the snippet and to nothing else on the page (it is a
    # <link> inside the fetched fragment: wait for the browser to load it, as a reader would)
    page.wait_for_function("getComputedStyle(document.querySelector('#snippet .pz-embed'))"
                           ".fontFamily.startsWith('system-ui')")
    assert not page.evaluate("getComputedStyle(document.querySelector('h1'))"
                             ".fontFamily").startswith("system-ui")
    assert page.errors == []


def test_the_iframe_shows_the_answer_fits_its_content_and_switches(page, sites):
    app_url, partner_url = sites
    page.goto(partner_url)
    frame = page.frame_locator("#frame")
    frame.locator('.pz-embed[data-pz-profile="clinician"]').wait_for()
    text = frame.locator("body").inner_text()
    assert QUESTION in text and DOSE in text
    assert CATALOG.profiles["clinician"].disclaimer.title in text
    # embed.js on the partner's page sizes the iframe from the frame's height messages
    page.wait_for_function("document.getElementById('frame').getBoundingClientRect()"
                           ".height > 400")
    inner = frame.locator("body").evaluate(
        "b => Math.ceil(b.getBoundingClientRect().height)")
    page.wait_for_function(
        f"Math.abs(document.getElementById('frame').getBoundingClientRect().height - {inner})"
        " <= 2")

    frame.locator('a[data-pz-profile="patient"]').click()
    frame.locator('.pz-embed[data-pz-profile="patient"]').wait_for()
    text = frame.locator("body").inner_text()
    assert HAND_WASHING in text and DOSE not in text
    assert CATALOG.profiles["patient"].disclaimer.title in text
    assert page.url == partner_url + "/"
    assert page.errors == []


def test_a_site_off_the_allowlist_cannot_frame_the_answer(browser, serve_app, tmp_path):
    app = create_app({"TESTING": True, "INSTANCE_PATH_FOR_TESTS": str(tmp_path),
                      "EMBED_FRAME_ANCESTORS": "'self'"})
    store = app.extensions["personalize.store"]
    store.transition(ID, store.head(ID).number, "approved", "reviewer")
    app_url = serve_app(app)
    partner_url = serve_app(static_site(partner_page(app_url)))
    ctx = browser.new_context(viewport=DESKTOP)
    ctx.set_default_timeout(TIMEOUT)
    try:
        page = ctx.new_page()
        page.goto(partner_url, wait_until="load")   # load waits for the iframe too
        snippet_shows(page, "patient")              # embed.js does not need framing
        frame = page.frame(url=lambda u: "/frame" in u)
        assert frame is None or frame.locator(".pz-embed").count() == 0
    finally:
        ctx.close()
