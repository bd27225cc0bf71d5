"""The answer store on SQLite and PostgreSQL: schema, revisions, review, gate, renditions."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import delete, func, select, text
from sqlalchemy.exc import DBAPIError

from personalize import create_app
from personalize.core.answer import parse_answer
from personalize.core.catalog import load_catalog
from personalize.core.render import render
from personalize.errors import AnswerError
from personalize.store.database import at_head, current, upgrade
from personalize.store.library import FolderLibrary
from personalize.store.models import Base, StoredRendition, StoredRevision
from personalize.store.rendition_codec import to_data
from personalize.store.revisions import (
    AlreadyExists,
    GateRefused,
    IllegalTransition,
    NotAllowed,
    NoteRequired,
    StaleRevision,
)
from personalize.store.store import Store
from personalize.store.workflow import PATHS, STEPS

ROOT = Path(__file__).resolve().parent.parent
PROFILE_NAMES = ["clinician", "student", "patient"]


def count(store: Store, model, **where) -> int:
    """Rows of a table, for checking what the store wrote."""
    with store._read() as s:
        query = select(func.count()).select_from(model)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return s.scalar(query)


def approve(store, answer_id, number, override=""):
    """Take a revision from submitted to approved."""
    store.transition(answer_id, number, "under_review", "reviewer")
    return store.transition(answer_id, number, "approved", "reviewer", override=override)


# -- schema --------------------------------------------------------------------------------

def test_migrations_bring_an_empty_database_to_the_models(store_app):
    engine = store_app.extensions["personalize.db"]
    assert at_head(engine)
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                 Base.metadata)
    assert diffs == []


def test_db_upgrade_command_on_an_empty_database(database_url, tmp_path):
    app = create_app({"TESTING": True, "INSTANCE_PATH_FOR_TESTS": str(tmp_path),
                      "DATABASE_URL": database_url, "AUTO_UPGRADE": False,
                      "SEED_CONTENT": False})
    engine = app.extensions["personalize.db"]
    try:
        assert current(engine) is None
        result = app.test_cli_runner().invoke(args=["db", "upgrade"])
        assert result.exit_code == 0, result.output
        assert at_head(engine)
        assert f"is at {current(engine)}" in result.output
        again = app.test_cli_runner().invoke(args=["db", "upgrade"])
        assert again.exit_code == 0 and at_head(engine)
    finally:
        engine.dispose()


def test_db_upgrade_does_not_tell_the_operator_to_run_itself(tmp_path):
    """`flask db upgrade` starts the app on the old database; only readers hear of it."""
    env = {**os.environ, "PERSONALIZE_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
           "PERSONALIZE_AUTO_UPGRADE": "false", "PERSONALIZE_SEED_CONTENT": "false"}
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "db upgrade" not in done.stdout + done.stderr
    assert "is at 0" in done.stdout


def test_a_process_on_an_old_schema_says_what_to_run_and_serves_once_upgraded(
        database_url, tmp_path, caplog):
    app = create_app({"TESTING": True, "INSTANCE_PATH_FOR_TESTS": str(tmp_path),
                      "DATABASE_URL": database_url, "AUTO_UPGRADE": False})
    engine = app.extensions["personalize.db"]
    try:
        client = app.test_client()
        response = client.get("/")
        assert response.status_code == 503 and "being set up" in response.text
        assert "run `flask --app wsgi db upgrade` once" in caplog.text
        upgrade(engine)  # as `db upgrade` does, from another process
        assert client.get("/").status_code == 200
        assert client.get("/answers/neutropenia").status_code == 200  # seeded then
    finally:
        engine.dispose()


def test_upgrading_keeps_answers_and_makes_older_renditions_stale(database_url, tmp_path):
    app = create_app({"TESTING": True, "INSTANCE_PATH_FOR_TESTS": str(tmp_path),
                      "DATABASE_URL": database_url, "AUTO_UPGRADE": False,
                      "SEED_CONTENT": False})
    engine, store = app.extensions["personalize.db"], app.extensions["personalize.store"]
    try:
        upgrade(engine, "0001")
        now = dt.datetime.now(dt.UTC)
        source = (ROOT / "content" / "neutropenia.md").read_text(encoding="utf-8")
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO answers (id, head, created_at) "
                              "VALUES ('neutropenia', 1, :now)"), {"now": now})
            conn.execute(text(
                "INSERT INTO revisions (answer_id, number, source, question, author, "
                "created_at, status) VALUES ('neutropenia', 1, :source, 'q', 'ana', :now, "
                "'under_review')"), {"source": source, "now": now})
            made = render(parse_answer(source), store.catalog.profiles["patient"],
                          store.catalog.lexicon("en"))
            conn.execute(text(
                "INSERT INTO renditions (revision_id, profile, locale, profile_version, "
                "lexicon_version, verdict, data, created_at) SELECT id, 'patient', 'en', "
                "'old', 'old', 'pass', :data, :now FROM revisions"),
                {"now": now, "data": json.dumps(to_data(made))})
        upgrade(engine)
        assert at_head(engine)
        assert store.get("neutropenia").status == "under_review"
        assert len(store.stale().outdated) == 1
    finally:
        engine.dispose()


def test_sqlite_in_the_instance_folder_by_default_seeded_with_the_content(tmp_path):
    app = create_app({"TESTING": True, "INSTANCE_PATH_FOR_TESTS": str(tmp_path)})
    library = app.extensions["personalize.library"]
    assert isinstance(library, Store)
    assert (tmp_path / "personalize.sqlite3").is_file()
    shipped = sorted(p.stem for p in (ROOT / "content").glob("*.md"))
    assert sorted(library.ids()) == shipped
    record = library.get("neutropenia")
    # Nobody has approved the shipped content: readers see it pending review.
    assert record.status == "under_review" and not record.approved
    app.extensions["personalize.db"].dispose()
    again = create_app({"TESTING": True, "INSTANCE_PATH_FOR_TESTS": str(tmp_path)})
    assert sorted(again.extensions["personalize.library"].ids()) == shipped
    assert count(again.extensions["personalize.store"], StoredRevision) == len(shipped)
    again.extensions["personalize.db"].dispose()


def test_store_folder_serves_the_content_folder_without_a_database(tmp_path):
    app = create_app({"TESTING": True, "INSTANCE_PATH_FOR_TESTS": str(tmp_path),
                      "STORE": "folder"})
    assert isinstance(app.extensions["personalize.library"], FolderLibrary)
    assert "personalize.db" not in app.extensions
    assert not (tmp_path / "personalize.sqlite3").exists()


# -- revisions -----------------------------------------------------------------------------

def test_create_makes_revision_one_submitted_with_who_and_when(store, source):
    info = store.create(source("iron-deficiency"), "ana")
    assert (info.answer_id, info.number, info.status, info.author) == (
        "iron-deficiency", 1, "submitted", "ana")
    assert info.created.tzinfo is not None
    [first] = info.steps
    assert (first.from_status, first.to_status, first.actor) == (None, "submitted", "ana")
    record = store.get("iron-deficiency")
    assert (record.revision, record.status, record.approved) == (1, "submitted", False)
    assert record.answer.question == "What is iron deficiency?"


def test_create_twice_is_refused(store, source):
    store.create(source("iron-deficiency"), "ana")
    with pytest.raises(AlreadyExists):
        store.create(source("iron-deficiency"), "ben")
    assert count(store, StoredRevision) == 1


def test_each_save_is_a_new_revision_and_a_stale_one_is_refused(store, source):
    text = source("iron-deficiency")
    store.create(text, "ana")
    second = store.save("iron-deficiency", text.replace(b"too little", b"not enough"), "ben",
                        expected=1)
    assert second.number == 2
    with pytest.raises(StaleRevision) as stale:
        store.save("iron-deficiency", text, "cy", expected=1)
    assert stale.value.head == 2
    assert [r.number for r in store.revisions("iron-deficiency")] == [2, 1]
    assert store.revision("iron-deficiency", 1).source == text.decode()
    assert b"not enough" in store.head("iron-deficiency").source.encode()


def test_of_concurrent_saves_from_one_revision_exactly_one_wins(store, source):
    text = source("iron-deficiency")
    store.create(text, "ana")
    start = threading.Barrier(12)
    outcomes: list[str] = []

    def save(n: int) -> None:
        start.wait(timeout=60)
        try:
            store.save("iron-deficiency", text + f"\nWriter {n}.\n".encode(), f"w{n}",
                       expected=1)
            outcomes.append("saved")
        except StaleRevision:
            outcomes.append("stale")

    threads = [threading.Thread(target=save, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(outcomes) == ["saved"] + ["stale"] * 11
    assert [r.number for r in store.revisions("iron-deficiency")] == [2, 1]


def test_same_source_saved_again_still_gets_a_new_revision_and_etag(store, source):
    text = source("iron-deficiency")
    first = store.create(text, "ana")
    second = store.save("iron-deficiency", text, "ana", expected=1)
    assert second.number == 2 and second.etag != first.etag


def test_a_save_may_not_change_the_id(store, source):
    store.create(source("iron-deficiency"), "ana")
    other = source("iron-deficiency").replace(b'id = "iron-deficiency"', b'id = "iron"')
    with pytest.raises(AnswerError) as error:
        store.save("iron-deficiency", other, "ana", expected=1)
    [problem] = error.value.problems
    assert (problem.line, problem.field) == (2, "id")


def test_invalid_sources_name_line_and_field_and_store_nothing(store, source):
    bad = source("iron-deficiency").replace(b"[@who-2020].", b"[@who-2021].", 1)
    with pytest.raises(AnswerError) as error:
        store.create(bad, "ana", source="upload")
    assert error.value.problems[0].field == "citation"
    assert error.value.problems[0].line == 19
    with pytest.raises(AnswerError) as nul:
        store.create(source("iron-deficiency").replace(b"The body", b"The\x00body"), "ana")
    assert "NUL" in nul.value.problems[0].message
    assert store.ids() == []


def test_sources_are_kept_byte_for_byte(store, source):
    text = b"\xef\xbb\xbf" + source("iron-deficiency").replace(b"\n", b"\r\n")
    store.create(text, "ana")
    assert store.head("iron-deficiency").source.encode("utf-8") == text


def test_readers_get_answers_in_question_order_and_none_for_unknown(store, source):
    store.create(source("iron-deficiency"), "ana")
    store.create(source("dense-claims"), "ana")
    assert store.ids() == ["iron-deficiency", "dense-claims"]  # "What ..." before "Why ..."
    assert store.get("no-such-answer") is None


def test_updated_falls_back_to_the_revision_date(store, source):
    info = store.create(source("dense-claims"), "ana")  # no `updated` in its front matter
    assert store.get("dense-claims").updated == info.created.date()


# -- review --------------------------------------------------------------------------------

def test_every_step_of_the_workflow_names_known_statuses():
    statuses = {"submitted", "under_review", "approved"}
    assert all(a in statuses and b in statuses for a, b in STEPS)
    assert set(PATHS) == statuses


def test_review_workflow_records_who_and_when(store, source):
    store.create(source("iron-deficiency"), "ana")
    with pytest.raises(IllegalTransition) as illegal:
        store.transition("iron-deficiency", 1, "approved", "rev")
    assert illegal.value.allowed == ["under_review"]
    store.transition("iron-deficiency", 1, "under_review", "rev")
    with pytest.raises(NoteRequired):
        store.transition("iron-deficiency", 1, "submitted", "rev")
    back = store.transition("iron-deficiency", 1, "submitted", "rev", note="Cite the dose.")
    assert back.status == "submitted"
    assert [(s.from_status, s.to_status, s.actor, s.note) for s in back.steps] == [
        (None, "submitted", "ana", ""), ("submitted", "under_review", "rev", ""),
        ("under_review", "submitted", "rev", "Cite the dose.")]
    assert all(s.at.tzinfo is not None for s in back.steps)
    approved = approve(store, "iron-deficiency", 1)
    assert approved.status == "approved" and approved.steps[-1].override == ""


def test_readers_get_the_latest_approved_revision(store, source):
    text = source("iron-deficiency")
    store.create(text, "ana")
    approve(store, "iron-deficiency", 1)
    store.save("iron-deficiency", text.replace(b"too little", b"not enough"), "ana", expected=1)
    record = store.get("iron-deficiency")
    assert (record.revision, record.approved) == (1, True)
    approve(store, "iron-deficiency", 2)
    assert store.get("iron-deficiency").revision == 2
    # A withdrawn approval sends readers back to the one before.
    store.transition("iron-deficiency", 2, "submitted", "chief", note="Dose is wrong.")
    assert store.get("iron-deficiency").revision == 1


def test_with_no_approved_revision_readers_get_the_latest_pending_review(store, source):
    text = source("iron-deficiency")
    store.create(text, "ana")
    store.save("iron-deficiency", text.replace(b"too little", b"not enough"), "ana", expected=1)
    record = store.get("iron-deficiency")
    assert (record.revision, record.status, record.approved) == (2, "submitted", False)


def test_a_record_is_parsed_once_and_kept_while_its_revision_and_status_stay(store, source):
    store.create(source("iron-deficiency"), "ana")
    first = store.get("iron-deficiency")
    assert store.get("iron-deficiency") is first
    store.transition("iron-deficiency", 1, "under_review", "rev")
    moved = store.get("iron-deficiency")
    assert (moved.revision, moved.status) == (1, "under_review")
    assert moved.answer is first.answer  # the source is the same: not parsed again
    store.save("iron-deficiency", source("iron-deficiency").replace(b"too little", b"not enough"),
               "ana", expected=1)
    assert store.get("iron-deficiency").revision == 2


def test_a_database_error_while_reading_is_sqlalchemys_and_passes(store, source):
    store.create(source("iron-deficiency"), "ana")
    with store._engine.begin() as conn:
        conn.execute(text("ALTER TABLE answers RENAME TO answers_away"))
    with pytest.raises(DBAPIError):
        store.get("iron-deficiency")
    with store._engine.begin() as conn:
        conn.execute(text("ALTER TABLE answers_away RENAME TO answers"))
    assert store.get("iron-deficiency").revision == 1


def test_build_stores_what_it_renders_in_batches_as_rendition_would(store, source, catalog):
    store.create(source("iron-deficiency"), "ana")
    store.create(source("dense-claims"), "ana")
    assert store.stale().missing == ()  # saving scored every profile
    with store._write.begin() as s:  # as a change of versions would leave them
        s.execute(delete(StoredRendition))
    wanted = store.stale().missing
    assert len(wanted) == 2 * len(PROFILE_NAMES)
    made = list(store.build(wanted, batch=4))
    assert [(r.answer.id, r.revision, m.profile) for r, m in made] == list(wanted)
    # a revision's profiles share their work, and each comes out as rendered alone
    assert [m.as_dict() for _, m in made] == [
        render(r.answer, catalog.profiles[m.profile], catalog.lexicon(r.answer.language))
        .as_dict() for r, m in made]
    assert store.stale().missing == ()
    assert count(store, StoredRendition) == len(wanted)
    record, first = made[0]
    assert store.rendition(record, first.profile) == first


def test_the_gate_refuses_approval_with_each_profiles_reasons(store, source):
    store.create(source("dense-claims"), "ana")
    store.transition("dense-claims", 1, "under_review", "rev")
    with pytest.raises(GateRefused) as refused:
        store.transition("dense-claims", 1, "approved", "rev")
    assert set(refused.value.failures) == {"student", "patient"}
    assert "Flesch-Kincaid grade <= 8 not met" in refused.value.failures["patient"][0]
    assert store.revision("dense-claims", 1).status == "under_review"
    assert store.overrides() == []


def test_an_override_with_a_reason_is_recorded_for_qa(store, source):
    store.create(source("dense-claims"), "ana")
    info = approve(store, "dense-claims", 1, override="Reviewed by Dr Lee; terms are needed.")
    step = info.steps[-1]
    assert step.override == "Reviewed by Dr Lee; terms are needed."
    assert set(step.failures) == {"student", "patient"}
    [(answer_id, number, listed)] = store.overrides()
    assert (answer_id, number, listed.override) == ("dense-claims", 1, step.override)
    assert store.get("dense-claims").approved


def test_a_blank_override_is_no_override(store, source):
    store.create(source("dense-claims"), "ana")
    store.transition("dense-claims", 1, "under_review", "rev")
    with pytest.raises(GateRefused):
        store.transition("dense-claims", 1, "approved", "rev", override="   ")


# -- renditions ----------------------------------------------------------------------------

def test_approval_stores_every_profiles_rendition(store, source):
    store.create(source("iron-deficiency"), "ana")
    approve(store, "iron-deficiency", 1)
    assert count(store, StoredRendition) == len(PROFILE_NAMES)


@pytest.mark.parametrize("profile", PROFILE_NAMES)
def test_renditions_are_computed_once_and_read_back_equal(store, source, catalog, profile):
    store.create(source("iron-deficiency"), "ana")  # stored as it is saved, each profile
    assert count(store, StoredRendition) == len(PROFILE_NAMES)
    record = store.get("iron-deficiency")
    first = store.rendition(record, profile)
    assert count(store, StoredRendition, profile=profile) == 1
    assert store.rendition(record, profile) == first
    assert count(store, StoredRendition) == len(PROFILE_NAMES)
    assert first.versions["profile"] == catalog.profiles[profile].version


def test_a_changed_profile_makes_renditions_stale(store, source, store_app, tmp_path):
    store.create(source("iron-deficiency"), "ana")
    record = store.get("iron-deficiency")
    for name in PROFILE_NAMES:
        store.rendition(record, name)
    assert store.stale().missing == () and store.stale().outdated == ()
    profiles = tmp_path / "profiles"
    shutil.copytree(ROOT / "profiles", profiles)
    patient = profiles / "patient.toml"
    patient.write_text(patient.read_text().replace("max_sentence_words = 15",
                                                   "max_sentence_words = 14"))
    changed = Store(store_app.extensions["personalize.db"], load_catalog(profiles))
    stale = changed.stale()
    assert stale.missing == (("iron-deficiency", 1, "patient"),)
    assert len(stale.outdated) == 1
    changed.rendition(changed.record("iron-deficiency", 1), "patient")
    assert changed.prune(stale.outdated) == 1
    assert changed.stale().missing == () and changed.stale().outdated == ()


# -- import in one transaction --------------------------------------------------------------

def test_put_creates_revises_or_leaves_alone(store, source):
    text = source("iron-deficiency")
    assert store.put(text, "import", "a.md")[0] == "created"
    assert store.put(text, "import", "a.md")[0] == "unchanged"
    outcome, info = store.put(text.replace(b"too little", b"not enough"), "import", "a.md")
    assert (outcome, info.number) == ("revised", 2)


def test_put_reaches_the_front_matter_status_through_the_steps(store, source):
    text = source("iron-deficiency").replace(b'status = "submitted"', b'status = "approved"')
    _, info = store.put(text, "import", "a.md", approver="chief")
    assert info.status == "approved"
    assert [(s.to_status, s.actor) for s in info.steps] == [
        ("submitted", "import"), ("under_review", "import"), ("approved", "chief")]
    assert store.get("iron-deficiency").approved


@pytest.mark.parametrize("approver", ["", "import"])
def test_put_never_approves_what_its_actor_wrote(store, source, approver):
    text = source("iron-deficiency").replace(b'status = "submitted"', b'status = "approved"')
    _, info = store.put(text, "import", "a.md", approver=approver)
    assert info.status == "under_review" and not store.get("iron-deficiency").approved
    with pytest.raises(NotAllowed, match="import wrote revision 1"):
        store.transition("iron-deficiency", 1, "approved", "import")
    # a reviewer other than the importer approves it through the normal path
    assert store.transition("iron-deficiency", 1, "approved", "demo-reviewer").status == \
        "approved"


def test_put_of_an_approved_file_that_fails_the_gate_stores_nothing(store, source):
    text = source("dense-claims").replace(b'status = "submitted"', b'status = "approved"')
    with pytest.raises(GateRefused):
        store.put(text, "import", "a.md", approver="chief")
    assert store.ids() == [] and count(store, StoredRevision) == 0
