"""Whether what readers see may have changed: learnt from the database, not asked per request.

A process keeps what it read (Store.get, the pages) under a version from here and asks the
database again only when the version moves, or when it is None (not known):

- PostgreSQL: every transaction committed on the store's engine sends `NOTIFY
  personalize_changes` inside itself (so only if it commits). One listener thread per process
  and database LISTENs on a connection of its own and moves the version on each notice. A
  notice already in that connection's socket but not yet read makes the version unknown, and
  this process's own commits move it as soon as their connection is back in the pool. While
  the listener is not connected (PostgreSQL restarting, the connection cut or terminated) the
  version is unknown, so readers ask the database on every request as before; on connecting
  it LISTENs first and then moves the version, so nothing committed meanwhile is missed.
- SQLite: `PRAGMA data_version` on a connection of the process's own, which changes whenever
  any other connection (of this process or another) commits.

Flask-free.
"""

from __future__ import annotations

import itertools
import logging
import os
import select
import sqlite3
import threading
from collections.abc import Hashable
from urllib.parse import quote

from sqlalchemy import event
from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)

CHANNEL = "personalize_changes"
WAIT = 1.0  # seconds the listener waits for a notice before checking its connection
RETRY_FIRST, RETRY_LONGEST = 0.1, 2.0  # seconds between attempts to reconnect, doubling
# libpq settings for the listener's connection, unless the URL sets them: a connection that
# goes silent (no reset, no error) is noticed within about ten seconds, not TCP's minutes.
LISTENER_SETTINGS = {"connect_timeout": "5", "keepalives": "1", "keepalives_idle": "5",
                     "keepalives_interval": "2", "keepalives_count": "2",
                     "tcp_user_timeout": "5000"}
APPLICATION_NAME = "personalize-changes-"  # and the process id, in pg_stat_activity
_CHANGED = "personalize_changed"  # set in a connection's info between commit and check-in


def watch(engine: Engine) -> Changes:
    """What tells this engine's readers that something changed."""
    if engine.dialect.name == "postgresql":
        return Notices(engine)
    path = engine.url.database
    if engine.dialect.name == "sqlite" and path and path != ":memory:":
        return DataVersion(path)
    return Changes()


class Changes:
    """A database this process cannot watch: the version is never known."""

    def version(self) -> Hashable | None:
        """A value that moves whenever what readers see may have changed; None if unknown."""
        return None


class DataVersion(Changes):
    """SQLite: the file's data_version, read on a connection of this process's own."""

    def __init__(self, path: str):
        self._path = path
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._pid = 0
        self._last = None
        self._moves = itertools.count()
        self._version = 0

    def version(self) -> int | None:
        """Moves when another connection has committed since the last call."""
        with self._lock:
            try:
                if self._pid != os.getpid():  # first use, or a forked worker
                    self._open()
                (value,) = self._conn.execute("PRAGMA data_version").fetchone()
            except sqlite3.Error:
                self._pid = 0  # open again next time
                return None
            if value != self._last:
                self._last = value
                self._version = next(self._moves)
            return self._version

    def _open(self) -> None:
        # mode=rw: never create the file (the engine does, at its first connection).
        self._conn = sqlite3.connect(f"file:{quote(self._path)}?mode=rw", uri=True,
                                     check_same_thread=False, isolation_level=None)
        self._pid = os.getpid()
        self._last = None  # values from another connection are not comparable


class Notices(Changes):
    """PostgreSQL: NOTIFY in every committed transaction, a listener per process to hear it."""

    def __init__(self, engine: Engine):
        self._key = engine.url.set(drivername="postgresql").render_as_string(
            hide_password=False)
        self._listener: Listener | None = None
        event.listen(engine, "commit", _notify)
        event.listen(engine, "checkin", self._checked_in)
        event.listen(engine, "engine_disposed", self._release)

    def version(self) -> int | None:
        """The listener's count of notices; None while it is not listening."""
        listener = self._listener
        if listener is None or listener.pid != os.getpid():
            listener = self._listener = _acquire(self._key)
        return listener.version()

    def _checked_in(self, _dbapi_connection, record) -> None:
        # After this process's own commit: move at once, not when the notice comes back.
        if record is not None and record.info.pop(_CHANGED, False):
            listener = _LISTENERS.get(self._key)
            if listener is not None and listener.pid == os.getpid():
                listener.move()

    def _release(self, _engine) -> None:
        # The engine's connections were closed (dispose): so is the listener, if it was the
        # last one on this database; the next version() starts it again.
        listener, self._listener = self._listener, None
        if listener is not None and listener.pid == os.getpid():
            _release(self._key, listener)


