"""The `tokens` commands: bearer tokens of the editor API, made, revoked and listed."""

from __future__ import annotations

import sys

import click
from flask import Flask
from flask.cli import AppGroup

from personalize.store import tokens
from personalize.web.storage import engine

tokens_cli = AppGroup("tokens", help="Bearer tokens of the editor API.")


def init_app(app: Flask) -> None:
    """Register the commands on app.cli."""
    app.cli.add_command(tokens_cli)


@tokens_cli.command("create")
@click.argument("name")
@click.option("--role", type=click.Choice(tokens.ROLES), default="author", show_default=True,
              help="author: writes and submits; reviewer: also reviews, approves, rejects "
                   "and overrides; admin: everything. Nobody approves what they wrote.")
def create_token(name, role):
    """Make an API token for NAME; it is printed once, as the last line."""
    token = tokens.create(engine(), name, role)
    click.echo(f"Token for {name}, {role} (shown once; keep it secret, revoke it with "
               f"`flask tokens revoke {name}`):")
    click.echo(token)


@tokens_cli.command("revoke")
@click.argument("name")
def revoke_token(name):
    """Revoke every token of NAME."""
    count = tokens.revoke(engine(), name)
    if not count:
        click.echo(f"No live token for {name}.", err=True)
        sys.exit(1)
    click.echo(f"Revoked {count} token(s) of {name}.")


@tokens_cli.command("list")
def list_tokens():
    """List tokens: name, role, when made, when revoked."""
    for info in tokens.listing(engine()):
        click.echo(f"{info.name}\t{info.role}\t{info.created}\t{info.revoked or 'live'}")
