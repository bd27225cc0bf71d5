"""`flask report`: the readability report over the database, or over answer files.

Given paths, it reads Markdown files and folders and needs no server and no database, so a
content repository can gate on it in CI: with --fail-on-violation it exits 1 and names every
violation (answer, profile, target, value, worst sentences) on stderr, keeping stdout for
the report itself.
"""

from __future__ import annotations

import json
import sys

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy.orm import Session

from personalize.commands.common import answer_paths, progress
from personalize.core.answer import load_answer
from personalize.core.render import render_all
from personalize.errors import SourceError
from personalize.langtag import primary
from personalize.reports import qa_report
from personalize.web.extensions import catalog, library

TABLE = (("answer_id", "answer", 28), ("language", "lang", 4), ("profile", "profile", 10),
         ("revision", "rev", 4),
         ("status", "status", 12), ("flesch_kincaid_grade", "FK", 6), ("smog_index", "SMOG", 6),
         ("flesch_reading_ease", "ease", 6), ("gunning_fog", "fog", 6),
         ("coleman_liau_index", "CL", 6), ("dale_chall_readability_score", "DC", 6),
         ("words", "words", 6), ("sentences", "sent", 5), ("reading_time_s", "time", 6),
         ("verdict", "verdict", 7))


def init_app(app: Flask) -> None:
    """Register the command on app.cli."""
    app.cli.add_command(report_command)


@click.command("report")
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="How to print the report on stdout.")
@click.option("--profile", "profile_name", default="",
              help="Report on one profile only (default: every profile).")
@click.option("--language", default="",
              help="Report on answers in one language only, e.g. es (default: every language).")
@click.option("--fail-on-violation", is_flag=True,
              help="Exit 1 when any rendition misses a target or loses a fact.")
@with_appcontext
def report_command(paths, fmt, profile_name, language, fail_on_violation):
    """Report readability for every answer and profile: PATHS (files, folders) or the store."""
    cat = catalog()
    if profile_name and profile_name not in cat.profiles:
        raise click.BadParameter(f"unknown profile '{profile_name}'; choose from: "
                                 f"{', '.join(cat.profiles)}", param_hint="--profile")
    profiles = [profile_name] if profile_name else list(cat.profiles)
    language = qa_report.language_code(language)
    failed = 0
    if paths:
        rows, failed = _file_rows(paths, profiles)
        rows = [r for r in rows if not language or primary(r["language"]) == language]
    elif "personalize.store" in current_app.extensions:
        rows = _store_rows(profile_name, language)
    else:  # STORE = "folder": the content folder as the app serves it
        lib = library()
        rows = [qa_report.rendition_row(lib.rendition(rec, p), rec.revision, rec.status)
                for rec in (lib.get(i) for i in lib.ids())
                if not language or primary(rec.answer.language) == language
                for p in profiles]
    _print(rows, fmt)
    found = [v for row in rows for v in qa_report.violations(row)]
    failing = sum(1 for row in rows if row["verdict"] == "fail")
    click.echo(f"{len(rows)} renditions, {failing} failing, {len(found)} violations.", err=True)
    if fail_on_violation:
        for violation in found:
            click.echo(f"VIOLATION {violation}", err=True)
    if failed:
        click.echo(f"{failed} file(s) could not be read.", err=True)
    if failed or (fail_on_violation and found):
        sys.exit(1)


def _file_rows(paths, profiles) -> tuple[list[dict], int]:
    """Rows for answer files rendered for each profile; files that fail are named on stderr."""
    cat = catalog()
    rows, failed = [], 0
    files = answer_paths(paths)
    with progress(files, f"Rendering {len(files)} files") as bar:
        for path in bar:
            try:
                answer = load_answer(path, cat.audiences)
            except (SourceError, OSError) as exc:
                failed += 1
                message = str(exc) if isinstance(exc, SourceError) else f"{path}: {exc}"
                click.echo(f"\nerror: {message}", err=True)
                continue
            made = render_all(answer, [cat.profiles[n] for n in profiles],
                              cat.lexicon(answer.language))
            rows += [qa_report.rendition_row(m, 1, answer.status, source=str(path))
                     for m in made]
    return rows, failed


def _store_rows(profile: str, language: str = "") -> list[dict]:
    """Rows for every latest revision in the store, scoring what is not scored yet."""
    store = current_app.extensions["personalize.store"]
    engine = current_app.extensions["personalize.db"]
    with Session(engine) as s:
        todo = qa_report.unscored(s, store.catalog, profile=profile)
    with progress(todo, f"Scoring {len(todo)} renditions") as bar:
        for answer_id, number, name in bar:
            store.rendition(store.record(answer_id, number), name)
    with Session(engine) as s:
        query = qa_report.Query(profile=profile, language=language)
        return list(qa_report.every_row(s, store.catalog, query))


def _print(rows: list[dict], fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps({"rows": rows,
                               "violations": [v for r in rows for v in qa_report.violations(r)]},
                              ensure_ascii=False, indent=1))
    elif fmt == "csv":
        click.echo("".join(qa_report.csv_lines(rows)), nl=False)
    else:
        click.echo(" ".join(label.ljust(width) for _, label, width in TABLE).rstrip())
        for row in rows:
            click.echo(" ".join(_fit(row.get(key), width) for key, _, width in TABLE).rstrip())


def _fit(value, width: int) -> str:
    text = "" if value is None else str(value)
    return (text if len(text) <= width else text[: width - 1] + "…").ljust(width)
