"""The Flask side of the core: load the catalog once per app and render with it."""

from __future__ import annotations

from flask import Flask, current_app

from personalize.answer import Answer
from personalize.catalog import Catalog, load_catalog
from personalize.render import Rendition, render


def init_app(app: Flask) -> None:
    """Load profiles and lexicons; a broken file stops start-up here, with its name."""
    app.extensions["personalize.catalog"] = load_catalog(app.config["PROFILES_DIR"])


def catalog() -> Catalog:
    """The current app's catalog."""
    return current_app.extensions["personalize.catalog"]


def render_for(answer: Answer, profile_name: str) -> Rendition:
    """Render an answer for a named profile with the app's catalog."""
    cat = catalog()
    return render(answer, cat.profiles[profile_name], cat.lexicon(answer.language))
