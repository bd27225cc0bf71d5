"""Commands for content in bulk and the store's upkeep: import, export, rerender."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext
from sqlalchemy import select
from sqlalchemy.orm import Session

from personalize.commands.common import answer_paths, progress
from personalize.core.answer import parse_answer
from personalize.errors import SourceError
from personalize.reports import samples
from personalize.store.models import StoredRendition, StoredRevision
from personalize.store.revisions import GateRefused, StoreError
from personalize.web.storage import engine, store

content_cli = AppGroup("content", help="Import and export answer sources in bulk.")


def init_app(app: Flask) -> None:
    """Register the commands on app.cli."""
    app.cli.add_command(content_cli)
    app.cli.add_command(rerender_command)

def refused(path: Path, root: Path) -> str:
    """Why a file found under root is not imported ("" when it may be).

    Nothing is followed out of the named folder: a symbolic link (to a file or a folder,
    anywhere on the way) could make any file the importing user can read a public page.
    """
    here = path
    while here != root and here != here.parent:
        if here.is_symlink():
            return (f"{here} is a symbolic link; import reads only files inside {root}, "
                    "never through links. Copy the file into the folder instead.")
        here = here.parent
    if not path.resolve().is_relative_to(root.resolve()):
        return f"{path} is outside {root}; import reads only files inside the folder named."
    return ""


def read_inside(path: Path) -> bytes:
    """A file's bytes, refusing to follow a link put in its place since it was checked."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as f:
        return f.read()


@content_cli.command("import")
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@click.option("--actor", default="import", show_default=True,
              help="Name recorded as the author of what is imported.")
@click.option("--approved-by", "approver", default="",
              help="For content already reviewed elsewhere: the reviewer recorded as "
                   "approving files whose front matter says approved (never the --actor). "
                   "Without it they stay under review, for a reviewer here to approve.")
def import_command(directory, actor, approver):
    """Import every answer file in DIRECTORY, each file all or nothing.

    A new file becomes an answer; a changed one, a new revision; an unchanged one is left
    alone. The status in a file's front matter is reached through the review steps, and
    "approved" only through the readability and facts gate and only when --approved-by
    names a reviewer other than the importer. Symbolic links and anything outside
    DIRECTORY are refused and listed.
    """
    root = Path(directory)
    found = answer_paths((directory,))
    counts = {"created": 0, "revised": 0, "unchanged": 0}
    failed: list[tuple[Path, list[str]]] = []
    paths = []
    # Linked folders are never entered: listed, so the report says what was left out.
    found += sorted(p for p in root.rglob("*") if p.is_symlink() and p.is_dir())
    for path in found:
        reason = refused(path, root)
        if reason:
            failed.append((path, [f"refused: {reason}"]))
        else:
            paths.append(path)
    held: list[Path] = []
    with progress(paths, f"Importing {len(paths)} files") as bar:
        for path in bar:
            try:
                outcome, info = store().put(read_inside(path), actor, source=str(path),
                                            approver=approver)
                counts[outcome] += 1
                if (outcome != "unchanged" and info.status == "under_review"
                        and _front_status(info.source) == "approved"):
                    held.append(path)
            except SourceError as exc:
                failed.append((path, [str(p) for p in exc.problems]))
            except GateRefused as exc:
                failed.append((path, [f"{path}: approval refused, {profile}: {reason}"
                                      for profile, reasons in exc.failures.items()
                                      for reason in reasons]))
            except (StoreError, OSError) as exc:
                failed.append((path, [f"{path}: {exc}"]))
    click.echo(f"{len(found)} files: {counts['created']} created, {counts['revised']} revised, "
               f"{counts['unchanged']} unchanged, {len(failed)} failed.")
    for path in held:
        click.echo(f"UNDER REVIEW {path}: its front matter says approved, but nobody "
                   "approves what they import; a reviewer approves it, or import with "
                   "--approved-by REVIEWER for content reviewed elsewhere.", err=True)
    for path, reasons in failed:
        click.echo(f"FAILED {path}", err=True)
        for reason in reasons:
            click.echo(f"  {reason}", err=True)
    if failed:
        sys.exit(1)


@content_cli.command("approve-samples")
@click.option("--reviewer", default="Demo reviewer", show_default=True,
              help="Name recorded as the reviewer; pages say this person is a demo reviewer.")
@click.option("--directory", type=click.Path(exists=True, file_okay=False),
              help="The sample content (default: the app's CONTENT_DIR, content/).")
