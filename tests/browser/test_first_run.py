"""What a newcomer, a partner and an editor meet on a fresh run, in Debian's Chromium:
embeds before and after the sample content is approved, the language switcher keeping the
profile, the answer's first sentence on a phone's first screen, print, and axe-core on every
page kind (embed frame, notice, Infobutton, QA report and drill-down)."""

from __future__ import annotations

from pathlib import Path

import pytest

from personalize import create_app
from personalize.core.catalog import load_catalog
from personalize.store import tokens

from .conftest import DESKTOP

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CATALOG = load_catalog(ROOT / "profiles")
ORDER = list(CATALOG.profiles)
ANSWER = "/answers/leukopenia-causes"
SPANISH = "leucopenia-causas"
PHONE = {"width": 390, "height": 844}
TIMEOUT = 30_000  # generous: a loaded two-core machine
# The first block of a rendition: its first sentence is what a reader came for.
FIRST = ".pz-rendition > :is(p, ul, ol):first-of-type"


def partner_page(app_url: str, answer: str, lang: str) -> bytes:
    """A clinic's page, on another origin, embedding one answer both ways."""
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>Partner clinic</title></head>
<body><main>
  <h1>Partner clinic</h1>
  <div id="snippet" data-personalize="{answer}" data-profile="patient" data-lang="{lang}"></div>
  <iframe id="frame" title="Answer" width="600" height="300" style="border:0"
          src="{app_url}/embed/{answer}/frame?profile=patient&amp;lang={lang}"></iframe>
  <script src="{app_url}/embed.js" async></script>
</main></body></html>""".encode()


def static_site(pages: dict[str, bytes]):
    """The partner's own server: a few fixed pages."""
    def site(environ, start_response):
        body = pages.get(environ["PATH_INFO"])
        start_response("200 OK" if body else "404 Not Found",
                       [("Content-Type", "text/html; charset=utf-8")])
        return [body or b"not found"]
    return site


@pytest.fixture(scope="module")
def fresh(serve_app, tmp_path_factory):
    """The app as `make run` starts it (every answer pending review), its URL, a partner."""
    app = create_app({"TESTING": True,
                      "INSTANCE_PATH_FOR_TESTS": str(tmp_path_factory.mktemp("fresh"))})
    url = serve_app(app)
    partner = serve_app(static_site({
        f"/{lang}": partner_page(url, "neutropenia", lang) for lang in ("en", "es")}))
    return app, url, partner


@pytest.fixture(scope="module")
def demo(serve_app, tmp_path_factory):
    """The same after `flask content approve-samples`, with a partner and a QA token."""
    app = create_app({"TESTING": True,
                      "INSTANCE_PATH_FOR_TESTS": str(tmp_path_factory.mktemp("demo"))})
    result = app.test_cli_runner().invoke(args=["content", "approve-samples"])
    assert result.exit_code == 0, result.output
    url = serve_app(app)
    partner = serve_app(static_site({
        f"/{lang}": partner_page(url, "neutropenia", lang) for lang in ("en", "es")}))
    token = tokens.create(app.extensions["personalize.db"], "browser-editor")
    return app, url, partner, token


@pytest.fixture
def tab(browser):
    """A page with JavaScript on that records failed requests and script errors."""
    ctx = browser.new_context(viewport=DESKTOP)
    ctx.set_default_timeout(TIMEOUT)
    page = ctx.new_page()
    page.failed = []
    page.on("response", lambda r: page.failed.append(f"{r.status} {r.url}")
            if r.status == 404 else None)
    page.on("pageerror", lambda exc: page.failed.append(str(exc)))
    yield page
    ctx.close()


