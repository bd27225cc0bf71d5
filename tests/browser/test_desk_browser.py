"""The editors' desk in Debian's Chromium: an author writes an answer from scratch and watches
the patient's version pass, two pages save over each other, an author cannot approve, a
reviewer approves and readers get it; axe-core on every desk page, a phone's width, CSP."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from personalize import create_app
from personalize.store import tokens

from .conftest import DESKTOP

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
TIMEOUT = 30_000  # a loaded two-core machine renders three versions in well under this
ANSWER = "low-platelets-desk"
DRAFTS = tomllib.loads((Path(__file__).parents[1] / "fixtures" / "desk" / "drafts.toml")
                        .read_text(encoding="utf-8"))
HEAD, HARD, EASY = DRAFTS["head"].format(id=ANSWER), DRAFTS["hard"], DRAFTS["easy"]


@pytest.fixture(scope="module")
def desk(serve_app, tmp_path_factory):
    """A fresh app with an author and two reviewers; its URL and their tokens."""
    app = create_app({"TESTING": True,
                      "INSTANCE_PATH_FOR_TESTS": str(tmp_path_factory.mktemp("desk"))})
    engine = app.extensions["personalize.db"]
    people = {"ann": tokens.create(engine, "ann", "author"),
              "rey": tokens.create(engine, "rey", "reviewer"),
              "sam": tokens.create(engine, "sam", "reviewer")}
    return serve_app(app), people


@pytest.fixture
def tab(browser):
    """A page with JavaScript on that records script errors and CSP refusals."""
    ctx = browser.new_context(viewport=DESKTOP)
    ctx.set_default_timeout(TIMEOUT)
    page = ctx.new_page()
    page.problems = []
    page.on("pageerror", lambda exc: page.problems.append(str(exc)))
    page.on("console", lambda m: page.problems.append(m.text)
            if "Content Security Policy" in m.text or "Refused" in m.text else None)
    yield page
    ctx.close()


@pytest.fixture
def nojs(browser):
    """A page with JavaScript off: the desk must work with its plain forms."""
    ctx = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    ctx.set_default_timeout(TIMEOUT)
    yield ctx.new_page()
    ctx.close()


def sign_in(page, url: str, token: str, where: str = "/desk/") -> None:
    """Sign in with a token on the sign-in page the desk sends editors to."""
    page.goto(url + where)
    page.fill("input[name=token]", token)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**" + where)


def verdict(page, profile: str) -> str:
    """The verdict the preview shows for a profile."""
    return page.locator(f"#pane-{profile}-h .qa-verdict").inner_text().strip().lower()


def axe_clean(page) -> None:
    """axe-core finds nothing, best-practice rules included (its default run)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_an_author_writes_an_answer_and_fixes_the_patient_version_as_they_type(tab, desk):
    url, people = desk
    sign_in(tab, url, people["ann"])
    tab.get_by_role("link", name="New answer").first.click()
    box = tab.locator("#source")
    box.fill(HEAD + HARD + EASY)
    # The preview follows the typing, without a click: the patient's version fails, and the
    # hard sentence is listed with a link to its line of the source.
    tab.wait_for_function("() => document.getElementById('desk-status').textContent"
                          ".includes('fail')")
    assert verdict(tab, "patient") == "fail"
    hard = tab.locator(".desk-spot--hardest").filter(has_text="Low platelet count")
    assert hard.locator("a[data-line]").inner_text() == "line 7"
    hard.locator("a[data-line]").click()
    selected = tab.evaluate("() => { const b = document.getElementById('source');"
                            " return b.value.slice(b.selectionStart, b.selectionEnd); }")
    assert selected == HARD.strip()
    box.fill(HEAD + EASY)
    tab.wait_for_function("() => { const t = document.getElementById('desk-status')"
                          ".textContent; return t.length && !t.includes('fail'); }")
    assert [verdict(tab, p) for p in ("clinician", "student", "patient")] == ["pass"] * 3
    tab.get_by_role("button", name="Save and submit for review").click()
    tab.wait_for_url(f"**/desk/answers/{ANSWER}")
    assert "Saved as revision 1" in tab.locator("[role=status]").first.inner_text()
    assert tab.locator("#source").input_value().strip() == (HEAD + EASY).strip()
    assert not tab.problems


def test_without_javascript_the_preview_button_shows_every_version(nojs, desk):
    url, people = desk
    sign_in(nojs, url, people["ann"])
    nojs.goto(url + "/desk/new")
    nojs.fill("#source", HEAD.replace(ANSWER, "nojs-draft") + HARD)
    nojs.get_by_role("button", name="Preview").click()
    assert verdict(nojs, "patient") == "fail"
    assert verdict(nojs, "clinician") == "pass"
    assert nojs.locator("#source").input_value().startswith("+++")
    # Nothing was saved by previewing.
    nojs.goto(url + "/desk/")
    assert "nojs-draft" not in nojs.content()