@with_appcontext
def approve_samples_command(reviewer, directory):
    """Approve the shipped sample answers for a demonstration, so embeds can be tried.

    Each answer whose latest revision is, byte for byte, a file of the sample folder goes
    through the review steps (start review, approve, readability and facts gate included)
    as REVIEWER, with a note that it is sample content. Pages and embeds then say it is
    sample content approved for a demonstration, not reviewed by a clinician. The files are
    not changed, and an answer an editor has revised is left alone.
    """
    reviewer = reviewer.strip()
    folder = directory or current_app.config["CONTENT_DIR"]
    latest = {info.source: info for info in store().heads()}
    counts = {"approved": 0, "already": 0, "skipped": 0}
    todo = []
    for path in answer_paths((folder,)):
        info = latest.get(path.read_text(encoding="utf-8"))
        if info is None:
            counts["skipped"] += 1
            click.echo(f"skipped {path}: not in the store as shipped (edited since, or not "
                       "imported)", err=True)
        elif info.status == "approved":
            counts["already"] += 1
        else:
            todo.append(info)
    own = [info.answer_id for info in todo if info.author == reviewer]
    if own:
        raise click.UsageError(f"{', '.join(own)} saved by {reviewer!r}: nobody approves "
                               "their own revision; choose another --reviewer.")
    failed: list[str] = []
    for info in todo:
        try:
            if info.status == "submitted":
                store().transition(info.answer_id, info.number, "under_review", reviewer)
            store().transition(info.answer_id, info.number, "approved", reviewer,
                               note=samples.SAMPLE_NOTE)
            counts["approved"] += 1
        except GateRefused as exc:
            failed += [f"{info.answer_id}: approval refused, {profile}: {reason}"
                       for profile, reasons in exc.failures.items() for reason in reasons]
        except StoreError as exc:
            failed.append(f"{info.answer_id}: {exc}")
    click.echo(f"{counts['approved']} sample answers approved by {reviewer!r} for a "
               f"demonstration, {counts['already']} already approved, {counts['skipped']} "
               "skipped. Pages and embeds say they are sample content, not reviewed by a "
               "clinician.")
    for reason in failed:
        click.echo(f"FAILED {reason}", err=True)
    if failed:
        sys.exit(1)

def _front_status(source: str) -> str:
    return parse_answer(source, audiences=store().catalog.audiences).status


@content_cli.command("export")
@click.argument("directory", type=click.Path(file_okay=False))
def export_command(directory):
    """Write the latest source of every answer to DIRECTORY/<id>.md, byte for byte."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    heads = store().heads()
    with progress(heads, f"Exporting {len(heads)} answers") as bar:
        for info in bar:
            (out / f"{info.answer_id}.md").write_bytes(info.source.encode("utf-8"))
    click.echo(f"{len(heads)} answers written to {out}.")


@click.command("rerender")
@click.option("--check", is_flag=True,
              help="Only report; exit 1 if stored renditions are out of date (a deploy gate).")
@with_appcontext
def rerender_command(check):
    """Rebuild stored renditions that a profile, lexicon or code change made stale.

    A rendition never built yet is not stale: it is made from the current versions when it
    is first read (or here, now). So --check fails only on what a change left out of date,
    and passes on a freshly seeded store.
    """
    st = store()
    stale = st.stale()
    built = built_before()
    outdated = [item for item in stale.missing if item in built]
    click.echo(f"{len(outdated)} renditions out of date and {len(stale.missing) - len(outdated)} "
               f"never built (made when first read); {len(stale.outdated)} stored under older "
               "profile, lexicon or renderer versions.")
    if check:
        sys.exit(1 if outdated or stale.outdated else 0)
    failing = []
    with progress(stale.missing, "Rendering") as bar:
        for record, made in st.build(bar):  # stored many to a transaction
            if made.verdict == "fail" and record.approved:
                failing.append(f"{record.answer.id} revision {record.revision} for "
                               f"{made.profile}")
    dropped = st.prune(stale.outdated)
    click.echo(f"Built {len(stale.missing)}, dropped {dropped}.")
    for item in failing:
        click.echo(f"warning: approved {item} now fails its gate; review it.", err=True)


def built_before() -> set[tuple[str, int, str]]:
    """(answer id, revision, profile) of every rendition stored, under any versions."""
    with Session(engine()) as s:
        return set(s.execute(select(StoredRevision.answer_id, StoredRevision.number,
                                    StoredRendition.profile)
                             .join(StoredRendition, StoredRendition.revision_id
                                   == StoredRevision.id).distinct()).all())
