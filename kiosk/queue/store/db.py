"""Opening the hall database: one code path for embedded SQLite and LAN PostgreSQL.

SQLite runs in WAL mode with a busy timeout, and every write transaction starts with
``BEGIN IMMEDIATE`` so a writer takes the lock up front: two processes writing at once
queue up instead of failing later with "database is locked". Reads start a deferred
transaction and never block writers. On PostgreSQL a read is one REPEATABLE READ,
read-only snapshot.
"""
from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from kiosk.queue.store import deadline
from kiosk.queue.store.writer_lock import WriterLock

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 30_000
# FULL: a commit is on disk before the ticket is printed, so a power cut can never hand
# out the same number twice. (NORMAL in WAL could lose the last commits.)
SQLITE_SYNCHRONOUS = "FULL"


#: fail fast when the LAN or the server goes away instead of hanging a window client:
#: keepalives find a dead idle link, ``tcp_user_timeout`` one that swallows what is
#: sent, the server's own timeouts free locks a vanished client held, and
#: ``deadline`` cuts a round trip a stopped server never answers
PG_CONNECT_ARGS = {
    "connect_timeout": 5, "keepalives": 1, "keepalives_idle": 5, "keepalives_interval": 2,
    "keepalives_count": 2, "tcp_user_timeout": 8000,
    "options": "-c lock_timeout=8000 -c idle_in_transaction_session_timeout=60000"
               " -c statement_timeout=120000",
}


def default_sqlite_url() -> str:
    from kiosk.settings import default_data_dir

    path = default_data_dir() / "hall.sqlite3"
    return sqlite_url(path)


def sqlite_url(path: Path | str) -> str:
    return "sqlite:///" + Path(path).resolve().as_posix()


def resolve_url(cli_url: str | None, machine_config: dict[str, str]) -> str:
    """The database URL from ``--db``, then ``KIOSK_DB_URL``, then the config file."""
    for candidate in (cli_url, os.environ.get("KIOSK_DB_URL"),
                      machine_config.get("database.url")):
        if candidate:
            return normalise_url(candidate)
    return default_sqlite_url()


def normalise_url(url: str) -> str:
    """Accept the URLs people type: ``postgresql://`` means psycopg 3, a bare path means
    a SQLite file."""
    if "://" not in url:
        return sqlite_url(url)
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def _sqlite_connect(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute(f"PRAGMA synchronous = {SQLITE_SYNCHRONOUS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _sqlite_begin(conn) -> None:
    mode = "DEFERRED" if conn.get_execution_options().get("kiosk_read") else "IMMEDIATE"
    conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: str, **kwargs) -> Engine:
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
                               **kwargs)
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if parsed.get_backend_name() == "postgresql":
        engine = create_engine(url, pool_pre_ping=True, connect_args=PG_CONNECT_ARGS,
                               **kwargs)
        deadline.install(engine)
        return engine
    raise ValueError(f"unsupported database {parsed.get_backend_name()!r}: "
                     "use sqlite:///path or postgresql://user@host/db")


class Rehearsed(Exception):
    """A write made under ``Database.rehearsing()`` ran to its end and was rolled back."""


class Database:
    """The engine plus the two kinds of unit of work: ``write()`` and ``read()``."""

    def __init__(self, url: str, **engine_kwargs) -> None:
        self.url = normalise_url(url)
        self.engine = make_engine(self.url, **engine_kwargs)
        self.backend = self.engine.dialect.name  # "sqlite" or "postgresql"
        self._writer = sessionmaker(self.engine, expire_on_commit=False)
        reader = self.engine.execution_options(kiosk_read=True)
        if self.backend == "postgresql":
            # one snapshot for every statement of a read (READ COMMITTED would let two
            # statements of one screen's read see different data); psycopg puts both
            # in the BEGIN, so this costs no extra round trip
            reader = reader.execution_options(isolation_level="REPEATABLE READ",
                                              postgresql_readonly=True)
        self._reader = sessionmaker(reader, expire_on_commit=False)
        path = make_url(self.url).database
        self._writer_lock = WriterLock(path) if self.backend == "sqlite" and path \
            and path != ":memory:" else None
        self._rehearsal = threading.local()

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction that changes rows: committed on success, rolled back on error.
        On SQLite writers first queue on ``writer_lock`` (no busy-handler sleeps)."""
        with self._writer_lock.held() if self._writer_lock else contextlib.nullcontext():
            with self._writer.begin() as session:
                yield session
                if getattr(self._rehearsal, "on", False):
                    raise Rehearsed  # rolled back: nothing of it was ever visible

    @contextlib.contextmanager
    def rehearsing(self) -> Iterator[None]:
        """Writes made by this thread inside the block run every statement, then roll
        back and raise ``Rehearsed`` instead of committing. An app rehearses its first
        action at start, so the first citizen does not pay for preparing its statements
        (~10 ms of CPU once per process; 60-150 ms on a busy PC)."""
        self._rehearsal.on = True
        try:
            yield
        finally:
            self._rehearsal.on = False

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A consistent read-only snapshot; never takes the write lock."""
        with self._reader.begin() as session:
            yield session
            session.rollback()

    def dispose(self) -> None:
        self.engine.dispose()
        if self._writer_lock is not None:
            self._writer_lock.close()

    def __repr__(self) -> str:
        return f"Database({make_url(self.url).render_as_string(hide_password=True)!r})"
