"""Content in bulk and the store's upkeep: import, export, rerender and tokens commands."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from personalize import create_app
from personalize.store import tokens

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


@pytest.fixture
def runner(store_app):
    """A CLI runner on an app with an empty store."""
    return store_app.test_cli_runner()


def test_import_reports_and_is_idempotent(runner, store):
    result = runner.invoke(args=["content", "import", str(CONTENT)])
    assert result.exit_code == 0, result.output
    shipped = len(list(CONTENT.glob("*.md")))
    assert result.stdout.strip() == (f"{shipped} files: {shipped} created, 0 revised, "
                                     "0 unchanged, 0 failed.")
    assert f"Importing {shipped} files" in result.stderr  # the progress bar
    assert len(store.ids()) == shipped
    assert store.get("neutropenia").status == "under_review"
    again = runner.invoke(args=["content", "import", str(CONTENT)])
    assert f"0 created, 0 revised, {shipped} unchanged" in again.stdout


def test_each_file_is_all_or_nothing_and_failures_say_why(runner, store, source, tmp_path):
    (tmp_path / "good.md").write_bytes(source("iron-deficiency"))
    (tmp_path / "bad-citation.md").write_bytes(
        source("iron-deficiency").replace(b'id = "iron-deficiency"', b'id = "other"')
        .replace(b"[@who-2020].\nThe", b"[@who-2021].\nThe"))
    (tmp_path / "too-hard.md").write_bytes(
        source("dense-claims").replace(b'status = "submitted"', b'status = "approved"'))
    (tmp_path / "binary.md").write_bytes(b"+++\nid = \"x\"\n\xff\xfe")
    result = runner.invoke(args=["content", "import", str(tmp_path), "--approved-by", "chief"])
    assert result.exit_code == 1
    assert "4 files: 1 created, 0 revised, 0 unchanged, 3 failed." in result.stdout
    report = result.stderr
    assert f"FAILED {tmp_path / 'bad-citation.md'}" in report
    assert "bad-citation.md:19:52: [citation] unknown citation key '@who-2021'" in report
    assert "too-hard.md: approval refused, patient: Flesch-Kincaid grade <= 8 not met" in report
    assert "binary.md:3: the file is not valid UTF-8" in report
    assert store.ids() == ["iron-deficiency"]


def test_export_round_trips_sources_byte_for_byte(runner, store, tmp_path, source):
    originals = tmp_path / "in"
    shutil.copytree(CONTENT, originals)
    odd = b"\xef\xbb\xbf" + source("iron-deficiency").replace(b"\n", b"\r\n")
    (originals / "iron-deficiency.md").write_bytes(odd)
    assert runner.invoke(args=["content", "import", str(originals)]).exit_code == 0
    out = tmp_path / "out"
    result = runner.invoke(args=["content", "export", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in originals.iterdir())
    for path in originals.iterdir():
        assert (out / path.name).read_bytes() == path.read_bytes(), path.name


def test_export_writes_the_latest_revision(runner, store, tmp_path, source):
    text = source("iron-deficiency")
    store.create(text, "ana")
    store.save("iron-deficiency", text + b"\nOne more line.\n", "ana", expected=1)
    runner.invoke(args=["content", "export", str(tmp_path)])
    assert (tmp_path / "iron-deficiency.md").read_bytes() == text + b"\nOne more line.\n"


def test_rerender_rebuilds_what_a_profile_change_made_stale(store_app, database_url, tmp_path):
    runner = store_app.test_cli_runner()
    runner.invoke(args=["content", "import", str(CONTENT)])
    shipped = len(list(CONTENT.glob("*.md")))
    # import scores every profile as it saves (QA only reads scores): nothing left to build
    check = runner.invoke(args=["rerender", "--check"])
    # a deploy gate passes right after a clean install
    assert check.exit_code == 0, check.output
    assert ("0 renditions out of date and 0 never built (made when first read); "
            "0 stored") in check.stdout
    built = runner.invoke(args=["rerender"])
    assert built.exit_code == 0, built.output
    assert "Built 0, dropped 0." in built.stdout

    profiles = tmp_path / "profiles"
    shutil.copytree(ROOT / "profiles", profiles)
    student = profiles / "student.toml"
    student.write_text(student.read_text() + "\n# edited\n")
    changed = create_app({"TESTING": True, "INSTANCE_PATH_FOR_TESTS": str(tmp_path),
                          "DATABASE_URL": database_url, "PROFILES_DIR": str(profiles),
                          "SEED_CONTENT": False})
    try:
        again = changed.test_cli_runner()
        stale = again.invoke(args=["rerender", "--check"])
        assert stale.exit_code == 1
        assert (f"{shipped} renditions out of date and 0 never built (made when first read); "
                f"{shipped} stored under older") in stale.stdout
        rebuilt = again.invoke(args=["rerender"])
        assert f"Built {shipped}, dropped {shipped}." in rebuilt.stdout
        assert again.invoke(args=["rerender", "--check"]).exit_code == 0
    finally:
        changed.extensions["personalize.db"].dispose()


def test_the_deploy_gate_passes_on_a_freshly_seeded_store_and_after_readers_came(
        store_app, store, runner):
    from personalize.web.storage import seed

    seed(store, CONTENT)
    assert runner.invoke(args=["rerender", "--check"]).exit_code == 0
    store_app.test_client().get("/answers/neutropenia?profile=student")  # built on first read
    check = runner.invoke(args=["rerender", "--check"])
    assert check.exit_code == 0 and "0 renditions out of date" in check.stdout


def test_tokens_create_prints_the_token_last_and_revoke_ends_it(runner, store_app):
    engine = store_app.extensions["personalize.db"]
    made = runner.invoke(args=["tokens", "create", "dana"])
    assert made.exit_code == 0
    token = made.stdout.strip().splitlines()[-1]
    assert token.startswith(tokens.PREFIX) and len(token) > 40
    assert tokens.holder(engine, token) == "dana"
    listed = runner.invoke(args=["tokens", "list"])
    assert listed.stdout.startswith("dana\t") and listed.stdout.rstrip().endswith("live")
    assert token not in listed.stdout
    assert runner.invoke(args=["tokens", "revoke", "dana"]).exit_code == 0
    assert tokens.holder(engine, token) is None
    assert runner.invoke(args=["tokens", "revoke", "dana"]).exit_code == 1


def test_tokens_are_stored_only_as_digests(runner, store_app):
    from sqlalchemy import select

    from personalize.store.models import ApiToken

    token = runner.invoke(args=["tokens", "create", "eve"]).stdout.strip().splitlines()[-1]
    with store_app.extensions["personalize.db"].connect() as conn:
        stored = conn.execute(select(ApiToken.digest)).scalars().all()
    assert stored == [tokens.token_digest(token)] and token not in stored


# -- sample content approved for a demonstration ---------------------------------------------

def test_approve_samples_takes_the_shipped_answers_through_review_as_a_demo_reviewer(
        store_app, store, runner):
    from personalize.reports.samples import SAMPLE_NOTE
    from personalize.web.storage import seed

    shipped = seed(store, CONTENT)
    before = {p.name: p.read_bytes() for p in CONTENT.glob("*.md")}
    client = store_app.test_client()
    assert client.get("/embed/neutropenia/frame").status_code == 409  # a fresh `make run`
    result = runner.invoke(args=["content", "approve-samples", "--reviewer", "Demo reviewer"])
    assert result.exit_code == 0, result.output
    assert f"{shipped} sample answers approved by 'Demo reviewer'" in result.stdout
    for answer_id in store.ids():
        info = store.revision(answer_id, store.head(answer_id).number)
        assert info.status == "approved" and info.author == "content"
        approval = info.steps[-1]
        assert (approval.actor, approval.note) == ("Demo reviewer", SAMPLE_NOTE)
    # the shipped files keep their status; nothing in them says approved
    assert {p.name: p.read_bytes() for p in CONTENT.glob("*.md")} == before
    assert all(b'status = "approved"' not in text for text in before.values())
    # every surface can now be tried, and says it is sample content
    page = client.get("/answers/neutropenia").get_data(as_text=True)
    assert "Sample content." in page and "not reviewed by a clinician" in page
    assert "Pending review." not in page and "Demo reviewer" in page
    for path in ("/embed/neutropenia", "/embed/neutropenia/frame"):
        response = client.get(path)
        assert response.status_code == 200 and "Sample content." in response.text, path
    assert client.get("/api/v1/answers/neutropenia").status_code == 200
    again = runner.invoke(args=["content", "approve-samples"])
    assert f"0 sample answers approved by 'Demo reviewer' for a demonstration, {shipped} " \
           "already approved" in again.stdout


def test_approve_samples_leaves_edited_answers_alone_and_never_self_approves(store, runner):
    from personalize.web.storage import seed

    seed(store, CONTENT)
    head = store.head("neutropenia")
    store.save("neutropenia", head.source + "\nAn editor's line.\n", "ana", head.number)
    refused = runner.invoke(args=["content", "approve-samples", "--reviewer", "content"])
    assert refused.exit_code == 2 and "nobody approves their own revision" in refused.output
    result = runner.invoke(args=["content", "approve-samples"])
    assert result.exit_code == 0, result.output
    assert "skipped" in result.stderr and "neutropenia" in result.stderr
    assert store.head("neutropenia").status == "submitted"
    assert store.get("anemia-causes").status == "approved"
