"""A reader whose browser asks for Spanish, in Debian's Chromium: Spanish end to end."""

from __future__ import annotations

import re

import pytest

from personalize.core import i18n
from personalize.core.catalog import load_catalog

from .test_reader import CATALOG, DESKTOP, PHONE, ROOT

pytestmark = pytest.mark.browser

ES_ANSWER = "/answers/leucopenia-causas"
EN_ANSWER = "/answers/leukopenia-causes"
ENGLISH_ONLY = "/answers/anemia-causes"
ORDER = list(load_catalog(ROOT / "profiles").profiles)


def es(message: str, **values) -> str:
    return i18n.translate("es", message, **values)


@pytest.fixture
def spanish(browser, mode):
    """A fresh context whose browser asks for Spanish (Accept-Language: es-MX)."""
    ctx = browser.new_context(java_script_enabled=mode == "js", viewport=DESKTOP,
                              locale="es-MX")
    ctx.set_default_timeout(10_000)
    yield ctx.new_page()
    ctx.close()


def test_a_spanish_browser_gets_spanish_from_the_index_to_the_answer(spanish, live_server):
    page = spanish
    page.goto(live_server + "/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_role("link", name=es("All questions")).first.is_visible()
    question = "¿Qué causa la leucopenia (recuento bajo de glóbulos blancos)?"
    page.get_by_role("link", name=question).click()
    page.wait_for_url(f"**{ES_ANSWER}")
    assert page.locator("h1").inner_text() == question
    body = page.locator("main").inner_text()
    assert es("Which best describes you?") in body
    for profile in CATALOG.profiles.values():
        assert profile.wording("es").label in body
    assert "Which best describes you?" not in body
    assert re.search(r"\d{1,2} de [a-z]+ de \d{4}", body), "the date is not written in Spanish"
    # The English answer's address leads a Spanish reader to the Spanish answer.
    page.goto(live_server + EN_ANSWER)
    page.wait_for_url(f"**{ES_ANSWER}")


def test_a_spanish_reader_picks_a_profile(spanish, mode, live_server):
    page = spanish
    page.goto(live_server + ES_ANSWER)
    name = "clinician"
    page.click(f'label[for="profile-{name}"]')
    if mode == "nojs":
        page.click(".selector__submit")
    page.locator(f'#pz-rendition-region[data-profile="{name}"]').wait_for()
    text = page.locator("#pz-rendition-region").inner_text()
    assert CATALOG.profiles[name].wording("es").disclaimer.title in text
    if mode == "js":
        status = page.locator("#pz-selector-status")
        status.filter(has_text=CATALOG.profiles[name].wording("es").label).wait_for()
        assert "Showing" not in status.inner_text()


def test_the_switcher_changes_the_language_and_remembers_it(browser, live_server, mode):
    ctx = browser.new_context(java_script_enabled=mode == "js", viewport=DESKTOP)
    page = ctx.new_page()
    try:
        page.goto(live_server + "/editorial-policy")
        assert page.locator("html").get_attribute("lang") == "en"
        page.get_by_role("button", name="Español").click()
        page.wait_for_url("**/editorial-policy")
        assert page.locator("html").get_attribute("lang") == "es"
        page.goto(live_server + "/")
        assert page.locator("html").get_attribute("lang") == "es"
        page.get_by_role("button", name="English").click()
        page.wait_for_url(live_server + "/")
        assert page.locator("html").get_attribute("lang") == "en"
    finally:
        ctx.close()


def test_an_answer_not_yet_in_spanish_says_so_in_spanish(spanish, live_server):
    spanish.goto(live_server + ENGLISH_ONLY)
    notice = spanish.locator("#pz-other-language")
    assert notice.is_visible()
    assert notice.inner_text() == es(
        "This answer is not yet written in %(language)s. It is shown in %(original)s.",
        language="español", original="inglés")
    assert spanish.locator("#answer-title").get_attribute("lang") == "en"


AXE_PAGES = ["/", "/search", "/search?q=gl%C3%B3bulos", "/search?q=xyzzy", "/editorial-policy",
             ENGLISH_ONLY, "/answers/no-such-answer"] + [f"{ES_ANSWER}?profile={n}"
                                                          for n in ORDER]


@pytest.mark.parametrize("path", AXE_PAGES)
def test_axe_finds_no_violations_on_spanish_pages(browser, live_server, path):
    from axe_playwright_python.sync_playwright import Axe

    ctx = browser.new_context(viewport=DESKTOP, locale="es-ES")
    page = ctx.new_page()
    try:
        page.goto(live_server + path)
        assert page.locator("html").get_attribute("lang") == "es"
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
    finally:
        ctx.close()


def test_screenshot_of_the_spanish_patient_page_on_a_phone(browser, live_server, screenshots):
    ctx = browser.new_context(viewport=PHONE, locale="es-MX")
    page = ctx.new_page()
    try:
        page.goto(f"{live_server}{ES_ANSWER}?profile=patient")
        page.screenshot(path=str(screenshots / "es-patient-phone.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        ctx.close()
