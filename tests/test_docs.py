"""The README is a two-minute page; the docs it links exist, and their commands are real."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
PAGES = [README, *DOCS]
_LINK = re.compile(r"\]\(([^)\s]+)\)")
_FLASK = re.compile(r"\.venv/bin/flask --app wsgi ([^#`\n]+)")


def anchors(path: Path) -> set[str]:
    """GitHub's anchors for a Markdown file's headings."""
    return {re.sub(r"[^\w\- ]", "", line.lstrip("#").strip().lower()).replace(" ", "-")
            for line in path.read_text().splitlines() if line.startswith("#")}


def test_the_readme_is_short_and_says_what_it_is_and_how_to_run_it():
    text = README.read_text()
    assert len(text.split()) < 600 and len(text.splitlines()) < 80
    assert "make run" in text and "make test" in text
    assert "](docs/screenshot.png)" in text


def test_the_screenshot_is_a_small_png():
    shot = ROOT / "docs" / "screenshot.png"
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size < 150 * 1024


def test_every_doc_is_linked_from_the_readme():
    linked = set(_LINK.findall(README.read_text()))
    assert {f"docs/{d.name}" for d in DOCS} <= linked


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_links_resolve_to_files_and_headings(page):
    for url in _LINK.findall(page.read_text()):
        if re.match(r"[a-z]+:", url):
            continue
        path, _, anchor = url.partition("#")
        target = (page.parent / path).resolve() if path else page
        assert target.is_file(), f"{page.name} links to {url}"
        if anchor:
            assert anchor in anchors(target), f"{page.name} links to {url}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_flask_commands_in_the_docs_exist_with_their_options(app, page):
    for line in _FLASK.findall(page.read_text()):
        words = shlex.split(line.replace("[", "").replace("]", ""))
        group: click.Command = app.cli
        with click.Context(group) as ctx:
            while isinstance(group, click.Group) and words and not words[0].startswith("-"):
                group = group.get_command(ctx, words.pop(0))
                assert group is not None, f"{page.name}: flask {line}"
        options = {o for p in group.params for o in p.opts}
        for word in words:
            if word.startswith("--"):
                assert word.split("=")[0] in options, f"{page.name}: flask {line}"
