"""QA pages: sign-in by editor token, the report as HTML, JSON and CSV, and the drill-down."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from sqlalchemy import insert

from personalize.store import tokens
from personalize.store.models import StoredAnswer, StoredRevision, StoredScore
from personalize.store.renditions import renderer_version

HARD = Path(__file__).parent / "fixtures" / "answers" / "hard-myelodysplasia.md"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def qa_client(store_app, store, source):
    """A client signed in to QA, on a store with one plain and one hard answer."""
    store.create(source("iron-deficiency"), "ana")
    store.create(HARD.read_bytes(), "ana")
    client = store_app.test_client()
    token = tokens.create(store_app.extensions["personalize.db"], "qa-editor")
    sign_in(client, token)
    return client


def sign_in(client, token, follow=False):
    """Post the sign-in form with this session's CSRF token."""
    page = client.get("/qa/sign-in")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    return client.post("/qa/sign-in", data={"token": token, "csrf_token": csrf,
                                            "next": "/qa/readability"},
                       follow_redirects=follow)


# -- access ---------------------------------------------------------------------------------

def test_the_report_page_sends_strangers_to_sign_in(store_app):
    response = store_app.test_client().get("/qa/readability?profile=patient")
    assert response.status_code == 302
    assert response.location == "/qa/sign-in?next=/qa/readability?profile%3Dpatient"


@pytest.mark.parametrize("path", ["/qa/readability.json", "/qa/readability.csv"])
def test_data_needs_a_token(store_app, path):
    response = store_app.test_client().get(path)
    assert response.status_code == 401
    assert response.json["error"]["status"] == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("path", ["/qa/readability.json", "/qa/readability.csv"])
def test_data_accepts_a_bearer_token(store_app, editor, path):
    assert store_app.test_client().get(path, headers=editor).status_code == 200


def test_the_page_does_not_accept_a_bearer_token(store_app, editor):
    assert store_app.test_client().get("/qa/readability", headers=editor).status_code == 302


def test_a_wrong_token_is_refused_and_a_right_one_signs_in(store_app):
    client = store_app.test_client()
    assert sign_in(client, "pz_wrong").status_code == 401
    token = tokens.create(store_app.extensions["personalize.db"], "ed")
    response = sign_in(client, token)
    assert response.status_code == 303 and response.location == "/qa/readability"
    page = client.get("/qa/readability")
    assert page.status_code == 200 and "Signed in as ed" in page.text
    assert "no-store" in page.headers["Cache-Control"]


def test_sign_in_without_the_csrf_token_is_refused(store_app):
    token = tokens.create(store_app.extensions["personalize.db"], "ed")
    response = store_app.test_client().post("/qa/sign-in", data={"token": token})
    assert response.status_code == 400


def test_revoking_the_token_signs_the_editor_out(store_app, qa_client):
    tokens.revoke(store_app.extensions["personalize.db"], "qa-editor")
    assert qa_client.get("/qa/readability").status_code == 302


def test_sign_in_goes_back_only_to_this_site(store_app):
    client = store_app.test_client()
    page = client.get("/qa/sign-in?next=//evil.example/")
    assert 'value="/qa/readability"' in page.text


# -- the report -----------------------------------------------------------------------------

def test_the_report_lists_every_answer_and_profile(qa_client):
    page = qa_client.get("/qa/readability")
    assert page.status_code == 200
    assert page.text.count('href="/qa/readability/hard-myelodysplasia/') == 3
    assert "6 renditions match" in page.text
    assert page.text.count("<svg") == 3  # one grade distribution per profile
    assert "<script" not in page.text


def test_json_and_csv_carry_the_same_rows(qa_client):
    data = qa_client.get("/qa/readability.json?failing=1&sort=-flesch_kincaid_grade").json
    assert data["total"] >= 2 and {r["verdict"] for r in data["rows"]} == {"fail"}
    grades = [r["flesch_kincaid_grade"] for r in data["rows"]]
    assert grades == sorted(grades, reverse=True)
    response = qa_client.get("/qa/readability.csv?failing=1&sort=-flesch_kincaid_grade")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["answer_id"], r["profile"]) for r in rows] == [
        (r["answer_id"], r["profile"]) for r in data["rows"]]


def test_filters_by_profile_and_status(qa_client):
    data = qa_client.get("/qa/readability.json?profile=patient&status=submitted").json
    assert data["total"] == 2 and {r["profile"] for r in data["rows"]} == {"patient"}
    assert qa_client.get("/qa/readability.json?status=approved").json["total"] == 0


def test_an_override_is_shown_with_its_reason(store, qa_client):
    store.transition("hard-myelodysplasia", 1, "under_review", "rev")
    store.transition("hard-myelodysplasia", 1, "approved", "rev",
                     override="Reviewed by a hematologist; wording agreed with the author.")
    page = qa_client.get("/qa/readability?status=approved")
    assert "approved with override: Reviewed by a hematologist" in page.text
    row = qa_client.get("/qa/readability.json?status=approved").json["rows"][0]
    assert row["override"].startswith("Reviewed by a hematologist")


