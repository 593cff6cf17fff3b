"""The database's own time, as one SQL expression an action folds into its first query.

PostgreSQL: ``clock_timestamp()``, the server's clock that every PC of the hall shares.
SQLite (one PC, one file): this PC's clock as SQLite reads it, so both backends take the
same code path; there the PC's clock is the hall clock.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from kiosk.queue.store.column_types import UTCDateTime


class server_now(FunctionElement):  # noqa: N801 - reads as the SQL function it is
    """The database's current time (not the transaction's start), UTC-aware."""

    type = UTCDateTime()
    name = "server_now"
    inherit_cache = True


@compiles(server_now, "postgresql")
def _postgresql(element, compiler, **kw) -> str:
    return "clock_timestamp()"


@compiles(server_now, "sqlite")
def _sqlite(element, compiler, **kw) -> str:
    # %f is seconds with milliseconds (SS.SSS); the 000 makes the microseconds
    # SQLAlchemy's SQLite DATETIME parser expects
    return "strftime('%Y-%m-%d %H:%M:%f000', 'now')"


_SERVER_NOW = select(server_now())


def read_server_now(session: Session) -> dt.datetime:
    """The database's time alone (before the schema exists, or without a hall)."""
    return session.scalar(_SERVER_NOW)
