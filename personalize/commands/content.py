"""Commands for content in bulk and the store's upkeep: import, export, rerender."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup, with_appcontext

from personalize.commands.common import answer_paths, progress
from personalize.errors import SourceError
from personalize.store.revisions import GateRefused, StoreError
from personalize.web.storage import store

content_cli = AppGroup("content", help="Import and export answer sources in bulk.")


def init_app(app: Flask) -> None:
    """Register the commands on app.cli."""
    app.cli.add_command(content_cli)
    app.cli.add_command(rerender_command)




@content_cli.command("import")
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@click.option("--actor", default="import", show_default=True,
              help="Name recorded as the author and reviewer of what is imported.")
def import_command(directory, actor):
    """Import every answer file in DIRECTORY, each file all or nothing.

    A new file becomes an answer; a changed one, a new revision; an unchanged one is left
    alone. The status in a file's front matter is reached through the review steps, and
    "approved" only through the readability and facts gate.
    """
    paths = answer_paths((directory,))
    counts = {"created": 0, "revised": 0, "unchanged": 0}
    failed: list[tuple[Path, list[str]]] = []
    with progress(paths, f"Importing {len(paths)} files") as bar:
        for path in bar:
            try:
                outcome, _ = store().put(path.read_bytes(), actor, source=str(path))
                counts[outcome] += 1
            except SourceError as exc:
                failed.append((path, [str(p) for p in exc.problems]))
            except GateRefused as exc:
                failed.append((path, [f"{path}: approval refused, {profile}: {reason}"
                                      for profile, reasons in exc.failures.items()
                                      for reason in reasons]))
            except (StoreError, OSError) as exc:
                failed.append((path, [f"{path}: {exc}"]))
    click.echo(f"{len(paths)} files: {counts['created']} created, {counts['revised']} revised, "
               f"{counts['unchanged']} unchanged, {len(failed)} failed.")
    for path, reasons in failed:
        click.echo(f"FAILED {path}", err=True)
        for reason in reasons:
            click.echo(f"  {reason}", err=True)
    if failed:
        sys.exit(1)


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
              help="Only report what is stale; exit 1 if anything is.")
@with_appcontext
def rerender_command(check):
    """Rebuild stored renditions that a profile, lexicon or code change made stale."""
    st = store()
    stale = st.stale()
    click.echo(f"{len(stale.missing)} renditions to build, {len(stale.outdated)} stored under "
               "older profile, lexicon or renderer versions.")
    if check:
        sys.exit(1 if stale.missing or stale.outdated else 0)
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
