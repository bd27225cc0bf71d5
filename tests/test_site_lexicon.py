"""Lexicon entries from the desk: proposed with their impact, reviewed by someone else,
versioned in the store, merged over the shipped files, picked up by rerender and serving."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from personalize.store import lexicon_impact, site_lexicon, tokens
from personalize.store.models import SiteEntry, SiteEntryStep
from personalize.web.storage import seed

# The answers these tests seed instead of the shipped content, so that they do not depend on
# its wording: "destruction" is in one of them, in the block clinicians and students read;
# "cells" is in every English one; one answer is Spanish.
ANSWERS = Path(__file__).parent / "fixtures" / "site-lexicon"
ANSWER = "low-white-count"  # the one holding "destruction"
GOOD = {"section": "swaps", "language": "en", "word": "destruction", "plain": "breakdown",
        "pos": "noun"}
CHANGED = ("Neutropenia starts from lowered marrow production or from increased use and "
           "destruction, and is classed as brief or chronic.")
# Long words for a short one: renditions of the fixture answers go over their targets.
HEAVY = {"section": "swaps", "language": "en", "word": "cells",
         "plain": "cellular constituents", "pos": "noun"}


@pytest.fixture
def desk(store_app, store):
    """The fixture answers in the store, and a way to sign a client in with a new token."""
    assert seed(store, ANSWERS) == len(list(ANSWERS.glob("*.md")))
    db = store_app.extensions["personalize.db"]

    def signed_in(name: str, role: str):
        client = store_app.test_client()
        token = tokens.create(db, name, role=role)
        page = client.get("/qa/sign-in")
        response = client.post("/qa/sign-in", data={"token": token, "csrf_token": _csrf(page),
                                                     "next": "/desk/lexicon/"})
        assert response.status_code == 303
        client.token = token
        return client

    return signed_in


def _csrf(page) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


def _post(client, path: str, data: dict):
    page = client.get("/desk/lexicon/new")
    return client.post(path, data={**data, "csrf_token": _csrf(page)})


def _bearer(client) -> dict:
    return {"Authorization": f"Bearer {client.token}"}


def _english(word: str | None = None) -> int:
    """How many English fixture answers there are (holding `word`, when given)."""
    texts = [p.read_text(encoding="utf-8") for p in ANSWERS.glob("*.md")]
    return sum(1 for t in texts if 'language = "en"' in t
               and (word is None or re.search(rf"\b{word}\b", t)))


# -- the rules, without a database ------------------------------------------------------------

@pytest.mark.parametrize("data, field, says", [
    ({"section": "swaps", "word": "significantly", "plain": "greatly", "pos": "adverb"},
     "word", "is protected (statistics)"),
    ({"section": "swaps", "word": "recommended", "plain": "advised", "pos": "adjective"},
     "word", "is protected (recommendation)"),
    ({"section": "terms", "term": "tumor necrosis factor", "plain": "a protein",
      "kind": "general", "definition": "A protein."}, "term", "is a name"),
    ({"section": "terms", "term": "neutropenia", "plain": "few neutrophils",
      "kind": "condition", "definition": "Low neutrophils."}, "term", "is already in the lexicon"),
])
def test_the_desk_refuses_protected_words_names_and_shipped_words(catalog, data, field, says):
    proposal = site_lexicon.proposal_from(data, ["en", "es"])
    problems = site_lexicon.desk_rules(proposal, catalog.lexicon("en"))
    assert [p.field for p in problems] == [field]
    assert says in problems[0].message and problems[0].hint


@pytest.mark.parametrize("data, field, says", [
    ({"section": "swaps", "word": "transiently", "plain": "briefly (TX)", "pos": "adverb"},
     "plain", "brings in the abbreviation TX"),
    ({"section": "swaps", "word": "transiently", "plain": "briefly", "pos": "adverb",
      "not_in": ["mood"]}, "not_in", "unknown sense mood"),
    ({"section": "terms", "term": "granulopoiesis", "plain": "making white cells",
      "kind": "body-process"}, "definition", "needs a definition"),
])
def test_the_loader_checks_a_proposal_as_it_checks_the_files(catalog, data, field, says):
    proposal = site_lexicon.proposal_from(data, ["en", "es"])
    with pytest.raises(Exception) as refused:
        site_lexicon.merged(catalog, "en", [("proposal", proposal.toml())])
    problem = refused.value.problems[0]
    assert says in problem.message and problem.field.endswith(field)


def test_a_site_entry_is_merged_after_the_files_and_changes_the_version(catalog):
    proposal = site_lexicon.proposal_from(GOOD, ["en"])
    lexicon = site_lexicon.merged(catalog, "en", [("site:en:destruction#1", proposal.toml())])
    assert lexicon.lookup(["destruction"]).plain == "breakdown"
    assert lexicon.version != catalog.lexicon("en").version
    assert len(lexicon.entries) == len(catalog.lexicon("en").entries) + 1


# -- the desk, on SQLite and PostgreSQL --------------------------------------------------------

def test_a_refused_entry_shows_the_reason(desk):
    author = desk("ana", "author")
    page = _post(author, "/desk/lexicon/new", {"action": "check", "section": "swaps",
                                              "language": "en", "word": "significantly",
                                              "plain": "greatly", "pos": "adverb"})
    assert page.status_code == 422
    assert "significantly" in page.text and "is protected (statistics)" in page.text
    data = author.post("/desk/lexicon/proposals.json", headers=_bearer(author),
                       json={**GOOD, "word": "significantly", "plain": "greatly"})
    assert data.status_code == 422
    assert data.json["error"]["problems"][0]["field"] == "word"


def test_the_impact_lists_changed_sentences_and_gates_that_turn(desk, store):
    author = desk("ana", "author")
    page = _post(author, "/desk/lexicon/new", {**GOOD, "action": "check"})
    assert page.status_code == 200
    assert "use and <del>destruction,</del> and" in page.text
    assert "use and <ins>breakdown,</ins> and" in page.text and "Propose for review" in page.text
    data = author.post("/desk/lexicon/impact.json", headers=_bearer(author), json=GOOD).json
    changed = data["impact"]["changed"]
    assert [(c["answer_id"], c["profile"]) for c in changed] == [(ANSWER, "student")]
    assert changed[0]["sentences"] == [{"before": CHANGED,
                                        "after": CHANGED.replace("destruction", "breakdown")}]
    profiles = len(store.catalog.profiles)
    assert _english("destruction") == 1 and data["impact"]["answers"] == _english()
    assert data["impact"]["answers_holding_the_word"] == 1
    assert data["impact"]["renders"] == profiles
    heavy = author.post("/desk/lexicon/impact.json", headers=_bearer(author), json=HEAVY).json
    assert heavy["impact"]["now_failing"] >= 1
    assert all(c["verdict_before"] == "pass" for c in heavy["impact"]["changed"]
               if c["gate"] == "fails")
    page = _post(author, "/desk/lexicon/new", {**HEAVY, "action": "check"})
    assert "now fails" in page.text and "would now fail" in page.text


def test_propose_review_rerender_and_serve(desk, store_app, store):
    author, reviewer = desk("ana", "author"), desk("rui", "reviewer")
    before = store.catalog.lexicon("en").version
    kept = _post(author, "/desk/lexicon/new", {**GOOD, "action": "propose"})
    assert kept.status_code == 303
    entry_path = kept.location
    assert "You proposed this entry" in author.get(entry_path).text
    # Nothing changes until a reviewer accepts it.
    assert store.refresh_lexicon().lexicon("en").version == before
    # An author may not decide; nor may a reviewer decide on their own proposal.
    refused = _post(author, f"{entry_path}/review", {"decision": "accept"})
    assert refused.status_code == 403 and "needs a reviewer" in refused.text
    own = reviewer.post("/desk/lexicon/proposals.json", headers=_bearer(reviewer),
                        json={**GOOD, "word": "steady", "plain": "constant", "pos": "adjective"})
    assert own.status_code == 201
    self_accept = reviewer.post(f"/desk/lexicon/{own.json['id']}/review.json",
                                headers=_bearer(reviewer), json={"decision": "accept"})
    assert self_accept.status_code == 403 and "another reviewer" in \
        self_accept.json["error"]["detail"]
    no_note = _post(reviewer, f"{entry_path}/review", {"decision": "reject"})
    assert no_note.status_code == 422
    accepted = _post(reviewer, f"{entry_path}/review", {"decision": "accept"})
    assert accepted.status_code == 303
    # Versioned: the proposal and the acceptance are steps with who; the row was not rewritten.
    with Session(store_app.extensions["personalize.db"]) as s:
        row = s.scalar(select(SiteEntry).where(SiteEntry.key == "destruction"))
        steps = s.execute(select(SiteEntryStep.to_status, SiteEntryStep.actor)
                          .where(SiteEntryStep.entry_id == row.id)
                          .order_by(SiteEntryStep.id)).all()
    assert (row.number, row.status, row.author) == (1, "accepted", "ana")
    assert [tuple(st) for st in steps] == [("proposed", "ana"), ("accepted", "rui")]
    # The lexicon version renditions record now includes the site entry: the English
    # renditions (each English answer's, for each profile) are out of date, the Spanish
    # answer's are not.
    english = _english() * len(store.catalog.profiles)
    assert english < len(store.ids()) * len(store.catalog.profiles)
    assert store.refresh_lexicon().lexicon("en").version != before
    runner = store_app.test_cli_runner()
    check = runner.invoke(args=["rerender", "--check"])
    assert check.exit_code == 1 and f"{english} renditions out of date" in check.output
    built = runner.invoke(args=["rerender"])
    assert built.exit_code == 0 and f"Built {english}, dropped {english}." in built.output
    assert runner.invoke(args=["rerender", "--check"]).exit_code == 0
    page = reviewer.get(f"/answers/{ANSWER}?profile=student")
    assert "increased use and breakdown" in page.text
    listing = reviewer.get("/desk/lexicon.json").json
    assert [e["word"] for e in listing["decided"]] == ["destruction"]
    assert [e["word"] for e in listing["proposed"]] == ["steady"]
    # A second proposal for the same word is its next version; a shipped word stays refused.
    again = author.post("/desk/lexicon/proposals.json", headers=_bearer(author),
                        json={**GOOD, "plain": "damage"})
    assert again.status_code == 201 and again.json["number"] == 2


def test_another_process_serves_an_accepted_entry_at_once(desk, store_app, database_url,
                                                          tmp_path):
    """A second app on the same database (another process) picks the entry up per request."""
    from personalize import create_app

    other = create_app({"TESTING": True, "INSTANCE_PATH_FOR_TESTS": str(tmp_path / "b"),
                        "DATABASE_URL": database_url, "SEED_CONTENT": False})
    try:
        reader = other.test_client()
        assert "and destruction" in reader.get(f"/answers/{ANSWER}?profile=student").text
        author, reviewer = desk("ana", "author"), desk("rui", "reviewer")
        made = author.post("/desk/lexicon/proposals.json", headers=_bearer(author), json=GOOD)
        reviewer.post(f"/desk/lexicon/{made.json['id']}/review.json", headers=_bearer(reviewer),
                      json={"decision": "accept"})
        assert "and breakdown" in reader.get(f"/answers/{ANSWER}?profile=student").text
    finally:
        other.extensions["personalize.db"].dispose()


def test_the_desk_needs_a_signed_in_editor(desk, store_app):
    client = store_app.test_client()
    assert client.get("/desk/lexicon/").location.startswith("/qa/sign-in?next=/desk/lexicon/")
    assert client.get("/desk/lexicon.json").status_code == 401
    assert client.post("/desk/lexicon/impact.json", json=GOOD).status_code == 401
    author = desk("ana", "author")
    missing_csrf = author.post("/desk/lexicon/new", data={**GOOD, "action": "propose"})
    assert missing_csrf.status_code == 400
    assert author.get("/desk/lexicon/999").status_code == 404
    # Another page (QA's unexplained jargon) can link to a filled-in form.
    filled = author.get("/desk/lexicon/new?section=terms&word=granulopoiesis&kind=body-process")
    assert 'value="granulopoiesis"' in filled.text and "<option selected>body-process" in \
        filled.text


def test_a_site_entry_a_later_file_ships_is_left_out_and_named(store_app, store):
    """A deploy that ships the word a site entry added keeps the file's entry and starts."""
    with Session(store_app.extensions["personalize.db"]) as s, s.begin():
        for entry in ({"term": "neutropenia", "kind": "condition", "plain": "x",
                       "definition": "X."},
                      {"word": "destruction", "plain": "breakdown", "pos": "noun"}):
            row = SiteEntry(language="en", key=entry.get("term", entry.get("word")), number=1,
                            section="terms" if "term" in entry else "swaps", entry=entry,
                            author="ana", status="accepted")
            s.add(row)
            s.flush()
            s.add(SiteEntryStep(entry_id=row.id, to_status="accepted", actor="rui"))
    lexicon = store.refresh_lexicon().lexicon("en")
    assert lexicon.lookup(["neutropenia"]).plain == "low neutrophil count"
    assert lexicon.lookup(["destruction"]).plain == "breakdown"
    assert list(store.site.left_out) == ["site:en:neutropenia#1"]
    assert "listed twice" in store.site.left_out["site:en:neutropenia#1"]


def test_the_impact_is_bounded_and_says_when_it_is_partial(desk, store_app, store):
    proposal = site_lexicon.proposal_from(HEAVY, ["en"])
    with Session(store_app.extensions["personalize.db"]) as s:
        after = site_lexicon.check(store.site.files, s, proposal)
    profiles, holding = len(store.catalog.profiles), _english("cells")
    assert holding >= 3  # so that a bound of two answers' renders leaves some out
    whole = lexicon_impact.impact(store, after, "cells")
    assert (whole.answers, whole.holding, whole.renders, whole.partial) == (
        _english(), holding, holding * profiles, False)
    # Room for two answers' renders and one more render: the third answer is left out.
    bounded = lexicon_impact.impact(store, after, "cells", limit=2 * profiles + 1)
    assert (bounded.holding, bounded.renders, bounded.partial) == (2, 2 * profiles, True)