def _notify(conn) -> None:
    """Before a transaction on the engine commits: send the notice inside it."""
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        cursor.execute(f"NOTIFY {CHANNEL}")
    finally:
        cursor.close()
    conn.info[_CHANGED] = True


class Listener:
    """A thread that LISTENs on a connection of its own and counts the notices it hears."""

    def __init__(self, conninfo: str):
        self.pid = os.getpid()
        self.users = 0
        self._conninfo = conninfo
        self._moves = itertools.count(1)
        self._version = 0
        self._fd: int | None = None  # the connection's socket while listening
        self._listened = False
        self._stop = threading.Event()
        threading.Thread(target=self._run, name="personalize-changes", daemon=True).start()

    def version(self) -> int | None:
        """The current count, or None while not listening or with a notice not yet read."""
        fd = self._fd
        if fd is None:
            return None
        try:
            if select.select((fd,), (), (), 0)[0]:
                return None
        except (OSError, ValueError):  # closed meanwhile
            return None
        return self._version

    def move(self) -> None:
        """Something changed: move the version on."""
        self._version = next(self._moves)

    def stop(self) -> None:
        """Close the connection and end the thread (within WAIT seconds)."""
        self._stop.set()

    def _run(self) -> None:
        import psycopg  # only where PostgreSQL is used
        from psycopg.conninfo import conninfo_to_dict

        # named so that an operator (or a test) can find this process's listener
        settings = ({"application_name": f"{APPLICATION_NAME}{os.getpid()}"}
                    | LISTENER_SETTINGS | conninfo_to_dict(self._conninfo))
        delay = RETRY_FIRST
        while not self._stop.is_set():
            self._listened = False
            try:
                with psycopg.connect(autocommit=True, **settings) as conn:
                    self._listen(conn)
            except psycopg.Error as exc:
                log.info("change notices from PostgreSQL interrupted (%s); readers ask the "
                         "database on every request until they are back", exc)
            except Exception:  # never end the thread: readers would ask the database forever
                log.exception("change notices from PostgreSQL interrupted")
            # at once after a connection that worked, then less and less often
            delay = RETRY_FIRST if self._listened else min(delay * 2, RETRY_LONGEST)
            self._stop.wait(delay)

    def _listen(self, conn) -> None:
        """LISTEN on a new connection until it fails or the listener stops."""
        conn.add_notify_handler(lambda _notice: self.move())
        conn.execute(f"LISTEN {CHANNEL}")
        self.move()  # whatever was committed before LISTEN took effect
        self._listened = True
        self._fd = conn.fileno()
        try:
            while not self._stop.is_set():
                for _notice in conn.notifies(timeout=WAIT):
                    pass  # counted by the handler, as are those read during execute()
                conn.execute("SELECT 1")  # a quiet connection is still there
        finally:
            self._fd = None  # before the socket closes and its number is reused


# One listener per process and database, shared by every engine on it (one connection each).
_LISTENERS: dict[str, Listener] = {}
_LOCK = threading.Lock()


def _acquire(key: str) -> Listener:
    with _LOCK:
        listener = _LISTENERS.get(key)
        if listener is None or listener.pid != os.getpid():
            listener = _LISTENERS[key] = Listener(key)
        listener.users += 1
        return listener


def _release(key: str, listener: Listener) -> None:
    with _LOCK:
        listener.users -= 1
        if listener.users <= 0:
            listener.stop()
            if _LISTENERS.get(key) is listener:
                del _LISTENERS[key]