def axe_clean(page) -> None:
    """axe-core finds nothing, best-practice rules included (its default run)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


# -- a partner's page ---------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "said"), [
    ("en", "This answer cannot be shown here yet."),
    ("es", "Esta respuesta todavía no se puede mostrar aquí.")])
def test_a_partner_page_shows_a_notice_for_an_answer_not_approved(tab, fresh, lang, said,
                                                                   screenshots):
    _, url, partner = fresh
    tab.goto(f"{partner}/{lang}", wait_until="load")
    frame = tab.frame_locator("#frame")
    notice = frame.locator(".pz-embed--unavailable")
    notice.wait_for()  # framed, not refused: the browser shows it
    assert said in notice.inner_text()
    link = frame.locator(".pz-embed--unavailable a")
    assert link.get_attribute("href") == f"{url}/answers/neutropenia?lang={lang}"
    assert link.get_attribute("target") == "_blank"
    assert frame.locator("html").get_attribute("lang") == lang
    snippet = tab.locator("#snippet .pz-embed--unavailable")
    snippet.wait_for()
    assert said in snippet.inner_text() and "{" not in snippet.inner_text()  # no raw JSON
    assert tab.locator("#snippet").get_attribute("data-pz-state") == "error"
    tab.screenshot(path=str(screenshots / f"partner-pending-{lang}.png"), full_page=True)
    assert not [f for f in tab.failed if "favicon" in f], tab.failed


def test_after_approve_samples_a_partner_page_shows_the_answer_as_sample_content(
        tab, demo, screenshots):
    _, _, partner, _ = demo
    tab.goto(f"{partner}/es", wait_until="load")
    frame = tab.frame_locator("#frame")
    frame.locator('.pz-embed[data-pz-profile="patient"]').wait_for()
    assert "Contenido de muestra." in frame.locator("body").inner_text()
    tab.locator('#snippet .pz-embed[data-pz-profile="patient"]').wait_for()
    assert "Contenido de muestra." in tab.locator("#snippet").inner_text()
    tab.screenshot(path=str(screenshots / "partner-sample-es.png"), full_page=True)
    assert not tab.failed, tab.failed


# -- the answer page --------------------------------------------------------------------------

def test_the_language_switcher_keeps_the_profile(page, mode, demo):
    _, url, _, _ = demo
    page.goto(f"{url}{ANSWER}?profile=clinician")
    page.locator('#pz-rendition-region[data-profile="clinician"]').wait_for()
    if mode == "js":  # a choice made in place is the one kept
        page.click('label[for="profile-student"]')
        page.locator('#pz-rendition-region[data-profile="student"]').wait_for()
    page.click('.lang-switch__button[lang="es"]')
    wanted = "student" if mode == "js" else "clinician"
    page.locator(f'#pz-rendition-region[data-profile="{wanted}"]').wait_for()
    assert f"/answers/{SPANISH}" in page.url
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator(f"#profile-{wanted}").is_checked()


@pytest.mark.parametrize("which", ["fresh", "demo"])
@pytest.mark.parametrize("name", ORDER)
def test_on_a_phone_the_answer_starts_on_the_first_screen(browser, mode, request, which, name,
                                                         screenshots):
    url = request.getfixturevalue(which)[1]
    ctx = browser.new_context(viewport=PHONE, java_script_enabled=mode == "js")
    try:
        page = ctx.new_page()
        page.goto(f"{url}{ANSWER}?profile={name}")
        first = page.locator(FIRST).first
        box = first.bounding_box()
        line = page.evaluate("el => parseFloat(getComputedStyle(el).lineHeight)",
                             first.element_handle())
        # at least the first line of the first sentence is on the first screen
        assert box["y"] + line <= PHONE["height"], (box, line)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        summary = page.locator(".selector__summary")
        assert summary.is_visible() and summary.bounding_box()["height"] <= 60
        assert page.locator(f"#profile-{name}").is_hidden()
        page.screenshot(path=str(screenshots / f"phone-{which}-{name}-{mode}.png"))
        summary.click()  # the choice is one tap away
        other = ORDER[(ORDER.index(name) + 1) % len(ORDER)]
        page.click(f'label[for="profile-{other}"]')
        if mode == "nojs":
            page.click(".selector__submit")
        page.locator(f'#pz-rendition-region[data-profile="{other}"]').wait_for()
        label = CATALOG.profiles[other].label
        assert page.locator(".selector__summary-text").inner_text() == f"Version for: {label}"
    finally:
        ctx.close()


def test_print_says_which_version_and_leaves_the_controls_out(js_page, demo, screenshots):
    _, url, _, _ = demo
    js_page.goto(f"{url}{ANSWER}?profile=student")
    js_page.emulate_media(media="print")
    for hidden in (".lang-switch", ".selector", ".site-nav", ".followup"):
        assert js_page.locator(hidden).is_hidden(), hidden
    assert js_page.locator(".print-version").inner_text() == "Version for: Student"
    assert "This printout is the version for: Student" in js_page.locator(
        ".print-url").inner_text()
    js_page.screenshot(path=str(screenshots / "print-student.png"), full_page=True)
    js_page.emulate_media(media="screen")
    assert js_page.locator(".print-version").is_hidden()


# -- axe on every page kind --------------------------------------------------------------------

EMBED_PAGES = ["/embed/neutropenia/frame?profile=patient",
               f"/embed/{SPANISH}/frame?profile=clinician&lang=es",
               "/embed/nope/frame?lang=es",
               "/infobutton?mainSearchCriteria.v.c=D72.819"
               "&mainSearchCriteria.v.cs=2.16.840.1.113883.6.90"]


@pytest.mark.parametrize("path", EMBED_PAGES)
def test_axe_finds_no_violations_on_embed_pages(tab, demo, path):
    tab.goto(demo[1] + path)
    axe_clean(tab)
    assert not [f for f in tab.failed if "favicon" in f], tab.failed


def test_axe_finds_no_violations_on_the_notice_frame(tab, fresh):
    tab.goto(fresh[1] + "/embed/neutropenia/frame?lang=es")
    assert tab.locator("main h1").count() == 1
    axe_clean(tab)


def test_axe_finds_no_violations_on_the_qa_sign_in_page(tab, demo):
    tab.goto(demo[1] + "/qa/sign-in?lang=es")
    axe_clean(tab)


def sign_in(page, url: str, token: str) -> None:
    """Sign in to QA with an editor token, as an editor does."""
    page.goto(f"{url}/qa/sign-in")
    page.fill("input[name=token]", token)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/qa/readability")


QA_PAGES = ["/qa/readability", "/qa/readability?language=es",
            *[f"/qa/readability/{SPANISH}/{n}" for n in ORDER],
            *[f"/qa/readability/leukopenia-causes/{n}" for n in ORDER]]


@pytest.mark.parametrize("path", QA_PAGES)
def test_axe_finds_no_violations_on_qa_pages(tab, demo, path):
    _, url, _, token = demo
    sign_in(tab, url, token)
    response = tab.goto(url + path)
    assert response.status == 200
    axe_clean(tab)


def test_qa_chart_text_is_readable(tab, demo, screenshots):
    _, url, _, token = demo
    sign_in(tab, url, token)
    tab.goto(f"{url}/qa/readability")
    sizes = tab.evaluate("""() => [...document.querySelectorAll('svg.qa-chart text')]
        .map(t => t.getBoundingClientRect().height)""")
    assert sizes and min(sizes) >= 11, sorted(sizes)[:5]
    tab.screenshot(path=str(screenshots / "qa-report.png"), full_page=True)
    tab.goto(f"{url}/qa/readability/{SPANISH}/patient")
    tab.screenshot(path=str(screenshots / "qa-drill-down-es.png"), full_page=True)
