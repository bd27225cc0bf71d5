"""The editors' desk over HTTP: sign-in, preview without saving, saving with a base revision,
review steps by role, diffs, CSRF and CSP, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from personalize.store import tokens
from personalize.web.security import CSP

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
DRAFTS = tomllib.loads((Path(__file__).parent / "fixtures" / "desk" / "drafts.toml")
                        .read_text(encoding="utf-8"))
HEAD, HARD, EASY = DRAFTS["head"], DRAFTS["hard"], DRAFTS["easy"]


class Desk:
    """A test client signed in to the desk as one editor, with their CSRF token."""

    def __init__(self, app, name: str, role: str):
        self.client = app.test_client()
        token = tokens.create(app.extensions["personalize.db"], name, role)
        page = self.client.get("/qa/sign-in")
        self.client.post("/qa/sign-in", data={"token": token, "next": "/desk/",
                                              "csrf_token": CSRF.search(page.text).group(1)})
        self.csrf = CSRF.search(self.client.get("/desk/").text).group(1)

    def get(self, path: str, **kw):
        return self.client.get(path, **kw)

    def post(self, path: str, **data):
        return self.client.post(path, data={"csrf_token": self.csrf, **data})


@pytest.fixture
def author(store_app):
    return Desk(store_app, "ann", "author")


@pytest.fixture
def reviewer(store_app):
    return Desk(store_app, "rey", "reviewer")


def create(desk: Desk, answer_id: str = "platelets", body: str = EASY):
    return desk.post("/desk/new", source=HEAD.format(id=answer_id) + body, action="save")


def test_the_desk_sends_strangers_to_sign_in_and_keeps_drafts_private(store_app, author):
    stranger = store_app.test_client()
    response = stranger.get("/desk/answers/anything")
    assert response.status_code == 302
    assert response.location.endswith("/qa/sign-in?next=/desk/answers/anything")
    page = author.get("/desk/")
    assert page.status_code == 200
    assert page.headers["Content-Security-Policy"] == CSP
    assert "no-store" in page.headers["Cache-Control"]
    assert "Signed in as ann (author)" in page.text


def test_every_desk_form_needs_the_sessions_csrf_token(author):
    create(author)
    for path, data in [("/desk/new", {"source": HEAD.format(id="x") + EASY, "action": "save"}),
                       ("/desk/preview", {"source": EASY}),
                       ("/desk/answers/platelets", {"source": EASY, "base": "1",
                                                    "action": "save"}),
                       ("/desk/answers/platelets/status", {"revision": "1",
                                                           "status": "under_review"})]:
        assert author.client.post(path, data=data).status_code == 400, path
        assert author.client.post(path, data={**data, "csrf_token": "forged"}).status_code == 400
    assert author.get("/desk/answers/x").status_code == 404  # nothing was created


def test_a_preview_renders_every_profile_and_stores_nothing(store_app, author):
    response = author.post("/desk/preview", source=HEAD.format(id="draft") + HARD + EASY)
    assert response.status_code == 200
    html = response.text
    verdicts = re.findall(r'id="pane-(\w+)-h">[^<]*<span class="qa-verdict qa-verdict--(\w+)"',
                          html)
    assert verdicts == [("clinician", "pass"), ("student", "pass"), ("patient", "fail")]
    # The patient's hardest sentence is placed on its line of the source, which is marked.
    assert re.search(r'hard sentence \(<a href="#L7" class="desk-line-link" data-line="7">', html)
    assert '<li id="L7" class="is-marked">' in html
    assert "/desk/lexicon/new?section=terms" in html and "[[terms]]" in html
    assert store_app.extensions["personalize.store"].ids() == []


def test_a_preview_as_json_has_the_renditions_and_the_spots(author):
    response = author.client.post("/desk/preview", headers={"Accept": "application/json"},
                                  data={"csrf_token": author.csrf,
                                        "source": HEAD.format(id="draft") + HARD + EASY})
    data = response.get_json()
    assert [r["verdict"] for r in data["renditions"]] == ["pass", "pass", "fail"]
    assert {(s["profile"], s["kind"], s["line"]) for s in data["spots"]} == {
        ("patient", "hardest", 7)}


def test_a_source_with_problems_is_previewed_as_its_problems_and_not_saved(author):
    response = author.post("/desk/new", source="+++\nid = \"x\"\n+++\nHello.", action="save")
    assert response.status_code == 422
    assert "Not saved: the source has problems" in response.text
    assert "the question is missing" in response.text
    assert 'data-line="1"' in response.text
    assert "Hello." in response.text  # the text stays in the box


def test_writing_an_answer_from_scratch_saves_revision_1_submitted(store, author):
    response = create(author)
    assert response.status_code == 303
    assert response.location.endswith("/desk/answers/platelets")
    page = author.get("/desk/answers/platelets")
    assert "Saved as revision 1 and submitted for review." in page.text
    head = store.head("platelets")
    assert (head.number, head.status, head.author) == (1, "submitted", "ann")
    again = create(author)
    assert again.status_code == 422 and "exists already" in again.text


def test_a_stale_save_shows_both_texts_and_loses_neither(store, author, reviewer):
    create(author)
    first = reviewer.post("/desk/answers/platelets", base="1", action="save",
                          source=HEAD.format(id="platelets") + EASY + "\nTheir line.\n")
    assert first.status_code == 303
    mine = HEAD.format(id="platelets") + EASY + "\nMy <b>line</b>.\n"
    stale = author.post("/desk/answers/platelets", base="1", action="save", source=mine)
    assert stale.status_code == 409
    assert "Someone else saved" in stale.text
    assert "<del><span class=\"desk-diff__sign\">−</span>Their line.</del>" in stale.text
    assert "<ins><span class=\"desk-diff__sign\">+</span>My &lt;b&gt;line&lt;/b&gt;.</ins>" \
        in stale.text
    assert "My &lt;b&gt;line&lt;/b&gt;." in stale.text.split('id="source"')[1][:2000]
    assert 'name="base" value="2"' in stale.text  # having seen theirs, the next save is r3
    assert store.head("platelets").number == 2
    again = author.post("/desk/answers/platelets", base="2", action="save", source=mine)
    assert again.status_code == 303 and store.head("platelets").number == 3


def test_previewing_an_edit_does_not_save_it(store, author):
    create(author)
    response = author.post("/desk/answers/platelets", base="1", action="preview",
                           source=HEAD.format(id="platelets") + HARD)
    assert response.status_code == 200 and "qa-verdict--fail" in response.text
    assert store.head("platelets").number == 1


def test_authors_cannot_review_and_nobody_approves_their_own_revision(store, author, reviewer):
    create(author)
    page = author.get("/desk/answers/platelets")
    assert re.search(r'<button type="submit" class="button" disabled aria-describedby='
                     r'"why-under_review">Start review', page.text)
    refused = author.post("/desk/answers/platelets/status", revision="1", status="under_review")
    assert refused.status_code == 303
    assert "your role or authorship does not allow" in author.get("/desk/answers/platelets").text
    assert store.head("platelets").status == "submitted"
    # The reviewer writes revision 2 and cannot approve it.
    reviewer.post("/desk/answers/platelets", base="1", action="save",
                  source=HEAD.format(id="platelets") + EASY + "\nAsk your nurse.\n")
    reviewer.post("/desk/answers/platelets/status", revision="2", status="under_review")
    page = reviewer.get("/desk/answers/platelets").text
    assert "You wrote revision 2: another reviewer must approve it." in page
    assert re.search(r'disabled aria-describedby="why-approved">Approve', page)
    reviewer.post("/desk/answers/platelets/status", revision="2", status="approved")
    assert store.head("platelets").status == "under_review"


def test_a_reviewer_approves_rejects_with_a_note_and_the_history_says_who(store, store_app,
                                                                         author, reviewer):
    create(author)
    reviewer.post("/desk/answers/platelets/status", revision="1", status="under_review")
    no_note = reviewer.post("/desk/answers/platelets/status", revision="1", status="submitted")
    assert no_note.status_code == 303 and store.head("platelets").status == "under_review"
    reviewer.post("/desk/answers/platelets/status", revision="1", status="submitted",
                  note="Say when to call the doctor.")
    reviewer.post("/desk/answers/platelets/status", revision="1", status="under_review")
    done = reviewer.post("/desk/answers/platelets/status", revision="1", status="approved")
    assert done.status_code == 303
    assert store.head("platelets").status == "approved"
    page = reviewer.get("/desk/answers/platelets").text
    history = page.split('id="history-h"')[1]
    for line in ["ann saved it", "rey moved it from Submitted to Under review",
                 "rey moved it from Under review to Submitted: <q>Say when to call the doctor."
                 "</q>", "rey moved it from Under review to Approved"]:
        assert line in history
    listing = reviewer.get("/desk/").text
    assert "Revision 1, Approved" in listing and "rey, " in listing
    served = store_app.test_client().get("/answers/platelets")
    assert served.status_code == 200 and "Pending review." not in served.text


def test_approving_over_a_failing_gate_needs_a_reason(store, author, reviewer):
    create(author, body=HARD)
    reviewer.post("/desk/answers/platelets/status", revision="1", status="under_review")
    refused = reviewer.post("/desk/answers/platelets/status", revision="1", status="approved")
    assert refused.status_code == 303
    assert ("Not approved: some versions miss their targets or lose a fact (Student, Patient "
            "or caregiver)") in reviewer.get("/desk/answers/platelets").text
    reviewer.post("/desk/answers/platelets/status", revision="1", status="approved",
                  override="Clinician-only page for now.")
    assert store.head("platelets").status == "approved"
    assert "Clinician-only page for now." in reviewer.get("/desk/answers/platelets").text


def test_a_diff_between_any_two_revisions_is_escaped(author):
    create(author)
    author.post("/desk/answers/platelets", base="1", action="save",
                source=HEAD.format(id="platelets") + EASY + "\n<script>alert(1)</script>\n")
    page = author.get("/desk/answers/platelets/diff?from=1&to=2")
    assert page.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;</ins>" in page.text
    assert "<script>alert" not in page.text
    same = author.get("/desk/answers/platelets/diff?from=2&to=2")
    assert "No difference." in same.text
    assert author.get("/desk/answers/platelets/diff?from=1&to=9").status_code == 404
    assert author.get("/desk/answers/nothing/diff").status_code == 404


def test_the_desk_speaks_spanish(author):
    create(author)
    page = author.get("/desk/answers/platelets?lang=es")
    assert 'lang="es"' in page.text
    assert "Guardar y enviar a revisión" in page.text
    assert "Vista previa" in page.text


def test_a_changed_id_is_refused_with_its_line_and_the_text_kept(store, author):
    create(author)
    moved = HEAD.format(id="other-id") + EASY
    response = author.post("/desk/answers/platelets", base="1", action="save", source=moved)
    assert response.status_code == 422
    why = response.text.split('id="refused-h"')[1].split("</section>")[0]
    assert 'data-line="2"' in why and "is not this answer&#39;s id &#39;platelets&#39;" in why
    assert "other-id" in response.text.split('id="source"')[1][:500]
    assert store.head("platelets").number == 1


def test_line_ends_from_a_browsers_text_box_are_stored_as_line_feeds(store, author):
    create(author)
    typed = (HEAD.format(id="platelets") + EASY + "\nMore.\n").replace("\n", "\r\n")
    author.post("/desk/answers/platelets", base="1", action="save", source=typed)
    assert store.head("platelets").source == typed.replace("\r\n", "\n")


def test_saving_the_text_unchanged_makes_no_revision(store, author):
    create(author)
    same = author.post("/desk/answers/platelets", base="1", action="save",
                       source=HEAD.format(id="platelets") + EASY)
    assert same.status_code == 303 and store.head("platelets").number == 1
    assert "Nothing to save" in author.get("/desk/answers/platelets").text
