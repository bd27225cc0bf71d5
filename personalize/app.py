"""The application factory: defaults, then the environment, then the test mapping."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    """Create and configure the personalize Flask application."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_relative_config=True,
    )
    app.config.from_mapping(
        SECRET_KEY="dev",  # development only: set PERSONALIZE_SECRET_KEY in production
        PROFILES_DIR=str(ROOT / "profiles"),
        CONTENT_DIR=str(ROOT / "content"),
    )
    app.config.from_prefixed_env("PERSONALIZE")
    if test_config:
        app.config.from_mapping(test_config)

    from personalize import cli, engine

    engine.init_app(app)
    cli.init_app(app)

    from personalize import pages, security, web_errors

    security.init_app(app)
    web_errors.init_app(app)
    app.register_blueprint(pages.bp)
    return app