# -- drill-down -----------------------------------------------------------------------------

def test_the_hard_answer_is_reported_with_its_sentences_and_jargon(qa_client):
    data = qa_client.get("/qa/readability/hard-myelodysplasia/patient.json").json
    assert data["verdict"] == "fail"
    hardest = [s["text"] for s in data["sentences"] if s["hardest"]]
    # the heading is the hardest unit, but a heading is not a sentence to fix
    heading = next(s for s in data["sentences"] if s["text"].startswith("Characterization"))
    assert heading["heading"] and not heading["hardest"]
    assert len(hardest) == 3 and not any(s["heading"] for s in data["sentences"]
                                         if s["hardest"])
    jargon = {j["word"]: j["count"] for j in data["jargon"]}
    assert jargon["prognostication"] == 2 and "constellation" in jargon
    assert any(t["metric"] == "flesch_kincaid_grade" and not t["met"] for t in data["targets"])
    # what the rewrite did (the engine decides which; every change is listed in full)
    assert data["changes"] and all(set(c) == {"what", "where", "before", "after", "why"}
                                   for c in data["changes"])
    assert data["facts"]["checked"] and data["history"][0]["verdict"] == "fail"


def test_the_drill_down_page_shows_everything_side_by_side(qa_client):
    page = qa_client.get("/qa/readability/hard-myelodysplasia/patient")
    assert page.status_code == 200
    assert "<mark>Characterization and prognostication.</mark>" not in page.text
    assert page.text.count("<mark>") == 3
    assert "prognostication</td>" in page.text
    assert 'term = "prognostication"' in page.text  # a lexicon entry to fill in
    assert "Canonical" in page.text and page.text.count("pz-") > 2
    assert page.text.count("<svg") == 1


def test_unknown_answers_profiles_and_revisions_are_404(qa_client):
    assert qa_client.get("/qa/readability/nope/patient").status_code == 404
    assert qa_client.get("/qa/readability/hard-myelodysplasia/nobody").status_code == 404
    assert qa_client.get("/qa/readability/hard-myelodysplasia/patient?revision=9"
                         ).status_code == 404


def test_the_side_by_side_panes_mark_what_changed_and_share_no_id(qa_client):
    page = qa_client.get("/qa/readability/hard-myelodysplasia/patient").text
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    for ref in re.findall(r'(?:href="#|aria-labelledby=")([^"]+)"', page):
        assert all(part in ids for part in ref.split()), ref
    canonical, rendition = page.split('id="rendition-h"')
    assert 'class="qa-changed"' in rendition and "Changed: " in rendition
    assert 'class="qa-changed"' in canonical.split('id="canonical-h"')[1]


def test_negative_grades_show_as_zero_and_times_as_the_locale_writes_them(qa_client):
    data = qa_client.get("/qa/readability/iron-deficiency/patient.json").json
    page = qa_client.get("/qa/readability/iron-deficiency/patient").text
    assert not re.search(r'<td class="num[^"]*">-\d', page)  # no "-1.4" in the table
    if any(u["grade"] < 0 for u in data["sentences"]):
        assert "shown as 0" in page
    stamp = data["history"][0]["scored_at"]
    assert stamp in page  # as the machine-readable datetime only
    assert f">{stamp}<" not in page and " UTC</time>" in page


# -- Spanish ----------------------------------------------------------------------------------

SPANISH = ROOT / "content" / "leucopenia-causas.md"


@pytest.fixture
def qa_es(qa_client, store):
    """The QA client with the shipped Spanish answer in the store too."""
    store.create(SPANISH.read_bytes(), "ana")
    return qa_client


@pytest.mark.parametrize("profile", ["clinician", "student", "patient"])
def test_the_spanish_drill_down_opens_for_every_profile(qa_es, profile):
    page = qa_es.get(f"/qa/readability/leucopenia-causas/{profile}")
    assert page.status_code == 200, page.text[-500:]
    scores = page.text.split('class="qa-scores"')[1].split("</dl>")[0]
    assert "Fernández Huerta" in scores and "Szigriszt-Pazos" in scores
    assert "Flesch-Kincaid" not in scores and "SMOG" not in scores
    assert page.text.count("<svg") == 1 and "score" in page.text.split("<svg")[1][:600]
    data = qa_es.get(f"/qa/readability/leucopenia-causas/{profile}.json").json
    assert data["history"][0]["metric"] == "fernandez_huerta"
    assert data["history"][0]["grade"] is None and data["history"][0]["score"] > 50


