"""A deadline on every PostgreSQL round trip, so a frozen server fails an action fast.

When the server stops answering without closing its connections (the process stopped,
the machine hung, a cable pulled), TCP keepalives and ``tcp_user_timeout`` catch a
dead link, but a stopped server process whose kernel still acknowledges every packet
catches nothing: the statement would wait forever. One watchdog thread per engine
shuts down the socket of a connection whose statement, commit or ping has run past
its deadline. psycopg then raises "server closed the connection", SQLAlchemy discards
the connection, and the caller sees the connection error it already retries.

Arming costs one dict assignment per statement; the process's one watchdog thread
wakes every ``CHECK_EVERY_S``.
"""
from __future__ import annotations

import logging
import os
import socket
import threading
import time

from sqlalchemy import event
from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)

#: how long one round trip may take before the connection is cut; a window action is a
#: handful of millisecond statements, a monthly report's longest query about 2 s
DEADLINE_S = 8.0
CHECK_EVERY_S = 0.5


class Watchdog:
    """Cuts connections whose round trip passed its deadline."""

    def __init__(self, deadline_s: float = DEADLINE_S) -> None:
        self.deadline_s = deadline_s
        self._due: dict[int, tuple[float, object]] = {}  # id(dbapi conn) -> (due, conn)
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.cut_count = 0

    def arm(self, dbapi_connection) -> None:
        self._due[id(dbapi_connection)] = (time.monotonic() + self.deadline_s,
                                           dbapi_connection)
        if self._thread is None:
            self._start()

    def disarm(self, dbapi_connection) -> None:
        self._due.pop(id(dbapi_connection), None)

    def _start(self) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._watch, daemon=True,
                                                name="db-deadline")
                self._thread.start()

    def _watch(self) -> None:
        while True:
            time.sleep(CHECK_EVERY_S)
            now = time.monotonic()
            for key, (due, conn) in list(self._due.items()):
                if due <= now and self._due.get(key, (None,))[0] == due:
                    self._due.pop(key, None)
                    self._cut(conn)

    def _cut(self, dbapi_connection) -> None:
        """Shut the socket down under the blocked call (never close the fd it uses)."""
        try:
            fd = dbapi_connection.pgconn.socket
            sock = socket.socket(fileno=os.dup(fd))
        except Exception:  # noqa: BLE001 - already closed: nothing to cut
            return
        try:
            sock.shutdown(socket.SHUT_RDWR)
            self.cut_count += 1
            log.warning("database did not answer within %.0f s: connection cut",
                        self.deadline_s)
        except OSError:
            pass
        finally:
            sock.close()


_shared: Watchdog | None = None
_shared_lock = threading.Lock()


def shared_watchdog() -> Watchdog:
    """The process's one watchdog. Its thread never ends, so one per engine would
    leave a thread behind for every engine a long-lived process (or a test run) ever
    made and disposed of; one thread watches every engine's connections instead."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Watchdog()
        return _shared


def install(engine: Engine, watchdog: Watchdog | None = None) -> Watchdog:
    """Arm the watchdog around every statement, commit, rollback and pool ping."""
    watchdog = watchdog or shared_watchdog()

    @event.listens_for(engine, "before_cursor_execute")
    def _before(conn, cursor, statement, parameters, context, executemany):
        watchdog.arm(conn.connection.dbapi_connection)

    @event.listens_for(engine, "after_cursor_execute")
    def _after(conn, cursor, statement, parameters, context, executemany):
        watchdog.disarm(conn.connection.dbapi_connection)

    @event.listens_for(engine, "handle_error")
    def _failed(context):
        if context.connection is not None and not context.connection.invalidated:
            dbapi = context.connection.connection.dbapi_connection
            if dbapi is not None:
                watchdog.disarm(dbapi)

    @event.listens_for(engine, "commit")
    @event.listens_for(engine, "rollback")
    def _ending(conn):
        watchdog.arm(conn.connection.dbapi_connection)

    @event.listens_for(engine.pool, "checkin")
    def _returned(dbapi_connection, record):
        if dbapi_connection is not None:
            watchdog.disarm(dbapi_connection)

    dialect = engine.dialect
    ping = dialect.do_ping

    def do_ping(dbapi_connection):
        watchdog.arm(dbapi_connection)
        try:
            return ping(dbapi_connection)
        finally:
            watchdog.disarm(dbapi_connection)

    dialect.do_ping = do_ping
    return watchdog
