"""Flask CLI commands of the core: render answer files for a profile."""

from __future__ import annotations

import json
import sys

import click
from flask import Flask
from flask.cli import with_appcontext

from personalize.commands.common import answer_paths
from personalize.core.answer import load_answer
from personalize.core.render import render
from personalize.errors import SourceError
from personalize.web.extensions import catalog


def init_app(app: Flask) -> None:
    """Register the commands on app.cli."""
    app.cli.add_command(render_command)


@click.command("render")
@click.argument("paths", nargs=-1, required=True)
@click.option("--profile", "profile_name", default=None,
              help="Profile to render for (default: the default profile).")
@click.option("--format", "fmt", type=click.Choice(["json", "text", "html"]), default="text",
              show_default=True, help="json prints one JSON object per file (JSON Lines).")
@with_appcontext
def render_command(paths, profile_name, fmt):
    """Render answer files (or folders of them) for one reader profile."""
    cat = catalog()
    profile = cat.profiles.get(profile_name) if profile_name else cat.default
    if profile is None:
        raise click.BadParameter(f"unknown profile '{profile_name}'; choose from: "
                                 f"{', '.join(cat.profiles)}", param_hint="--profile")
    failed = 0
    for path in answer_paths(paths):
        try:
            answer = load_answer(path, cat.audiences)
            rendition = render(answer, profile, cat.lexicon(answer.language))
        except (SourceError, OSError) as exc:
            failed += 1
            message = str(exc) if isinstance(exc, SourceError) else f"{path}: {exc.strerror}"
            if fmt == "json":
                click.echo(json.dumps({"source": str(path), "error": message,
                                       "problems": [p.as_dict() for p in getattr(
                                           exc, "problems", ())]}, ensure_ascii=False))
            else:
                click.echo(f"error: {message}", err=True)
            continue
        if fmt == "json":
            click.echo(json.dumps(rendition.as_dict(source=str(path)), ensure_ascii=False))
        elif fmt == "html":
            click.echo(rendition.html)
        else:
            scores = rendition.scores.values
            click.echo(f"# {path} ({profile.name}): {rendition.verdict}, Flesch-Kincaid grade "
                       f"{scores.get('flesch_kincaid_grade')}, SMOG {scores.get('smog_index')}")
            click.echo(rendition.text + "\n")
    if failed:
        click.echo(f"{failed} file(s) could not be rendered.", err=True)
        sys.exit(1)
