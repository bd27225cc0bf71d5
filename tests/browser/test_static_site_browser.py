"""The static export opened from file:// in Chromium: every page reachable, nothing broken."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

import pytest

pytestmark = pytest.mark.browser

LINKS = """() => [...document.querySelectorAll('a[href], link[href], script[src], img[src]')]
    .map(e => e.href || e.src)"""


@pytest.fixture
def static_page(browser):
    """A page with JavaScript on that records failed loads and script errors."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    ctx.set_default_timeout(10_000)
    page = ctx.new_page()
    page.failures = []
    page.on("requestfailed", lambda r: page.failures.append((r.url, r.failure)))
    page.on("pageerror", lambda e: page.failures.append(("script", str(e))))
    yield page
    ctx.close()


def test_every_page_is_reachable_from_index_html_opened_from_file(static_page, static_site):
    page = static_page
    start = (static_site / "index.html").as_uri()
    seen: set[str] = set()
    queue = [start]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        page.goto(url)
        assert page.locator("link[rel=stylesheet]").count() >= 1
        # the site's stylesheet applied: the header is laid out by it, not the browser default
        assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).display")
        assert page.locator("form").count() == 0, url
        for link in page.evaluate(LINKS):
            parts = urlsplit(link)
            if parts.scheme != "file":
                assert parts.netloc not in ("127.0.0.1", "localhost"), (url, link)
                continue
            path = unquote(parts.path)
            assert path.startswith(str(static_site)), (url, link)
            target = static_site / path[len(str(static_site)) + 1:]
            assert target.is_file(), (url, link)
            if path.endswith(".html"):
                queue.append(parts._replace(fragment="").geturl())
    assert not page.failures
    exported = {p.as_uri() for p in static_site.rglob("*.html")
                if not p.name.endswith(".fragment.html")}
    assert seen == exported


def test_a_reader_changes_version_and_language_by_links(static_page, static_site):
    page = static_page
    page.goto((static_site / "answers" / "leukopenia-causes" / "patient.html").as_uri())
    page.get_by_role("link", name="Student").click()
    page.wait_for_url("**/leukopenia-causes/student.html")
    assert page.get_by_role("link", name="Student").get_attribute("aria-current") == "page"
    page.get_by_role("link", name="Español").click()
    page.wait_for_url("**/leucopenia-causas/student.html")
    assert page.locator("html").get_attribute("lang") == "es"
    page.get_by_role("link", name="Todas las preguntas").first.click()
    page.wait_for_url("**/es/index.html")
    assert not page.failures


@pytest.mark.parametrize("path", ["index.html", "es/index.html",
                                  "answers/leukopenia-causes/student.html",
                                  "answers/leucopenia-causas/patient.html"])
def test_axe_finds_no_violations_on_the_static_site(static_page, static_site, path):
    from axe_playwright_python.sync_playwright import Axe

    static_page.goto((static_site / path).as_uri())
    results = Axe().run(static_page)
    assert results.violations_count == 0, results.generate_report()
