"""Nothing lost, against real servers: concurrent If-Match writers, SIGKILL mid-import, and
two app processes sharing one database. Each test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import func, select

from personalize.store import tokens
from personalize.store.models import StoredAnswer, StoredRendition, StoredRevision, StoredStep

ROOT = Path(__file__).resolve().parent.parent
WRITERS = 20


def http(method: str, url: str, body: bytes | None = None, headers: dict | None = None):
    """One request: (status, headers, body), for errors as for successes."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers, error.read()


@pytest.fixture
def served(store_app, database_url, live_server, source):
    """A live server on the store, an editor's headers, and one answer at revision 1."""
    engine = store_app.extensions["personalize.db"]
    headers = {"Authorization": f"Bearer {tokens.create(engine, 'writer')}"}
    store_app.extensions["personalize.store"].create(source("iron-deficiency"), "ana")
    return live_server(database_url), headers


def test_twenty_writers_on_one_etag_make_one_winner(served, store, source):
    base, auth = served
    url = f"{base}/api/v1/answers/iron-deficiency"
    status, headers, _ = http("GET", f"{url}/source", headers=auth)
    assert status == 200
    etag = headers["ETag"]
    start = threading.Barrier(WRITERS)
    results: dict[int, int] = {}

    def write(n: int) -> None:
        body = source("iron-deficiency") + f"\nEdit by writer {n}.\n".encode()
        start.wait(timeout=60)
        results[n] = http("PUT", url, body, auth | {"If-Match": etag,
                                                     "Content-Type": "text/markdown"})[0]

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    codes = sorted(results.values())
    assert codes == [200] + [412] * (WRITERS - 1), codes
    print(f"{WRITERS} writers on one ETag: {codes.count(200)} winner, "
          f"{codes.count(412)} x 412", end=", ")
    winner = next(n for n, code in results.items() if code == 200)
    revisions = store.revisions("iron-deficiency")
    assert [r.number for r in revisions] == [2, 1]
    assert f"Edit by writer {winner}." in revisions[0].source
    print(f"revisions {len(revisions)}")


def test_twenty_writers_retrying_lose_no_revision(served, store):
    base, auth = served
    url = f"{base}/api/v1/answers/iron-deficiency"
    start = threading.Barrier(WRITERS)
    refused = [0] * WRITERS
    saved = [False] * WRITERS

    def write(n: int) -> None:
        start.wait(timeout=60)
        for _ in range(500):
            _, headers, current = http("GET", f"{url}/source", headers=auth)
            body = current + f"\nLine from writer {n}.\n".encode()
            status = http("PUT", url, body, auth | {"If-Match": headers["ETag"],
                                                     "Content-Type": "text/markdown"})[0]
            if status == 200:
                saved[n] = True
                return
            assert status == 412, status
            refused[n] += 1

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    assert all(saved)
    revisions = store.revisions("iron-deficiency")
    assert [r.number for r in revisions] == list(range(WRITERS + 1, 0, -1))
    latest = revisions[0].source
    # Every save built on the one before: the last revision holds every writer's line.
    assert all(latest.count(f"Line from writer {n}.") == 1 for n in range(WRITERS))
    print(f"{WRITERS} retrying writers: {WRITERS} saved, {sum(refused)} x 412 on the way, "
          f"{len(revisions)} revisions")


def test_sigkill_in_the_middle_of_an_import_leaves_the_store_consistent(
        store_app, store, database_url, source, tmp_path):
    files = tmp_path / "many"
    files.mkdir()
    total = 300
    text = source("iron-deficiency").replace(b'status = "submitted"', b'status = "approved"')
    for n in range(total):
        (files / f"answer-{n:03}.md").write_bytes(
            text.replace(b'id = "iron-deficiency"', f'id = "answer-{n:03}"'.encode()))
    env = os.environ | {"PERSONALIZE_DATABASE_URL": database_url,
                        "PERSONALIZE_SEED_CONTENT": "false"}
    proc = subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "content",
                             "import", str(files)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    engine = store_app.extensions["personalize.db"]
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and proc.poll() is None:
            with engine.connect() as conn:
                if conn.scalar(select(func.count()).select_from(StoredAnswer)) >= 5:
                    break
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the import ended before it could be killed"
    imported = check_consistent(engine)
    assert 5 <= imported < total
    print(f"SIGKILL after {imported} of {total} files: consistent")
    # Importing again finishes the job: what was done is unchanged, the rest is created.
    result = store_app.test_cli_runner().invoke(args=["content", "import", str(files)])
    assert result.exit_code == 0, result.output
    assert (f"{total} files: {total - imported} created, 0 revised, {imported} unchanged"
            in result.stdout)
    assert check_consistent(engine) == total