def test_two_pages_saving_the_same_revision_keep_both_texts(browser, desk):
    url, people = desk
    ctx = browser.new_context(viewport=DESKTOP)
    ctx.set_default_timeout(TIMEOUT)
    first, second = ctx.new_page(), ctx.new_page()
    sign_in(first, url, people["ann"], "/desk/answers/neutropenia")
    second.goto(url + "/desk/answers/neutropenia")
    base = first.locator("#source").input_value()
    first.fill("#source", base + "\nTheir added line.\n")
    first.get_by_role("button", name="Save and submit for review").click()
    first.wait_for_url("**/desk/answers/neutropenia")
    mine = base + "\nMy added line.\n"
    second.fill("#source", mine)
    second.get_by_role("button", name="Save and submit for review").click()
    conflict = second.locator(".desk-conflict")
    assert "Someone else saved" in conflict.inner_text()
    assert "Their added line." in conflict.locator("del").all_inner_texts()[-1]
    assert "My added line." in conflict.locator("ins").all_inner_texts()[-1]
    assert second.locator("#source").input_value().replace("\r\n", "\n") == mine
    axe_clean(second)
    # Having seen the difference, saving again makes the next revision with their text.
    second.get_by_role("button", name="Save and submit for review").click()
    second.wait_for_url("**/desk/answers/neutropenia")
    assert "My added line." in second.locator("#source").input_value()
    # The difference between any two revisions: their line went, mine came.
    second.get_by_role("link", name=re.compile("What changed from revision")).first.click()
    assert "Their added line." in second.locator(".desk-diff del").all_inner_texts()[-1]
    assert "My added line." in second.locator(".desk-diff ins").all_inner_texts()[-1]
    axe_clean(second)
    ctx.close()


def test_an_author_cannot_approve_and_a_reviewer_approves_what_readers_then_get(tab, desk):
    url, people = desk
    answer = "thrombocytopenia-causes"
    # A reviewer who writes a revision cannot approve it: the button is off and says why.
    sign_in(tab, url, people["rey"], f"/desk/answers/{answer}")
    tab.fill("#source", tab.locator("#source").input_value() + "\nAsk your care team.\n")
    tab.get_by_role("button", name="Save and submit for review").click()
    tab.wait_for_url(f"**/desk/answers/{answer}")
    tab.get_by_role("button", name="Start review").click()
    tab.wait_for_url(f"**/desk/answers/{answer}*")
    assert "Under review" in tab.locator("#review").inner_text()
    assert tab.get_by_role("button", name="Approve").is_disabled()
    assert "You wrote revision" in tab.locator("#why-approved").inner_text()
    # An author cannot approve anything: a reviewer takes that step.
    tab.context.clear_cookies()
    sign_in(tab, url, people["ann"], f"/desk/answers/{answer}")
    assert tab.get_by_role("button", name="Approve").is_disabled()
    assert "A reviewer takes this step" in tab.locator("#why-approved").inner_text()
    # Another reviewer approves it; the history says who did what, and when.
    tab.context.clear_cookies()
    sign_in(tab, url, people["sam"], f"/desk/answers/{answer}")
    tab.get_by_role("button", name="Approve").click()
    tab.wait_for_url(f"**/desk/answers/{answer}*")
    assert "is now Approved" in tab.locator("[role=status]").first.inner_text()
    history = tab.locator(".desk-history").inner_text()
    assert re.search(r"sam moved it from Under review to Approved", history), history
    assert "rey moved it from Submitted to Under review" in history
    assert "rey saved it" in history
    # Readers get it as reviewed, partners can embed it, and QA shows it approved.
    tab.goto(f"{url}/answers/{answer}")
    assert "Ask your care team." in tab.locator(".pz-rendition").inner_text()
    assert "Pending review" not in tab.content()
    tab.goto(f"{url}/embed/{answer}/frame?profile=patient")
    assert "Ask your care team." in tab.locator(".pz-rendition").inner_text()
    tab.goto(f"{url}/qa/readability/{answer}/patient")
    assert "Approved" in tab.locator(".qa-meta").inner_text()
    assert not tab.problems


def test_a_rejection_needs_a_note_and_shows_it_in_the_history(tab, desk):
    url, people = desk
    sign_in(tab, url, people["rey"], "/desk/answers/anemia-causes")  # shipped under review
    tab.get_by_role("button", name="Reject").click()  # without a note: the browser asks
    assert "Not done" not in tab.content()
    tab.fill("#note-submitted", "Name the iron dose's source.")
    tab.get_by_role("button", name="Reject").click()
    tab.wait_for_url("**/desk/answers/anemia-causes*")
    assert "Name the iron dose's source." in tab.locator(".desk-history").inner_text()


DESK_PAGES = ["/desk/", "/desk/new", "/desk/answers/leukopenia-causes",
              "/desk/answers/leukopenia-causes?lang=es", "/desk/answers/leucopenia-causas",
              "/desk/answers/anemia-causes/diff?from=1&to=1"]


@pytest.mark.parametrize("path", DESK_PAGES)
def test_axe_finds_no_violations_on_desk_pages(tab, desk, path):
    url, people = desk
    sign_in(tab, url, people["rey"], path.split("?")[0])
    tab.goto(url + path)
    axe_clean(tab)
    assert not tab.problems


@pytest.mark.parametrize("path", ["/desk/", "/desk/answers/leukopenia-causes"])
def test_desk_pages_fit_a_phone(browser, desk, path):
    url, people = desk
    ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    ctx.set_default_timeout(TIMEOUT)
    page = ctx.new_page()
    sign_in(page, url, people["ann"], path)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    box = page.locator("#source")
    if box.count():
        assert box.bounding_box()["width"] <= PHONE["width"]
    ctx.close()
