"""The report as data: rows from the scores table, filters, sort, pages, history, CSV."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from personalize.core.answer import load_answer
from personalize.core.catalog import load_catalog
from personalize.core.render import render
from personalize.reports import qa_report
from personalize.reports.qa_report import Query
from personalize.store.store import Store

HARD = Path(__file__).parent / "fixtures" / "answers" / "hard-myelodysplasia.md"
ROOT = Path(__file__).resolve().parent.parent


def score_all(store):
    """Render (and so score) every latest revision for every profile."""
    with Session(ENGINES[id(store)]) as s:
        todo = qa_report.unscored(s, store.catalog)
    for answer_id, number, profile in todo:
        store.rendition(store.record(answer_id, number), profile)


ENGINES: dict = {}


@pytest.fixture(autouse=True)
def _engine_of_store(request):
    """Let helpers find the engine of the test's store (from the app that made it)."""
    if "store" in request.fixturenames:
        app = request.getfixturevalue("store_app")
        ENGINES[id(app.extensions["personalize.store"])] = app.extensions["personalize.db"]
    yield
    ENGINES.clear()


def store_engine(store):
    """The engine of a test's store."""
    return ENGINES[id(store)]


@pytest.fixture
def filled(store, source):
    """A store with a plain answer, a dense one and the hard one, all scored."""
    store.create(source("iron-deficiency"), "ana")
    store.create(source("dense-claims"), "ana")
    store.create(HARD.read_bytes(), "ana")
    score_all(store)
    return store


def rows(store, **query):
    with Session(store_engine(store)) as s:
        return qa_report.page(s, store.catalog, Query(**query))


def test_every_answer_and_profile_has_a_row(filled):
    page = rows(filled, per_page=100)
    assert page.total == 9 and page.unscored == 0
    assert {(r["answer_id"], r["profile"]) for r in page.rows} == {
        (a, p) for a in ("iron-deficiency", "dense-claims", "hard-myelodysplasia")
        for p in ("clinician", "student", "patient")}
    row = page.rows[0]
    for key in ("flesch_kincaid_grade", "smog_index", "flesch_reading_ease", "gunning_fog",
                "coleman_liau_index", "dale_chall_readability_score", "words", "sentences",
                "reading_time_s", "targets", "verdict", "facts_checked", "status", "revision"):
        assert key in row


def test_renditions_are_scored_as_a_revision_is_saved(store, source):
    store.create(source("iron-deficiency"), "ana")
    page = rows(store)
    assert page.total == 3 and page.unscored == 0


def test_unscored_renditions_are_counted_not_rendered(store, source, tmp_path):
    store.create(source("iron-deficiency"), "ana")
    profiles = tmp_path / "profiles"
    shutil.copytree(ROOT / "profiles", profiles)
    patient = profiles / "patient.toml"
    patient.write_text(patient.read_text() + "\n# edited\n")
    changed = Store(store._engine, load_catalog(profiles))  # a profile's version changed
    ENGINES[id(changed)] = store._engine
    page = rows(changed)
    assert page.total == 2 and page.unscored == 1


def test_failing_only_with_the_right_targets(filled):
    page = rows(filled, failing=True, profile="patient")
    hard = [r for r in page.rows if r["answer_id"] == "hard-myelodysplasia"]
    assert hard and all(r["verdict"] == "fail" for r in page.rows)
    missed = {t["metric"] for t in hard[0]["targets"] if not t["met"]}
    assert "flesch_kincaid_grade" in missed
    # the hardest sentence, not the heading "Characterization and prognostication"
    assert hard[0]["hardest"][0]["text"].startswith("Myelodysplastic syndromes")


def test_filter_by_status(filled):
    assert rows(filled, status="approved").total == 0
    assert rows(filled, status="submitted").total == 9


@pytest.mark.parametrize("key", ["flesch_kincaid_grade", "smog_index", "words", "verdict"])
def test_sorted_in_sql_both_ways(filled, key):
    up = [r[key] for r in rows(filled, sort=key, per_page=100).rows]
    down = [r[key] for r in rows(filled, sort=key, descending=True, per_page=100).rows]
    assert up == sorted(up) and down == sorted(down, reverse=True)


def test_pages_split_the_rows(filled):
    first, second = rows(filled, per_page=4), rows(filled, per_page=4, page=3)
    assert first.pages == 3 and len(first.rows) == 4 and len(second.rows) == 1
    data = first.as_dict(lambda args: "?" + "&".join(f"{k}={v}" for k, v in args.items()))
    assert data["next"] == "?page=2&per_page=4" and data["prev"] is None


def test_every_row_reads_in_chunks(filled):
    with Session(store_engine(filled)) as s:
        got = list(qa_report.every_row(s, filled.catalog, Query(), chunk=2))
    assert len(got) == 9


def test_query_from_args_ignores_what_it_does_not_know():
    q = Query.from_args({"profile": "nobody", "status": "x", "sort": "-drop table",
                         "per_page": "100000"}, ["patient"])
    assert (q.profile, q.status, q.sort, q.descending, q.per_page) == ("", "", "answer",
                                                                       False, 500)
    assert Query(sort="words").sorted_by("words") == {"sort": "-words"}


def test_csv_has_a_header_every_row_and_no_formulas():
    row = {"answer_id": "a", "question": "=HYPERLINK(1)", "targets": [], "reasons": ["x"],
           "previous_grade": None}
    parsed = list(csv.reader(io.StringIO("".join(qa_report.csv_lines([row])))))
    assert parsed[0] == list(qa_report.CSV_FIELDS)
    assert parsed[1][1] == "'=HYPERLINK(1)"


def test_violations_name_answer_profile_target_value_and_sentences(catalog):
    answer = load_answer(HARD, catalog.audiences)
    made = render(answer, catalog.profiles["patient"], catalog.lexicon("en"))
    found = qa_report.violations(qa_report.rendition_row(made, 1, "submitted"))
    assert found[0].startswith("hard-myelodysplasia (patient): Flesch-Kincaid grade <= 8 "
                               f"not met, value {made.grade}; worst sentences: "
                               '"Myelodysplastic syndromes')


def test_history_shows_a_regression_after_an_edit(store, source):
    store.create(source("iron-deficiency"), "ana")
    score_all(store)
    hard = HARD.read_text().replace('"hard-myelodysplasia"', '"iron-deficiency"')
    store.save("iron-deficiency", hard, "ana", expected=1)
    score_all(store)
    with Session(store_engine(store)) as s:
        kept = qa_report.history(s, store.catalog, "iron-deficiency", "patient")
        page = qa_report.page(s, store.catalog, Query(profile="patient"))
    assert [h["revision"] for h in kept] == [1, 2]
    assert kept[1]["regression"] and kept[1]["changed"] == ["edit"]
    assert all(h["current"] for h in kept)
    assert page.rows[0]["previous_grade"] == kept[0]["grade"]


def test_score_bins_count_each_whole_grade(filled):
    with Session(store_engine(filled)) as s:
        bins = qa_report.score_bins(s, filled.catalog, "patient")
    assert sum(bins.values()) == 3 and all(g >= 0 for g in bins)
