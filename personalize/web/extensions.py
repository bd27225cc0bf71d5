"""The Flask side of the core: the catalog and the library, loaded once per app."""

from __future__ import annotations

from flask import Flask, current_app

from personalize.core.catalog import Catalog, load_catalog
from personalize.reports import samples
from personalize.store.library import FolderLibrary, Library, Record


def init_app(app: Flask) -> None:
    """Load profiles and lexicons (a broken file stops start-up here, with its name)."""
    cat = load_catalog(app.config["PROFILES_DIR"])
    app.extensions["personalize.catalog"] = cat
    # The database store (personalize.web.storage) is the default library; STORE = "folder"
    # reads the content folder as it is, with no database.
    if app.config.get("STORE") == "folder":
        app.extensions["personalize.library"] = FolderLibrary(app.config["CONTENT_DIR"], cat)


def catalog() -> Catalog:
    """The current app's catalog of profiles and lexicons, with the site's lexicon entries
    (the store reads them again before each request)."""
    return library().catalog


def library() -> Library:
    """The current app's source of answers for readers."""
    return current_app.extensions["personalize.library"]


def demo_reviewer(record: Record) -> str:
    """The demo reviewer who approved this sample answer (`content approve-samples`), or ""
    for a real approval, an answer not approved, or a library that keeps no review steps."""
    steps = getattr(library(), "revision", None)
    if not record.approved or steps is None:
        return ""
    return samples.demo_reviewer(steps(record.answer.id, record.revision))
