"""The event feed: ``subscribe(db, after_event_id)`` hands new events, in order, to any
process.

* SQLite: a dedicated connection watches ``PRAGMA data_version`` (it changes when
  another connection commits; reading it costs no table access) every 25 ms and reads
  the event table only when it changed.
* PostgreSQL: ``LISTEN`` on a dedicated connection; every append sends ``NOTIFY`` at
  commit. A timeout with no notice still reads the table once, so a lost notice (a
  reconnect) delays an event by one timeout at most, never loses it.

Both read in batches of ``BATCH`` and keep reading while a batch comes back full, so a
backlog arrives whole even when nothing else commits afterwards.

``Feed.wait`` raises ``FeedUnavailable`` when the database is out of reach, closing its
own connection, and reconnects on the next call, so a screen can show "连接中断" once
and catch up when the database is back.
"""
from __future__ import annotations

import logging
import sqlite3
import time

from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from kiosk.errors import KioskError
from kiosk.queue.store.db import PG_CONNECT_ARGS, Database
from kiosk.queue.store.events import FEED_CHANNEL, FeedEvent
from kiosk.queue.store.models import Event

log = logging.getLogger(__name__)

BATCH = 500


class FeedUnavailable(KioskError):
    code = "feed_unavailable"

    def __init__(self, cause: Exception) -> None:
        super().__init__("与数据库的连接中断，正在重连…", f"event feed unavailable: {cause}")


def last_event_id(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.coalesce(func.max(Event.id), 0)))


def fetch_events(db: Database, after_id: int, limit: int = BATCH) -> list[FeedEvent]:
    with db.read() as session:
        rows = session.scalars(select(Event).where(Event.id > after_id)
                               .order_by(Event.id).limit(limit))
        return [FeedEvent.of(row) for row in rows]


class Feed:
    """Base: remembers the last id seen and reads what came after it."""

    def __init__(self, db: Database, after_event_id: int) -> None:
        self.db = db
        self.last_id = after_event_id
        #: the last read came back full: more events wait, whatever the database says
        self.backlog = False

    def _read_new(self) -> list[FeedEvent]:
        try:
            events = fetch_events(self.db, self.last_id)
        except DBAPIError as exc:
            raise FeedUnavailable(exc) from exc
        self.backlog = len(events) == BATCH
        if events:
            self.last_id = events[-1].id
        return events

    def wait(self, timeout: float) -> list[FeedEvent]:
        """New events, waiting up to ``timeout`` seconds for the first one."""
        raise NotImplementedError

    def close(self) -> None:
        pass


class SqliteFeed(Feed):
    POLL_S = 0.025

    def __init__(self, db: Database, after_event_id: int) -> None:
        super().__init__(db, after_event_id)
        self._path = make_url(db.url).database
        self._conn: sqlite3.Connection | None = None
        self._version: int | None = None

    def _data_version(self) -> int:
        if self._conn is None:
            # a plain connection that never writes: read-only opens of a WAL file
            # fail when its -shm file is missing
            self._conn = sqlite3.connect(self._path, isolation_level=None,
                                         check_same_thread=False)
        return self._conn.execute("PRAGMA data_version").fetchone()[0]

    def wait(self, timeout: float) -> list[FeedEvent]:
        deadline = time.monotonic() + timeout
        while True:
            try:
                version = self._data_version()
            except sqlite3.Error as exc:
                self.close()
                raise FeedUnavailable(exc) from exc
            if version != self._version or self.backlog:
                self._version = version
                try:
                    events = self._read_new()
                except FeedUnavailable:
                    self.close()
                    raise
                if events:
                    return events
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return []
            time.sleep(min(self.POLL_S, remaining))

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
            self._version = None


class PostgresFeed(Feed):
    def __init__(self, db: Database, after_event_id: int) -> None:
        super().__init__(db, after_event_id)
        self._conn = None

    def _listen(self):
        import psycopg

        if self._conn is None:
            url = make_url(self.db.url).set(drivername="postgresql")
            self._conn = psycopg.connect(url.render_as_string(hide_password=False),
                                         autocommit=True, **PG_CONNECT_ARGS)
            self._conn.execute(f"LISTEN {FEED_CHANNEL}")
        return self._conn

    def wait(self, timeout: float) -> list[FeedEvent]:
        import psycopg

        try:
            conn = self._listen()
            events = self._read_new()  # catch up first: anything before LISTEN
            if events:
                return events
            for _ in conn.notifies(timeout=timeout, stop_after=1):
                break
            return self._read_new()
        except FeedUnavailable:
            self.close()  # the LISTEN connection is likely dead too: never reuse it
            raise
        except psycopg.Error as exc:
            self.close()
            raise FeedUnavailable(exc) from exc

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except Exception:  # noqa: BLE001 - closing a broken connection
                log.debug("closing a broken feed connection", exc_info=True)
            self._conn = None


def subscribe(db: Database, after_event_id: int | None = None) -> Feed:
    """A feed of the events after ``after_event_id`` (default: from now on)."""
    if after_event_id is None:
        try:
            after_event_id = last_event_id(db)
        except DBAPIError as exc:
            raise FeedUnavailable(exc) from exc
    if db.backend == "postgresql":
        return PostgresFeed(db, after_event_id)
    return SqliteFeed(db, after_event_id)
