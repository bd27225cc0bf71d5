"""The desk's lexicon pages in Debian's Chromium: an author proposes an entry and sees its
impact, a refused entry says why, the author cannot accept it, a reviewer does, and the
reader's page has the new wording; axe-core finds nothing on any of the pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from personalize import create_app
from personalize.store import tokens

from .conftest import DESKTOP
from .test_first_run import TIMEOUT, axe_clean

pytestmark = pytest.mark.browser

# The site-lexicon tests' own answers, not the shipped content: "destruction" is in
# low-white-count, in the block students read (see tests/test_site_lexicon.py).
ANSWERS = Path(__file__).parent.parent / "fixtures" / "site-lexicon"


@pytest.fixture(scope="module")
def desk(serve_app, tmp_path_factory):
    """The app on the fixture answers, served, with an author's and a reviewer's token."""
    app = create_app({"TESTING": True, "CONTENT_DIR": str(ANSWERS),
                      "INSTANCE_PATH_FOR_TESTS": str(tmp_path_factory.mktemp("desk"))})
    db = app.extensions["personalize.db"]
    return (serve_app(app), tokens.create(db, "ana", role="author"),
            tokens.create(db, "rui", role="reviewer"))


@pytest.fixture
def person(browser):
    """A way to open a signed-in browser context for a token; closed afterwards."""
    contexts = []

    def open_as(url: str, token: str):
        ctx = browser.new_context(viewport=DESKTOP)
        ctx.set_default_timeout(TIMEOUT)
        contexts.append(ctx)
        page = ctx.new_page()
        page.goto(f"{url}/desk/lexicon/")  # sends strangers to sign in, then back
        page.fill("input[name=token]", token)
        page.locator("form button[type=submit]").last.click()
        page.wait_for_url("**/desk/lexicon/")
        return page

    yield open_as
    for ctx in contexts:
        ctx.close()


def fill(page, word: str, plain: str) -> None:
    """Fill the proposal form with a plain-word swap (a noun)."""
    page.check("input[name=section][value=swaps]")
    page.fill("#word", word)
    page.fill("#plain", plain)
    page.select_option("#pos", "noun")


def test_propose_see_the_impact_and_have_it_accepted(desk, person):
    url, author_token, reviewer_token = desk
    author = person(url, author_token)
    axe_clean(author)
    author.click("text=Propose an entry")
    axe_clean(author)

    fill(author, "significantly", "greatly")
    author.click("button[value=check]")
    alert = author.locator("[role=alert]")
    assert "is protected (statistics)" in alert.inner_text()
    axe_clean(author)

    fill(author, "destruction", "breakdown")
    author.click("button[value=check]")
    impact = author.locator("table.desk-impact")
    assert "increased use and breakdown" in impact.inner_text()
    assert "leukopenia" in impact.inner_text().lower()
    axe_clean(author)

    author.click("button[value=propose]")
    author.wait_for_url("**/desk/lexicon/*")
    assert "You proposed this entry" in author.inner_text("main")
    assert author.locator("button[value=accept]").count() == 0
    axe_clean(author)
    entry = author.url

    reviewer = person(url, reviewer_token)
    assert "destruction" in reviewer.inner_text("main")  # waiting for review
    reviewer.goto(entry)
    assert "increased use and breakdown" in reviewer.inner_text("table.desk-impact")
    axe_clean(reviewer)
    reviewer.click("button[value=accept]")
    reviewer.wait_for_url(entry)
    assert "flask --app wsgi rerender" in reviewer.inner_text("main")
    axe_clean(reviewer)
    reviewer.goto(f"{url}/desk/lexicon/?lang=es")
    assert "Léxico del sitio" in reviewer.inner_text("h1")
    axe_clean(reviewer)

    reviewer.goto(f"{url}/answers/low-white-count?profile=student")
    assert "increased use and breakdown" in reviewer.inner_text("main")
