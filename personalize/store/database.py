"""The database, Flask-free: engines for SQLite and PostgreSQL, and Alembic run from code.

No alembic.ini is needed: the migrations live in personalize/migrations and run on a
connection handed to them, in one transaction.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Execution option that marks a write transaction: on SQLite it begins IMMEDIATE, taking the
# write lock up front so that a transaction which read first never fails to upgrade its lock.
WRITE = "personalize_write"


def default_url(instance_path: str) -> str:
    """The SQLite file in the instance folder, which is created when missing."""
    Path(instance_path).mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{Path(instance_path) / 'personalize.sqlite3'}"


def make_engine(url: str) -> Engine:
    """An engine for a SQLite or PostgreSQL URL, with SQLite set up for several processes."""
    url = make_url(url)
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    # Wait up to 30 s for another process's write lock rather than failing at once.
    engine = create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        # Take transaction control from the sqlite3 module (SQLAlchemy's documented recipe).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        if url.database and url.database != ":memory:":
            cursor.execute("PRAGMA journal_mode = WAL")  # readers never wait for the writer
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE)
                             else "BEGIN")

    return engine


def writer(engine: Engine) -> Engine:
    """The engine for write transactions (IMMEDIATE on SQLite)."""
    return engine.execution_options(**{WRITE: True})


def alembic_config() -> Config:
    """Alembic's configuration, built in code: no alembic.ini is needed."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database to a revision, in one transaction."""
    config = alembic_config()
    with writer(engine).begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def current(engine: Engine) -> str | None:
    """The migration the database is at, or None for an empty database."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def at_head(engine: Engine) -> bool:
    """Whether the database has the schema this code expects."""
    return current(engine) == ScriptDirectory.from_config(alembic_config()).get_current_head()
