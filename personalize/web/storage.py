"""The database in the app: the store opened on app start, seeded, and its accessors.

A SQLite file in the instance folder by default; any PostgreSQL URL through
PERSONALIZE_DATABASE_URL. SQLite upgrades itself at start; PostgreSQL, shared by several
processes, is upgraded once with `flask db upgrade` before they start.
"""

from __future__ import annotations

import logging
import weakref
from pathlib import Path

from flask import Flask, abort, current_app, request
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from personalize.core.source_files import answer_paths
from personalize.errors import SourceError
from personalize.store.database import at_head, current, default_url, make_engine, upgrade
from personalize.store.revisions import StoreError
from personalize.store.store import Store
from personalize.web.language import gettext as _

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    """Open the database, bring SQLite up to date, seed an empty store and add `db` commands."""
    if app.config.get("STORE", "database") != "database":
        return
    url = app.config.get("DATABASE_URL") or default_url(app.instance_path)
    engine = make_engine(url)
    weakref.finalize(app, engine.dispose)
    store = Store(engine, app.extensions["personalize.catalog"])
    app.extensions["personalize.db"] = engine
    app.extensions["personalize.store"] = store
    app.extensions["personalize.library"] = store
    try:
        _prepare(app, engine, store)
    except OperationalError as exc:
        # A server started while the database is down still starts: readers get a 503 page
        # (personalize.web.errors) until it is back, with no restart needed.
        log.warning("The database at %s cannot be reached at start-up: %s", engine.url, exc.orig)
    app.before_request(_site_lexicon(store))
    # Connections opened at start-up are not handed on to forked workers (gunicorn --preload).
    engine.dispose()


def _prepare(app: Flask, engine: Engine, store: Store) -> None:
    auto = app.config.get("AUTO_UPGRADE")
    if auto if auto is not None else engine.dialect.name == "sqlite":
        upgrade(engine)
    if not at_head(engine):
        # Said when a request comes, not here: `flask db upgrade` itself starts the app on
        # the database it is about to upgrade, and must not be told to run itself.
        app.before_request(_schema_check(app, engine, store))
    else:
        # read directly, not through the change notices: a listener started here would be
        # closed again by the dispose() below, leaving a second connection for a moment
        store.site.refresh()
        if app.config.get("SEED_CONTENT", True):
            seed(store, app.config["CONTENT_DIR"])


def _site_lexicon(store: Store):
    """Before each request: the site's lexicon entries as they are now, so an entry another
    process accepted is rendered with at once (one small query; static files skip it)."""
    def refresh() -> None:
        if request.endpoint != "static":
            store.refresh_lexicon()
    return refresh


def _schema_check(app: Flask, engine: Engine, store: Store):
    """Until the database is upgraded: log it once and answer 503 saying what to run; once
    it is (by `db upgrade` from anywhere), serve, seeding an empty store, with no restart."""
    state = {"ok": False, "said": False}

    def check() -> None:
        if state["ok"]:
            return
        if at_head(engine):
            state["ok"] = True
            if app.config.get("SEED_CONTENT", True):
                seed(store, app.config["CONTENT_DIR"])
            return
        if not state["said"]:
            state["said"] = True
            log.warning("The database at %s is not at the current schema (%s); run "
                        "`flask --app wsgi db upgrade` once, then this process serves it.",
                        engine.url, current(engine) or "empty")
        abort(503, description=_("The answer store is being set up. Please try again in a "
                                 "few minutes."))

    return check


def seed(store: Store, content_dir: str | Path) -> int:
    """Import the shipped content into an empty store; return how many answers it added."""
    if store.ids():
        return 0
    added = 0
    for path in answer_paths((str(content_dir),)):
        try:
            store.put(path.read_bytes(), "content", source=str(path))
            added += 1
        except (SourceError, StoreError, OSError) as exc:
            # Another process seeding at the same moment, or a broken shipped file.
            log.warning("content %s not imported: %s", path, exc)
    return added


def engine() -> Engine:
    """The current app's database engine."""
    return current_app.extensions["personalize.db"]


def store() -> Store:
    """The current app's answer store."""
    return current_app.extensions["personalize.store"]