def test_spanish_rows_leave_english_metrics_blank(qa_es):
    data = qa_es.get("/qa/readability.json?language=es").json
    assert data["total"] == 3 and {r["language"] for r in data["rows"]} == {"es"}
    for row in data["rows"]:
        assert row["flesch_kincaid_grade"] is None and row["smog_index"] is None
        assert row["fernandez_huerta"] > 50
    rows = list(csv.DictReader(io.StringIO(qa_es.get("/qa/readability.csv?language=es").text)))
    assert {r["flesch_kincaid_grade"] for r in rows} == {""}
    assert all(float(r["fernandez_huerta"]) > 50 for r in rows)
    page = qa_es.get("/qa/readability?language=es").text
    table = page.split("<table")[1].split("</table>")[0]
    assert '<abbr title="Fernández Huerta score">FH</abbr>' in table
    assert ">FK<" not in table and '<td class="num">0</td>' not in table
    assert "FH ≥ 70" in table and "fernandez_huerta ≥" not in table
    fh = [f'<td class="num">{round(r["fernandez_huerta"], 1):g}' for r in data["rows"]]
    assert all(cell in table for cell in fh), fh


def test_sorting_by_an_english_metric_puts_spanish_rows_last(qa_es):
    rows = qa_es.get("/qa/readability.json?sort=flesch_kincaid_grade").json["rows"]
    assert [r["language"] for r in rows][-3:] == ["es"] * 3
    rows = qa_es.get("/qa/readability.json?sort=-flesch_kincaid_grade").json["rows"]
    assert [r["language"] for r in rows][-3:] == ["es"] * 3


def test_spanish_charts_draw_fernandez_huerta_and_follow_the_language_filter(qa_es):
    page = qa_es.get("/qa/readability?language=es").text
    charts = re.findall(r"<svg.*?</svg>", page, re.S)
    assert len(charts) == 3  # one per profile, Spanish only
    assert all("Fernández Huerta" in c and "grade 0" not in c for c in charts)
    assert "within score 70 or higher" in page  # the patient's Spanish target
    every = qa_es.get("/qa/readability").text
    assert len(re.findall(r"<svg", every)) == 6  # English and Spanish, per profile
    english = re.findall(r"<svg.*?</svg>", qa_es.get("/qa/readability?language=en").text, re.S)
    assert len(english) == 3 and not any("grade 0: 3" in c for c in english)


def test_the_filter_form_keeps_the_language(qa_es):
    page = qa_es.get("/qa/readability?language=es&failing=1").text
    form = page.split('class="qa-filters"')[1].split("</form>")[0]
    assert 'name="language"' in form and '<option value="es" selected>' in form


# -- scale ----------------------------------------------------------------------------------

def test_ten_thousand_answers_serve_the_first_page_from_sql(store_app, store, editor):
    """Bulk rows (no rendering): the page is filtered, sorted and cut in the database."""
    cat = store.catalog
    now = dt.datetime.now(dt.UTC)
    engine = store_app.extensions["personalize.db"]
    n = 10_000
    with engine.begin() as conn:
        conn.execute(insert(StoredAnswer), [{"id": f"a{i:05d}", "head": 1, "created_at": now}
                                            for i in range(n)])
        conn.execute(insert(StoredRevision), [
            {"id": i + 1, "answer_id": f"a{i:05d}", "number": 1, "source": "", "question":
             f"Question {i}?", "author": "bulk", "created_at": now,
             "status": "approved" if i % 2 else "submitted"} for i in range(n)])
        conn.execute(insert(StoredScore), [
            {"revision_id": i + 1, "profile": name, "locale": "en",
             "profile_version": prof.version, "lexicon_version": cat.lexicon("en").version,
             "renderer_version": renderer_version(), "verdict": "fail" if i % 7 == 0 else "pass",
             "flesch_kincaid_grade": (i % 200) / 10, "smog_index": 9.0,
             "flesch_reading_ease": 60.0, "gunning_fog": 10.0, "coleman_liau_index": 9.0,
             "dale_chall_readability_score": 8.0, "reading_time_s": 30.0, "words": 300,
             "sentences": 20, "facts_checked": 5, "facts_missing": 0, "reasons": [],
             "hardest": [], "created_at": now}
            for i in range(n) for name, prof in cat.profiles.items()])
    client = store_app.test_client()
    data = client.get("/qa/readability.json?profile=patient&failing=1&status=submitted"
                      "&sort=-flesch_kincaid_grade", headers=editor).json
    expected = sorted((i for i in range(n) if i % 7 == 0 and i % 2 == 0),
                      key=lambda i: (-(i % 200), i))
    assert data["total"] == len(expected) and data["unscored"] == 0
    assert [r["answer_id"] for r in data["rows"]] == [f"a{i:05d}" for i in expected[:50]]
    assert data["next"].startswith("/qa/readability.json?") and "page=2" in data["next"]
    token = editor["Authorization"].split()[1]
    sign_in(client, token)
    page = client.get("/qa/readability?page=200")
    assert page.status_code == 200 and "page 200 of 600" in page.text
