"""What the commands share: the answer files a command was given, and a progress bar."""

from __future__ import annotations

import sys

import click

from personalize.core.source_files import answer_paths

__all__ = ["answer_paths", "progress"]


def progress(items, label: str):
    """A progress bar on stderr, so stdout keeps only the report."""
    return click.progressbar(items, label=label, file=sys.stderr,
                             show_pos=True)