def check_consistent(engine) -> int:
    """Assert every answer is whole (revisions 1..head, each with its history and, once
    approved, its renditions); return how many answers there are."""
    with engine.connect() as conn:
        answers = dict(conn.execute(select(StoredAnswer.id, StoredAnswer.head)).all())
        revisions = conn.execute(select(StoredRevision.id, StoredRevision.answer_id,
                                        StoredRevision.number, StoredRevision.status)).all()
        steps = conn.execute(select(StoredStep.revision_id, StoredStep.to_status)
                             .order_by(StoredStep.id)).all()
        renditions = conn.execute(select(StoredRendition.revision_id)).scalars().all()
    numbers: dict[str, list[int]] = {}
    for rev in revisions:
        numbers.setdefault(rev.answer_id, []).append(rev.number)
        history = [to for rid, to in steps if rid == rev.id]
        assert history[0] == "submitted" and history[-1] == rev.status, (rev, history)
        if rev.status == "approved":
            assert renditions.count(rev.id) == 3
    assert set(numbers) == set(answers)
    for answer_id, head in answers.items():
        assert sorted(numbers[answer_id]) == list(range(1, head + 1))
    return len(answers)


def test_two_app_processes_share_one_database(store_app, database_url, live_server, source):
    engine = store_app.extensions["personalize.db"]
    auth = {"Authorization": f"Bearer {tokens.create(engine, 'editor')}"}
    review = {"Authorization": f"Bearer {tokens.create(engine, 'chief', role='reviewer')}"}
    first, second = live_server(database_url), live_server(database_url)
    md = auth | {"Content-Type": "text/markdown"}
    text = source("iron-deficiency")
    status, headers, _ = http("POST", f"{first}/api/v1/answers", text, md)
    assert status == 201
    status, seen, body = http("GET", f"{second}/api/v1/answers/iron-deficiency/source",
                              headers=auth)
    assert (status, body, seen["ETag"]) == (200, text, headers["ETag"])
    edited = text.replace(b"too little iron", b"too little iron to work well")
    status, headers, _ = http("PUT", f"{second}/api/v1/answers/iron-deficiency", edited,
                              md | {"If-Match": seen["ETag"]})
    assert status == 200
    status, _, body = http("GET", f"{first}/api/v1/answers/iron-deficiency/source",
                           headers=auth)
    assert body == edited
    # Review on one process, by a reviewer; readers of the other get the approved revision.
    for base, step in ((first, b'{"status": "under_review"}'), (second, b'{"status": "approved"}')):
        status, _, body = http("POST", f"{base}/api/v1/answers/iron-deficiency/status", step,
                               review | {"Content-Type": "application/json"})
        assert status == 200, body
    assert store_app.extensions["personalize.store"].get("iron-deficiency").revision == 2
    if any(rule.rule == "/answers/<answer_id>" for rule in store_app.url_map.iter_rules()):
        for base in (first, second):
            status, _, page = http("GET", f"{base}/answers/iron-deficiency?profile=clinician")
            assert status == 200 and b"to work well" in page


def test_workers_starting_together_import_the_content_once(store_app, store, database_url,
                                                           live_server):
    base = live_server(database_url, workers=3, seed=True)
    shipped = sorted(p.stem for p in (ROOT / "content").glob("*.md"))
    # The server answers as soon as one worker is up; another may still be importing.
    deadline = time.monotonic() + 120
    while sorted(store.ids()) != shipped and time.monotonic() < deadline:
        time.sleep(0.2)
    assert sorted(store.ids()) == shipped
    with store_app.extensions["personalize.db"].connect() as conn:
        assert conn.scalar(select(func.count()).select_from(StoredRevision)) == len(shipped)
    status, _, _ = http("GET", f"{base}/api/v1/openapi.json")
    assert status == 200
