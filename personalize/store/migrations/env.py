"""Alembic environment: runs on the connection the store hands over (no alembic.ini)."""

from alembic import context
from sqlalchemy import text

from personalize.store.models import Base

# Any number, the same in every process: PostgreSQL runs one migration at a time.
LOCK = 47_110_342


def run() -> None:
    """Run the migrations inside the caller's transaction."""
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("run migrations with `flask --app wsgi db upgrade`")
    context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK})
        context.run_migrations()


# pytest imports this file to collect doctests; only Alembic provides a config.
if getattr(context, "config", None) is not None:
    run()
