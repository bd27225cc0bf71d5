"""The application factory: defaults, then the environment, then the test mapping."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parents[2]


def create_app(test_config: dict | None = None) -> Flask:
    """Create and configure the personalize Flask application."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_relative_config=True,
        # Tests give each app its own instance folder, and so its own SQLite database.
        instance_path=(test_config or {}).get("INSTANCE_PATH_FOR_TESTS"),
    )
    app.config.from_mapping(
        SECRET_KEY="",  # set PERSONALIZE_SECRET_KEY; serving without one is an error
        PROFILES_DIR=str(ROOT / "profiles"),
        CONTENT_DIR=str(ROOT / "content"),
        # The answer store (personalize.web.storage): "" is a SQLite file in the instance folder;
        # set PERSONALIZE_DATABASE_URL to a postgresql+psycopg:// URL to share one database.
        STORE="database",
        DATABASE_URL="",
        AUTO_UPGRADE=None,  # None: SQLite upgrades itself at start, PostgreSQL does not
        SEED_CONTENT=True,  # import CONTENT_DIR into an empty store at start
        API_MAX_BODY=1024 * 1024,
    )
    app.config.from_prefixed_env("PERSONALIZE")
    if test_config:
        app.config.from_mapping(test_config)

    from personalize.commands import content, db, export, render, report, tokens
    from personalize.web import (
        api,
        desk,
        desk_lexicon,
        embed,
        embed_api,
        errors,
        extensions,
        language,
        pages,
        qa,
        replay,
        security,
        storage,
    )

    extensions.init_app(app)
    storage.init_app(app)
    render.init_app(app)
    content.init_app(app)
    tokens.init_app(app)
    db.init_app(app)
    export.init_app(app)
    report.init_app(app)
    app.register_blueprint(api.bp)
    language.init_app(app)
    replay.init_app(app)  # before security's ProxyFix, so that it sees forwarded addresses
    security.init_app(app)
    errors.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(qa.bp)
    app.register_blueprint(desk.bp)
    app.register_blueprint(desk_lexicon.bp)
    embed.init_app(app)
    app.register_blueprint(embed.bp)
    app.register_blueprint(embed_api.bp)
    return app
