"""One row of a prebuilt SELECT, sent by the database driver itself: for reads on every request.

SQLAlchemy's own execute path (events, result objects, and on SQLite a BEGIN and a ROLLBACK
round the SELECT) cost the answer page four times what its one query does. A single SELECT
needs no transaction of its own: it runs in autocommit (SQLite's connections are in it
already, database.make_engine; a PostgreSQL one is put in it for the statement, so it needs
no ROLLBACK either). Connections still come from the engine's pool (with its pre-ping), driver
errors come out as SQLAlchemy's (so web.errors answers 503 for a database that is down), and
a lost connection is invalidated, as on SQLAlchemy's path. Flask-free.
"""

from __future__ import annotations

from sqlalchemy.engine import Dialect, Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import Select


class Prepared:
    """A SELECT compiled once for a dialect to the driver's SQL, with its result types."""

    def __init__(self, statement: Select, dialect: Dialect):
        self.dialect = dialect
        self.compiled = statement.compile(dialect=dialect)
        self.processors = [c.type.dialect_impl(dialect).result_processor(dialect, None)
                           for c in statement.selected_columns]

    def bind(self, params: dict) -> tuple[str, tuple | dict]:
        """The driver's SQL and its parameters, in the driver's style."""
        values = self.compiled.construct_params(params)
        if self.compiled.positional:
            return self.compiled.string, tuple(values[k] for k in self.compiled.positiontup)
        return self.compiled.string, values

    def result(self, row) -> tuple:
        """A driver row with SQLAlchemy's result types applied (dates on SQLite)."""
        return tuple(f(v) if f else v for f, v in zip(self.processors, row, strict=True))


def fetch_one(engine: Engine, query: Prepared, params: dict) -> tuple | None:
    """The first row of a prepared query on one of the engine's pooled connections, or None."""
    sql, args = query.bind(params)
    dbapi_error = query.dialect.loaded_dbapi.Error
    with engine.connect() as conn:
        fairy = conn.connection
        driver = fairy.driver_connection
        autocommit = query.dialect.name == "postgresql" and not driver.autocommit
        cursor = fairy.cursor()
        try:
            if autocommit:
                driver.autocommit = True
            cursor.execute(sql, args)
            row = cursor.fetchone()
        except dbapi_error as exc:
            lost = query.dialect.is_disconnect(exc, fairy.dbapi_connection, cursor)
            if lost:
                conn.invalidate()
            raise DBAPIError.instance(sql, args, exc, dbapi_error, connection_invalidated=lost,
                                      dialect=query.dialect) from exc
        finally:
            if not conn.invalidated:
                cursor.close()
                if autocommit:
                    driver.autocommit = False
    return None if row is None else query.result(row)
