"""The `db` commands: bring the store's database to the current schema, or say where it is."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from personalize.store.database import current, upgrade
from personalize.web.storage import engine

db_cli = AppGroup("db", help="Create and upgrade the answer store's database.")


def init_app(app: Flask) -> None:
    """Register the commands on app.cli."""
    app.cli.add_command(db_cli)


@db_cli.command("upgrade")
@click.argument("revision", default="head")
def upgrade_command(revision):
    """Bring the database to the current schema (or to REVISION)."""
    eng = engine()
    upgrade(eng, revision)
    click.echo(f"{eng.url.render_as_string(hide_password=True)} is at {current(eng)}.")


@db_cli.command("current")
def current_command():
    """Print the migration the database is at."""
    click.echo(current(engine()) or "empty")
